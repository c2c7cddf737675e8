from datetime import datetime, timedelta

from pkdesk.core.rotation import RetentionPolicy, backups_to_keep

NOW = datetime(2026, 11, 25, 12, 0)


def test_keeps_everything_when_there_are_only_a_few() -> None:
    times = [NOW - timedelta(minutes=m) for m in (1, 10, 100)]
    assert backups_to_keep(times, NOW) == set(times)


def test_keeps_the_most_recent_few_of_one_day() -> None:
    times = [NOW - timedelta(minutes=10 * i) for i in range(20)]
    kept = backups_to_keep(times, NOW, RetentionPolicy(recent=3, daily_days=7, weekly_weeks=0))
    assert kept == set(times[:3])


def test_one_per_day_for_a_week_newest_of_each_day() -> None:
    # Four backups a day at 09:00..12:00 for 20 days.
    times = [datetime(2026, 11, 25 - d, h) for d in range(20) for h in (9, 10, 11, 12)]
    kept = backups_to_keep(times, NOW, RetentionPolicy(recent=0, daily_days=7, weekly_weeks=0))
    assert kept == {datetime(2026, 11, 25 - d, 12) for d in range(7)}


def test_one_per_week_for_two_months_then_nothing() -> None:
    times = [NOW - timedelta(days=d) for d in range(0, 200)]
    kept = backups_to_keep(times, NOW, RetentionPolicy(recent=0, daily_days=0, weekly_weeks=9))
    weeks = [t.isocalendar()[:2] for t in kept]
    assert len(weeks) == len(set(weeks))          # at most one per week
    assert 9 <= len(kept) <= 10
    assert min(kept) > NOW - timedelta(weeks=9)
    # each is the newest backup of its week
    for t in kept:
        assert not any(o > t and o.isocalendar()[:2] == t.isocalendar()[:2] for o in times)


def test_count_is_bounded_however_many_backups_exist() -> None:
    policy = RetentionPolicy()
    times = [NOW - timedelta(hours=h) for h in range(24 * 365)]
    kept = backups_to_keep(times, NOW, policy)
    assert len(kept) <= policy.max_kept
    assert NOW in kept                              # the newest is always kept
    assert max(NOW - t for t in kept) < timedelta(weeks=9)


def test_future_dated_backups_are_kept_not_deleted() -> None:
    future = NOW + timedelta(days=3)
    kept = backups_to_keep([future, NOW - timedelta(days=1)], NOW,
                           RetentionPolicy(recent=0, daily_days=7, weekly_weeks=0))
    assert future in kept


def test_duplicates_and_empty_input() -> None:
    assert backups_to_keep([], NOW) == set()
    assert backups_to_keep([NOW, NOW], NOW) == {NOW}
