"""The assessment report and the plan PDF's Performance section, on paper: `pkdesk
export-assessment` and `pkdesk export` as real subprocesses, the PDFs read back with pypdf
(charts as image XObjects, decisions, ratings in words, citations verbatim), in English and
French; bad input is one line and exit 2, with nothing written."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from pkdesk.core.checker import check
from pkdesk.core.errors import InputError
from pkdesk.core.i18n import translator
from pkdesk.core.performance.assessment import assess
from pkdesk.core.performance.assessment_report import assessment_report
from pkdesk.core.plan.file import read_plan_file, write_plan_file
from pkdesk.core.report import TrendChart
from pkdesk.core.report_labels import label
from pkdesk.export import write_pdf
from tests.core.plan_samples import EXAMPLES, example
from tests.export.samples import squash
from tests.performance_viz.samples import DECISIONS, REVIEW_DATES, performance_plan


def _pkdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pkdesk", *args], capture_output=True,
                          text=True, timeout=180)


def _images(reader: PdfReader) -> int:
    return sum(len(page.images) for page in reader.pages)


def _text(reader: PdfReader) -> str:
    return squash(" ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "sector-east.pkplan.json"
    write_plan_file(performance_plan(), path)
    return path


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_export_assessment_prints_charts_decisions_and_ratings(tmp_path: Path, plan_file: Path,
                                                               lang: str) -> None:
    out = tmp_path / "assessment.pdf"
    done = _pkdesk("--db", str(tmp_path / "db.sqlite3"), "export-assessment", str(plan_file),
                   "-o", str(out), "--lang", lang)
    assert (done.returncode, done.stderr) == (0, "")
    reader = PdfReader(out)
    assert done.stdout == f"wrote {out} ({len(reader.pages)} pages)\n"
    plan = performance_plan()
    indicators = sum(len(o.indicators) for o in plan.performance.objectives)
    assert _images(reader) >= indicators == 2
    text = _text(reader)
    t = translator(lang)
    assert squash(t("assessreport.kicker")) in text
    for decision in DECISIONS:                       # every decision, and where it led
        assert squash(decision) in text, decision
    assert squash(t("assessreport.led_scenario", link="a1b2c3")) in text
    assert squash(t("assessreport.led_revision", link="5")) in text
    # the latest review's ratings in words, the changed one marked, with its reason
    for rating in ("on_track", "off_track", "no_data"):
        assert squash(label(rating, lang)) in text, rating
    assert squash(f"{label('off_track', lang)} ✎") in text
    assert squash("Returns stalled after the floods") in text
    for o in plan.performance.objectives:
        assert squash(o.text) in text
    assert squash(t("assessreport.review_by", date=t.date_text(REVIEW_DATES[-1]),
                    reviewer="Planning cell")) in text
    meta = reader.metadata
    assert meta is not None and meta.title == t("assessreport.running_title", title=plan.title)
    # the loop's findings as of today, each with the passages it cites, word for word
    findings = assess(read_plan_file(plan_file), date.today(), lang=lang).findings
    assert {f.rule for f in findings} >= {"LOOP-001", "LOOP-003"}
    for f in findings:
        assert squash(f.message) in text, f.rule
        for c in f.cites:
            assert squash(c.quote) in text, c.quote


def test_export_assessment_of_an_earlier_review(tmp_path: Path, plan_file: Path) -> None:
    out = tmp_path / "first.pdf"
    done = _pkdesk("--db", str(tmp_path / "db.sqlite3"), "export-assessment", str(plan_file),
                   "-o", str(out), "--review", REVIEW_DATES[1])
    assert done.returncode == 0, done.stderr
    text = _text(PdfReader(out))
    assert squash(f"Review of {REVIEW_DATES[1]} by Planning cell") in text
    assert squash(DECISIONS[0]) in text                      # decided at that review
    assert squash(DECISIONS[2]) not in text                  # decided at a later one


def test_export_assessment_bad_input_is_one_line_and_writes_nothing(tmp_path: Path,
                                                                     plan_file: Path) -> None:
    db = str(tmp_path / "db.sqlite3")
    out = tmp_path / "a.pdf"
    cases = [
        (("--review", "2024-13-01"), "--review"),                      # not a date
        (("--review", "2024-01-01"), "no review held on 2024-01-01"),   # no review that day
    ]
    for extra, said in cases:
        done = _pkdesk("--db", db, "export-assessment", str(plan_file), "-o", str(out), *extra)
        assert done.returncode == 2 and said in done.stderr, done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    done = _pkdesk("--db", db, "export-assessment", str(tmp_path / "no-such.pkplan.json"),
                   "-o", str(out))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    missing = tmp_path / "nowhere" / "a.pdf"
    done = _pkdesk("--db", db, "export-assessment", str(plan_file), "-o", str(missing))
    assert done.returncode == 2 and done.stderr.startswith("pkdesk: cannot write")
    assert done.stderr.count("\n") == 1 and not missing.parent.exists()
    done = _pkdesk("--db", db, "export-assessment", str(plan_file), "-o", str(plan_file))
    assert done.returncode == 2 and done.stderr.count("\n") == 1   # never over the plan read
    assert not out.exists()


def test_plan_pdf_has_its_performance_section(tmp_path: Path, plan_file: Path) -> None:
    out = tmp_path / "plan.pdf"
    done = _pkdesk("--db", str(tmp_path / "db.sqlite3"), "export", str(plan_file), "-o",
                   str(out))
    assert done.returncode == 0, done.stderr
    reader = PdfReader(out)
    text = _text(reader)
    t = translator("en")
    assert squash(t("plan.h_performance")) in text
    assert _images(reader) >= 2
    for o in performance_plan().performance.objectives:
        for ind in o.indicators:
            assert squash(ind.text) in text
    # a plan without indicators has no such section and no picture
    plain = tmp_path / "plain.pdf"
    done = _pkdesk("--db", str(tmp_path / "db.sqlite3"), "export",
                   str(EXAMPLES / "unoci-2004.pkplan.json"), "-o", str(plain))
    assert done.returncode == 0, done.stderr
    reader = PdfReader(plain)
    assert squash(t("plan.h_performance")) not in _text(reader) and _images(reader) == 0


def test_findings_print_their_citations_verbatim(tmp_path: Path) -> None:
    """The report prints each finding it is given as a card with its quotes, word for word."""
    findings = [f for f in check(example("rwanda-1993")).findings if f.cites][:3]
    assert findings
    report = assessment_report(performance_plan(), findings, {}, {}, today=date(2025, 1, 10),
                               next_due=date(2025, 6, 30), overdue=(date(2024, 12, 31),))
    assert sum(isinstance(b, TrendChart) for b in report.blocks) == 2
    out = tmp_path / "cites.pdf"
    write_pdf(report, out)
    text = _text(PdfReader(out))
    for f in findings:
        assert squash(f.message) in text
        for c in f.cites:
            assert squash(c.quote) in text, c.quote
    assert squash("Reviews overdue 2024-12-31") in text
    assert squash("Next review due 2025-06-30") in text


def test_unknown_review_is_refused_before_anything_is_built() -> None:
    with pytest.raises(InputError, match="no review held on 2022-01-01"):
        assessment_report(performance_plan(), [], {}, {}, today=date(2025, 1, 1),
                          next_due=None, overdue=(), review_on="2022-01-01")


EXAMPLE = EXAMPLES / "sector-east-2024.pkplan.json"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_example_plans_assessment_report(tmp_path: Path, lang: str) -> None:
    """examples/sector-east-2024: two years of data, four reviews. Its report holds a chart
    per indicator, every decision with where it led, the latest ratings in words, and the
    loop's findings with their citations verbatim."""
    out = tmp_path / "sector-east.pdf"
    done = _pkdesk("--db", str(tmp_path / "db.sqlite3"), "export-assessment", str(EXAMPLE),
                   "-o", str(out), "--lang", lang)
    assert (done.returncode, done.stderr) == (0, "")
    reader = PdfReader(out)
    plan = read_plan_file(EXAMPLE)
    perf = plan.performance
    assert _images(reader) >= sum(len(o.indicators) for o in perf.objectives) == 8
    text = _text(reader)
    t = translator(lang)
    for review in perf.reviews:
        for d in review.decisions:
            assert squash(d.text) in text, d.text
            if d.action == "revision":
                assert squash(t("assessreport.led_revision", link=d.link)) in text
            if d.action == "scenario":
                assert squash(t("assessreport.led_scenario", link=d.link)) in text
    latest = max(perf.reviews, key=lambda r: r.date)
    for r in latest.ratings:
        shown = label(r.rating, lang) + (" ✎" if r.rating != r.suggested else "")
        assert squash(shown) in text, shown
        if r.rating != r.suggested and r.reason:
            assert squash(r.reason) in text
    findings = assess(plan, date.today(), lang=lang).findings
    assert findings
    for f in findings:
        assert squash(f.message) in text, f.rule
        for c in f.cites:
            assert squash(c.quote) in text, c.quote


def test_the_example_plans_pdf_has_its_performance_section(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    done = _pkdesk("--db", str(tmp_path / "db.sqlite3"), "export", str(EXAMPLE), "-o",
                   str(out), "--lang", "fr")
    assert done.returncode == 0, done.stderr
    reader = PdfReader(out)
    text = _text(reader)
    assert squash(translator("fr")("plan.h_performance")) in text
    plan = read_plan_file(EXAMPLE)
    indicators = [i for o in plan.performance.objectives for i in o.indicators]
    assert _images(reader) >= len(indicators)
    assert all(squash(i.text) in text for i in indicators)


def test_assessment_of_a_plan_without_performance(tmp_path: Path) -> None:
    """A plan that states no worded objective still gets its report: no review, no chart."""
    out = tmp_path / "plain.pdf"
    done = _pkdesk("--db", str(tmp_path / "db.sqlite3"), "export-assessment",
                   str(EXAMPLES / "unoci-2004.pkplan.json"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    reader = PdfReader(out)
    text = _text(reader)
    t = translator("en")
    assert squash(t("assessreport.no_review_held")) in text
    assert squash(t("assessreport.no_objectives")) in text
    assert _images(reader) == 0
