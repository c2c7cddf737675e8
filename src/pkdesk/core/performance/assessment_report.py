"""What the assessment report says: one review of the plan's life, on paper.

Page 1: the review (who, when), when the next one is due and which are overdue, the
objectives' ratings at this review (in words, with what pkdesk suggested and the reviewer's
reason when changed), and the objectives-by-review grid. Then each worded objective with its
indicators, each indicator with its trend chart; every decision the reviews took, and where it
led (a scenario, a new revision); the loop's findings with the passages they cite, verbatim.

``review_on`` picks the review by its date; by default the latest held. The schedule, the
suggested ratings and the findings are as of ``today`` (printed as "As of"), whichever review
is reported: the report says where the plan stands now. The house style is the
plan PDF's (``plan.report``): same blocks, same finding cards, the document's own words from
the message catalog (``assessreport.*``), the plan's own text printed as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from pkdesk.core.errors import InputError
from pkdesk.core.findings import Finding
from pkdesk.core.i18n import DEFAULT_LANGUAGE, Translator, translator
from pkdesk.core.performance.report_blocks import indicator_blocks, objective_name
from pkdesk.core.performance.trend import plan_review_dates, review_grid
from pkdesk.core.plan.model import Plan, Review
from pkdesk.core.plan.report import CitedNode, finding_card
from pkdesk.core.report import (
    Block, FieldList, Heading, HeatMap, Paragraph, Report, Table, TitleBlock,
)
from pkdesk.core.report_labels import in_sentence, label, print_labels

GRID_REVIEWS = 6            # the grid shows this review and at most five before it
CHANGED_MARK = "✎"
# A rating's shade in the grid, on the house scale of the heat maps (lightness apart).
RATING_LEVELS = {"on_track": "none", "at_risk": "warning", "off_track": "blocker",
                 "no_data": "advice"}


def chosen_review(plan: Plan, on: str | None) -> Review | None:
    """The review held on ``on`` (ISO date), or the latest held when ``on`` is None; None
    when no review was held. InputError when ``on`` names no review held."""
    reviews = sorted(plan.performance.reviews, key=lambda r: r.date)
    if on is None:
        return reviews[-1] if reviews else None
    for review in reviews:
        if review.date == on:
            return review
    held = ", ".join(r.date for r in reviews) or "none"
    raise InputError(f"--review: no review held on {on} (reviews held: {held})")


def cited_node_ids(findings: Sequence[Finding]) -> list[str]:
    seen: dict[str, None] = {}
    for f in findings:
        for c in f.cites:
            seen.setdefault(c.node, None)
    return list(seen)


def _rating(rating: str, lang: str) -> str:
    return label(rating, lang)


def _ratings_table(plan: Plan, review: Review, lang: str) -> list[Block]:
    t = translator(lang)
    by_uid = {o.uid: o for o in plan.performance.objectives}
    rows = []
    for r in review.ratings:
        o = by_uid.get(r.objective)
        name = objective_name(o, lang) if o else r.objective
        changed = r.rating != r.suggested
        rating = _rating(r.rating, lang) + (f" {CHANGED_MARK}" if changed else "")
        reason = r.reason or ("—" if not changed else t("assessreport.no_reason"))
        rows.append((name, rating, _rating(r.suggested, lang), reason))
    if not rows:
        return [Paragraph(t("assessreport.no_ratings"), "muted")]
    return [Table((t("assessreport.col_objective"), t("assessreport.col_rating"),
                   t("assessreport.col_suggested"), t("assessreport.col_reason")),
                  tuple(rows), (38, 16, 16, 30)),
            Paragraph(t("assessreport.changed_note", mark=CHANGED_MARK), "muted")]


def _grid(plan: Plan, review: Review, lang: str) -> list[Block]:
    t = translator(lang)
    grid = review_grid(plan, until=review.date)
    first = max(0, len(grid.columns) - GRID_REVIEWS)
    columns = grid.columns[first:]
    if not grid.rows or not columns:
        return []
    rows, levels = [], []
    for row in grid.rows:
        cells, shades = [], []
        for cell in row.cells[first:]:
            if cell is None:
                cells.append("—")
                shades.append("advice")
            else:
                cells.append(_rating(cell.rating, lang)
                             + (f" {CHANGED_MARK}" if cell.changed else ""))
                shades.append(RATING_LEVELS.get(cell.rating, "advice"))
        rows.append((row.text or label(row.objective, lang), *cells))
        levels.append(tuple(shades))
    first_w = 34 if len(columns) > 3 else 40
    rest = (100 - first_w) // len(columns)
    widths = (100 - rest * len(columns), *([rest] * len(columns)))
    return [Heading(t("assessreport.h_grid"), 2),
            HeatMap((t("assessreport.col_objective"), *(t.date_text(c) for c in columns)),
                    tuple(rows), widths, tuple(levels))]


def _decisions(plan: Plan, review: Review, lang: str) -> list[Block]:
    t = translator(lang)
    by_uid = {o.uid: o for o in plan.performance.objectives}
    reviews = sorted((r for r in plan.performance.reviews if r.date <= review.date),
                     key=lambda r: r.date)
    out: list[Block] = [Heading(t("assessreport.h_decisions"), 1, new_page=True),
                        Paragraph(t("assessreport.decisions_lead"), "lead")]
    any_decision = False
    for r in reversed(reviews):
        if not r.decisions:
            continue
        any_decision = True
        out.append(Heading(t("assessreport.h_review_decisions", date=t.date_text(r.date)), 2))
        rows = []
        for d in r.decisions:
            o = by_uid.get(d.objective)
            about = (o.text or label(o.objective, lang)) if o else "—"
            rows.append((d.text, about, _led_to(d.action, d.link, t)))
        out.append(Table((t("assessreport.col_decision"), t("assessreport.col_about"),
                          t("assessreport.col_led_to")), tuple(rows), (50, 25, 25)))
    if not any_decision:
        out.append(Paragraph(t("assessreport.no_decisions"), "muted"))
    return out


def _led_to(action: str, link: str, t: Translator) -> str:
    if action == "scenario":
        return t("assessreport.led_scenario", link=link) if link else t("assessreport.led_scenario_unlinked")
    if action == "revision":
        return t("assessreport.led_revision", link=link) if link else t("assessreport.led_revision_unlinked")
    return t("assessreport.led_nothing")


def assessment_report(plan: Plan, findings: Sequence[Finding], suggested: Mapping[str, str],
                      nodes: Mapping[str, CitedNode], *, today: date,
                      next_due: date | None, overdue: Sequence[date],
                      review_on: str | None = None, author: str = "",
                      lang: str = DEFAULT_LANGUAGE) -> Report:
    """The assessment report of ``plan`` in ``lang``.

    ``findings`` are the loop's findings (``assessment.assess``), ``suggested`` the rating
    pkdesk suggests today per indicator uid, ``nodes`` the reference nodes the findings cite
    by id (a node not in it is named by its id), ``next_due`` and ``overdue`` the review
    schedule as of ``today``. InputError when ``review_on`` names no review held."""
    t = translator(lang)
    review = chosen_review(plan, review_on)
    perf = plan.performance
    review_dates = plan_review_dates(plan)
    if review is None:
        subtitle = t("assessreport.no_review_held")
    elif review.reviewer:
        subtitle = t("assessreport.review_by", date=t.date_text(review.date),
                     reviewer=review.reviewer)
    else:
        subtitle = t("assessreport.review_of", date=t.date_text(review.date))
    rows = [
        (t("assessreport.plan_start"), t.date_text(perf.start) if perf.start
         else t("assessreport.not_set")),
        (t("assessreport.reviews_held"), t.number(len(review_dates))),
        (t("assessreport.next_due"), t.date(next_due) if next_due
         else t("assessreport.not_scheduled")),
        (t("assessreport.overdue"), ", ".join(t.date(d) for d in overdue) if overdue
         else t("assessreport.none_overdue")),
        (t("assessreport.as_of"), t.date(today)),
    ]
    blocks: list[Block] = [TitleBlock(t("assessreport.kicker"), plan.title, subtitle),
                           FieldList(tuple(rows))]
    if review is not None:
        blocks += [Heading(t("assessreport.h_ratings"), 2)] + _ratings_table(plan, review, lang)
        blocks += _grid(plan, review, lang)
        if review.notes:
            blocks += [Heading(t("assessreport.h_notes"), 2), Paragraph(review.notes)]
    blocks.append(Heading(t("assessreport.h_objectives"), 1, new_page=True))
    if not perf.objectives:
        blocks.append(Paragraph(t("assessreport.no_objectives"), "muted"))
    for o in perf.objectives:
        blocks.append(Heading(objective_name(o, lang), 1))
        if review is not None:
            rating = next((r for r in review.ratings if r.objective == o.uid), None)
            if rating is not None:
                blocks.append(Paragraph(t("assessreport.rated", rating=in_sentence(rating.rating, lang),
                                          date=t.date_text(review.date)), "lead"))
        if not o.indicators:
            blocks.append(Paragraph(t("assessreport.no_indicators"), "muted"))
        for ind in o.indicators:
            blocks += indicator_blocks(ind, review_dates, lang,
                                       suggested.get(ind.uid, "no_data"))
    if review is not None:
        blocks += _decisions(plan, review, lang)
    blocks.append(Heading(t("assessreport.h_findings"), 1, new_page=True))
    if findings:
        blocks.append(Paragraph(t("assessreport.findings_lead"), "lead"))
        blocks += [finding_card(f, nodes, None) for f in findings]
    else:
        blocks.append(Paragraph(t("assessreport.no_findings"), "muted"))
    running = t("assessreport.running_title", title=plan.title)
    return Report(running_title=running, title=running, author=author,
                  subject=t("assessreport.subject", title=plan.title), blocks=tuple(blocks),
                  running_note=t.date_text(review.date) if review else t.date(today),
                  labels=print_labels(lang))

