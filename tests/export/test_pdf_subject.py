"""The subject is in the PDF's Info dictionary (pdfinfo, pypdf) as well as in its XMP."""

from __future__ import annotations

import re
import subprocess
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from pkdesk.core.plan.report import PlanMeta, plan_report
from pkdesk.export import write_pdf
from pkdesk.export.pdf_info import pdf_text_string, with_info_entry
from tests.export.samples import nodes_for, small_plan, small_result


def _export(tmp_path: Path, pdfa: bool) -> tuple[Path, str]:
    plan = small_plan()
    result = small_result(plan)
    report = plan_report(plan, result, nodes_for(result), PlanMeta("3", "2025-03-14", "D. M."))
    out = tmp_path / "plan.pdf"
    write_pdf(report, out, pdfa=pdfa)
    return out, report.subject


@pytest.mark.parametrize("pdfa", [False, True])
def test_info_subject_agrees_with_the_xmp(tmp_path: Path, pdfa: bool) -> None:
    out, subject = _export(tmp_path, pdfa)
    reader = PdfReader(out, strict=True)
    assert reader.metadata is not None and reader.metadata.subject == subject
    assert subject == "Mission plan for Côte d’Ivoire — verdict: Blocked"
    xmp = reader.xmp_metadata
    assert xmp is not None and xmp.dc_description == {"x-default": subject}
    # Qt's own entries survive the update unchanged, and the ID is carried over.
    assert reader.metadata.title and reader.metadata.creator.startswith("pkdesk ")
    assert reader.trailer["/ID"][0]
    if pdfa:
        assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("1", "B")


def test_the_update_is_appended_with_exact_offsets(tmp_path: Path) -> None:
    out, subject = _export(tmp_path, False)
    data = out.read_bytes()
    assert data.count(b"%%EOF") == 2 and data.endswith(b"%%EOF\n")
    startxref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    assert data[startxref:].startswith(b"xref\n0 1\n")
    number, offset = re.search(rb"xref\n0 1\n0000000000 65535 f \n(\d+) 1\n(\d{10})",
                               data[startxref:]).groups()              # type: ignore[union-attr]
    assert data[int(offset):].startswith(number + b" 0 obj\n<<")
    assert pdf_text_string(subject) in data[int(offset):startxref]
    prev = int(re.search(rb"/Prev (\d+)", data[startxref:]).group(1))  # type: ignore[union-attr]
    assert data[prev:].startswith(b"xref")


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler's pdfinfo not installed")
def test_pdfinfo_shows_the_subject(tmp_path: Path) -> None:
    out, subject = _export(tmp_path, True)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert f"Subject:         {subject}" in info.stdout
    assert "Syntax Error" not in info.stderr


@pytest.mark.parametrize("junk", [b"", b"%PDF-1.4\n%%EOF\n", b"not a pdf at all",
                                  b"%PDF-1.5\n1 0 obj\n<<>>\nendobj\nstartxref\n9\n%%EOF\n"])
def test_anything_not_laid_out_like_qt_output_is_left_alone(junk: bytes) -> None:
    assert with_info_entry(junk, "Subject", "x") is None


def test_the_resources_part_prints_the_estimate_only_when_there_is_one(tmp_path: Path) -> None:
    from dataclasses import replace

    from tests.export.samples import page_texts, squash

    plan = small_plan()
    for required, expected in ((None, False), (5000, True)):
        p = replace(plan, resources=replace(plan.resources, personnel_required=required))
        result = small_result(p)
        out = tmp_path / f"r{required}.pdf"
        write_pdf(plan_report(p, result, nodes_for(result)), out)
        text = squash("".join(page_texts(out)))
        assert (squash("Personnel required (planner’s estimate)5,000") in text) is expected
