"""`pkdesk assess PLAN`: where the plan stands against its indicators, reviews and decisions.

Per worded objective its indicators (latest value, target line, trend, suggested rating), the
objectives-by-review grid, the next review due, the overdue ones and the loop's findings, as
``pkdesk.core.performance.assessment`` computes them on the day given (``--date``; default:
today). Text for people, ``--format json`` for scripts (``assessment_to_dict``, documented in
docs/performance.md). Exit 0; bad input: one line, exit 2.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from pkdesk.cli.common import add_format, add_lang, echo, language, print_json, terminal_text
from pkdesk.cli.plan_source import PLAN_HELP, load_plan_arg
from pkdesk.core.i18n import Translator, translator
from pkdesk.core.plan.performance_file import date_problem


def _date_arg(value: str) -> date:
    problem = date_problem(value)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"{problem} (got {value!r:.40})")
    return date.fromisoformat(value)


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    p = sub.add_parser("assess", help="where a plan stands: indicators, ratings, reviews due, "
                                      "the loop's findings")
    p.add_argument("plan", metavar="PLAN", help=PLAN_HELP)
    p.add_argument("--date", type=_date_arg, metavar="YYYY-MM-DD", dest="on",
                   help="assess as on this day (default: today); later data and reviews are "
                        "not counted")
    add_format(p)
    add_lang(p)
    p.set_defaults(func=cmd_assess)


def cmd_assess(args: argparse.Namespace) -> int:
    from pkdesk.core.performance.assessment import assess, assessment_to_dict

    plan, _source = load_plan_arg(args, args.plan)
    lang = language(args)
    result = assess(plan, args.on or date.today(), lang=lang)
    if args.format == "json":
        print_json(assessment_to_dict(result, plan, lang))
    else:
        echo(format_assessment(result, lang))
    return 0


def _value(x: float | None, t: Translator) -> str:
    if x is None:
        return "–"
    x = float(x)
    if x.is_integer() and abs(x) < 1e15:
        return t.number(int(x))
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if t.lang == "fr" else text


def _rating(rating: str, t: Translator) -> str:
    return t(f"value.{rating}").lower()


def format_assessment(a: Any, lang: str) -> str:
    """The assessment as text: every field from the plan on one line, shown literally."""
    t = translator(lang)
    lines = [t("cli.assess.title", title=terminal_text(a.plan_title), date=t.date(a.today))]
    if a.next_review_due is None:
        lines.append(t("cli.assess.no_cycle"))
    else:
        key = "cli.assess.next_due_overdue" if a.overdue else "cli.assess.next_due"
        lines.append(t(key, date=t.date(a.next_review_due)))
    if a.overdue:
        lines.append(t("cli.assess.overdue", dates=", ".join(t.date(d) for d in a.overdue)))
    if not a.objectives:
        lines += ["", t("cli.assess.no_objectives")]
    for n, o in enumerate(a.objectives, 1):
        lines += ["", t("cli.assess.objective", number=n, text=terminal_text(o.text),
                        objective=t(f"value.{o.objective}"), rating=_rating(o.suggested, t))]
        if not o.indicators:
            lines.append("  " + t("cli.assess.no_indicators"))
        for s in o.indicators:
            i = s.indicator
            unit = f" {terminal_text(i.unit)}" if i.unit else ""
            head = f"  - {terminal_text(i.text)}: {_rating(s.rating, t)}"
            if s.latest_value is None:
                lines.append(head + "; " + t("cli.assess.no_data_yet"))
                continue
            trend = f", {t('cli.assess.trend.' + s.trend)}" if s.trend else ""
            line = t("cli.assess.indicator_latest", value=_value(s.latest_value, t) + unit,
                     date=t.date_text(s.latest_date))
            if s.target_line is not None:
                line += ", " + t("cli.assess.target_line", value=_value(s.target_line, t) + unit)
            lines.append(head + "; " + line + trend)
    lines += ["", *_grid(a, t)]
    lines += ["", *_findings(a, t)]
    return "\n".join(lines)


def _grid(a: Any, t: Translator) -> list[str]:
    if not a.reviews:
        return [t("cli.assess.no_reviews")]
    dates = [t.date_text(r.date) for r in a.reviews]
    cells = [[_rating(c.rating, t) if c is not None else "–" for c in o.cells]
             for o in a.objectives]
    label = [t("cli.assess.objective_short", number=n) for n in range(1, len(cells) + 1)]
    first = max([len(x) for x in label] + [1])
    widths = [max([len(d)] + [len(row[k]) for row in cells]) for k, d in enumerate(dates)]
    out = [t("cli.assess.reviews"),
           "  " + " " * first + "".join(f"  {d:<{w}}" for d, w in zip(dates, widths)).rstrip()]
    for name, row in zip(label, cells):
        out.append(f"  {name:<{first}}" + "".join(f"  {c:<{w}}"
                                                  for c, w in zip(row, widths)).rstrip())
    number = {o.uid: n for n, o in enumerate(a.objectives, 1)}
    for r in a.reviews:
        for x in r.ratings:
            if x.rating != x.suggested:
                out.append("  " + t("cli.assess.changed", date=t.date_text(r.date),
                                    number=number.get(x.objective, "?"),
                                    suggested=_rating(x.suggested, t),
                                    rating=_rating(x.rating, t),
                                    reason=terminal_text(x.reason) or "–"))
    decisions = [(r, d) for r in a.reviews for d in r.decisions]
    if decisions:
        out += ["", t("cli.assess.decisions")]
        for r, d in decisions:
            about = (" (" + t("cli.assess.objective_short", number=number[d.objective]) + ")"
                     if d.objective in number else "")
            action = ""
            if d.action != "none":
                action = " [" + t(f"cli.assess.action.{d.action}",
                                  link=terminal_text(d.link) or "–") + "]"
            out.append(f"  {t.date_text(r.date)}{about}: {terminal_text(d.text)}{action}")
    return out


def _findings(a: Any, t: Translator) -> list[str]:
    if not a.findings:
        return [t("cli.assess.no_findings")]
    out = [t("cli.assess.findings")]
    for f in a.findings:
        out.append(f"  {f.rule}  {f.severity}  {terminal_text(f.message)}")
        out.append("    " + t("cli.instead", text=terminal_text(f.instead)))
        if f.acknowledged is not None:
            out.append("    " + t("cli.acknowledged", reason=terminal_text(f.acknowledged)))
    return out
