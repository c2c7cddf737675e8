"""Three-way merge of plan documents, field by field, against their common ancestor.

Works on the exchange documents (``plan_to_dict``), so every field a plan file carries is
merged, those of newer formats and unknown ones too. A field changed on one side only takes
that side's value; changed alike on both, that value; changed differently on both sides, it
is a ``Conflict``, and the merged document keeps the local ("mine") value until the user
chooses. Lists are merged by the identity of their items, as ``core.plan.diff`` names them:
parties, sites and forces by name, acknowledgements by rule and subject, strategies by kind
and occurrence, caveats by contributor, ratings by objective, anything with a ``uid`` (the
worded objectives, indicators, reviews and decisions; a data point's row by the uid in it) by
uid, and lists of plain values (objectives, components, partners) as sets. Adding a party on one side and another
on the other keeps both; removing an item on one side that the other changed is a conflict.

Conflict paths read like ``core.plan.diff``'s: ``mandate.summary``,
``parties[Forces Nouvelles].consent``, ``performance.objectives[UID].text``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pkdesk.core.errors import InputError

Choice = Literal["mine", "theirs"]
CHOICES: tuple[Choice, ...] = ("mine", "theirs")
WHOLE_PLAN = "(whole plan)"


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()   # a field or item absent on one side

# Lists whose items are known by some of their fields (the list's own key in the document).
_IDENTITY: dict[str, tuple[str, ...]] = {
    "parties": ("name",), "sites": ("name",), "parallel_forces": ("name",),
    "caveats": ("contributor",), "acknowledgements": ("rule", "subject"),
    "strategies": ("kind",), "benchmarks": ("text",), "ratings": ("objective",),
}


@dataclass(frozen=True)
class Conflict:
    """One field both sides changed differently; a value is ``None`` where that side has no
    such field or item (``present`` says which sides have it: base, mine, theirs)."""

    path: str
    base: Any
    mine: Any
    theirs: Any
    present: tuple[bool, bool, bool] = (True, True, True)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "base": self.base, "mine": self.mine,
                "theirs": self.theirs, "present": list(self.present)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Conflict:
        present = d.get("present", [True, True, True])
        return cls(str(d["path"]), d.get("base"), d.get("mine"), d.get("theirs"),
                   (bool(present[0]), bool(present[1]), bool(present[2])))


@dataclass(frozen=True)
class MergeResult:
    document: dict[str, Any]          # the merged exchange document
    conflicts: tuple[Conflict, ...]   # every field changed differently on both sides
    unresolved: tuple[Conflict, ...]  # those without a choice (the document keeps mine)
    taken: tuple[str, ...]            # fields taken from theirs automatically


@dataclass
class _Merger:
    choices: Mapping[str, Choice]
    conflicts: list[Conflict] = field(default_factory=list)
    unresolved: list[Conflict] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)

    def merge(self, path: str, b: Any, m: Any, t: Any, name: str) -> Any:
        if _same(m, t):
            return m
        if _same(b, m):
            self.taken.append(path)
            return t
        if _same(b, t):
            return m
        if isinstance(m, dict) and isinstance(t, dict) and (b is MISSING or isinstance(b, dict)):
            base = b if isinstance(b, dict) else {}
            out = {}
            for key in _keys(m, t):
                value = self.merge(f"{path}.{key}" if path else key, base.get(key, MISSING),
                                   m.get(key, MISSING), t.get(key, MISSING), key)
                if value is not MISSING:
                    out[key] = value
            return out
        if name and isinstance(m, list) and isinstance(t, list) and (
                b is MISSING or isinstance(b, list)):
            # A named list (a field); a list inside a list (a data point's row) is one value.
            base_items = _keyed(b if isinstance(b, list) else [], name)
            mine_items, their_items = _keyed(m, name), _keyed(t, name)
            merged = []
            for key in _keys(mine_items, their_items):
                value = self.merge(f"{path}[{key}]", base_items.get(key, MISSING),
                                   mine_items.get(key, MISSING), their_items.get(key, MISSING),
                                   "")
                if value is not MISSING:
                    merged.append(value)
            return merged
        return self.conflict(path, b, m, t)

    def conflict(self, path: str, b: Any, m: Any, t: Any) -> Any:
        found = Conflict(path, _shown(b), _shown(m), _shown(t),
                         (b is not MISSING, m is not MISSING, t is not MISSING))
        self.conflicts.append(found)
        choice = self.choices.get(path)
        if choice is None:
            self.unresolved.append(found)
        return t if choice == "theirs" else m


def _same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return type(a) is type(b) and a == b


def _shown(value: Any) -> Any:
    return None if value is MISSING else value


def _keys(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    """Mine's order, then what only theirs has, in theirs' order."""
    return list(a) + [k for k in b if k not in a]


def _identity(item: Any, name: str) -> str:
    if name == "data" and isinstance(item, list) and len(item) > 2 and isinstance(item[2], str):
        return item[2]          # a data point's row: [date, value, uid, ...]
    fields = _IDENTITY.get(name)
    if isinstance(item, dict):
        if fields is not None and all(isinstance(item.get(f), (str, type(None))) for f in fields):
            return " ".join(str(item[f]) for f in fields if item.get(f) is not None)
        if isinstance(item.get("uid"), str):
            return str(item["uid"])
    if isinstance(item, str):
        return item
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _keyed(items: list[Any], name: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    seen: dict[str, int] = {}
    for item in items:
        key = _identity(item, name)
        seen[key] = seen.get(key, 0) + 1
        out[key if seen[key] == 1 else f"{key} ({seen[key]})"] = item
    return out


def merge_documents(base: Mapping[str, Any] | None, mine: Mapping[str, Any],
                    theirs: Mapping[str, Any],
                    choices: Mapping[str, Choice] | None = None) -> MergeResult:
    """Merge two plan documents against their common ancestor (``None``: none is known, and
    every field they differ in is a conflict). ``choices`` settles conflicts by path;
    ``WHOLE_PLAN`` takes one side whole. The result is a document ``plan_from_dict`` reads:
    a merge that would not read back (each side valid, the mix not) is one conflict on the
    whole plan."""
    from pkdesk.core.plan.file import plan_from_dict, plan_to_dict

    choices = dict(choices or {})
    side = choices.get(WHOLE_PLAN)
    if side is not None:
        whole = Conflict(WHOLE_PLAN, None, None, None)
        chosen = theirs if side == "theirs" else mine
        return MergeResult(plan_to_dict(plan_from_dict(dict(chosen))), (whole,), (), ())
    merger = _Merger(choices)
    body = merger.merge("", MISSING if base is None else base.get("plan", {}),
                        mine.get("plan", {}), theirs.get("plan", {}), "")
    version = max(int(mine.get("version", 1)), int(theirs.get("version", 1)))
    doc = {"format": mine.get("format"), "version": version, "plan": body}
    try:
        return MergeResult(plan_to_dict(plan_from_dict(doc)), tuple(merger.conflicts),
                           tuple(merger.unresolved), tuple(merger.taken))
    except (InputError, ValueError) as exc:
        whole = Conflict(WHOLE_PLAN, f"the fields merged do not make a valid plan: "
                         f"{str(exc)[:200]}", None, None, (False, True, True))
        return MergeResult(plan_to_dict(plan_from_dict(dict(mine))), (whole,), (whole,), ())


def parse_choices(items: list[str], conflicts: tuple[Conflict, ...] | list[Conflict]
                  ) -> dict[str, Choice]:
    """``--take mine|theirs|FIELD=mine|theirs`` as choices by path. A bare side settles every
    conflict not named; every conflict must end up settled, and a named field must be one."""
    paths = [c.path for c in conflicts]
    default: Choice | None = None
    chosen: dict[str, Choice] = {}
    for item in items:
        path, sep, side = item.rpartition("=")
        side = side.strip()
        if side not in CHOICES:
            raise InputError(f"--take {item[:80]!r}: expected mine, theirs or FIELD=mine|theirs")
        if not sep:
            default = side
            continue
        path = path.strip()
        if path not in paths:
            raise InputError(f"--take {item[:80]!r}: {path[:60]!r} is not in conflict "
                             f"(the conflicts: {', '.join(paths)[:300]})")
        chosen[path] = side
    missing = [p for p in paths if p not in chosen]
    if missing and default is None:
        raise InputError(f"no choice for {', '.join(missing)[:300]}: add --take mine, "
                         "--take theirs or FIELD=mine|theirs for each")
    for path in missing:
        assert default is not None
        chosen[path] = default
    return chosen
