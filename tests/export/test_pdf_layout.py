"""The PDF's layout read back with pypdf: finding cards whole on one page, the comparison's
pages filled, acknowledgement times and numbers as the language writes them."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from pkdesk.core.findings import CheckResult, Finding
from pkdesk.core.i18n import translator
from pkdesk.core.plan.model import Acknowledgement, Plan, Resources
from pkdesk.core.plan.report import PlanMeta, plan_report
from pkdesk.export import write_pdf
from tests.export.samples import (
    big_plan, big_result, nodes_for, page_texts, small_plan, small_result, squash,
    without_arabic,
)

ACK_AT = "2026-11-29T23:22:48+00:00"


def _card_on_one_page(pages: list[str], rules: list[str], first: str, last: str) -> bool:
    """Some page holds the card's first line and, before the next card starts (its rule id,
    printed at its top left), its last line."""
    first, last = without_arabic(first), without_arabic(last)
    starts = [re.sub(r"[^\w]", "", r) for r in rules]
    for page in pages:
        text = without_arabic(page)
        at = text.find(first)
        if at < 0:
            continue
        end = min((i for i in (text.find(r, at) for r in starts) if i >= 0), default=len(text))
        if last in text[at:end]:
            return True
    return False


def _card_ends(f: Finding) -> tuple[str, str]:
    """A card's first line (the start of its message) and last line (the end of what it says
    last: the acknowledgement, the last quote, or the advice)."""
    if f.acknowledged is not None:
        last = f.acknowledged
    elif f.cites:
        last = f.cites[-1].quote
    else:
        last = f.instead
    return f.message[:40], last[-40:]


def _acknowledged_plan() -> tuple[Plan, CheckResult]:
    """The 20-page plan with every sample finding acknowledged, with a long reason."""
    plan = big_plan()
    result = big_result(plan)
    reason = ("Agreed with the force commander after the field visit; the channel will be "
              "named at the next coordination meeting in the sector headquarters. ") * 3
    findings = tuple(replace(f, acknowledged=reason) if f.rule.startswith("SAMPLE") else f
                     for f in result.findings)
    acks = [Acknowledgement(f.rule, reason, "D. Mensah", ACK_AT, f.subject)
            for f in findings if f.rule.startswith("SAMPLE")]
    return replace(plan, acknowledgements=acks), CheckResult(result.plan_title, findings)


@pytest.mark.parametrize("acknowledged", [False, True])
def test_no_finding_card_is_split_across_pages(tmp_path: Path, acknowledged: bool) -> None:
    if acknowledged:
        plan, result = _acknowledged_plan()
    else:
        plan = big_plan()
        result = big_result(plan)
    out = tmp_path / "plan.pdf"
    write_pdf(plan_report(plan, result, nodes_for(result), PlanMeta("3", "2025-03-14")), out)
    pages = page_texts(out)
    rules = [f.rule for f in result.findings]
    checked = 0
    for f in result.findings:
        first, last = _card_ends(f)
        assert without_arabic(first) in without_arabic("".join(pages)), f.rule
        assert _card_on_one_page(pages, rules, first, last), f.rule
        checked += 1
    assert checked == len(result.findings) > 60


def test_acknowledgement_time_printed_in_words(tmp_path: Path) -> None:
    plan = small_plan()
    plan = replace(plan, acknowledgements=[replace(plan.acknowledgements[0], at=ACK_AT)])
    result = small_result(plan)
    for lang, expected in (("en", "29 November 2026, 23:22 UTC"),
                           ("fr", "29 novembre 2026, 23 h 22 UTC")):
        out = tmp_path / f"{lang}.pdf"
        write_pdf(plan_report(plan, result, nodes_for(result), lang=lang), out)
        text = squash("".join(page_texts(out)))
        assert squash(expected) in text
        assert squash(ACK_AT) not in text and "2026-11-29" not in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_numbers_printed_alike_in_fields_and_findings(tmp_path: Path, lang: str) -> None:
    """The plan's personnel in the Resources fields and in the checker's finding."""
    from pkdesk.core.checker import check

    plan = replace(small_plan(), resources=Resources(1500, "limited", "partial", 12500))
    result = check(plan, lang=lang)
    # The personnel gap's finding (RESOURCES-008 at 12% of the estimate) quotes both figures.
    shortfall = [f.message for f in result.findings if f.rule.startswith("RESOURCES-00")
                 and "%" in f.message]
    expected = {"en": ("1,500", "12,500"), "fr": ("1\u202f500", "12\u202f500")}[lang]
    assert shortfall and all(n in shortfall[0] for n in expected), shortfall
    assert translator(lang).number(1500) == expected[0]
    out = tmp_path / "plan.pdf"
    write_pdf(plan_report(plan, result, nodes_for(result), lang=lang), out)
    raw = "".join(page_texts(out))
    assert not re.search(r"\b1500\b|\b12500\b", raw)
    assert raw.count(expected[0]) >= 2 and expected[1] in raw   # fields and finding
