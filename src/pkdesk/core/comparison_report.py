"""What a scenario comparison's PDF says.

Page 1: the scenarios (verdict, findings, lineage) and the principle × scenario heat map,
which is what a reader who reads nothing else needs. From page 2, one flow: the fields that
differ, and for each scenario its findings by principle, with the passages they rest on.
"""

from __future__ import annotations

from collections.abc import Mapping

from pkdesk.core.compare import Cell, Comparison, Scenario
from pkdesk.core.field_names import change_name, value_line
from pkdesk.core.findings import SEVERITIES
from pkdesk.core.i18n import DEFAULT_LANGUAGE, translator
from pkdesk.core.plan.report import CitedNode, finding_card, findings_by_principle, verdict_banner
from pkdesk.core.plan.report import cited_node_ids as _cited_node_ids
from pkdesk.core.plan.diff import show_value
from pkdesk.core.report import Block, Heading, HeatMap, Paragraph, Report, Table, TitleBlock
from pkdesk.core.report_labels import label, principle_label, print_labels, severity_counts

VALUE_CHARS = 160


def cell_text(cell: Cell, lang: str = DEFAULT_LANGUAGE) -> str:
    return (severity_counts({s: getattr(cell, s) for s in SEVERITIES}, lang=lang)
            or translator(lang)("pdf.none"))


def _widths(first: int, columns: int) -> tuple[int, ...]:
    """``first`` percent for the label column, the rest shared by ``columns`` columns."""
    rest = [(100 - first) // columns] * columns
    rest[-1] = 100 - first - sum(rest[:-1])
    return (first, *rest)


def heat_map(c: Comparison, lang: str = DEFAULT_LANGUAGE) -> HeatMap:
    return HeatMap(columns=(translator(lang)("cmp.col_principle"),)
                   + tuple(f"{s.label}  {s.plan.title}" for s in c.scenarios),
                   rows=tuple((principle_label(p, lang),)
                              + tuple(cell_text(cell, lang) for cell in row)
                              for p, row in zip(c.principles, c.matrix)),
                   widths=_widths(24, len(c.scenarios)),
                   levels=tuple(tuple(cell.level for cell in row) for row in c.matrix))


def _scenario_table(c: Comparison, lang: str) -> Table:
    t = translator(lang)
    rows = []
    for s in c.scenarios:
        lineage = s.plan.lineage
        origin = t("cmp.branched_from", parent=lineage.parent_title or lineage.parent) \
            + (f": {lineage.changes}" if lineage.changes else "") if lineage else ""
        banner = verdict_banner(s.result, lang)
        rows.append((s.label, s.plan.title, banner.label, banner.detail,
                     "; ".join(x for x in (s.source, origin) if x)))
    width = (6, 28, 14, 26, 26)
    return Table(("", t("cmp.col_scenario"), t("cmp.col_verdict"), t("cmp.col_findings"),
                  t("cmp.col_source")), tuple(rows), width)


def _differences(c: Comparison, lang: str) -> list[Block]:
    t = translator(lang)
    out: list[Block] = [Heading(t("cmp.h_differences"), 1, new_page=True)]
    if not c.differences:
        out.append(Paragraph(t("cmp.identical"), "muted"))
        return out
    out.append(Paragraph(t("cmp.differences_lead"), "lead"))
    rows = tuple((change_name(d, lang),)
                 + tuple(value_line(v, VALUE_CHARS, lang) for v in d.values)
                 for d in c.differences)
    out.append(Table((t("cmp.col_field"),) + tuple(s.label for s in c.scenarios), rows,
                     _widths(28, len(c.scenarios))))
    return out


def labelled(value: object, lang: str = DEFAULT_LANGUAGE) -> object:
    """Enumerated values as the plan PDF prints them ("Offensive operations")."""
    if isinstance(value, str):
        return label(value, lang) if value and value.islower() and " " not in value else value
    if isinstance(value, int) and not isinstance(value, bool):
        return translator(lang).number(value)
    if isinstance(value, list):
        return [labelled(v, lang) for v in value]
    if isinstance(value, dict):
        return {k: labelled(v, lang) for k, v in value.items()}
    return value


def _scenario_findings(number: int, s: Scenario, nodes: Mapping[str, CitedNode],
                       lang: str) -> list[Block]:
    t = translator(lang)
    # Sections flow on from the fields that differ (a short list would otherwise leave
    # page 2 almost empty); a heading is kept with what follows it.
    out: list[Block] = [Heading(t("cmp.h_scenario", number=number, label=s.label,
                                  title=s.plan.title), 1),
                        verdict_banner(s.result, lang)]
    if not s.result.findings:
        out.append(Paragraph(t("cmp.no_findings"), "muted"))
    for principle, fs in findings_by_principle(s.result.findings).items():
        out.append(Heading(principle_label(principle, lang), 2))
        out += [finding_card(f, nodes, f.acknowledged) for f in fs]
    return out


def cited_node_ids(c: Comparison) -> list[str]:
    return _cited_node_ids(*(s.result for s in c.scenarios))


def comparison_report(c: Comparison, nodes: Mapping[str, CitedNode], author: str = "",
                      date: str = "", lang: str = DEFAULT_LANGUAGE) -> Report:
    """The whole comparison document in ``lang``; ``nodes`` names the cited reference nodes by
    id; ``date`` (ISO) is printed in every page header."""
    t = translator(lang)
    titles = " · ".join(s.plan.title for s in c.scenarios)
    countries = sorted({s.plan.host_country for s in c.scenarios if s.plan.host_country})
    count = len(c.scenarios)
    blocks: list[Block] = [
        TitleBlock(t("cmp.kicker"), t.plural("cmp.title", count), " · ".join(countries)),
        _scenario_table(c, lang),
        Heading(t("plan.findings_by_principle"), 2),
        Paragraph(t("cmp.heat_map_lead"), "muted"),
        heat_map(c, lang),
    ]
    blocks += _differences(c, lang)
    for i, s in enumerate(c.scenarios, 2):
        blocks += _scenario_findings(i, s, nodes, lang)
    running = t("cmp.running_title", titles=titles)
    return Report(running_title=running, title=running, author=author,
                  subject=t.plural("cmp.subject", count), blocks=tuple(blocks),
                  running_note=t.date_text(date), labels=print_labels(lang))
