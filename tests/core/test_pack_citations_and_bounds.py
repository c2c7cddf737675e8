"""Rule packs are input too (issue 9, items 12-14): citations verified against the shipped
reference at load, messages one line, and the work a pack may ask for bounded."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from pkdesk.core.checker import check
from pkdesk.core.errors import InputError
from pkdesk.core.plan.model import Party, Plan, Strategy
from pkdesk.core.plan.file import MAX_PARTIES, MAX_STRATEGIES
from pkdesk.core.rule_budget import MAX_CHECK_WORK, MAX_CONDITION_NODES
from pkdesk.core.rule_citations import shipped_reference
from pkdesk.core.rules import (
    default_rule_pack, default_rule_pack_path, parse_rule_pack, rule_pack_from_dict,
)
from tests.core.test_rules import minimal_rule


def refused(doc: dict[str, Any]) -> str:
    with pytest.raises(InputError) as err:
        parse_rule_pack(json.dumps(doc).encode(), "org.json")
    message = str(err.value)
    assert "\n" not in message and "\x1b" not in message
    return message


@pytest.mark.parametrize("node", ["../../etc/passwd", "principles.nope", "/etc/passwd"])
def test_a_citation_of_a_node_not_in_the_reference_is_refused(node: str) -> None:
    message = refused(minimal_rule(cites=[{"node": node, "quote": "Consent"}]))
    assert message.startswith(f"org.json: rules[0] (TEST-001).cites[0].node: no reference "
                              f"node {node!r}")


def test_a_made_up_quote_is_refused_with_the_first_differing_words() -> None:
    message = refused(minimal_rule(cites=[{"node": "principles.consent",
                                           "quote": "Totally fabricated words nobody wrote."}]))
    assert message == ("org.json: rules[0] (TEST-001).cites[0].quote: not verbatim in reference "
                       "node principles.consent; its first words are not in the node's text: "
                       "'Totally fabricated words nobody wrote.'")


def test_a_quote_that_starts_right_and_drifts_names_where() -> None:
    text = shipped_reference()["principles.consent"]
    words = text.split(" ")[:5]
    quote = " ".join(words) + " and then something invented"
    message = refused(minimal_rule(cites=[{"node": "principles.consent", "quote": quote}]))
    assert message.endswith(f"the first 5 words match; it differs from: "
                            f"'and then something invented'")


def test_the_shipped_pack_loads_with_every_quote_verbatim() -> None:
    doc = json.loads(default_rule_pack_path().read_bytes())
    pack = rule_pack_from_dict(doc)
    texts = shipped_reference()
    assert all(c.quote in texts[c.node] for r in pack.rules for c in r.cites)
    assert len(pack.rules) == len(default_rule_pack().rules) >= 30


@pytest.mark.parametrize("key", ["message", "instead"])
def test_a_one_line_text_cannot_forge_findings(key: str) -> None:
    message = refused(minimal_rule(**{key: "ok\rFAKE-001  blocker  consent"}))
    assert f".{key}: control character U+000D" in message


def test_a_non_finite_number_in_a_pack_is_refused() -> None:
    raw = json.dumps(minimal_rule()).replace('"version": 1', '"version": 1, "x": 1e400')
    with pytest.raises(InputError, match=r"^org.json: not a pkdesk rule pack \(1e400 is not a "
                                         r"finite number\)$"):
        parse_rule_pack(raw.encode(), "org.json")


def test_a_condition_too_large_is_refused_at_load() -> None:
    values = ["granted"] * MAX_CONDITION_NODES
    message = refused(minimal_rule(condition={"field": "host_consent", "in": values}))
    assert f"condition: more than {MAX_CONDITION_NODES} nodes" in message
    deep: dict[str, Any] = {"field": "host_consent", "eq": "pending"}
    for _ in range(12):     # 4,096 leaves: a 200 KB file, within the 40 levels of JSON
        deep = {"all": [deep, deep]}
    assert "more than" in refused(minimal_rule(condition=deep))


def per_strategy_pack(rules: int) -> Any:
    doc = minimal_rule(for_each="strategy", condition={"field": "strategy.kind", "eq": "mediation"},
                       message="Strategy {strategy.kind} here.")
    doc["rules"] = [dict(doc["rules"][0], id=f"R-{i:03d}") for i in range(rules)]
    return rule_pack_from_dict(doc)


def big_plan(parties: int, strategies: int) -> Plan:
    return Plan(title="big", parties=[Party(name=f"P{i}") for i in range(parties)],
                strategies=[Strategy(kind="mediation", parties=["P0"])
                            for _ in range(strategies)])


def test_a_pack_asking_for_too_much_work_on_a_plan_is_refused_at_check_time() -> None:
    """1,000 per-strategy rules on 2,000 strategies ran for over 300 s and took ~1 GB."""
    pack = per_strategy_pack(1000)
    started = time.perf_counter()
    with pytest.raises(InputError) as err:
        check(big_plan(10, MAX_STRATEGIES), pack)
    assert time.perf_counter() - started < 5
    assert str(err.value) == (
        "rule pack 'test': checking a plan of 10 parties and 2000 strategies would evaluate "
        f"about 8,000,000 conditions; at most {MAX_CHECK_WORK:,} are allowed (heaviest rule: "
        "R-000); use fewer per-party or per-strategy rules, or smaller conditions")
    # The same pack on a small plan is within bounds, and its repeated texts are shared.
    result = check(big_plan(2, 20), pack)
    assert len(result.findings) == 20_000
    assert len({id(f.message) for f in result.findings}) == 1


def test_the_shipped_pack_checks_the_largest_plan_the_format_allows() -> None:
    plan = big_plan(MAX_PARTIES, MAX_STRATEGIES)
    assert sum(r.work(MAX_PARTIES, MAX_STRATEGIES) for r in default_rule_pack().rules) \
        < MAX_CHECK_WORK // 10
    assert check(plan).verdict in ("sound", "needs_attention", "blocked")
