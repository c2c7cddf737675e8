"""What a stress test's PDF says, in the house style of the comparison.

Page 1: the plan as it is (verdict) and the stress table: each what-if, the verdict after
it, the principles it breaks and the strategies that answer it. Then, one section a
what-if, what it assumes, the findings it adds (as cards, with the passages they rest on)
and the findings it clears.
"""

from __future__ import annotations

from collections.abc import Mapping

from pkdesk.core.i18n import DEFAULT_LANGUAGE, translator
from pkdesk.core.plan.report import CitedNode, finding_card, verdict_banner
from pkdesk.core.report import Block, BulletList, Heading, Paragraph, Report, Table, TitleBlock
from pkdesk.core.report_labels import label, principle_label, print_labels, severity_counts, \
    verdict_label
from pkdesk.core.stress import StressReport, StressRow


def cited_node_ids(report: StressReport) -> list[str]:
    """Node ids the added findings cite, in order of first citation, each once."""
    seen: dict[str, None] = {}
    for row in report.rows:
        for f in row.new:
            for c in f.cites:
                seen.setdefault(c.node, None)
    return list(seen)


def breaks_text(row: StressRow, lang: str = DEFAULT_LANGUAGE, sep: str = "; ") -> str:
    """The principles a what-if breaks, with their findings counted (the window's table puts
    one a line: ``sep="\\n"``)."""
    parts = [f"{principle_label(p, lang)} ({severity_counts(counts, lang=lang)})"
             for p, counts in row.breaks.items()]
    return sep.join(parts) or translator(lang)("stress.nothing")


def answers_text(row: StressRow, lang: str = DEFAULT_LANGUAGE, sep: str = "; ") -> str:
    """The plan's strategies that answer a what-if, or the kinds that would."""
    t = translator(lang)
    if row.answering:
        return sep.join(f"#{n} {label(s.kind, lang)}"
                         + (" " + t("stress.led_by", lead=s.lead) if s.lead else "")
                         for n, s in row.answering)
    kinds = ", ".join(label(k, lang) for k in row.whatif.answered_by)
    return t("stress.none_would_be", kinds=kinds) if kinds else t("stress.none")


def _row_section(number: int, row: StressRow, nodes: Mapping[str, CitedNode],
                 lang: str) -> list[Block]:
    t = translator(lang)
    out: list[Block] = [
        Heading(t("stress.h_whatif", number=number, title=row.whatif.title_in(lang)), 2),
        Paragraph(row.whatif.description_in(lang), "lead"),
        Paragraph(t("stress.verdict_after", verdict=verdict_label(row.result.verdict, lang))
                  + " " + t("stress.answered_by", answers=answers_text(row, lang))),
    ]
    if row.new:
        out.append(Paragraph(t.plural("stress.adds", len(row.new)), "muted"))
        out += [finding_card(f, nodes, None) for f in row.new]
    else:
        out.append(Paragraph(t("stress.adds_nothing"), "muted"))
    if row.cleared:
        out.append(Paragraph(t.plural("stress.clears", len(row.cleared)), "muted"))
        out.append(BulletList(tuple(f.message for f in row.cleared)))
    return out


def stress_report(report: StressReport, nodes: Mapping[str, CitedNode], author: str = "",
                  date: str = "") -> Report:
    """The whole stress test document in the report's language; ``nodes`` names the cited
    reference nodes by id; ``date`` (ISO) is printed in every page header."""
    lang = report.lang
    t = translator(lang)
    rows = tuple((row.whatif.title_in(lang), verdict_label(row.result.verdict, lang),
                  breaks_text(row, lang), answers_text(row, lang)) for row in report.rows)
    blocks: list[Block] = [
        TitleBlock(t("stress.kicker"), report.plan_title,
                   t.plural("stress.subtitle", len(report.rows))),
        Paragraph(t("stress.lead"), "lead"),
        verdict_banner(report.baseline, lang),
        Heading(t("stress.h_table"), 2),
        Table((t("stress.col_whatif"), t("stress.col_verdict"), t("stress.col_breaks"),
               t("stress.col_answers")), rows, (26, 16, 30, 28)),
        Heading(t("stress.h_details"), 1, new_page=True),
    ]
    for number, row in enumerate(report.rows, 1):
        blocks += _row_section(number, row, nodes, lang)
    running = t("stress.running_title", title=report.plan_title)
    return Report(running_title=running, title=running, author=author,
                  subject=t("stress.subject", title=report.plan_title), blocks=tuple(blocks),
                  running_note=t.date_text(date), labels=print_labels(lang))
