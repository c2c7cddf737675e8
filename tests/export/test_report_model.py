"""What the documents say, checked on the Qt-free model."""

from __future__ import annotations

from pkdesk.core.findings import PRINCIPLES, CheckResult, Citation, Finding
from pkdesk.core.plan.report import PlanMeta, plan_report
from pkdesk.core.reference import load_corpus
from pkdesk.core.reference_report import reference_report
from pkdesk.core.report import (
    BulletList, FieldList, FindingCard, Heading, Passage, SummaryChart, TitleBlock, VerdictBanner,
)
from pkdesk.paths import resources_dir
from tests.export.samples import CONSENT_QUOTE, MARKUP_TITLE, nodes_for, small_plan, small_result


def _report():  # type: ignore[no-untyped-def]
    plan = small_plan()
    result = small_result(plan)
    return plan, result, plan_report(plan, result, nodes_for(result), PlanMeta("3", "2025-03-14", "D"))


def test_page_one_holds_title_cover_verdict_chart_and_blockers() -> None:
    _plan, result, report = _report()
    first_page = report.blocks[:report.blocks.index(next(
        b for b in report.blocks if isinstance(b, Heading) and b.new_page))]
    kinds = [type(b) for b in first_page]
    assert kinds[:3] == [TitleBlock, FieldList, VerdictBanner]
    assert SummaryChart in kinds
    banner = next(b for b in first_page if isinstance(b, VerdictBanner))
    assert (banner.verdict, banner.label) == ("blocked", "Blocked")
    assert banner.detail == "1 blocker, 1 warning, 1 advice (1 acknowledged)"
    cover = dict(next(b for b in first_page if isinstance(b, FieldList)).rows)
    assert cover["Revision"] == "3" and cover["Resolution"] == "S/RES/1528 (2004)"
    lists = [b for b in first_page if isinstance(b, BulletList)]
    assert [b.items for b in lists] == [("Host-state consent is “conditional”.",)]


def test_chart_counts_every_principle() -> None:
    _plan, _result, report = _report()
    chart = next(b for b in report.blocks if isinstance(b, SummaryChart))
    assert len(chart.rows) == len(PRINCIPLES)
    by_label = {r.label: (r.blocker, r.warning, r.advice) for r in chart.rows}
    assert by_label["Consent"] == (1, 0, 0)
    assert by_label["Impartiality"] == (0, 1, 0)
    assert by_label["Inclusivity"] == (0, 0, 1)
    assert by_label["Climate"] == (0, 0, 0)


def test_plan_parts_in_order() -> None:
    _plan, _result, report = _report()
    headings = [b.text for b in report.blocks if isinstance(b, Heading) and b.level == 1]
    assert headings == [
        "1  Mandate and objectives", "2  Consent of the parties", "3  Posture and use of force",
        "4  Strategies", "5  Components", "6  Resources", "7  Partners",
        "8  Community engagement", "9  Climate risks", "10  Notes",
        "11  Findings by principle", "12  Acknowledged findings", "Appendix  Cited passages"]


def test_acknowledged_finding_listed_once_with_reason_and_who() -> None:
    _plan, _result, report = _report()
    cards = [b for b in report.blocks if isinstance(b, FindingCard)]
    assert [c.rule for c in cards] == ["CONSENT-001", "IMPARTIALITY-001", "INCL-002"]
    acked = cards[-1]
    assert acked.acknowledged == "Women's groups consulted <separately> — D. Mensah, 14 March 2025, 10:00"
    assert all(c.acknowledged is None for c in cards[:-1])


def test_appendix_quotes_whole_node_with_cited_sentence_emphasised() -> None:
    _plan, _result, report = _report()
    start = next(i for i, b in enumerate(report.blocks)
                 if isinstance(b, Heading) and b.text.startswith("Appendix"))
    appendix = report.blocks[start:]
    corpus = load_corpus(resources_dir() / "reference" / "peacekeeping-and-diplomacy.json")
    consent = corpus.by_id()["principles.consent"]
    passages = [b for b in appendix if isinstance(b, Passage)]
    assert [p.text for p in passages] == list(consent.paragraphs)
    assert [p for p in passages if CONSENT_QUOTE in p.emphasis]
    assert any(isinstance(b, Heading) and b.text == consent.title for b in appendix)


def test_citation_of_a_node_missing_from_the_library_still_quotes_it() -> None:
    plan = small_plan()
    result = CheckResult(plan.title, (Finding(
        "X-1", "consent", "warning", "m", "i", (Citation("gone.node", "A quote kept."),)),))
    report = plan_report(plan, result, {})
    passages = [b for b in report.blocks if isinstance(b, Passage)]
    assert [p.text for p in passages] == ["A quote kept."]
    card = next(b for b in report.blocks if isinstance(b, FindingCard))
    assert card.cites[0].node_title == "gone.node"


def test_sound_plan_has_no_blocker_list_and_says_so() -> None:
    plan = small_plan()
    report = plan_report(plan, CheckResult(plan.title, ()), {})
    text = report.text_content()
    assert "What blocks this plan" not in text
    assert "The checker has no open findings on this plan." in text
    assert "No finding cites a reference passage." in text
    assert report.subject.endswith("verdict: Sound")


def test_user_text_is_carried_literally() -> None:
    _plan, _result, report = _report()
    assert report.title == MARKUP_TITLE
    assert "<script>x</script>" in report.text_content()


def test_reference_booklet_lists_subtree_in_reading_order() -> None:
    corpus = load_corpus(resources_dir() / "reference" / "peacekeeping-and-diplomacy.json")
    nodes = [(0 if n.id == "principles" else 1 if n.parent == "principles" else 2, n)
             for n in corpus.nodes if n.id == "principles" or n.id.startswith("principles.")]
    report = reference_report(nodes, corpus.source.title)
    assert isinstance(report.blocks[0], TitleBlock)
    titles = [b.text for b in report.blocks if isinstance(b, Heading)]
    assert titles == [n.title for _d, n in nodes[1:]]
    assert report.running_note == corpus.source.title


def test_acknowledged_section_takes_who_and_when_from_that_findings_acknowledgement() -> None:
    """Two parties' findings of one rule: each card shows its own acknowledgement only; an
    acknowledgement that applies to no finding is printed after them, never dropped."""
    from dataclasses import replace

    from pkdesk.core.checker import check
    from pkdesk.core.plan.model import Acknowledgement, Party
    from pkdesk.core.report import Paragraph
    from tests.core.plan_samples import sound_plan

    plan = sound_plan()
    # Not in direct talks and named by no strategy: IMPARTIALITY-001 for each.
    plan = replace(plan, parties=[*plan.parties, Party("A", consent="granted"),
                                  Party("B", consent="granted")],
                   acknowledgements=[
                       Acknowledgement("IMPARTIALITY-001", "via the AU", by="amina", at="t1",
                                       subject="party:B"),
                       Acknowledgement("IMPARTIALITY-001", "old, rule-wide", by="jean")])
    result = check(plan)
    report = plan_report(plan, result, nodes_for(result))
    cards = [b for b in report.blocks if isinstance(b, FindingCard)]
    assert [(c.rule, c.acknowledged) for c in cards] == [
        ("IMPARTIALITY-001", None), ("IMPARTIALITY-001", "via the AU — amina, t1")]
    assert '"A"' in cards[0].message and '"B"' in cards[1].message
    texts = [b.text for b in report.blocks if isinstance(b, Paragraph)]
    assert any(t.startswith("These acknowledgements apply to no finding") for t in texts)
    assert ("IMPARTIALITY-001: this acknowledgement names no finding, and IMPARTIALITY-001 gives "
            "one finding per party or strategy, so it applies to none of them; acknowledge each "
            "finding again. Reason given: old, rule-wide — jean") in texts
