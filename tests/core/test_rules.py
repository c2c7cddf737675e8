"""Rule packs and the condition language: citations verbatim, every mistake a one-line error."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from pkdesk.core.checker import check
from pkdesk.core.conditions import compile_condition
from pkdesk.core.errors import InputError
from pkdesk.core.facts import plan_facts
from pkdesk.core.plan.model import Party, Plan, Strategy
from pkdesk.core.reference import load_corpus
from pkdesk.core.rules import (
    citation_problems, default_rule_pack, default_rule_pack_path, load_rule_pack,
    parse_rule_pack, rule_pack_from_dict,
)
from pkdesk.paths import resources_dir

CORPUS = resources_dir() / "reference" / "peacekeeping-and-diplomacy.json"


def test_every_citation_quotes_its_node_verbatim() -> None:
    corpus = load_corpus(CORPUS)
    nodes = corpus.by_id()
    pack = default_rule_pack()
    assert citation_problems(pack, corpus) == []
    for rule in pack.rules:
        assert rule.cites
        for cite in rule.cites:
            assert cite.quote in nodes[cite.node].text, (rule.id, cite.node)


def test_citation_problems_reports_a_wrong_quote_and_an_unknown_node() -> None:
    doc = json.loads(default_rule_pack_path().read_bytes())
    doc["rules"][0]["cites"] = [{"node": "principles.consent", "quote": "Consent is optional."},
                                {"node": "no-such-node", "quote": "x"}]
    texts = {n.id: n.text for n in load_corpus(CORPUS).nodes}
    texts["no-such-node"] = "x"     # loads: citation_problems checks against the real corpus
    texts["principles.consent"] += " Consent is optional."
    problems = citation_problems(rule_pack_from_dict(doc, texts), load_corpus(CORPUS))
    assert problems == ["CONSENT-001: quote not found verbatim in principles.consent: "
                        "'Consent is optional.'",
                        "CONSENT-001: unknown reference node 'no-such-node'"]


def test_default_pack_is_loaded_once() -> None:
    assert default_rule_pack() is default_rule_pack()
    assert len(default_rule_pack().rules) >= 30


def minimal_rule(**changes: Any) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": "TEST-001", "principle": "consent", "severity": "warning",
        "condition": {"field": "host_consent", "eq": "pending"},
        "message": "Consent is {host_consent}.", "instead": "Ask.",
        "cites": [{"node": "principles.consent", "quote": "Consent"}]}
    rule.update(changes)
    return {"format": "pkdesk.rules", "version": 1, "name": "test", "rules": [rule]}


def pack_of(**changes: Any) -> Any:
    return rule_pack_from_dict(minimal_rule(**changes))


@pytest.mark.parametrize(("changes", "message"), [
    ({"id": "consent-1"}, "rules[0].id: expected an id like CONSENT-001"),
    ({"principle": "goodwill"}, "rules[0] (TEST-001).principle: expected one of consent, "
     "impartiality"),
    ({"severity": "fatal"}, "severity: expected one of blocker, warning, advice"),
    ({"for_each": "partner"}, "for_each: expected party, strategy, objective or indicator"),
    ({"colour": "red"}, "unknown field 'colour'"),
    ({"message": ""}, "message: expected non-empty text"),
    ({"message": "About {party.name}"}, "message: field 'party.name' exists only for each party"),
    ({"instead": "Ask {nobody}."}, "instead: unknown field 'nobody'"),
    ({"cites": []}, "cites: expected at least one citation"),
    ({"cites": [{"node": "x"}]}, 'cites[0]: expected {"node": id, "quote": text}'),
    ({"condition": None}, "condition: expected a condition object"),
    ({"condition": {"field": "host_consent", "in": ["withheld", "withdrawm"]}},
     "condition.in[1]: expected one of granted, conditional, pending, withheld, withdrawn "
     "(got 'withdrawm')"),
    ({"condition": {"field": "hostconsent", "eq": "x"}}, "condition.field: unknown field"),
    ({"condition": {"field": "host_consent"}}, "expected exactly one operator"),
    ({"condition": {"field": "host_consent", "eq": "pending", "ne": "granted"}},
     "expected exactly one operator"),
    ({"condition": {"field": "host_consent", "lt": 3}}, "condition.lt: host_consent is not a number"),
    ({"condition": {"field": "resources.personnel", "lt": "many"}}, "is not a valid int value"),
    ({"condition": {"field": "components", "eq": "military"}}, "components is a list; use contains"),
    ({"condition": {"field": "host_consent", "contains": "x"}}, "host_consent is not a list"),
    ({"condition": {"field": "party.kind", "eq": "state"}}, "exists only for each party"),
    ({"condition": {"all": []}}, "condition.all: expected a non-empty list"),
    ({"condition": {"exec": "import os"}}, "condition: unknown operator 'exec'"),
    ({"condition": {"any_party": {"any_party": {"field": "party.kind", "eq": "state"}}}},
     "quantifiers cannot be nested"),
    ({"condition": {"count": "parties", "ge": 2}}, "condition.count: unknown field 'parties'"),
    ({"condition": {"count": "host_consent", "ge": 2}}, "host_consent is not a list"),
    ({"condition": {"count": "partners", "ge": "2"}}, "expected a whole number"),
    ({"condition": {"field": "party.direct_talks", "eq": "no"}, "for_each": "party"},
     "is not a valid bool value"),
])
def test_pack_mistakes_are_one_line_errors_naming_the_rule(changes: dict[str, Any],
                                                          message: str) -> None:
    with pytest.raises(InputError) as err:
        pack_of(**changes)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_duplicate_ids_and_wrong_headers_are_refused() -> None:
    doc = minimal_rule()
    doc["rules"].append(copy.deepcopy(doc["rules"][0]))
    with pytest.raises(InputError, match="rules\\[1\\].id: duplicate rule id TEST-001"):
        rule_pack_from_dict(doc)
    with pytest.raises(InputError, match="format"):
        rule_pack_from_dict({**minimal_rule(), "format": "x"})
    with pytest.raises(InputError, match="version"):
        rule_pack_from_dict({**minimal_rule(), "version": 2})
    with pytest.raises(InputError, match="non-empty list of rules"):
        rule_pack_from_dict({**minimal_rule(), "rules": []})


def test_hostile_pack_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="^r.json: nested more than 40 levels deep"):
        parse_rule_pack(b"[" * 10_000, "r.json")
    with pytest.raises(InputError, match="^r.json: not a pkdesk rule pack"):
        parse_rule_pack(b"<rules/>", "r.json")
    with pytest.raises(InputError, match="cannot read rule pack"):
        load_rule_pack(tmp_path / "missing.json")


def test_a_custom_pack_file_is_used_by_the_checker(tmp_path: Path) -> None:
    path = tmp_path / "org.json"
    path.write_text(json.dumps(minimal_rule()))
    result = check(Plan(title="x", host_consent="pending"), load_rule_pack(path))
    assert [(f.rule, f.message) for f in result.findings] == [("TEST-001", "Consent is pending.")]


def run(cond: dict[str, Any], plan: Plan, scope: str = "plan") -> list[bool]:
    predicate = compile_condition(cond, scope, "c")
    facts = plan_facts(plan)
    if scope == "plan":
        return [predicate(facts, None)]
    return [predicate(facts, item) for item in facts["_parties" if scope == "party"
                                                      else "_strategies"]]


PLAN = Plan(title="t", parties=[Party("A", "state", "granted", True),
                                Party("B", "non_state", "withheld", False)],
            strategies=[Strategy("mediation", ["A", "B"], lead="AU"),
                        Strategy("advocacy", ["A", "C"], lead="A")],
            components=["military", "civilian"], partners=["AU"])


@pytest.mark.parametrize(("cond", "expected"), [
    ({"field": "party_count", "eq": 2}, True),
    ({"field": "strategy_kinds", "contains": "mediation"}, True),
    ({"field": "strategy_kinds", "contains_all": ["mediation", "advocacy"]}, True),
    ({"field": "strategy_kinds", "contains_any": ["multi_track", "shuttle_diplomacy"]}, False),
    ({"field": "components", "contains_none": ["police"]}, True),
    ({"field": "engaged_parties", "contains": "B"}, True),
    ({"field": "mandate.review_months", "gt": 1}, False),   # null compares as false
    ({"field": "mandate.review_months", "empty": True}, True),
    ({"field": "notes", "empty": False}, False),
    ({"field": "host_consent", "not_in": ["granted"]}, True),
    ({"count": "partners", "eq": 1}, True),
    ({"not": {"count": "partners", "eq": 1}}, False),
    ({"any": [{"field": "title", "eq": "x"}, {"field": "title", "ne": "x"}]}, True),
    ({"all": [{"field": "title", "eq": "t"}, {"field": "context", "eq": "other"}]}, True),
    ({"any_party": {"field": "party.consent", "eq": "withheld"}}, True),
    ({"all_parties": {"field": "party.engaged", "eq": True}}, True),
    ({"no_party": {"field": "party.kind", "eq": "non_state"}}, False),
    ({"any_strategy": {"field": "strategy.unknown_parties", "contains": "C"}}, True),
    ({"all_strategies": {"field": "strategy.lead_is_party", "eq": True}}, False),
    ({"no_strategy": {"field": "strategy.kind", "eq": "multi_track"}}, True),
])
def test_plan_level_conditions(cond: dict[str, Any], expected: bool) -> None:
    assert run(cond, PLAN) == [expected]


def test_per_party_and_per_strategy_facts() -> None:
    assert run({"field": "party.strategy_kinds", "contains": "advocacy"}, PLAN, "party") == \
        [True, False]
    assert run({"field": "party.direct_talks", "eq": False}, PLAN, "party") == [False, True]
    assert run({"field": "strategy.lead_is_party", "eq": True}, PLAN, "strategy") == [False, True]
    assert run({"field": "strategy.party_count", "ge": 2}, PLAN, "strategy") == [True, True]
    assert run({"field": "title", "eq": "t"}, PLAN, "party") == [True, True]
