"""``plan.performance`` in the plan file (format version 3): read, validated, written.

Every value is checked like the rest of the format (``pkdesk.core.plan.file``): ISO dates
that exist, finite numbers, enums, uids well formed and unique within the plan, a rating's
or decision's objective uid that names one of the plan's worded objectives, bounded text and
lists; a problem raises ``InputError`` naming the place (``plan.performance.objectives[0].
indicators[2].data[17][1]``). Objects inside ``performance`` are closed, as every nested
object of the format: an unknown field is refused with its path, never dropped.

Data points are many (50 indicators × 500 points must fit in a file), so each is written as
one short row ``[date, value, uid, source, note, recorded_by]``, trailing empty texts left
out, instead of an object with its field names.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from pkdesk.core.documents import shown
from pkdesk.core.errors import InputError
from pkdesk.core.plan.model import (
    DECISION_ACTIONS, DIRECTIONS, FREQUENCIES, OBJECTIVES, RATINGS, DataPoint, Decision,
    Indicator, MissionObjective, ObjectiveRating, Performance, Review,
)
from pkdesk.core.plan.values import (
    NAME_CHARS, TEXT_CHARS, Obj, check_controls, check_encodable, check_uid, replace_controls,
)

OBJECTIVE_CHARS = 1_000     # a worded objective or an indicator: one line
UNIT_CHARS = 60
NOTE_CHARS = 2_000          # a data point's note (multi-line)
MAX_OBJECTIVES = 500
MAX_INDICATORS = 200        # per worded objective
MAX_DATA_POINTS = 10_000    # per indicator
MAX_REVIEWS = 500
MAX_REVIEW_ITEMS = 500      # ratings or decisions of one review
MAX_ABS_VALUE = 1e15        # a measured value, baseline or target
MAX_REVISION = 1_000_000_000
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)

PERFORMANCE_KEYS = ("start", "next_review", "objectives", "reviews")
OBJECTIVE_KEYS = ("uid", "objective", "text", "indicators")
INDICATOR_KEYS = ("uid", "text", "unit", "baseline", "baseline_date", "target", "target_date",
                  "direction", "source", "frequency", "data")
REVIEW_KEYS = ("uid", "date", "reviewer", "ratings", "decisions", "notes")
RATING_KEYS = ("objective", "suggested", "rating", "reason")
DECISION_KEYS = ("uid", "text", "objective", "action", "link")
ROW_FIELDS = ("date", "value", "uid", "source", "note", "recorded_by")

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_REVISION = re.compile(r"[1-9][0-9]{0,9}")


def date_problem(value: str) -> str | None:
    """Why ``value`` is not an ISO date pkdesk accepts (``YYYY-MM-DD``, a day that exists,
    1900-2199), or None."""
    if not _ISO_DATE.fullmatch(value):
        return "expected a date as YYYY-MM-DD, e.g. 2025-03-31"
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return "expected a date that exists, as YYYY-MM-DD"
    if not EARLIEST <= day <= LATEST:
        return "expected a date from 1900-01-01 to 2199-12-31"
    return None


def _date(value: Any, where: str, *, required: bool) -> str:
    if value is None or value == "":
        if required:
            raise InputError(f"{where}: missing; expected a date as YYYY-MM-DD")
        return ""
    if not isinstance(value, str):
        raise InputError(f"{where}: expected a date as YYYY-MM-DD (got {shown(value)})")
    problem = date_problem(value)
    if problem is not None:
        raise InputError(f"{where}: {problem} (got {shown(value)})")
    return value


def _number(value: Any, where: str, *, nullable: bool) -> float | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{where}: expected a number{' or null' if nullable else ''} "
                         f"(got {shown(value)})")
    number = float(value)
    if not math.isfinite(number) or abs(number) > MAX_ABS_VALUE:
        raise InputError(f"{where}: expected a finite number from -1e15 to 1e15 "
                         f"(got {shown(value)})")
    return number


class _Uids:
    """Uids seen so far in the plan's performance: each must be new. Also what one read has
    already found valid (dates, texts of data points: they repeat), so that 25,000 rows are
    checked fast; a message is built only for a value that is wrong."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.dates: set[str] = set()
        self.texts: dict[tuple[str, bool], str] = {}

    def check(self, value: Any, where: str) -> str:
        uid = check_uid(value, where)
        if uid in self.seen:
            raise InputError(f"{where}: uid {uid} is used twice in the plan's performance; "
                             "each objective, indicator, data point, review and decision "
                             "needs its own")
        self.seen.add(uid)
        return uid


def performance_from(o: Obj | None) -> Performance:
    """``plan.performance`` from the file (absent or null: empty)."""
    if o is None:
        return Performance()
    o.closed(PERFORMANCE_KEYS)
    uids = _Uids()
    objectives = [_objective(x, uids) for x in o.objs("objectives", MAX_OBJECTIVES)]
    known = {x.uid for x in objectives}
    reviews = [_review(r, uids, known) for r in o.objs("reviews", MAX_REVIEWS)]
    return Performance(start=_date(o.get("start"), o.where("start"), required=False),
                       next_review=_date(o.get("next_review"), o.where("next_review"),
                                         required=False),
                       objectives=objectives, reviews=reviews)


def _uid(o: Obj, uids: _Uids) -> str:
    return uids.check(o.get("uid"), o.where("uid"))


def _objective(o: Obj, uids: _Uids) -> MissionObjective:
    o.closed(OBJECTIVE_KEYS)
    return MissionObjective(uid=_uid(o, uids), objective=o.enum("objective", OBJECTIVES, None),
                            text=o.text("text", OBJECTIVE_CHARS, required=True),
                            indicators=[_indicator(i, uids)
                                        for i in o.objs("indicators", MAX_INDICATORS)])


def _indicator(o: Obj, uids: _Uids) -> Indicator:
    o.closed(INDICATOR_KEYS)
    uid = _uid(o, uids)
    return Indicator(
        uid=uid, text=o.text("text", OBJECTIVE_CHARS, required=True),
        unit=o.text("unit", UNIT_CHARS),
        baseline=_number(o.get("baseline"), o.where("baseline"), nullable=True),
        baseline_date=_date(o.get("baseline_date"), o.where("baseline_date"), required=False),
        target=_number(o.get("target"), o.where("target"), nullable=True),
        target_date=_date(o.get("target_date"), o.where("target_date"), required=False),
        direction=o.enum("direction", DIRECTIONS, "higher"),
        source=o.text("source", NAME_CHARS),
        frequency=o.enum("frequency", FREQUENCIES, "monthly"),
        data=_rows(o, uids))


def _rows(o: Obj, uids: _Uids) -> list[DataPoint]:
    raw = o.get("data")
    where = o.where("data")
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError(f"{where}: expected a list of rows (got {shown(raw)})")
    if len(raw) > MAX_DATA_POINTS:
        raise InputError(f"{where}: {len(raw)} data points; at most {MAX_DATA_POINTS} allowed")
    return [_row(row, where, i, uids, o.repair) for i, row in enumerate(raw)]


def _row_text(value: Any, where: str, max_chars: int, multiline: bool, repair: bool) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{where}: expected text (got {shown(value)})")
    if len(value) > max_chars:
        raise InputError(f"{where}: text is {len(value)} characters; at most {max_chars} "
                         "allowed")
    value = (replace_controls(value, multiline=multiline) if repair
             else check_controls(value, where, multiline=multiline))
    return check_encodable(value, where)


_UID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_TEXTS = ((3, "source", NAME_CHARS, False), (4, "note", NOTE_CHARS, True),
          (5, "recorded_by", NAME_CHARS, False))


def _row(row: Any, data_where: str, i: int, uids: _Uids, repair: bool) -> DataPoint:
    where = f"{data_where}[{i}]"
    if not isinstance(row, list) or not 3 <= len(row) <= len(ROW_FIELDS):
        raise InputError(f"{where}: expected a data point as a row [date, value, uid, source, "
                         f"note, recorded_by] of 3 to 6 items (got {shown(row)})")
    day = row[0]
    if type(day) is not str or day not in uids.dates:
        _date(day, f"{where}[0] (date)", required=True)
        uids.dates.add(day)
    value = row[1]
    if (type(value) is float or type(value) is int) and -MAX_ABS_VALUE <= value <= MAX_ABS_VALUE:
        value = float(value)    # NaN fails the comparison: the slow path says what is wrong
    else:
        value = _number(value, f"{where}[1] (value)", nullable=False)
    uid = row[2]
    if type(uid) is str and uid not in uids.seen and _UID.fullmatch(uid):
        uids.seen.add(uid)
    else:
        uids.check(uid, f"{where}[2] (uid)")
    if len(row) == 3:
        return DataPoint(value, day, "", "", "", uid)
    texts = ["", "", ""]
    for k in range(len(row) - 3):
        text = row[k + 3]
        if not text:
            if text is None or text == "":
                continue
        index, name, max_chars, multiline = _TEXTS[k]
        known = uids.texts.get((text, multiline)) if type(text) is str else None
        if known is None:
            known = _row_text(text, f"{where}[{index}] ({name})", max_chars, multiline, repair)
            uids.texts[(text, multiline)] = known
        texts[k] = known
    return DataPoint(value, day, texts[0], texts[1], texts[2], uid)


def _review(o: Obj, uids: _Uids, objectives: set[str]) -> Review:
    o.closed(REVIEW_KEYS)
    uid = _uid(o, uids)
    ratings = []
    rated: set[str] = set()
    for r in o.objs("ratings", MAX_REVIEW_ITEMS):
        r.closed(RATING_KEYS)
        objective = _objective_ref(r, objectives, required=True)
        if objective in rated:
            raise InputError(f"{r.where('objective')}: objective {objective} is rated twice "
                             "in this review")
        rated.add(objective)
        ratings.append(ObjectiveRating(objective=objective,
                                       rating=r.enum("rating", RATINGS, None),
                                       suggested=r.enum("suggested", RATINGS, "no_data"),
                                       reason=r.text("reason", TEXT_CHARS, multiline=True)))
    decisions = [_decision(d, uids, objectives) for d in o.objs("decisions", MAX_REVIEW_ITEMS)]
    return Review(uid=uid, date=_date(o.get("date"), o.where("date"), required=True),
                  reviewer=o.text("reviewer", NAME_CHARS), ratings=ratings,
                  decisions=decisions, notes=o.text("notes", TEXT_CHARS, multiline=True))


def _objective_ref(o: Obj, objectives: set[str], *, required: bool) -> str:
    value = o.get("objective")
    if value is None or value == "":
        if required:
            raise InputError(f"{o.where('objective')}: missing; expected the uid of one of "
                             "the plan's worded objectives")
        return ""
    uid = check_uid(value, o.where("objective"))
    if uid not in objectives:
        raise InputError(f"{o.where('objective')}: no worded objective has uid {uid} "
                         "(plan.performance.objectives)")
    return uid


def _decision(o: Obj, uids: _Uids, objectives: set[str]) -> Decision:
    o.closed(DECISION_KEYS)
    uid = _uid(o, uids)
    action = o.enum("action", DECISION_ACTIONS, "none")
    link = o.text("link", 64)
    if link and action == "none":
        raise InputError(f"{o.where('link')}: a decision with action none links to nothing "
                         f"(got {shown(link)})")
    if link and action == "scenario":
        check_uid(link, o.where("link"))
    if link and action == "revision" and not _REVISION.fullmatch(link):
        raise InputError(f"{o.where('link')}: expected a revision number, e.g. \"4\" "
                         f"(got {shown(link)})")
    return Decision(uid=uid, text=o.text("text", TEXT_CHARS, required=True, multiline=True),
                    objective=_objective_ref(o, objectives, required=False), action=action,
                    link=link)


# --- writing ---------------------------------------------------------------------------

def _num(value: float) -> float | int:
    """A whole number is written without ".0" (counts read as counts); read back, it is
    the same float."""
    value = float(value)    # an int set by code (``DataPoint(12, ...)``) is written the same
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _opt_num(value: float | None) -> float | int | None:
    return None if value is None else _num(value)


def _row_out(p: DataPoint) -> list[Any]:
    row: list[Any] = [p.date, _num(p.value), p.uid, p.source, p.note, p.recorded_by]
    while len(row) > 3 and row[-1] == "":
        row.pop()
    return row


def performance_dict(p: Performance) -> dict[str, Any]:
    return {
        "start": p.start, "next_review": p.next_review,
        "objectives": [{"uid": o.uid, "objective": o.objective, "text": o.text,
                        "indicators": [_indicator_dict(i) for i in o.indicators]}
                       for o in p.objectives],
        "reviews": [{"uid": r.uid, "date": r.date, "reviewer": r.reviewer,
                     "ratings": [{"objective": x.objective, "suggested": x.suggested,
                                  "rating": x.rating, "reason": x.reason} for x in r.ratings],
                     "decisions": [{"uid": d.uid, "text": d.text, "objective": d.objective,
                                    "action": d.action, "link": d.link} for d in r.decisions],
                     "notes": r.notes}
                    for r in p.reviews],
    }


def _indicator_dict(i: Indicator) -> dict[str, Any]:
    return {"uid": i.uid, "text": i.text, "unit": i.unit,
            "baseline": _opt_num(i.baseline), "baseline_date": i.baseline_date,
            "target": _opt_num(i.target), "target_date": i.target_date,
            "direction": i.direction, "source": i.source, "frequency": i.frequency,
            "data": [_row_out(p) for p in i.data]}
