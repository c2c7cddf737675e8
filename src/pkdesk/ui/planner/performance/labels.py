"""Catalog ids of the Performance tab's enumerated values, spelled out (not composed), so the
catalog test finds every one."""

from __future__ import annotations

from pkdesk.ui.common.i18n import tr

DIRECTION_IDS = {"higher": "ui.performance.direction.higher",
                 "lower": "ui.performance.direction.lower"}
FREQUENCY_IDS = {"weekly": "ui.performance.frequency.weekly",
                 "monthly": "ui.performance.frequency.monthly",
                 "quarterly": "ui.performance.frequency.quarterly",
                 "half_yearly": "ui.performance.frequency.half_yearly",
                 "yearly": "ui.performance.frequency.yearly"}
RATING_IDS = {"on_track": "ui.performance.rating.on_track",
              "at_risk": "ui.performance.rating.at_risk",
              "off_track": "ui.performance.rating.off_track",
              "no_data": "ui.performance.rating.no_data"}
ACTION_IDS = {"none": "ui.performance.review.action.none",
              "scenario": "ui.performance.review.action.scenario",
              "revision": "ui.performance.review.action.revision"}


def value_label(ids: dict[str, str], value: str) -> str:
    """The label of ``value`` in the window's language (the value itself if unknown)."""
    key = ids.get(value)
    return tr(key) if key is not None else value


def rating_label(rating: str) -> str:
    return value_label(RATING_IDS, rating)
