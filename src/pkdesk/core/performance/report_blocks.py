"""The printed blocks of one worded objective's indicators, shared by the plan PDF's
"Performance" section and the assessment report: what the indicator measures, its baseline,
target and latest value, and its trend chart (printed as an image)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pkdesk.core.i18n import DEFAULT_LANGUAGE, Translator, translator
from pkdesk.core.performance.trend import number_text, trend_data
from pkdesk.core.plan.model import Indicator, MissionObjective
from pkdesk.core.report import Block, FieldList, Heading, Paragraph, TrendChart
from pkdesk.core.report_labels import label


def value_text(value: float | None, lang: str = DEFAULT_LANGUAGE, unit: str = "") -> str:
    """A measured value as printed: at most two decimals, the language's separators."""
    if value is None or not math.isfinite(value):
        return "—"
    decimals = 0 if value == int(value) else (1 if round(value, 1) == value else 2)
    return f"{number_text(value, decimals, lang)} {unit}".strip()


def legend(t: Translator) -> tuple[str, str, str, str, str]:
    return (t("trend.values"), t("trend.baseline"), t("trend.target"), t("trend.review"),
            t("trend.no_data"))


def objective_name(o: MissionObjective, lang: str = DEFAULT_LANGUAGE) -> str:
    """"Protect civilians: Fewer attacks on IDP sites in Sector East"."""
    if not o.text:
        return label(o.objective, lang)
    return translator(lang)("assessreport.objective_name", objective=label(o.objective, lang),
                            text=o.text)


def _level(value: float | None, on: str, lang: str, t: Translator, unit: str) -> str:
    if value is None:
        return t("assessreport.not_set")
    return value_text(value, lang, unit) + (f" ({t.date_text(on)})" if on else "")


def indicator_blocks(ind: Indicator, review_dates: Sequence[str], lang: str = DEFAULT_LANGUAGE,
                     suggested: str | None = None, heading: bool = True) -> list[Block]:
    """The indicator's text (a subheading, or with ``heading`` False a lead paragraph), its
    facts, and its chart. ``suggested`` is the rating pkdesk suggests now (not printed when
    None)."""
    t = translator(lang)
    latest = max(ind.data, key=lambda p: p.date) if ind.data else None
    better = (t(f"assessreport.better_{ind.direction}") if ind.direction in ("higher", "lower")
              else ind.direction)
    rows = [
        (t("assessreport.latest"),
         t("assessreport.latest_value", value=value_text(latest.value, lang, ind.unit),
           date=t.date_text(latest.date)) if latest else t("assessreport.no_data_points")),
        (t("assessreport.baseline"), _level(ind.baseline, ind.baseline_date, lang, t, ind.unit)),
        (t("assessreport.target"), _level(ind.target, ind.target_date, lang, t, ind.unit)),
        (t("assessreport.better"), better),
        (t("assessreport.measured"),
         label(ind.frequency, lang) + (f" · {ind.source}" if ind.source else "")),
        (t("assessreport.data_points"), t.number(len(ind.data))),
    ]
    if suggested is not None:
        rows.append((t("assessreport.suggested_now"), label(suggested, lang)))
    title: Block = Heading(ind.text, 2) if heading else Paragraph(ind.text, "lead")
    return [title, FieldList(tuple(rows)),
            TrendChart(trend_data(ind, review_dates, lang), legend(t))]
