"""Generated plans and documents: the importer and the checker never crash.

The only exception allowed out of ``parse_plan`` is ``InputError``; any plan it returns
checks without error and survives a write/read round trip unchanged.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pkdesk.core.checker import check
from pkdesk.core.errors import InputError
from pkdesk.core.plan.model import (
    COMMAND_ARRANGEMENTS, COMPONENTS, CONSENTS, CONTEXTS, EQUIPMENT_LEVELS, FUNDING_LEVELS,
    FUNDING_SOURCES, HOST_AUTHORITIES, OBJECTIVES, PARTY_CONSENTS, PARTY_KINDS, PARTY_ROLES,
    PHASES, STRATEGY_KINDS, THREAT_LEVELS, USES_OF_FORCE,
)
from pkdesk.core.plan.file import dumps_plan, parse_plan, plan_from_dict, plan_to_dict

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

json_scalars = st.none() | st.booleans() | st.integers(-10**6, 10**6) | \
    st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=20)


def sometimes(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly valid values, now and then anything at all."""
    return st.one_of(valid, valid, valid, json_values)


def enum(values: tuple[str, ...]) -> st.SearchStrategy[Any]:
    return sometimes(st.sampled_from(values))


names = st.sampled_from(["Gov", "Rebels", "Militia", "<b>x</b>", "Élus"]) | st.text(max_size=30)

party = st.fixed_dictionaries({"name": sometimes(names)}, optional={
    "kind": enum(PARTY_KINDS), "consent": enum(PARTY_CONSENTS),
    "direct_talks": sometimes(st.booleans()),
    # version 2
    "role": enum(PARTY_ROLES), "consent_conditions": sometimes(st.text(max_size=30))})
counts = sometimes(st.integers(0, 100_000))
site = st.fixed_dictionaries({"name": sometimes(names)}, optional={
    "population": counts, "personnel": counts})
strategy = st.fixed_dictionaries({"kind": enum(STRATEGY_KINDS)}, optional={
    "parties": sometimes(st.lists(names, max_size=4)), "lead": sometimes(names),
    "notes": sometimes(st.text(max_size=40))})
plan_body = st.fixed_dictionaries({"title": sometimes(st.text(min_size=1, max_size=40))}, optional={
    "uid": sometimes(st.from_regex(r"[a-z0-9]{1,20}", fullmatch=True)),
    "host_country": sometimes(st.text(max_size=20)),
    "context": enum(CONTEXTS),
    "authorization": sometimes(st.fixed_dictionaries({}, optional={
        "body": st.text(max_size=20), "reference": st.text(max_size=20)})),
    "mandate": sometimes(st.fixed_dictionaries({}, optional={
        "summary": st.text(max_size=80), "objectives": st.lists(enum(OBJECTIVES), max_size=4),
        "review_months": sometimes(st.none() | st.integers(1, 120)),
        "directed_against": sometimes(st.lists(names, max_size=3)),
        "end_state": sometimes(st.text(max_size=30)),
        "benchmarks": sometimes(st.lists(st.fixed_dictionaries(
            {"text": sometimes(st.text(min_size=1, max_size=20))},
            optional={"due": sometimes(st.from_regex(r"[0-9]{4}-[0-9]{2}", fullmatch=True))}),
            max_size=3))})),
    "phase": enum(PHASES),
    "host_authority": enum(HOST_AUTHORITIES),
    "host_consent_conditions": sometimes(st.text(max_size=30)),
    "protection": sometimes(st.fixed_dictionaries({}, optional={
        "threat_level": enum(THREAT_LEVELS), "civilians_at_risk": sometimes(st.none() | counts),
        "sites": sometimes(st.lists(site, max_size=4))})),
    "command": sometimes(st.fixed_dictionaries({}, optional={
        "arrangement": enum(COMMAND_ARRANGEMENTS),
        "parallel_forces": sometimes(st.lists(st.fixed_dictionaries(
            {"name": sometimes(names)},
            optional={"under_mission_command": sometimes(st.booleans())}), max_size=3)),
        "caveats": sometimes(st.lists(st.fixed_dictionaries(
            {"contributor": sometimes(names)},
            optional={"restriction": sometimes(st.text(max_size=20))}), max_size=3))})),
    "host_consent": enum(CONSENTS),
    "parties": sometimes(st.lists(party, max_size=6)),
    "use_of_force": enum(USES_OF_FORCE),
    "strategies": sometimes(st.lists(strategy, max_size=8)),
    "components": sometimes(st.lists(st.sampled_from(COMPONENTS), max_size=4)),
    "resources": sometimes(st.fixed_dictionaries({}, optional={
        "personnel": sometimes(st.integers(0, 50_000)), "equipment": enum(EQUIPMENT_LEVELS),
        "funding": enum(FUNDING_LEVELS), "funding_source": enum(FUNDING_SOURCES),
        "personnel_required": sometimes(st.none() | st.integers(0, 60_000))})),
    "partners": sometimes(st.lists(st.text(min_size=1, max_size=10), max_size=3)),
    "community_engagement": sometimes(st.text(max_size=40)),
    "climate_risks": sometimes(st.text(max_size=40)),
    "acknowledgements": sometimes(st.lists(st.fixed_dictionaries(
        {"rule": st.sampled_from(["CONSENT-001", "CLIMATE-001", "IMPARTIALITY-001"]),
         "reason": st.text(max_size=10)},
        optional={"subject": st.none() | st.sampled_from(["party:Gov", "party:Rebels",
                                                          "strategy:mediation#1"])
                  | st.text(max_size=12)}), max_size=3)),
    "lineage": sometimes(st.none() | st.fixed_dictionaries(
        {"parent": st.from_regex(r"[a-f0-9]{8}", fullmatch=True)})),
    "x-extra": json_values,
})
documents = st.fixed_dictionaries({"format": sometimes(st.just("pkdesk.plan")),
                                   "version": sometimes(st.sampled_from([1, 2])),
                                   "plan": sometimes(plan_body)})


def import_and_check(data: bytes) -> None:
    try:
        plan = parse_plan(data, "fuzz.pkplan.json")
    except InputError as exc:
        assert str(exc).startswith("fuzz.pkplan.json: ") and "\n" not in str(exc)
        return
    result = check(plan)
    assert result.verdict in ("blocked", "needs_attention", "sound")
    for finding in result.findings:
        assert finding.message and finding.cites
    assert parse_plan(dumps_plan(plan).encode("utf-8")) == plan
    assert plan_from_dict(plan_to_dict(plan)) == plan
    assert plan_to_dict(plan)["version"] == (2 if plan.uses_format_2() else 1)


@SETTINGS
@given(documents)
def test_generated_documents_import_or_fail_cleanly(doc: dict[str, Any]) -> None:
    import_and_check(json.dumps(doc, ensure_ascii=False).encode("utf-8"))


@SETTINGS
@given(json_values)
def test_arbitrary_json_never_crashes_the_importer(value: Any) -> None:
    import_and_check(json.dumps(value).encode("utf-8"))


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_importer(data: bytes) -> None:
    import_and_check(data)


@SETTINGS
@given(plan_body.filter(lambda b: isinstance(b.get("title"), str) and b["title"].strip()))
def test_valid_parties_and_strategies_always_check(body: dict[str, Any]) -> None:
    import_and_check(json.dumps({"format": "pkdesk.plan", "version": 2, "plan": body}).encode())
