"""What a scenario comparison's PDF says.

Page 1: the scenarios (verdict, findings, lineage) and the principle × scenario heat map,
which is what a reader who reads nothing else needs. Then the fields that differ, and for
each scenario its findings by principle, with the passages they rest on.
"""

from __future__ import annotations

from collections.abc import Mapping

from pkdesk.core.compare import Cell, Comparison, Scenario
from pkdesk.core.findings import SEVERITIES, Finding
from pkdesk.core.heatmap import HeatMap
from pkdesk.core.plan_report import CitedNode
from pkdesk.core.plandiff import show_value
from pkdesk.core.report import (
    Block, CiteLine, FindingCard, Heading, Paragraph, Report, Table, TitleBlock, VerdictBanner,
    plural,
)
from pkdesk.core.report_labels import VERDICT_LABELS, label, principle_label

VALUE_CHARS = 160


def cell_text(cell: Cell) -> str:
    parts = [plural(n, s, "advice" if s == "advice" else None)
             for s in SEVERITIES if (n := getattr(cell, s))]
    return ", ".join(parts) if parts else "none"


def _counts(s: Scenario) -> str:
    fs = s.result.findings
    return ", ".join(plural(sum(f.severity == sev for f in fs), sev,
                            "advice" if sev == "advice" else None) for sev in SEVERITIES)


def heat_map(c: Comparison) -> HeatMap:
    n = len(c.scenarios)
    first = 24
    widths = (first,) + tuple((100 - first) // n for _ in range(n))
    return HeatMap(columns=("Principle",) + tuple(f"{s.label}  {s.plan.title}"
                                                  for s in c.scenarios),
                   rows=tuple((principle_label(p),) + tuple(cell_text(cell) for cell in row)
                              for p, row in zip(c.principles, c.matrix)),
                   widths=widths[:-1] + (100 - sum(widths[:-1]),),
                   levels=tuple(tuple(cell.level for cell in row) for row in c.matrix))


def _scenario_table(c: Comparison) -> Table:
    rows = []
    for s in c.scenarios:
        lineage = s.plan.lineage
        origin = (f"branched from {lineage.parent_title or lineage.parent}"
                  + (f": {lineage.changes}" if lineage.changes else "")) if lineage else ""
        rows.append((s.label, s.plan.title, VERDICT_LABELS.get(s.result.verdict,
                                                              s.result.verdict),
                     _counts(s), "; ".join(x for x in (s.source, origin) if x)))
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
    n = len(c.scenarios)
    first = 28
    widths = (first,) + tuple((100 - first) // n for _ in range(n))
    widths = widths[:-1] + (100 - sum(widths[:-1]),)
    rows = tuple((d.path,) + tuple(show_value(_labelled(v), VALUE_CHARS) for v in d.values)
                 for d in c.differences)
    out.append(Table(("Field",) + tuple(s.label for s in c.scenarios), rows, widths))
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


def _card(f: Finding, nodes: Mapping[str, CitedNode]) -> FindingCard:
    cites = tuple(CiteLine(nodes[x.node].title if x.node in nodes else x.node, x.quote)
                  for x in f.cites)
    return FindingCard(f.rule, f.severity, f.message, f.instead, cites, f.acknowledged)


def _scenario_findings(number: int, s: Scenario, nodes: Mapping[str, CitedNode]) -> list[Block]:
    out: list[Block] = [Heading(f"{number}  Scenario {s.label}: {s.plan.title}", 1,
                                new_page=True),
                        VerdictBanner(s.result.verdict,
                                      VERDICT_LABELS.get(s.result.verdict, s.result.verdict),
                                      _counts(s))]
    if not s.result.findings:
        out.append(Paragraph("The checker has no findings on this scenario.", "muted"))
    by_principle: dict[str, list[Finding]] = {}
    for f in s.result.findings:
        by_principle.setdefault(f.principle, []).append(f)
    rank = {sev: i for i, sev in enumerate(SEVERITIES)}
    for principle, fs in by_principle.items():
        out.append(Heading(principle_label(principle), 2))
        out += [_card(f, nodes) for f in sorted(fs, key=lambda f: rank.get(f.severity, 9))]
    return out


def cited_node_ids(c: Comparison) -> list[str]:
    seen: dict[str, None] = {}
    for s in c.scenarios:
        for f in s.result.findings:
            for cite in f.cites:
                seen.setdefault(cite.node, None)
    return list(seen)


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
