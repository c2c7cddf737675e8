"""What a plan's PDF says: cover, plan parts in order, findings by principle, cited passages.

Page 1 carries what a reader who reads nothing else needs: the verdict and the findings per
principle. The plan itself starts on page 2; the appendix quotes every cited node in full.
Every fixed word comes from the message catalog of the document's language (``plan.*``);
the plan's own text and the reference quotes are printed as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pkdesk.core.acknowledgements import find, item_words
from pkdesk.core.findings import PRINCIPLES, SEVERITIES, CheckResult, Finding
from pkdesk.core.i18n import DEFAULT_LANGUAGE, Translator, translator
from pkdesk.core.plan.model import Acknowledgement, Plan
from pkdesk.core.report import (
    Block, BulletList, ChartRow, CiteLine, FieldList, FindingCard, Heading, Paragraph, Passage,
    PrintLabels, Report, SummaryChart, Table, TitleBlock, VerdictBanner,
)
from pkdesk.core.report_labels import (
    label, principle_label, print_labels, severity_counts, verdict_label,
)

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


def _or_not_stated(text: str, t: Translator) -> Paragraph:
    return Paragraph(text) if text.strip() else Paragraph(t("plan.not_stated"), "muted")


def verdict_banner(result: CheckResult, lang: str = DEFAULT_LANGUAGE) -> VerdictBanner:
    """The verdict and every count: "2 blockers, 3 warnings, 1 advice (1 acknowledged)"."""
    t = translator(lang)
    acked = sum(1 for f in result.findings if f.acknowledged is not None)
    detail = severity_counts(tally(result.findings), zeros=True, lang=lang)
    detail += " " + t.plural("plan.acknowledged_count", acked) if acked else ""
    verdict = result.verdict
    return VerdictBanner(verdict, verdict_label(verdict, lang), detail)


def _chart(findings: Iterable[Finding], lang: str) -> SummaryChart:
    counts: dict[str, dict[str, int]] = {p: {s: 0 for s in SEVERITIES} for p in PRINCIPLES}
    for f in findings:
        counts.setdefault(f.principle, {s: 0 for s in SEVERITIES})
        if f.severity in SEVERITIES:
            counts[f.principle][f.severity] += 1
    return SummaryChart(tuple(
        ChartRow(principle_label(p, lang), c["blocker"], c["warning"], c["advice"])
        for p, c in counts.items()))


def _cover(plan: Plan, result: CheckResult, meta: PlanMeta, lang: str) -> list[Block]:
    t = translator(lang)
    auth = plan.authorization
    not_stated = t("plan.not_stated")
    rows = [
        (t("plan.host_country"), plan.host_country or not_stated),
        (t("plan.context"), label(plan.context, lang)),
        (t("plan.authorising_body"), auth.body or t("plan.no_body")),
        (t("plan.resolution"), auth.reference or not_stated),
        (t("plan.revision"), meta.revision or "—"),
        (t("plan.date"), t.date_text(meta.date) if meta.date else not_stated),
    ]
    if plan.uses_format_2():
        rows[2:2] = [(t("plan.phase"), label(plan.phase, lang)),
                     (t("plan.host_authority"), label(plan.host_authority, lang))]
    if meta.origin:
        rows.append((t("plan.plan_file"), meta.origin))
    if plan.lineage is not None:
        rows.append((t("plan.branched_from"), plan.lineage.parent_title or plan.lineage.parent))
        if plan.lineage.changes:
            rows.append((t("plan.changes"), plan.lineage.changes))
    subtitle = " · ".join(x for x in (plan.host_country, auth.reference) if x)
    out: list[Block] = [
        TitleBlock(t("plan.kicker"), plan.title, subtitle),
        FieldList(tuple(rows)),
        verdict_banner(result, lang),
        Heading(t("plan.findings_by_principle"), 2),
        _chart(result.findings, lang),
    ]
    blockers = [f.message for f in result.findings if f.severity == "blocker"]
    if blockers:
        shown = blockers[:COVER_BLOCKERS]
        if len(blockers) > len(shown):
            shown.append(t.plural("plan.more_blockers", len(blockers) - len(shown)))
        out += [Heading(t("plan.what_blocks"), 2), BulletList(tuple(shown))]
    return out


def _plan_parts(plan: Plan, lang: str) -> list[Block]:
    t = translator(lang)
    m = plan.mandate
    out: list[Block] = [Heading(t("plan.h_mandate"), 1, new_page=True),
                        _or_not_stated(m.summary, t)]
    if m.objectives:
        out.append(BulletList(tuple(label(o, lang) for o in m.objectives)))
    else:
        out.append(Paragraph(t("plan.no_objectives"), "muted"))
    if m.review_months is not None:
        out.append(FieldList(((t("plan.review"), t.plural("plan.every_months",
                                                          m.review_months)),)))
    v2 = plan.uses_format_2()
    if v2:
        out += _mandate_v2(plan, t)

    out += [Heading(t("plan.h_consent")),
            FieldList(((t("plan.host_consent"), label(plan.host_consent, lang)),
                       *(((t("plan.host_consent_conditions"), plan.host_consent_conditions),)
                         if plan.host_consent_conditions else ())))]
    if plan.parties and v2:
        out.append(Table((t("plan.col_party"), t("plan.col_kind"), t("plan.col_consent"),
                          t("plan.col_direct_talks"), t("plan.col_role")),
                         tuple((p.name, label(p.kind, lang), label(p.consent, lang),
                                t("plan.yes") if p.direct_talks else t("plan.no"),
                                label(p.role, lang)) for p in plan.parties),
                         (34, 14, 16, 14, 22)))
        conditions = tuple(f"{p.name}: {p.consent_conditions}" for p in plan.parties
                           if p.consent_conditions)
        if conditions:
            out += [Paragraph(t("plan.party_conditions")), BulletList(conditions)]
    elif plan.parties:
        out.append(Table((t("plan.col_party"), t("plan.col_kind"), t("plan.col_consent"),
                          t("plan.col_direct_talks")),
                         tuple((p.name, label(p.kind, lang), label(p.consent, lang),
                                t("plan.yes") if p.direct_talks else t("plan.no"))
                               for p in plan.parties),
                         (46, 18, 18, 18)))
    else:
        out.append(Paragraph(t("plan.no_parties"), "muted"))

    out += [Heading(t("plan.h_force")),
            FieldList(((t("plan.use_of_force"), label(plan.use_of_force, lang)),))]
    if v2:
        out += _protection_and_command(plan, t, lang)

    out.append(Heading(t("plan.h_strategies")))
    if plan.strategies:
        out.append(Table(("#", t("plan.col_strategy"), t("plan.col_parties"), t("plan.col_lead"),
                          t("plan.col_notes")),
                         tuple((str(i), label(s.kind, lang), ", ".join(s.parties) or "—",
                                s.lead or "—", s.notes or "—")
                               for i, s in enumerate(plan.strategies, 1)),
                         (5, 20, 25, 17, 33)))
    else:
        out.append(Paragraph(t("plan.no_strategies"), "muted"))

    out.append(Heading(t("plan.h_components")))
    out.append(BulletList(tuple(label(c, lang) for c in plan.components)) if plan.components
               else Paragraph(t("plan.no_components"), "muted"))
    r = plan.resources
    out += [Heading(t("plan.h_resources")),
            FieldList(((t("plan.personnel"), t.number(r.personnel)),
                       *(((t("plan.personnel_required"), t.number(r.personnel_required)),)
                         if r.personnel_required is not None else ()),
                       (t("plan.equipment"), label(r.equipment, lang)),
                       (t("plan.funding"), label(r.funding, lang)),
                       *(((t("plan.funding_source"), label(r.funding_source, lang)),)
                         if v2 else ())))]
    out.append(Heading(t("plan.h_partners")))
    out.append(BulletList(tuple(plan.partners)) if plan.partners
               else Paragraph(t("plan.no_partners"), "muted"))
    out += [Heading(t("plan.h_community")), _or_not_stated(plan.community_engagement, t),
            Heading(t("plan.h_climate")), _or_not_stated(plan.climate_risks, t),
            Heading(t("plan.h_notes")), _or_not_stated(plan.notes, t)]
    return out


def _mandate_v2(plan: Plan, t: Translator) -> list[Block]:
    """End state, benchmarks and the parties the mandate is directed against (format 2)."""
    m = plan.mandate
    out: list[Block] = [FieldList(((t("plan.end_state"), m.end_state or t("plan.not_stated")),
                                   *(((t("plan.directed_against"),
                                       ", ".join(m.directed_against)),)
                                     if m.directed_against else ())))]
    if m.benchmarks:
        out.append(Table((t("plan.col_benchmark"), t("plan.col_due")),
                         tuple((b.text, b.due or "—") for b in m.benchmarks), (80, 20)))
    else:
        out.append(Paragraph(t("plan.no_benchmarks"), "muted"))
    return out


def _protection_and_command(plan: Plan, t: Translator, lang: str) -> list[Block]:
    """Protection of civilians and command (format 2), under posture and use of force."""
    pr, c = plan.protection, plan.command
    out: list[Block] = [FieldList((
        (t("plan.threat_level"), label(pr.threat_level, lang)),
        (t("plan.civilians_at_risk"), t.number(pr.civilians_at_risk)
         if pr.civilians_at_risk is not None else t("plan.not_stated")),
        (t("plan.arrangement"), label(c.arrangement, lang))))]
    if pr.sites:
        out.append(Table((t("plan.col_site"), t("plan.col_population"), t("plan.col_personnel"),
                          t("plan.col_per_thousand")),
                         tuple((s.name, t.number(s.population), t.number(s.personnel),
                                str(s.personnel * 1000 // s.population) if s.population
                                else "—") for s in pr.sites),
                         (40, 20, 20, 20)))
    if c.parallel_forces:
        out.append(Table((t("plan.col_force"), t("plan.col_under_command")),
                         tuple((f.name, t("plan.yes") if f.under_mission_command
                                else t("plan.no")) for f in c.parallel_forces), (70, 30)))
    if c.caveats:
        out.append(Table((t("plan.col_contributor"), t("plan.col_restriction")),
                         tuple((v.contributor, v.restriction or "—") for v in c.caveats),
                         (35, 65)))
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


def _findings(plan: Plan, result: CheckResult, nodes: Mapping[str, CitedNode],
              lang: str) -> list[Block]:
    t = translator(lang)
    open_ = [f for f in result.findings if f.acknowledged is None]
    acked = [f for f in result.findings if f.acknowledged is not None]
    out: list[Block] = [Heading(t("plan.h_findings"), 1, new_page=True)]
    if not open_:
        out.append(Paragraph(t("plan.no_open_findings"), "muted"))
    for principle, fs in findings_by_principle(open_).items():
        out += [Heading(f"{principle_label(principle, lang)} — "
                        f"{severity_counts(tally(fs), lang=lang)}", 2)]
        out += [finding_card(f, nodes, None) for f in fs]

    out.append(Heading(t("plan.h_acknowledged")))
    if not acked:
        out.append(Paragraph(t("plan.no_acknowledged"), "muted"))
    else:
        out.append(Paragraph(t("plan.acknowledged_lead"), "lead"))
    for f in acked:
        ack = find(plan.acknowledgements, f.rule, f.subject)
        who = ", ".join(x for x in ((ack.by, t.date_time_text(ack.at)) if ack else ()) if x)
        note = f"{f.acknowledged} — {who}" if who else (f.acknowledged or "")
        out.append(finding_card(f, nodes, note))
    if result.stale_acknowledgements:
        out.append(Paragraph(t("plan.stale_acknowledgements"), "lead"))
        out += [Paragraph(stale_acknowledgement_text(a, t, plan))
                for a in result.stale_acknowledgements]
    return out


def subject_words(subject: str, plan: Plan | None, t: Translator) -> str:
    """A worded objective's or an indicator's subject as its words ("objective “Fewer
    attacks…”"); any other subject (or a uid the plan lacks) as written."""
    words = item_words(plan, subject)
    return subject if words is None else t(f"subject.{words[0]}", text=words[1])


def stale_acknowledgement_text(a: Acknowledgement, t: Translator,
                               plan: Plan | None = None) -> str:
    """One line on an acknowledgement that applies to no finding, with its reason and who."""
    who = ", ".join(x for x in (a.by, t.date_time_text(a.at)) if x)
    reason = f"{a.reason} — {who}" if who else a.reason
    if a.subject is None:
        return t("ack.needs_subject", rule=a.rule, reason=reason)
    return t("ack.plan_level", rule=a.rule, subject=subject_words(a.subject, plan, t),
             reason=reason)


def _performance(plan: Plan, lang: str) -> list[Block]:
    """Section 13, when the plan has indicators: each worded objective with its indicators,
    each with its facts and trend chart (the assessment report says how they are rated)."""
    from pkdesk.core.performance.report_blocks import indicator_blocks, objective_name
    from pkdesk.core.performance.trend import plan_review_dates

    perf = plan.performance
    if not any(o.indicators for o in perf.objectives):
        return []
    t = translator(lang)
    reviews = plan_review_dates(plan)
    out: list[Block] = [Heading(t("plan.h_performance"), 1, new_page=True),
                        Paragraph(t("plan.performance_lead"), "lead")]
    for o in perf.objectives:
        out.append(Heading(objective_name(o, lang), 2))
        if not o.indicators:
            out.append(Paragraph(t("assessreport.no_indicators"), "muted"))
        for ind in o.indicators:
            out += indicator_blocks(ind, reviews, lang, heading=False)
    return out


def _appendix(result: CheckResult, nodes: Mapping[str, CitedNode], lang: str) -> list[Block]:
    t = translator(lang)
    ids = cited_node_ids(result)
    out: list[Block] = [Heading(t("plan.h_appendix"), 1, new_page=True),
                        Paragraph(t("plan.appendix_lead"), "lead")]
    if not ids:
        out.append(Paragraph(t("plan.no_citations"), "muted"))
    for node_id in ids:
        quotes = tuple(dict.fromkeys(c.quote for f in result.findings for c in f.cites
                                     if c.node == node_id))
        node = nodes.get(node_id)
        if node is None:
            out += [Heading(node_id, 2), Paragraph(t("plan.passage_missing"), "muted")]
            out += [Passage(q, (q,)) for q in quotes]
            continue
        out += [Heading(node.title, 2),
                Paragraph(t("plan.passage_source", source=node.source, node=node.id), "muted")]
        out += [Passage(p, tuple(q for q in quotes if q in p)) for p in node.paragraphs]
        missing = [q for q in quotes if not any(q in p for p in node.paragraphs)]
        out += [Passage(q, (q,)) for q in missing]
    return out


def plan_report(plan: Plan, result: CheckResult, nodes: Mapping[str, CitedNode],
                meta: PlanMeta = PlanMeta(), lang: str = DEFAULT_LANGUAGE) -> Report:
    """The whole plan document in ``lang``. ``nodes`` holds the cited reference nodes by id;
    ``result`` should have been checked in the same language (its messages are printed)."""
    t = translator(lang)
    blocks = _cover(plan, result, meta, lang) + _plan_parts(plan, lang)
    blocks += _findings(plan, result, nodes, lang) + _performance(plan, lang)
    blocks += _appendix(result, nodes, lang)
    subject = t("plan.subject", country=plan.host_country or t("plan.unnamed_country"),
                verdict=verdict_label(result.verdict, lang))
    note = " · ".join(x for x in (t("plan.revision_note", revision=meta.revision)
                                  if meta.revision else "",
                                  t.date_text(meta.date)) if x)
    labels: PrintLabels = print_labels(lang)
    return Report(running_title=plan.title, title=plan.title, author=meta.author,
                  subject=subject, blocks=tuple(blocks), running_note=note, labels=labels)
