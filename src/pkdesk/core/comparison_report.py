"""What a scenario comparison's PDF says.

Page 1: the scenarios (verdict, findings, lineage) and the principle × scenario heat map,
which is what a reader who reads nothing else needs. Then the fields that differ, and for
each scenario its findings by principle, with the passages they rest on.
"""

from __future__ import annotations

from collections.abc import Mapping

from pkdesk.core.compare import Cell, Comparison, Scenario
from pkdesk.core.findings import SEVERITIES
from pkdesk.core.plan_report import CitedNode, finding_card, findings_by_principle, verdict_banner
from pkdesk.core.plan_report import cited_node_ids as _cited_node_ids
from pkdesk.core.plandiff import show_value
from pkdesk.core.report import (
    Block, Heading, HeatMap, Paragraph, Report, Table, TitleBlock, plural,
)
from pkdesk.core.report_labels import label, principle_label, severity_counts

VALUE_CHARS = 160


def cell_text(cell: Cell) -> str:
    return severity_counts({s: getattr(cell, s) for s in SEVERITIES}) or "none"


def _widths(first: int, columns: int) -> tuple[int, ...]:
    """``first`` percent for the label column, the rest shared by ``columns`` columns."""
    rest = [(100 - first) // columns] * columns
    rest[-1] = 100 - first - sum(rest[:-1])
    return (first, *rest)


def heat_map(c: Comparison) -> HeatMap:
    return HeatMap(columns=("Principle",) + tuple(f"{s.label}  {s.plan.title}"
                                                  for s in c.scenarios),
                   rows=tuple((principle_label(p),) + tuple(cell_text(cell) for cell in row)
                              for p, row in zip(c.principles, c.matrix)),
                   widths=_widths(24, len(c.scenarios)),
                   levels=tuple(tuple(cell.level for cell in row) for row in c.matrix))


def _scenario_table(c: Comparison) -> Table:
    rows = []
    for s in c.scenarios:
        lineage = s.plan.lineage
        origin = (f"branched from {lineage.parent_title or lineage.parent}"
                  + (f": {lineage.changes}" if lineage.changes else "")) if lineage else ""
        banner = verdict_banner(s.result)
        rows.append((s.label, s.plan.title, banner.label, banner.detail,
                     "; ".join(x for x in (s.source, origin) if x)))
    width = (6, 28, 14, 26, 26)
    return Table(("", "Scenario", "Verdict", "Findings", "Source"), tuple(rows), width)


def _differences(c: Comparison) -> list[Block]:
    out: list[Block] = [Heading("1  Fields that differ", 1, new_page=True)]
    if not c.differences:
        out.append(Paragraph("The scenarios' plans are identical field for field; they differ "
                             "only in identity.", "muted"))
        return out
    out.append(Paragraph("Each row is a field whose value is not the same in every scenario; "
                         "a dash means the scenario does not have it (a party or strategy "
                         "it does not list).", "lead"))
    rows = tuple((d.path,) + tuple(show_value(_labelled(v), VALUE_CHARS) for v in d.values)
                 for d in c.differences)
    out.append(Table(("Field",) + tuple(s.label for s in c.scenarios), rows,
                     _widths(28, len(c.scenarios))))
    return out


def _labelled(value: object) -> object:
    """Enumerated values as the plan PDF prints them ("Offensive operations")."""
    if isinstance(value, str):
        return label(value) if value and value.islower() and " " not in value else value
    if isinstance(value, list):
        return [_labelled(v) for v in value]
    if isinstance(value, dict):
        return {k: _labelled(v) for k, v in value.items()}
    return value


def _scenario_findings(number: int, s: Scenario, nodes: Mapping[str, CitedNode]) -> list[Block]:
    out: list[Block] = [Heading(f"{number}  Scenario {s.label}: {s.plan.title}", 1,
                                new_page=True),
                        verdict_banner(s.result)]
    if not s.result.findings:
        out.append(Paragraph("The checker has no findings on this scenario.", "muted"))
    for principle, fs in findings_by_principle(s.result.findings).items():
        out.append(Heading(principle_label(principle), 2))
        out += [finding_card(f, nodes, f.acknowledged) for f in fs]
    return out


def cited_node_ids(c: Comparison) -> list[str]:
    return _cited_node_ids(*(s.result for s in c.scenarios))


def comparison_report(c: Comparison, nodes: Mapping[str, CitedNode], author: str = "",
                      date: str = "") -> Report:
    """The whole comparison document; ``nodes`` names the cited reference nodes by id."""
    titles = " · ".join(s.plan.title for s in c.scenarios)
    countries = sorted({s.plan.host_country for s in c.scenarios if s.plan.host_country})
    blocks: list[Block] = [
        TitleBlock("SCENARIO COMPARISON", f"{plural(len(c.scenarios), 'scenario')} compared",
                   " · ".join(countries)),
        _scenario_table(c),
        Heading("Findings by principle", 2),
        Paragraph("Each cell counts one scenario's findings on one principle and is shaded by "
                  "the most serious of them: dark red a blocker, amber a warning, pale blue "
                  "advice, pale green none.", "muted"),
        heat_map(c),
    ]
    blocks += _differences(c)
    for i, s in enumerate(c.scenarios, 2):
        blocks += _scenario_findings(i, s, nodes)
    return Report(running_title=f"Scenario comparison: {titles}", title=f"Scenario comparison: "
                  f"{titles}", author=author,
                  subject=f"Comparison of {plural(len(c.scenarios), 'scenario')} against the "
                  "principles of peacekeeping", blocks=tuple(blocks), running_note=date)
