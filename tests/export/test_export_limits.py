"""Issue 9, item 3: one export is bounded (pages, table cells); a plan past the bound is refused
with one line and exit 2, never a crash, never a partial file; a large real plan still exports.

Before the bound, 500 parties and 350 strategies naming all of them (2.3 MB, valid) killed
`pkdesk export` with SIGSEGV: the document ran past Qt's layout limit (see export/limits.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from pkdesk.core.errors import InputError
from pkdesk.core.plan.report import PlanMeta, plan_report
from pkdesk.core.plan.file import read_plan_file
from pkdesk.core.reference import Corpus, RefNode, Source
from pkdesk.core.report import Report, Table
from pkdesk.core.checker import check
from pkdesk.export import write_pdf
from pkdesk.export.limits import MAX_PAGES, MAX_TABLE_CELLS, ExportTooLarge, page_limit
from pkdesk.store.corpus import load_into
from pkdesk.store.db import Database
from tests.export.samples import squash


def plan_file(path: Path, parties: int, strategies: int, per_strategy: int | None = None,
              notes: str = "n") -> Path:
    """A valid plan file: ``strategies`` strategies, each naming ``per_strategy`` parties (all
    of them when None)."""
    names = [f"Party {i:03d}" for i in range(parties)]
    doc = {"format": "pkdesk.plan", "version": 1, "plan": {
        "title": "Many parties", "host_consent": "granted",
        "parties": [{"name": n, "kind": "state", "consent": "granted", "direct_talks": True}
                    for n in names],
        "strategies": [{"kind": "mediation", "lead": f"Envoy {i}", "notes": notes,
                        "parties": names if per_strategy is None
                        else names[i % (parties - per_strategy):][:per_strategy]}
                       for i in range(strategies)]}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _pkdesk(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "pkdesk", *args], capture_output=True,
                          text=True, env=env, timeout=300)


def test_a_plan_naming_500_parties_350_times_is_refused_not_a_crash(db: Database,
                                                                      db_path: Path,
                                                                      tmp_path: Path) -> None:
    plan = plan_file(tmp_path / "hostile.pkplan.json", 500, 350)
    assert plan.stat().st_size > 2_000_000
    read_plan_file(plan)                                # the format allows it
    out = tmp_path / "out" / "hostile.pdf"
    out.parent.mkdir()
    proc = _pkdesk("--db", str(db_path), "export", str(plan), "-o", str(out))
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-500:])   # -11 was SIGSEGV
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert lines[0].startswith("pkdesk: too large to export: over ")
    assert f"at most {MAX_PAGES} pages and {MAX_TABLE_CELLS:,} table cells" in lines[0]
    assert list(out.parent.iterdir()) == []             # no file, no temporary left


def test_a_refused_export_leaves_the_previous_file(tmp_path: Path) -> None:
    plan = read_plan_file(plan_file(tmp_path / "p.json", 500, 100))     # ~570 pages
    report = plan_report(plan, check(plan), {}, PlanMeta())
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"%PDF- the previous export")
    with pytest.raises(ExportTooLarge, match=r"too large to export: [\d,]+ pages;"):
        write_pdf(report, out)
    assert out.read_bytes() == b"%PDF- the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json", "plan.pdf"]


def test_the_largest_plan_the_format_allows_still_exports(tmp_path: Path) -> None:
    """500 parties and 2,000 strategies (the format's maxima), each naming three parties."""
    plan = read_plan_file(plan_file(tmp_path / "big.json", 500, 2000, per_strategy=3,
                                    notes="Weekly meetings along the zone of confidence."))
    report = plan_report(plan, check(plan), {}, PlanMeta())
    out = tmp_path / "big.pdf"
    pages = write_pdf(report, out)
    reader = PdfReader(out)
    assert len(reader.pages) == pages and 100 < pages <= MAX_PAGES
    last = squash(reader.pages[-1].extract_text())
    assert squash(f"Page {pages} of {pages}") in last
    # the strategies table is whole: its last row is printed (read from the end: pypdf takes
    # ~0.2 s a page)
    found = next((i for i in range(pages - 1, 0, -1)
                  if squash("Envoy 1999") in squash(reader.pages[i].extract_text())), None)
    assert found is not None and found > pages // 2


def test_too_many_table_cells_are_refused_before_layout(tmp_path: Path) -> None:
    rows = tuple((str(i), "x", "y") for i in range(MAX_TABLE_CELLS // 3))
    report = Report("Cells", "Cells", "", "", (Table(("a", "b", "c"), rows, (30, 30, 40)),))
    with pytest.raises(ExportTooLarge) as err:
        write_pdf(report, tmp_path / "cells.pdf")
    assert isinstance(err.value, InputError)
    assert f"{MAX_TABLE_CELLS + 3:,} table cells" in str(err.value)
    assert not (tmp_path / "cells.pdf").exists()


def test_a_finer_device_gets_fewer_pages_never_past_qts_limit() -> None:
    a4_body_600dpi = 5646
    assert page_limit(a4_body_600dpi) == MAX_PAGES
    assert page_limit(a4_body_600dpi * 4) < MAX_PAGES          # 2,400 dpi
    assert page_limit(a4_body_600dpi * 4) * a4_body_600dpi * 4 < 2**31 // 256 // 2


def test_a_reference_subtree_past_the_bound_is_refused(db_path: Path, tmp_path: Path) -> None:
    """A large library's subtree: before the bound, 1,486 pages were written and the rest of
    the library silently dropped (Qt stops laying out there); now it is refused."""
    body = ("Consent of the parties, impartiality and the non-use of force except in "
            "self-defence remain the basic principles of peacekeeping. ") * 8
    nodes = [RefNode("big", "A large library", "section", None, ("Root.",), "big")]
    nodes += [RefNode(f"big.{i}", f"Section {i}", "section", "big", (body, body), "big")
              for i in range(2500)]
    db = Database.open(db_path)
    with db.session() as s:
        load_into(s, Corpus(Source("big", "A large library"), tuple(nodes), "big-1"))
    db.close()
    out = tmp_path / "ref.pdf"
    proc = _pkdesk("--db", str(db_path), "export-reference", "big", "--subtree", "-o", str(out))
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-500:])
    assert proc.stderr.startswith("pkdesk: too large to export: ")
    assert len(proc.stderr.splitlines()) == 1
    assert not out.exists()
