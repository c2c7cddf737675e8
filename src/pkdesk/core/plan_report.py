"""What a plan's PDF says: cover, plan parts in order, findings by principle, cited passages.

Page 1 carries what a reader who reads nothing else needs: the verdict and the findings per
principle. The plan itself starts on page 2; the appendix quotes every cited node in full.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pkdesk.core.findings import PRINCIPLES, SEVERITIES, CheckResult, Finding
from pkdesk.core.plan import Plan
from pkdesk.core.report import (
    Block, BulletList, ChartRow, CiteLine, FieldList, FindingCard, Heading, Paragraph, Passage,
    Report, SummaryChart, Table, TitleBlock, VerdictBanner, plural,
)
from pkdesk.core.report_labels import VERDICT_LABELS, label, principle_label, severity_counts

NOT_STATED = "Not stated."
COVER_BLOCKERS = 4           # blockers listed on page 1; the rest are in section 11


@dataclass(frozen=True)
class CitedNode:
    """A reference node as the appendix quotes it."""

    id: str
    title: str
    source: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class PlanMeta:
    revision: str = ""          # e.g. "3"; "" when the plan is not stored in a database
    date: str = ""              # the revision's (or file's) date as printed, e.g. "2025-03-14"
    author: str = ""
    origin: str = ""            # the plan file's name, when exported from a file


def cited_node_ids(*results: CheckResult) -> list[str]:
    """Node ids in order of first citation, each once."""
    seen: dict[str, None] = {}
    for result in results:
        for f in result.findings:
            for c in f.cites:
                seen.setdefault(c.node, None)
    return list(seen)


def tally(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each severity."""
    counts = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts


def _or_not_stated(text: str) -> Paragraph:
    return Paragraph(text) if text.strip() else Paragraph(NOT_STATED, "muted")


def verdict_banner(result: CheckResult) -> VerdictBanner:
    """The verdict and every count: "2 blockers, 3 warnings, 1 advice (1 acknowledged)"."""
    acked = sum(1 for f in result.findings if f.acknowledged is not None)
    detail = severity_counts(tally(result.findings), zeros=True)
    detail += f" ({acked} acknowledged)" if acked else ""
    verdict = result.verdict
    return VerdictBanner(verdict, VERDICT_LABELS.get(verdict, verdict), detail)


def _chart(findings: Iterable[Finding]) -> SummaryChart:
    counts: dict[str, dict[str, int]] = {p: {s: 0 for s in SEVERITIES} for p in PRINCIPLES}
    for f in findings:
        counts.setdefault(f.principle, {s: 0 for s in SEVERITIES})
        if f.severity in SEVERITIES:
            counts[f.principle][f.severity] += 1
    return SummaryChart(tuple(
        ChartRow(principle_label(p), c["blocker"], c["warning"], c["advice"])
        for p, c in counts.items()))


def _cover(plan: Plan, result: CheckResult, meta: PlanMeta) -> list[Block]:
    auth = plan.authorization
    rows = [
        ("Host country", plan.host_country or NOT_STATED),
        ("Context", label(plan.context)),
        ("Authorising body", auth.body or "None"),
        ("Resolution", auth.reference or NOT_STATED),
        ("Revision", meta.revision or "—"),
        ("Date", meta.date or NOT_STATED),
    ]
    if meta.origin:
        rows.append(("Plan file", meta.origin))
    if plan.lineage is not None:
        rows.append(("Branched from", plan.lineage.parent_title or plan.lineage.parent))
        if plan.lineage.changes:
            rows.append(("Changes", plan.lineage.changes))
    subtitle = " · ".join(x for x in (plan.host_country, auth.reference) if x)
    out: list[Block] = [
        TitleBlock("MISSION PLAN", plan.title, subtitle),
        FieldList(tuple(rows)),
        verdict_banner(result),
        Heading("Findings by principle", 2),
        _chart(result.findings),
    ]
    blockers = [f.message for f in result.findings if f.severity == "blocker"]
    if blockers:
        shown = blockers[:COVER_BLOCKERS]
        if len(blockers) > len(shown):
            shown.append(f"… and {len(blockers) - len(shown)} more: see section 11.")
        out += [Heading("What blocks this plan", 2), BulletList(tuple(shown))]
    return out


def _plan_parts(plan: Plan) -> list[Block]:
    m = plan.mandate
    out: list[Block] = [Heading("1  Mandate and objectives", 1, new_page=True), _or_not_stated(m.summary)]
    if m.objectives:
        out.append(BulletList(tuple(label(o) for o in m.objectives)))
    else:
        out.append(Paragraph("No objectives listed.", "muted"))
    if m.review_months is not None:
        out.append(FieldList((("Review", f"every {plural(m.review_months, 'month')}"),)))

    out += [Heading("2  Consent of the parties"),
            FieldList((("Host-state consent", label(plan.host_consent)),))]
    if plan.parties:
        out.append(Table(("Party", "Kind", "Consent", "Direct talks"),
                         tuple((p.name, label(p.kind), label(p.consent),
                                "Yes" if p.direct_talks else "No") for p in plan.parties),
                         (46, 18, 18, 18)))
    else:
        out.append(Paragraph("No parties listed.", "muted"))

    out += [Heading("3  Posture and use of force"),
            FieldList((("Use of force", label(plan.use_of_force)),))]

    out.append(Heading("4  Strategies"))
    if plan.strategies:
        out.append(Table(("#", "Strategy", "Parties", "Lead", "Notes"),
                         tuple((str(i), label(s.kind), ", ".join(s.parties) or "—", s.lead or "—",
                                s.notes or "—") for i, s in enumerate(plan.strategies, 1)),
                         (5, 20, 25, 17, 33)))
    else:
        out.append(Paragraph("No strategies listed.", "muted"))

    out.append(Heading("5  Components"))
    out.append(BulletList(tuple(label(c) for c in plan.components)) if plan.components
               else Paragraph("No components listed.", "muted"))
    r = plan.resources
    out += [Heading("6  Resources"),
            FieldList((("Personnel", f"{r.personnel:,}".replace(",", "\u202f")),
                       ("Equipment", label(r.equipment)), ("Funding", label(r.funding))))]
    out.append(Heading("7  Partners"))
    out.append(BulletList(tuple(plan.partners)) if plan.partners
               else Paragraph("No partners listed.", "muted"))
    out += [Heading("8  Community engagement"), _or_not_stated(plan.community_engagement),
            Heading("9  Climate risks"), _or_not_stated(plan.climate_risks),
            Heading("10  Notes"), _or_not_stated(plan.notes)]
    return out


def findings_by_principle(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Principles in the checker's order, each with its findings, most severe first."""
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    groups: dict[str, list[Finding]] = {p: [] for p in PRINCIPLES}
    for f in findings:
        groups.setdefault(f.principle, []).append(f)
    return {p: sorted(fs, key=lambda f: (rank.get(f.severity, 9), f.rule))
            for p, fs in groups.items() if fs}


def finding_card(f: Finding, titles: Mapping[str, CitedNode], ack_note: str | None) -> FindingCard:
    """``titles`` names the cited nodes; a node not in it is named by its id."""
    cites = tuple(CiteLine(titles[c.node].title if c.node in titles else c.node, c.quote)
                  for c in f.cites)
    return FindingCard(f.rule, f.severity, f.message, f.instead, cites, ack_note)


def _findings(plan: Plan, result: CheckResult, nodes: Mapping[str, CitedNode]) -> list[Block]:
    open_ = [f for f in result.findings if f.acknowledged is None]
    acked = [f for f in result.findings if f.acknowledged is not None]
    out: list[Block] = [Heading("11  Findings by principle", 1, new_page=True)]
    if not open_:
        out.append(Paragraph("The checker has no open findings on this plan.", "muted"))
    for principle, fs in findings_by_principle(open_).items():
        out += [Heading(f"{principle_label(principle)} — {severity_counts(tally(fs))}", 2)]
        out += [finding_card(f, nodes, None) for f in fs]

    out.append(Heading("12  Acknowledged findings"))
    if not acked:
        out.append(Paragraph("No findings have been acknowledged.", "muted"))
    else:
        out.append(Paragraph("The planner has read these findings and recorded why they stand. "
                             "An acknowledged blocker still blocks the plan.", "lead"))
    by_rule = {a.rule: a for a in plan.acknowledgements}
    for f in acked:
        ack = by_rule.get(f.rule)
        who = ", ".join(x for x in ((ack.by, ack.at) if ack else ()) if x)
        note = f"{f.acknowledged} — {who}" if who else (f.acknowledged or "")
        out.append(finding_card(f, nodes, note))
    return out


def _appendix(result: CheckResult, nodes: Mapping[str, CitedNode]) -> list[Block]:
    ids = cited_node_ids(result)
    out: list[Block] = [Heading("Appendix  Cited passages", 1, new_page=True),
                        Paragraph("Every reference passage a finding rests on, quoted in full. "
                                  "The sentences the findings cite are set in bold.", "lead")]
    if not ids:
        out.append(Paragraph("No finding cites a reference passage.", "muted"))
    for node_id in ids:
        quotes = tuple(dict.fromkeys(c.quote for f in result.findings for c in f.cites
                                     if c.node == node_id))
        node = nodes.get(node_id)
        if node is None:
            out += [Heading(node_id, 2),
                    Paragraph("This passage is not in the reference library on this computer; "
                              "the findings quote:", "muted")]
            out += [Passage(q, (q,)) for q in quotes]
            continue
        out += [Heading(node.title, 2), Paragraph(f"Source: {node.source} · node {node.id}", "muted")]
        out += [Passage(p, tuple(q for q in quotes if q in p)) for p in node.paragraphs]
        missing = [q for q in quotes if not any(q in p for p in node.paragraphs)]
        out += [Passage(q, (q,)) for q in missing]
    return out


def plan_report(plan: Plan, result: CheckResult, nodes: Mapping[str, CitedNode],
                meta: PlanMeta = PlanMeta()) -> Report:
    """The whole plan document. ``nodes`` holds the cited reference nodes by id."""
    blocks = _cover(plan, result, meta) + _plan_parts(plan) + _findings(plan, result, nodes)
    blocks += _appendix(result, nodes)
    verdict = VERDICT_LABELS.get(result.verdict, result.verdict)
    subject = f"Mission plan for {plan.host_country or 'an unnamed host country'} — verdict: {verdict}"
    note = " · ".join(x for x in (f"Revision {meta.revision}" if meta.revision else "",
                                  meta.date) if x)
    return Report(running_title=plan.title, title=plan.title, author=meta.author,
                  subject=subject, blocks=tuple(blocks), running_note=note)
