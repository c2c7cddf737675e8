"""Which backups to keep: the few most recent, one per day for a week, one per week after.

A pure function over timestamps so the policy can be tested with plain dates; the store
applies it to the files in the backups folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class RetentionPolicy:
    recent: int = 5          # the newest N, whatever their age
    daily_days: int = 7      # the newest backup of each calendar day, for this many days
    weekly_weeks: int = 9    # the newest backup of each ISO week, for about two months

    @property
    def max_kept(self) -> int:
        """An upper bound on how many backups the policy ever keeps."""
        # A window of N days/weeks can touch N + 1 calendar days/weeks.
        return self.recent + self.daily_days + 1 + self.weekly_weeks + 1


DEFAULT_POLICY = RetentionPolicy()


def backups_to_keep(times: Iterable[datetime], now: datetime,
                    policy: RetentionPolicy = DEFAULT_POLICY) -> set[datetime]:
    """The subset of `times` to keep; everything else may be deleted.

    Calendar days and weeks are those of the datetimes as given, so pass local times for
    "one per day" to mean the user's day. Backups dated in the future (a clock that was
    wrong) count as recent rather than being deleted.
    """
    newest_first = sorted(set(times), reverse=True)
    keep = set(newest_first[:policy.recent])
    days_seen: set[object] = set()
    weeks_seen: set[object] = set()
    for t in newest_first:
        age = now - t
        day = t.date()
        if age < timedelta(days=policy.daily_days) and day not in days_seen:
            days_seen.add(day)
            keep.add(t)
        week = t.isocalendar()[:2]
        if age < timedelta(weeks=policy.weekly_weeks) and week not in weeks_seen:
            weeks_seen.add(week)
            keep.add(t)
    return keep
