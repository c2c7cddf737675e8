"""The plan exchange format (``.pkplan.json``, version 1): read, validate, write.

The public contract is ``docs/plan-format.md``. Every value from a file is checked here and
a problem raises ``InputError`` naming the field (``plan.parties[2].consent``) and what was
expected. Unknown fields at plan level are kept in ``Plan.extra`` and written back; unknown
fields anywhere else are reported, so nothing is ever dropped silently.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pkdesk.core.acknowledgements import MAX_SUBJECT_CHARS, subject_problem
from pkdesk.core.errors import InputError
from pkdesk.core.documents import DocumentKind, shown
from pkdesk.core.plan.model import (
    COMPONENTS, CONSENTS, CONTEXTS, EQUIPMENT_LEVELS, FUNDING_LEVELS, OBJECTIVES, PARTY_CONSENTS,
    PARTY_KINDS, STRATEGY_KINDS, USES_OF_FORCE, Acknowledgement, Authorization, Lineage, Mandate,
    Party, Plan, Resources, Strategy, new_uid,
)
from pkdesk.core.plan.values import Obj, check_uid

FORMAT = "pkdesk.plan"
VERSION = 1
FILE_SUFFIX = ".pkplan.json"
MAX_PLAN_BYTES = 5 * 2**20
MAX_DEPTH = 64

# Longest accepted text per kind of field, and longest accepted lists: generous for real
# plans, small enough that a hostile file cannot make the app or the database crawl.
NAME_CHARS = 300
TEXT_CHARS = 50_000
MAX_PARTIES = 500
MAX_STRATEGIES = 2_000
MAX_ITEMS = 500
MAX_PERSONNEL = 10_000_000
MAX_REVIEW_MONTHS = 120

PLAN_KEYS = ("title", "uid", "host_country", "context", "authorization", "mandate",
             "host_consent", "parties", "use_of_force", "strategies", "components", "resources",
             "partners", "community_engagement", "climate_risks", "notes", "acknowledgements",
             "lineage")


PLAN_FILE = DocumentKind(FORMAT, VERSION, "plan file", MAX_PLAN_BYTES, MAX_DEPTH,
                         fields=("format", "version", "plan"))


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
    o.closed(("summary", "objectives", "review_months"))
    return Mandate(summary=o.text("summary", TEXT_CHARS, multiline=True),
                   objectives=o.enums("objectives", OBJECTIVES),
                   review_months=o.integer("review_months", 1, MAX_REVIEW_MONTHS, nullable=True))


def party_from(o: Obj, default_kind: str = "state") -> Party:
    """A party object of a plan file (or of a what-if's ``add_party``, where a party with no
    kind is a non-state one)."""
    o.closed(("name", "kind", "consent", "direct_talks"))
    return Party(name=o.text("name", NAME_CHARS, required=True),
                 kind=o.enum("kind", PARTY_KINDS, default_kind),
                 consent=o.enum("consent", PARTY_CONSENTS, "unknown"),
                 direct_talks=o.boolean("direct_talks", False))


def _strategy(o: Obj) -> Strategy:
    o.closed(("kind", "parties", "lead", "notes"))
    return Strategy(kind=o.enum("kind", STRATEGY_KINDS, None),
                    parties=o.texts("parties", NAME_CHARS, MAX_PARTIES),
                    lead=o.text("lead", NAME_CHARS),
                    notes=o.text("notes", TEXT_CHARS, multiline=True))


def _resources(o: Obj | None) -> Resources:
    if o is None:
        return Resources()
    o.closed(("personnel", "equipment", "funding", "personnel_required"))
    personnel = o.integer("personnel", 0, MAX_PERSONNEL, nullable=False)
    return Resources(personnel=personnel if personnel is not None else 0,
                     equipment=o.enum("equipment", EQUIPMENT_LEVELS, "unknown"),
                     funding=o.enum("funding", FUNDING_LEVELS, "unknown"),
                     personnel_required=o.integer("personnel_required", 1, MAX_PERSONNEL,
                                                  nullable=True))


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
    """The whole exchange document for ``plan``: what files and the database store."""
    body: dict[str, Any] = {
        "title": plan.title,
        "uid": plan.uid,
        "host_country": plan.host_country,
        "context": plan.context,
        "authorization": {"body": plan.authorization.body,
                          "reference": plan.authorization.reference},
        "mandate": {"summary": plan.mandate.summary,
                    "objectives": list(plan.mandate.objectives),
                    "review_months": plan.mandate.review_months},
        "host_consent": plan.host_consent,
        "parties": [{"name": p.name, "kind": p.kind, "consent": p.consent,
                     "direct_talks": p.direct_talks} for p in plan.parties],
        "use_of_force": plan.use_of_force,
        "strategies": [{"kind": s.kind, "parties": list(s.parties), "lead": s.lead,
                        "notes": s.notes} for s in plan.strategies],
        "components": list(plan.components),
        "resources": _resources_dict(plan.resources),
        "partners": list(plan.partners),
        "community_engagement": plan.community_engagement,
        "climate_risks": plan.climate_risks,
        "notes": plan.notes,
        "acknowledgements": [_acknowledgement_dict(a) for a in plan.acknowledgements],
    }
    if plan.lineage is not None:
        body["lineage"] = {"parent": plan.lineage.parent,
                           "parent_title": plan.lineage.parent_title,
                           "changes": plan.lineage.changes}
    for key, value in plan.extra.items():
        if key not in body and key != "lineage":
            body[key] = value
    return {"format": FORMAT, "version": VERSION, "plan": body}


def _resources_dict(r: Resources) -> dict[str, Any]:
    out: dict[str, Any] = {"personnel": r.personnel, "equipment": r.equipment,
                           "funding": r.funding}
    if r.personnel_required is not None:    # written only when estimated: a pkdesk that
        out["personnel_required"] = r.personnel_required    # predates it reads the rest
    return out


def dumps_plan(plan: Plan) -> str:
    # allow_nan=False: never write Infinity or NaN, which no JSON reader takes back.
    return json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def write_plan_file(plan: Plan, path: Path) -> None:
    """Write atomically: a temporary file in the same folder, fsynced, then renamed over."""
    path = Path(path)
    data = dumps_plan(plan).encode("utf-8")
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError(f"cannot write plan file {path}: it is a folder")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write plan file {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except OSError as exc:
        _remove_quietly(tmp_name)
        raise InputError(f"cannot write plan file {path}: {exc.strerror or exc}") from None
    except BaseException:
        _remove_quietly(tmp_name)
        raise


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass
