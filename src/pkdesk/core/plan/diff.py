"""Field-level differences between plans, as plain data.

Paths read like the plan: ``mandate.objectives``, ``parties[Forces Nouvelles].consent``,
``strategies[mediation 2].lead``, ``acknowledgements[CLIMATE-001].reason``,
``acknowledgements[IMPARTIALITY-001 party:Forces Nouvelles].reason``. Parties are keyed by
name and acknowledgements by rule and subject (the finding they are for), so reordering or
inserting one does not make every later one "changed"; strategies have no name, so they are
keyed by kind and occurrence.
Values are what the exchange format would hold (text, numbers, lists, small dicts).

The plan's performance (format 3) is keyed by uid, item by item, so that entering one data
point is one change, not a new blob: ``performance.objectives[UID]``,
``performance.indicators[UID]``, ``performance.data[UID]`` (a data point),
``performance.reviews[UID]``, ``performance.ratings[REVIEW_UID OBJECTIVE_UID]`` and
``performance.decisions[UID]``, each a small dict (an indicator's or a review's dict names
its objective or review by uid, so moving it shows). Such a change carries ``item`` and
``within`` to say what it is about in words ("data point 2025-03-31", "Attacks on IDP
sites"): ``describe`` reads "data point 2025-03-31 added to 'Attacks on IDP sites'".

Used by the comparison ("fields that differ"), revision history ("what changed") and the
one-line summary stored with every saved revision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pkdesk.core.plan.model import Plan
from pkdesk.core.plan.fields import PLAN_FIELDS

ChangeKind = Literal["changed", "added", "removed"]
_PERFORMANCE = ("performance.objectives[", "performance.indicators[", "performance.data[",
                "performance.reviews[", "performance.ratings[", "performance.decisions[")
_ENTITIES = ("parties[", "strategies[", "acknowledgements[", *_PERFORMANCE)
SUMMARY_CHANGES = 3          # changes spelled out in a summary; the rest are counted
SUMMARY_VALUE_CHARS = 40
# What a performance item is, as a catalog id (``item.<id>``) and its argument, and what it
# belongs to: ("name", words), ("review", date) or ("", "") for nothing.
ItemWords = tuple[str, str, str, str]


@dataclass(frozen=True)
class Change:
    path: str
    kind: ChangeKind
    old: Any                # None when added
    new: Any                # None when removed
    # For an item of the performance: what it is and what it belongs to, in words
    # ("data point 2025-03-31", "Attacks on IDP sites"); "" for everything else.
    item: str = ""
    within: str = ""
    # The same as catalog ids and words (see ``performance_words``), for other languages.
    words: ItemWords | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"path": self.path, "kind": self.kind, "old": self.old, "new": self.new}
        if self.item:       # only for performance items: other changes keep their shape
            out |= {"item": self.item, "within": self.within}
        return out


@dataclass(frozen=True)
class Difference:
    """One field across several plans (a comparison row); None where a plan lacks it."""

    path: str
    values: tuple[Any, ...]
    # For an item of the performance: what it is, as for a ``Change``.
    words: ItemWords | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "values": list(self.values)}


def _attr(plan: Plan, path: str) -> Any:
    value: Any = plan
    for part in path.split("."):
        value = getattr(value, part)
    return list(value) if isinstance(value, list) else value


def _unique(key: str, seen: dict[str, int]) -> str:
    seen[key] = seen.get(key, 0) + 1
    return key if seen[key] == 1 else f"{key} ({seen[key]})"


def flatten(plan: Plan, *, lineage: bool = True) -> dict[str, Any]:
    """Every compared field of ``plan`` by path; parties, strategies and acknowledgements as
    one small dict each."""
    out: dict[str, Any] = {path: _attr(plan, path) for path in PLAN_FIELDS}
    names: dict[str, int] = {}
    for p in plan.parties:
        party: dict[str, Any] = {"kind": p.kind, "consent": p.consent,
                                 "direct_talks": p.direct_talks}
        if p.role != "other":               # format 2, shown when used
            party["role"] = p.role
        if p.consent_conditions:
            party["consent_conditions"] = p.consent_conditions
        out[f"parties[{_unique(p.name, names)}]"] = party
    kinds: dict[str, int] = {}
    for s in plan.strategies:
        kinds[s.kind] = kinds.get(s.kind, 0) + 1
        out[f"strategies[{s.kind} {kinds[s.kind]}]"] = {
            "parties": list(s.parties), "lead": s.lead, "notes": s.notes}
    rules: dict[str, int] = {}
    for a in plan.acknowledgements:
        finding = a.rule if a.subject is None else f"{a.rule} {a.subject}"
        out[f"acknowledgements[{_unique(finding, rules)}]"] = {
            "reason": a.reason, "by": a.by, "at": a.at}
    if not plan.performance.is_empty():
        out.update(_performance(plan))
    if lineage:
        out["lineage"] = None if plan.lineage is None else {
            "parent": plan.lineage.parent, "parent_title": plan.lineage.parent_title,
            "changes": plan.lineage.changes}
    for key, value in plan.extra.items():
        out[f"extra.{key}"] = value
    return out


def _performance(plan: Plan) -> dict[str, Any]:
    perf = plan.performance
    out: dict[str, Any] = {"performance.start": perf.start,
                           "performance.next_review": perf.next_review}
    for o in perf.objectives:
        out[f"performance.objectives[{o.uid}]"] = {"objective": o.objective, "text": o.text}
        for i in o.indicators:
            out[f"performance.indicators[{i.uid}]"] = {
                "objective": o.uid, "text": i.text, "unit": i.unit, "baseline": i.baseline,
                "baseline_date": i.baseline_date, "target": i.target,
                "target_date": i.target_date, "direction": i.direction, "source": i.source,
                "frequency": i.frequency}
            for p in i.data:
                out[f"performance.data[{p.uid}]"] = {
                    "indicator": i.uid, "date": p.date, "value": p.value, "source": p.source,
                    "note": p.note, "recorded_by": p.recorded_by}
    for r in perf.reviews:
        out[f"performance.reviews[{r.uid}]"] = {"date": r.date, "reviewer": r.reviewer,
                                                "notes": r.notes}
        for x in r.ratings:
            out[f"performance.ratings[{r.uid} {x.objective}]"] = {
                "rating": x.rating, "suggested": x.suggested, "reason": x.reason}
        for d in r.decisions:
            out[f"performance.decisions[{d.uid}]"] = {
                "review": r.uid, "text": d.text, "objective": d.objective, "action": d.action,
                "link": d.link}
    return out


def _short(text: str, max_chars: int = SUMMARY_VALUE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= max_chars else text[:max_chars - 1].rstrip() + "…"


_ITEM_ENGLISH = {"objective": "objective '{}'", "indicator": "indicator '{}'",
                 "data_point": "data point {}", "review": "review of {}",
                 "rating": "rating of '{}'", "decision": "decision '{}'"}


def performance_words(plan: Plan) -> dict[str, ItemWords]:
    """Path of each performance item -> (item id, its words, within id, its words), for
    ``field_names.change_name`` to say in the reader's language."""
    perf = plan.performance
    out: dict[str, ItemWords] = {}
    titles = {o.uid: _short(o.text) for o in perf.objectives}
    for o in perf.objectives:
        out[f"performance.objectives[{o.uid}]"] = ("objective", titles[o.uid], "", "")
        for i in o.indicators:
            name = _short(i.text)
            out[f"performance.indicators[{i.uid}]"] = ("indicator", name, "name", titles[o.uid])
            for p in i.data:
                out[f"performance.data[{p.uid}]"] = ("data_point", p.date, "name", name)
    for r in perf.reviews:
        out[f"performance.reviews[{r.uid}]"] = ("review", r.date, "", "")
        for x in r.ratings:
            out[f"performance.ratings[{r.uid} {x.objective}]"] = (
                "rating", titles.get(x.objective, x.objective), "review", r.date)
        for d in r.decisions:
            out[f"performance.decisions[{d.uid}]"] = ("decision", _short(d.text), "review",
                                                      r.date)
    return out


def _english(words: ItemWords) -> tuple[str, str]:
    item, arg, within, within_arg = words
    return (_ITEM_ENGLISH[item].format(arg),
            _ITEM_ENGLISH["review"].format(within_arg) if within == "review" else within_arg)


def performance_labels(plan: Plan) -> dict[str, tuple[str, str]]:
    """Path of each performance item -> (what it is, what it belongs to), in English words."""
    return {path: _english(words) for path, words in performance_words(plan).items()}


def _is_entity(path: str) -> bool:
    return path.startswith(_ENTITIES)


def _ordered_keys(flats: Sequence[dict[str, Any]]) -> list[str]:
    keys: dict[str, None] = {}
    for flat in flats:
        keys.update(dict.fromkeys(flat))
    return list(keys)


def diff_plans(old: Plan, new: Plan, *, lineage: bool = True) -> list[Change]:
    """What changed from ``old`` to ``new`` (the uid is identity, never a change)."""
    a, b = flatten(old, lineage=lineage), flatten(new, lineage=lineage)
    labels: dict[str, ItemWords] = {}
    if not (old.performance.is_empty() and new.performance.is_empty()):
        labels = performance_words(old) | performance_words(new)
    changes: list[Change] = []
    for key in _ordered_keys((a, b)):
        words = labels.get(key)
        item, within = _english(words) if words else ("", "")
        if key not in b:
            changes.append(Change(key, "removed", a[key], None, item, within, words))
        elif key not in a:
            changes.append(Change(key, "added", None, b[key], item, within, words))
        elif a[key] != b[key]:
            if _is_entity(key):
                # Keys of a party may differ (format 2 ones are there only when used).
                changes.extend(Change(f"{key}.{sub}", "changed", a[key].get(sub),
                                      b[key].get(sub), item, within, words)
                               for sub in _ordered_keys((a[key], b[key]))
                               if a[key].get(sub) != b[key].get(sub))
            else:
                changes.append(Change(key, "changed", a[key], b[key]))
    return changes


def differences(plans: Sequence[Plan]) -> list[Difference]:
    """The fields whose value is not the same in every plan (lineage is not compared)."""
    flats = [flatten(p, lineage=False) for p in plans]
    labels: dict[str, ItemWords] = {}
    if not all(p.performance.is_empty() for p in plans):
        for p in plans:
            labels |= performance_words(p)
    rows: list[Difference] = []
    for key in _ordered_keys(flats):
        values = tuple(f.get(key) for f in flats)
        if all(v == values[0] for v in values[1:]):
            continue
        present = [v for v in values if v is not None]
        if _is_entity(key) and len(present) == len(values):
            for sub in _ordered_keys(present):
                subs = tuple(v.get(sub) for v in present)
                if not all(s == subs[0] for s in subs[1:]):
                    rows.append(Difference(f"{key}.{sub}", subs, labels.get(key)))
        else:
            rows.append(Difference(key, values, labels.get(key)))
    return rows


def show_value(value: Any, max_chars: int = SUMMARY_VALUE_CHARS) -> str:
    """A value on one short line: lists joined, dicts as key: value, nothing as a dash."""
    if value is None:
        text = "—"
    elif value == "":
        text = "(empty)"
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, list):
        text = ", ".join(show_value(v, max_chars) for v in value) if value else "(none)"
    elif isinstance(value, dict):
        text = ", ".join(f"{k}: {show_value(v, max_chars)}" for k, v in value.items())
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= max_chars else text[:max_chars - 1] + "…"


def describe(change: Change) -> str:
    if change.item:
        return _describe_item(change)
    if change.kind == "added":
        return f"added {change.path}"
    if change.kind == "removed":
        return f"removed {change.path}"
    return f"{change.path}: {show_value(change.old)} → {show_value(change.new)}"


def _describe_item(change: Change) -> str:
    within = f"'{change.within}'" if change.within and not change.within.startswith("review ") \
        else change.within
    if change.kind == "added":
        return f"{change.item} added" + (f" to {within}" if within else "")
    if change.kind == "removed":
        return f"{change.item} removed" + (f" from {within}" if within else "")
    field = change.path.rpartition(".")[2]
    where = f" of {within}" if within else ""
    return (f"{change.item}{where}: {field}: {show_value(change.old)} → "
            f"{show_value(change.new)}")


def summarize(changes: Sequence[Change]) -> str:
    """One line for a revision list: the first few changes, then how many more."""
    if not changes:
        return "no changes"
    shown = "; ".join(describe(c) for c in changes[:SUMMARY_CHANGES])
    rest = len(changes) - SUMMARY_CHANGES
    return shown + (f"; and {rest} more change{'s' if rest > 1 else ''}" if rest > 0 else "")
