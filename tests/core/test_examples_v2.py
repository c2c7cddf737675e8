"""The format 2 examples (outlines of real missions): each field at work, and what the
checker finds in each, finding by finding."""

from __future__ import annotations

import json

import pytest

from pkdesk.core.checker import check
from pkdesk.core.plan.file import plan_to_dict
from pkdesk.core.plan.model import Plan
from tests.core.plan_samples import EXAMPLES, example

V2_EXAMPLES = ("monusco-fib-2013", "undof-1974", "somalia-1993", "minusma-2023")

EXPECTED: dict[str, tuple[str, list[tuple[str, str | None]]]] = {
    # Listed groups are a threat to plan for (FORCE-004), never asked for consent; the
    # mandate against M23 is an impartiality matter; the thinnest site at high threat, the
    # FARDC beside the mission and the caveats are findings; the gap of 10% is advice.
    "monusco-fib-2013": ("needs_attention", [
        ("IMPARTIALITY-004", None), ("IMPARTIALITY-005", "party:M23"),
        ("FORCE-004", "party:M23"), ("FORCE-004", "party:FDLR"),
        ("FORCE-005", "party:Mai-Mai Cheka"), ("INCLUSIVITY-001", "party:Mai-Mai Cheka"),
        ("RESOURCES-011", None), ("RESOURCES-013", None),
        ("CONSENT-004", "party:Mai-Mai Cheka"), ("RESOURCES-003", None),
        ("RESOURCES-007", None)]),
    # An interstate observer force, military only, is not faulted for it.
    "undof-1974": ("sound", []),
    # No government to give consent: the consent advice is what can be done (CONSENT-007),
    # not "secure full consent"; forces outside UN command and caveats are findings.
    "somalia-1993": ("needs_attention", [
        ("CONSENT-007", None), ("CONSENT-006", "party:Clan elders of Mogadishu"),
        ("IMPARTIALITY-004", None), ("IMPARTIALITY-005", "party:Somali National Alliance"),
        ("FORCE-005", "party:Somali National Alliance"), ("MANDATE-004", None),
        ("INCLUSIVITY-001", "party:Clan elders of Mogadishu"), ("RESOURCES-009", None),
        ("RESOURCES-011", None), ("ADAPTABILITY-003", None)]),
    # A withdrawal the host demanded is not blocked for lack of consent (CONSENT-010 asks
    # for agreed terms); a site with people and no personnel at critical threat is.
    "minusma-2023": ("blocked", [
        ("RESOURCES-012", None), ("CONSENT-010", None),
        ("CONSENT-009", "party:Transitional authorities of Mali"),
        ("CONSENT-006", "party:Coordination des mouvements de l'Azawad"),
        ("IMPARTIALITY-004", None), ("FORCE-003", None), ("FORCE-004", "party:JNIM"),
        ("FORCE-004", "party:Islamic State Sahel"), ("ADAPTABILITY-004", None),
        ("RESOURCES-003", None)]),
}


@pytest.mark.parametrize("name", V2_EXAMPLES)
def test_each_format_2_example_gives_its_findings(name: str) -> None:
    verdict, expected = EXPECTED[name]
    result = check(example(name))
    assert [(f.rule, f.subject) for f in result.findings] == expected
    assert result.verdict == verdict


@pytest.mark.parametrize("name", V2_EXAMPLES)
def test_the_format_2_examples_are_written_as_version_2(name: str) -> None:
    raw = json.loads((EXAMPLES / f"{name}.pkplan.json").read_text(encoding="utf-8"))
    assert raw["version"] == 2
    assert plan_to_dict(example(name)) == raw


def test_together_the_examples_use_every_format_2_field() -> None:
    plans: list[Plan] = [example(n) for n in V2_EXAMPLES]
    assert {p.phase for p in plans} >= {"start_up", "deployed", "crisis", "drawdown"}
    assert {p.host_authority for p in plans} >= {"functioning", "contested", "collapsed"}
    roles = {party.role for p in plans for party in p.parties}
    assert roles >= {"host_government", "signatory", "spoiler", "listed_group",
                     "external_backer", "other"}
    assert any(party.consent_conditions for p in plans for party in p.parties)
    assert any(p.mandate.directed_against for p in plans)
    assert all(p.mandate.end_state for p in plans if p.title.startswith(("Stab", "Disen")))
    assert any(b.due for p in plans for b in p.mandate.benchmarks)
    assert {p.protection.threat_level for p in plans} >= {"low", "high", "critical"}
    assert any(p.protection.civilians_at_risk for p in plans)
    assert any(s.personnel == 0 for p in plans for s in p.protection.sites)
    assert any(not f.under_mission_command for p in plans for f in p.command.parallel_forces)
    assert any(p.command.caveats for p in plans)
    assert {p.resources.funding_source for p in plans} >= {"assessed"}
    assert example("unoci-2004").host_consent == "granted"       # the sound format 2 example
    assert example("unoci-2004").resources.funding_source == "assessed"
