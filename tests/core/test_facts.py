"""Each fact a rule may test is declared once (`core.facts.FACTS`): what the checker computes,
what a rule pack is checked against, and what docs/rule-packs.md lists all come from it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pkdesk.core.facts import (
    FACTS, FIELDS, SCOPES, Seen, facts_markdown, indicator_items, loop_of, plan_facts,
)
from pkdesk.core.plan.file import read_plan_file
from pkdesk.core.plan.model import Party, Plan, Strategy

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "rule-packs.md"
BEGIN, END = "<!-- facts: begin (generated) -->\n", "<!-- facts: end -->"


def _plans() -> list[Plan]:
    plans = [read_plan_file(p) for p in sorted((ROOT / "examples").glob("*.pkplan.json"))]
    odd = read_plan_file(sorted((ROOT / "examples").glob("*.pkplan.json"))[0])
    odd.title = "odd parties and strategies"
    odd.parties = [Party("A", "state", "granted", True), Party("B", "non_state", "withdrawn", False)]
    odd.strategies = [Strategy("mediation", ["A", "Ghost", "A"], lead=" A "),
                      Strategy("shuttle_diplomacy", [], lead="")]
    return plans + [odd]


def test_the_docs_list_exactly_the_declared_facts() -> None:
    text = DOC.read_text(encoding="utf-8")
    listed = text[text.index(BEGIN) + len(BEGIN):text.index(END)]
    assert listed == facts_markdown(), (
        "docs/rule-packs.md's fact tables differ from core/facts.py FACTS; paste "
        "facts_markdown() between the facts markers")


def test_every_fact_is_listed_once_with_a_known_scope_and_kind() -> None:
    assert len(FIELDS) == len(FACTS)
    for fact in FACTS:
        assert fact.scope in SCOPES and fact.kind in ("text", "int", "bool", "set"), fact.name
        assert fact.doc, f"{fact.name}: say what it is"
        assert fact.name.startswith(f"{fact.scope}.") == (fact.scope != "plan"), fact.name


def _is_kind(value: Any, kind: str) -> bool:
    return {"text": isinstance(value, str), "bool": isinstance(value, bool),
            "int": value is None or (isinstance(value, int) and not isinstance(value, bool)),
            "set": isinstance(value, frozenset) and all(isinstance(v, str) for v in value)}[kind]


@pytest.mark.parametrize("plan", _plans(), ids=lambda p: p.title[:30])
def test_what_the_checker_computes_is_each_fact_as_declared(plan: Plan) -> None:
    today = date(2026, 1, 15)
    facts = plan_facts(plan, today)
    names = frozenset(p.name for p in plan.parties)
    kinds: dict[str, frozenset[str]] = {}
    for s in plan.strategies:
        for name in names & set(s.parties):
            kinds[name] = kinds.get(name, frozenset()) | {s.kind}
    seen = Seen(names, kinds, frozenset(p.name for p in plan.parties if p.role == "listed_group"),
                frozenset(plan.mandate.directed_against), loop_of(plan, today))
    objectives = plan.performance.objectives
    indicators = indicator_items(plan, today)
    items = {"plan": [(plan, 0, facts)],
             "party": [(p, n, f) for n, (p, f) in enumerate(zip(plan.parties, facts["_parties"]), 1)],
             "strategy": [(s, n, f) for n, (s, f) in
                          enumerate(zip(plan.strategies, facts["_strategies"]), 1)],
             "objective": [(o, n, f) for n, (o, f) in
                           enumerate(zip(objectives, facts["_objectives"]), 1)],
             "indicator": [(i, n, f) for n, (i, f) in
                           enumerate(zip(indicators, facts["_indicators"]), 1)]}
    assert len(facts["_objectives"]) == len(objectives)
    assert len(facts["_indicators"]) == sum(len(o.indicators) for o in objectives)
    assert len(facts["_parties"]) == len(plan.parties)
    assert len(facts["_strategies"]) == len(plan.strategies)
    for fact in FACTS:
        for subject, number, computed in items[fact.scope]:
            value = computed[fact.name]
            assert value == fact.compute(subject, number, seen), fact.name
            assert _is_kind(value, fact.kind), (fact.name, value)
            if fact.allowed and value is not None:
                members = value if fact.kind == "set" else {value}
                assert set(members) <= set(fact.allowed), (fact.name, value)
    assert set(facts) - {"_parties", "_strategies", "_objectives", "_indicators"} == {f.name for f in FACTS if f.scope == "plan"}


def test_the_odd_plan_counts_names_once_and_trims_the_lead() -> None:
    facts = plan_facts(_plans()[-1])
    first, second = facts["_strategies"]
    assert (first["strategy.party_count"], first["strategy.unknown_parties"]) == (2, {"Ghost"})
    assert first["strategy.lead_is_party"] is True and second["strategy.lead_is_party"] is False
    assert facts["engaged_parties"] == {"A"} and facts["_parties"][1]["party.engaged"] is False
