"""One field of a plan, named by a path: what ``--set``, what-if packs and plan diffs share.

Paths are ``host_consent``, ``mandate.review_months``, ``resources.funding``, the list fields
``mandate.objectives``, ``components`` and ``partners``, and party fields addressed by the
party's name: ``parties[Forces Nouvelles].consent``, or ``parties[*].consent`` for every party.

A single-field override (``host_consent=withdrawn``) is applied by writing the value into the
plan's exchange document and reading it back with the file reader, so a bad value gets
exactly the message a bad file would (``plan.host_consent: expected one of ...``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from pkdesk.core.errors import InputError
from pkdesk.core.plan.model import (
    COMMAND_ARRANGEMENTS, COMPONENTS, CONSENTS, CONTEXTS, EQUIPMENT_LEVELS, FUNDING_LEVELS,
    FUNDING_SOURCES, HOST_AUTHORITIES, OBJECTIVES, PARTY_CONSENTS, PARTY_KINDS, PARTY_ROLES,
    PHASES, THREAT_LEVELS, USES_OF_FORCE, Plan,
)
from pkdesk.core.plan.file import (
    MAX_PERSONNEL, MAX_POPULATION, MAX_REVIEW_MONTHS, NAME_CHARS, TEXT_CHARS, plan_from_dict,
    plan_to_dict,
)
from pkdesk.core.plan.values import Obj, check_controls


@dataclass(frozen=True)
class FieldType:
    kind: str                       # text, enum, int, bool, enums (list of enum), texts
    allowed: tuple[str, ...] = ()
    low: int = 0
    high: int = 0
    nullable: bool = False
    max_chars: int = TEXT_CHARS


def _text(max_chars: int = TEXT_CHARS) -> FieldType:
    return FieldType("text", max_chars=max_chars)


def _enum(allowed: tuple[str, ...]) -> FieldType:
    return FieldType("enum", allowed)


PLAN_FIELDS: dict[str, FieldType] = {
    "title": _text(NAME_CHARS),
    "host_country": _text(NAME_CHARS),
    "context": _enum(CONTEXTS),
    "authorization.body": _text(NAME_CHARS),
    "authorization.reference": _text(NAME_CHARS),
    "mandate.summary": _text(),
    "mandate.objectives": FieldType("enums", OBJECTIVES),
    "mandate.review_months": FieldType("int", low=1, high=MAX_REVIEW_MONTHS, nullable=True),
    "host_consent": _enum(CONSENTS),
    "use_of_force": _enum(USES_OF_FORCE),
    "components": FieldType("enums", COMPONENTS),
    "resources.personnel": FieldType("int", low=0, high=MAX_PERSONNEL),
    "resources.equipment": _enum(EQUIPMENT_LEVELS),
    "resources.funding": _enum(FUNDING_LEVELS),
    "resources.personnel_required": FieldType("int", low=1, high=MAX_PERSONNEL, nullable=True),
    "partners": FieldType("texts", max_chars=NAME_CHARS),
    "community_engagement": _text(),
    "climate_risks": _text(),
    "notes": _text(),
    # format 2 (the lists of benchmarks, sites, forces and caveats are not single fields)
    "phase": _enum(PHASES),
    "host_authority": _enum(HOST_AUTHORITIES),
    "host_consent_conditions": _text(),
    "mandate.directed_against": FieldType("texts", max_chars=NAME_CHARS),
    "mandate.end_state": _text(),
    "protection.threat_level": _enum(THREAT_LEVELS),
    "protection.civilians_at_risk": FieldType("int", low=0, high=MAX_POPULATION, nullable=True),
    "command.arrangement": _enum(COMMAND_ARRANGEMENTS),
    "resources.funding_source": _enum(FUNDING_SOURCES),
}
PARTY_FIELDS: dict[str, FieldType] = {
    "kind": _enum(PARTY_KINDS),
    "consent": _enum(PARTY_CONSENTS),
    "direct_talks": FieldType("bool"),
    "role": _enum(PARTY_ROLES),
    "consent_conditions": _text(),
}
ALL_PARTIES = "*"
_PARTY_PATH = re.compile(r"parties\[(.+)\]\.([a-z_]+)", re.DOTALL)
_INT = re.compile(r"[+-]?[0-9]{1,12}")


@dataclass(frozen=True)
class FieldPath:
    path: str
    type: FieldType
    party: str | None = None        # a party's name, or "*" for every party; None: plan field

    @property
    def name(self) -> str:
        """The field's own key (``consent``, ``review_months``)."""
        return self.path.rsplit(".", 1)[-1]


def expected_paths() -> str:
    return ", ".join(list(PLAN_FIELDS) + [f"parties[NAME].{f}" for f in PARTY_FIELDS])


def parse_path(text: str, where: str, *, allow_named_party: bool = True) -> FieldPath:
    """The field ``text`` names; an unknown path is an InputError naming ``where``."""
    if text in PLAN_FIELDS:
        return FieldPath(text, PLAN_FIELDS[text])
    match = _PARTY_PATH.fullmatch(text)
    if match and match.group(2) in PARTY_FIELDS:
        party = match.group(1)
        if party != ALL_PARTIES and not allow_named_party:
            raise InputError(f"{where}: use parties[*].{match.group(2)} (every party), "
                             f"not one party by name")
        return FieldPath(text, PARTY_FIELDS[match.group(2)], party)
    raise InputError(f"{where}: unknown field {text[:60]!r} (expected {expected_paths()}, "
                     f"or parties[*].FIELD for every party)")


def value_from_text(text: str, ftype: FieldType) -> Any:
    """A command-line value typed for its field. What cannot be converted is passed on as
    text, so the file reader names the field and what it expected."""
    if ftype.kind == "int":
        if _INT.fullmatch(text.strip()):
            return int(text)
        if ftype.nullable and text.strip().lower() in ("", "null", "none"):
            return None
        return text
    if ftype.kind == "bool":
        lowered = text.strip().lower()
        return {"true": True, "yes": True, "false": False, "no": False}.get(lowered, text)
    if ftype.kind in ("enums", "texts"):
        return [item.strip() for item in text.split(",") if item.strip()]
    return text


def check_value(value: Any, ftype: FieldType, where: str) -> Any:
    """``value`` validated as the file reader validates that kind of field (for packs)."""
    key = where.rsplit(".", 1)[-1]
    holder = Obj({key: value}, where.rsplit(".", 1)[0] if "." in where else where)
    if ftype.kind == "enum":
        return holder.enum(key, ftype.allowed, None)
    if ftype.kind == "text":
        return holder.text(key, ftype.max_chars, multiline=ftype.max_chars > NAME_CHARS)
    if ftype.kind == "bool":
        if not isinstance(value, bool):
            raise InputError(f"{where}: expected true or false")
        return value
    if ftype.kind == "int":
        if value is None and not ftype.nullable:
            raise InputError(f"{where}: expected a whole number from {ftype.low} to {ftype.high}")
        return holder.integer(key, ftype.low, ftype.high, nullable=ftype.nullable)
    if ftype.kind == "enums":
        if not isinstance(value, str) or value not in ftype.allowed:
            raise InputError(f"{where}: expected one of {', '.join(ftype.allowed)}")
        return value
    if not isinstance(value, str) or not value.strip() or len(value) > ftype.max_chars:
        raise InputError(f"{where}: expected non-empty text of at most {ftype.max_chars} "
                         "characters")
    return check_controls(value, where, multiline=False)


def override(plan: Plan, assignment: str) -> Plan:
    """A new plan with one field set from ``FIELD=VALUE``; ``plan`` itself is untouched."""
    shown = assignment if assignment.isprintable() else json.dumps(assignment)[1:-1]
    where = f"--set {shown[:80]}"
    field_text, sep, raw = assignment.partition("=")
    if not sep:
        raise InputError(f"--set: expected FIELD=VALUE, e.g. host_consent=withdrawn "
                         f"(got {shown[:60]!r})")
    path = parse_path(field_text.strip(), where)
    value = value_from_text(raw, path.type)
    doc = plan_to_dict(plan)
    body = doc["plan"]
    if path.party is None:
        target = body
        parts = path.path.split(".")
        for part in parts[:-1]:
            target = target.setdefault(part, {})    # a version 1 document has no protection
        target[parts[-1]] = value
    else:
        parties = [p for p in body["parties"]
                   if path.party == ALL_PARTIES or p["name"] == path.party]
        if not parties and path.party != ALL_PARTIES:
            raise InputError(f"{where}: the plan has no party named {path.party[:60]!r}")
        for party in parties:
            party[path.name] = value
    try:
        return plan_from_dict(doc)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
