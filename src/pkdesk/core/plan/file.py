"""The plan exchange format (``.pkplan.json``, versions 1, 2 and 3): read, validate, write.

Version 2 adds optional fields (phase, host authority, party roles, protection, command...);
a plan that uses none of them is written as version 1, so an older pkdesk still reads it.
Version 3 adds ``performance`` (worded objectives, indicators, field data, reviews;
``performance_file``); it is written only when a plan has any, with every version 2 field.

The public contract is ``docs/plan-format.md``. Every value from a file is checked here and
a problem raises ``InputError`` naming the field (``plan.parties[2].consent``) and what was
expected. Unknown fields at plan level are kept in ``Plan.extra`` and written back; unknown
fields anywhere else are reported, so nothing is ever dropped silently.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pkdesk.core.atomic_file import write_atomically
from pkdesk.core.acknowledgements import MAX_SUBJECT_CHARS, subject_problem
from pkdesk.core.errors import InputError
from pkdesk.core.documents import DocumentKind, shown
from pkdesk.core.plan.model import (
    COMMAND_ARRANGEMENTS, COMPONENTS, CONSENTS, CONTEXTS, EQUIPMENT_LEVELS, FUNDING_LEVELS,
    FUNDING_SOURCES, HOST_AUTHORITIES, OBJECTIVES, PARTY_CONSENTS, PARTY_KINDS, PARTY_ROLES,
    PHASES, STRATEGY_KINDS, THREAT_LEVELS, USES_OF_FORCE, Acknowledgement, Authorization,
    Benchmark, Caveat, Command, Lineage, Mandate, ParallelForce, Party, Plan, Protection,
    ProtectionSite, Resources, Strategy, new_uid,
)
from pkdesk.core.plan.values import NAME_CHARS as NAME_CHARS, TEXT_CHARS as TEXT_CHARS
from pkdesk.core.plan.performance_file import performance_dict, performance_from
from pkdesk.core.plan.values import Obj, check_uid

FORMAT = "pkdesk.plan"
VERSION = 3             # the newest version read and written; versions 1 and 2 are read too,
OLDEST_VERSION = 1      # and written when a plan needs nothing newer
VERSION_2 = 2
FILE_SUFFIX = ".pkplan.json"
MAX_PLAN_BYTES = 5 * 2**20
MAX_DEPTH = 64

# Longest accepted lists (and text: NAME_CHARS, TEXT_CHARS in ``values``): generous for real
# plans, small enough that a hostile file cannot make the app or the database crawl.
MAX_PARTIES = 500
MAX_STRATEGIES = 2_000
MAX_ITEMS = 500
MAX_PERSONNEL = 10_000_000
MAX_REVIEW_MONTHS = 120
MAX_POPULATION = 100_000_000
_DUE = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")

PLAN_KEYS = ("title", "uid", "host_country", "context", "authorization", "mandate",
             "host_consent", "parties", "use_of_force", "strategies", "components", "resources",
             "partners", "community_engagement", "climate_risks", "notes", "acknowledgements",
             "lineage",
             # version 2
             "host_consent_conditions", "phase", "host_authority", "protection", "command",
             # version 3
             "performance")


PLAN_FILE = DocumentKind(FORMAT, VERSION, "plan file", MAX_PLAN_BYTES, MAX_DEPTH,
                         fields=("format", "version", "plan"), oldest_version=OLDEST_VERSION)


def parse_plan(raw: bytes, name: str = "plan", file_size: int | None = None) -> Plan:
    """A plan from a file's bytes; ``name`` (usually the file name) starts every message;
    ``file_size`` as for ``load_bounded_json`` (the real size of a file read only in part)."""
    return PLAN_FILE.parse(raw, name, plan_from_dict, file_size)


def read_plan_file(path: Path) -> Plan:
    return PLAN_FILE.load(path, plan_from_dict)


def plan_from_dict(doc: Any, *, repair_text: bool = False) -> Plan:
    """A plan from a parsed document (``plan_to_dict`` output or a file's JSON), validated.

    ``repair_text``: control characters in text become spaces instead of being refused; for
    plans stored before this version refused them (files are always read strictly)."""
    doc = PLAN_FILE.header(doc)
    if "plan" not in doc:
        raise InputError("plan: missing")
    return _plan(Obj(doc["plan"], "plan", repair=repair_text))


def _plan(o: Obj) -> Plan:
    title = o.text("title", NAME_CHARS, required=True)
    uid = o.get("uid")
    plan = Plan(
        title=title,
        uid=check_uid(uid, o.where("uid")) if uid is not None else new_uid(),
        host_country=o.text("host_country", NAME_CHARS),
        context=o.enum("context", CONTEXTS, "other"),
        authorization=_authorization(o.obj("authorization")),
        mandate=_mandate(o.obj("mandate")),
        host_consent=o.enum("host_consent", CONSENTS, "pending"),
        host_consent_conditions=o.text("host_consent_conditions", TEXT_CHARS, multiline=True),
        phase=o.enum("phase", PHASES, "planning"),
        host_authority=o.enum("host_authority", HOST_AUTHORITIES, "functioning"),
        protection=_protection(o.obj("protection")),
        command=_command(o.obj("command")),
        parties=[party_from(p) for p in o.objs("parties", MAX_PARTIES)],
        use_of_force=o.enum("use_of_force", USES_OF_FORCE, "self_defence"),
        strategies=[_strategy(s) for s in o.objs("strategies", MAX_STRATEGIES)],
        components=o.enums("components", COMPONENTS),
        resources=_resources(o.obj("resources")),
        partners=o.texts("partners", NAME_CHARS, MAX_ITEMS),
        community_engagement=o.text("community_engagement", TEXT_CHARS, multiline=True),
        climate_risks=o.text("climate_risks", TEXT_CHARS, multiline=True),
        notes=o.text("notes", TEXT_CHARS, multiline=True),
        acknowledgements=[_acknowledgement(a) for a in o.objs("acknowledgements", MAX_ITEMS)],
        lineage=_lineage(o.obj("lineage", nullable=True)),
        performance=performance_from(o.obj("performance", nullable=True)),
        extra=o.extra(PLAN_KEYS),
    )
    return plan


def _authorization(o: Obj | None) -> Authorization:
    if o is None:
        return Authorization()
    o.closed(("body", "reference"))
    return Authorization(body=o.text("body", NAME_CHARS), reference=o.text("reference", NAME_CHARS))


def _mandate(o: Obj | None) -> Mandate:
    if o is None:
        return Mandate()
    o.closed(("summary", "objectives", "review_months", "directed_against", "end_state",
              "benchmarks"))
    return Mandate(summary=o.text("summary", TEXT_CHARS, multiline=True),
                   objectives=o.enums("objectives", OBJECTIVES),
                   review_months=o.integer("review_months", 1, MAX_REVIEW_MONTHS, nullable=True),
                   directed_against=_unique(o.texts("directed_against", NAME_CHARS, MAX_PARTIES)),
                   end_state=o.text("end_state", TEXT_CHARS, multiline=True),
                   benchmarks=[_benchmark(b) for b in o.objs("benchmarks", MAX_ITEMS)])


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _benchmark(o: Obj) -> Benchmark:
    o.closed(("text", "due"))
    due = o.text("due", 7)
    if due and not _DUE.fullmatch(due):
        raise InputError(f"{o.where('due')}: expected a month as YYYY-MM, e.g. 2026-06 "
                         f"(got {shown(due)})")
    return Benchmark(text=o.text("text", TEXT_CHARS, required=True, multiline=True), due=due)


def _protection(o: Obj | None) -> Protection:
    if o is None:
        return Protection()
    o.closed(("threat_level", "civilians_at_risk", "sites"))
    return Protection(threat_level=o.enum("threat_level", THREAT_LEVELS, "unknown"),
                      civilians_at_risk=o.integer("civilians_at_risk", 0, MAX_POPULATION,
                                                  nullable=True),
                      sites=[_site(s) for s in o.objs("sites", MAX_ITEMS)])


def _site(o: Obj) -> ProtectionSite:
    o.closed(("name", "population", "personnel"))
    return ProtectionSite(name=o.text("name", NAME_CHARS, required=True),
                          population=o.integer("population", 0, MAX_POPULATION,
                                               nullable=False) or 0,
                          personnel=o.integer("personnel", 0, MAX_PERSONNEL, nullable=False) or 0)


def _command(o: Obj | None) -> Command:
    if o is None:
        return Command()
    o.closed(("arrangement", "parallel_forces", "caveats"))
    forces = []
    for f in o.objs("parallel_forces", MAX_ITEMS):
        f.closed(("name", "under_mission_command"))
        forces.append(ParallelForce(name=f.text("name", NAME_CHARS, required=True),
                                    under_mission_command=f.boolean("under_mission_command",
                                                                    False)))
    caveats = []
    for c in o.objs("caveats", MAX_ITEMS):
        c.closed(("contributor", "restriction"))
        caveats.append(Caveat(contributor=c.text("contributor", NAME_CHARS, required=True),
                              restriction=c.text("restriction", TEXT_CHARS, multiline=True)))
    return Command(arrangement=o.enum("arrangement", COMMAND_ARRANGEMENTS, "un"),
                   parallel_forces=forces, caveats=caveats)


def party_from(o: Obj, default_kind: str = "state") -> Party:
    """A party object of a plan file (or of a what-if's ``add_party``, where a party with no
    kind is a non-state one)."""
    o.closed(("name", "kind", "consent", "direct_talks", "role", "consent_conditions"))
    return Party(name=o.text("name", NAME_CHARS, required=True),
                 kind=o.enum("kind", PARTY_KINDS, default_kind),
                 consent=o.enum("consent", PARTY_CONSENTS, "unknown"),
                 direct_talks=o.boolean("direct_talks", False),
                 role=o.enum("role", PARTY_ROLES, "other"),
                 consent_conditions=o.text("consent_conditions", TEXT_CHARS, multiline=True))


def _strategy(o: Obj) -> Strategy:
    o.closed(("kind", "parties", "lead", "notes"))
    return Strategy(kind=o.enum("kind", STRATEGY_KINDS, None),
                    parties=o.texts("parties", NAME_CHARS, MAX_PARTIES),
                    lead=o.text("lead", NAME_CHARS),
                    notes=o.text("notes", TEXT_CHARS, multiline=True))


def _resources(o: Obj | None) -> Resources:
    if o is None:
        return Resources()
    o.closed(("personnel", "equipment", "funding", "personnel_required", "funding_source"))
    personnel = o.integer("personnel", 0, MAX_PERSONNEL, nullable=False)
    return Resources(personnel=personnel if personnel is not None else 0,
                     equipment=o.enum("equipment", EQUIPMENT_LEVELS, "unknown"),
                     funding=o.enum("funding", FUNDING_LEVELS, "unknown"),
                     personnel_required=o.integer("personnel_required", 1, MAX_PERSONNEL,
                                                  nullable=True),
                     funding_source=o.enum("funding_source", FUNDING_SOURCES, "unknown"))


def _acknowledgement(o: Obj) -> Acknowledgement:
    o.closed(("rule", "subject", "reason", "by", "at"))
    subject = o.text("subject", MAX_SUBJECT_CHARS) if o.get("subject") is not None else None
    if subject is not None:
        problem = subject_problem(subject)
        if problem is not None:
            raise InputError(f"{o.where('subject')}: expected {problem} (got {shown(subject)})")
    return Acknowledgement(rule=o.text("rule", NAME_CHARS, required=True),
                           reason=o.text("reason", TEXT_CHARS, required=True, multiline=True),
                           by=o.text("by", NAME_CHARS), at=o.text("at", NAME_CHARS),
                           subject=subject)


def _acknowledgement_dict(a: Acknowledgement) -> dict[str, Any]:
    out: dict[str, Any] = {"rule": a.rule}
    if a.subject is not None:   # written only when set: older files keep their exact shape
        out["subject"] = a.subject
    return out | {"reason": a.reason, "by": a.by, "at": a.at}


def _lineage(o: Obj | None) -> Lineage | None:
    if o is None:
        return None
    o.closed(("parent", "parent_title", "changes"))
    return Lineage(parent=check_uid(o.get("parent"), o.where("parent")),
                   parent_title=o.text("parent_title", NAME_CHARS),
                   changes=o.text("changes", TEXT_CHARS, multiline=True))


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The whole exchange document for ``plan``: what files and the database store.

    Version 1, exactly as before, when the plan uses nothing of version 2 or 3; else version
    2 with every version 2 field written out; version 3 (every version 2 field, and
    ``performance``) when the plan has any performance."""
    v3 = not plan.performance.is_empty()
    v2 = v3 or plan.uses_format_2()
    body: dict[str, Any] = {
        "title": plan.title,
        "uid": plan.uid,
        "host_country": plan.host_country,
        "context": plan.context,
        "authorization": {"body": plan.authorization.body,
                          "reference": plan.authorization.reference},
        "mandate": _mandate_dict(plan.mandate, v2),
        "host_consent": plan.host_consent,
        "parties": [_party_dict(p, v2) for p in plan.parties],
        "use_of_force": plan.use_of_force,
        "strategies": [{"kind": s.kind, "parties": list(s.parties), "lead": s.lead,
                        "notes": s.notes} for s in plan.strategies],
        "components": list(plan.components),
        "resources": _resources_dict(plan.resources, v2),
        "partners": list(plan.partners),
        "community_engagement": plan.community_engagement,
        "climate_risks": plan.climate_risks,
        "notes": plan.notes,
        "acknowledgements": [_acknowledgement_dict(a) for a in plan.acknowledgements],
    }
    if v2:
        body |= {
            "phase": plan.phase, "host_authority": plan.host_authority,
            "host_consent_conditions": plan.host_consent_conditions,
            "protection": {"threat_level": plan.protection.threat_level,
                           "civilians_at_risk": plan.protection.civilians_at_risk,
                           "sites": [{"name": s.name, "population": s.population,
                                      "personnel": s.personnel}
                                     for s in plan.protection.sites]},
            "command": {"arrangement": plan.command.arrangement,
                        "parallel_forces": [{"name": f.name,
                                             "under_mission_command": f.under_mission_command}
                                            for f in plan.command.parallel_forces],
                        "caveats": [{"contributor": c.contributor, "restriction": c.restriction}
                                    for c in plan.command.caveats]},
        }
    if v3:
        body["performance"] = performance_dict(plan.performance)
    if plan.lineage is not None:
        body["lineage"] = {"parent": plan.lineage.parent,
                           "parent_title": plan.lineage.parent_title,
                           "changes": plan.lineage.changes}
    for key, value in plan.extra.items():
        if key not in body and key != "lineage":
            body[key] = value
    version = VERSION if v3 else VERSION_2 if v2 else OLDEST_VERSION
    return {"format": FORMAT, "version": version, "plan": body}


def _mandate_dict(m: Mandate, v2: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"summary": m.summary, "objectives": list(m.objectives),
                           "review_months": m.review_months}
    if v2:
        out |= {"directed_against": list(m.directed_against), "end_state": m.end_state,
                "benchmarks": [{"text": b.text, "due": b.due} for b in m.benchmarks]}
    return out


def _party_dict(p: Party, v2: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"name": p.name, "kind": p.kind, "consent": p.consent,
                           "direct_talks": p.direct_talks}
    if v2:
        out |= {"role": p.role, "consent_conditions": p.consent_conditions}
    return out


def _resources_dict(r: Resources, v2: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"personnel": r.personnel, "equipment": r.equipment,
                           "funding": r.funding}
    if r.personnel_required is not None:    # written only when estimated: a pkdesk that
        out["personnel_required"] = r.personnel_required    # predates it reads the rest
    if v2:
        out["funding_source"] = r.funding_source
    return out


def dumps_plan(plan: Plan) -> str:
    # allow_nan=False: never write Infinity or NaN, which no JSON reader takes back.
    doc = plan_to_dict(plan)
    if doc["version"] < VERSION:
        return json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return _pretty(doc, "") + "\n"


def _pretty(value: Any, indent: str) -> str:
    """``json.dumps(value, indent=2)``, except that a list of plain values inside a list (a
    data point's row) stays on one line: 25,000 data points take 25,000 lines, not 150,000."""
    if isinstance(value, dict) and value:
        inner = indent + "  "
        items = (f"{inner}{json.dumps(k, ensure_ascii=False)}: {_pretty(v, inner)}"
                 for k, v in value.items())
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and value:
        inner = indent + "  "
        if all(isinstance(v, list) and not any(isinstance(x, (list, dict)) for x in v)
               for v in value):
            rows = (inner + json.dumps(v, ensure_ascii=False, allow_nan=False) for v in value)
            return "[\n" + ",\n".join(rows) + "\n" + indent + "]"
        return ("[\n" + ",\n".join(inner + _pretty(v, inner) for v in value) + "\n"
                + indent + "]")
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def write_plan_file(plan: Plan, path: Path) -> None:
    """Write atomically: a temporary file in the same folder, fsynced, then renamed over."""
    path = Path(path)
    data = dumps_plan(plan).encode("utf-8")
    if path.is_dir():
        raise InputError(f"cannot write plan file {path}: it is a folder")
    write_atomically(path, data, f"plan file {path}")
