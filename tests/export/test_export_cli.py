"""`pkdesk export` and `pkdesk export-reference`: exit 0 with a PDF, or 2 with one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from pkdesk.cli import main
from pkdesk.core.plan.file import read_plan_file
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from tests.checkout import REPO_ROOT
from tests.export.samples import page_texts, squash

EXAMPLE = REPO_ROOT / "examples" / "rwanda-1993.pkplan.json"


def test_export_plan_file(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rwanda.pdf"
    code = main(["--db", str(db_path), "export", str(EXAMPLE), "-o", str(out),
                 "--page-size", "Letter"])
    assert code == 0
    reader = PdfReader(out)
    assert capsys.readouterr().out == f"wrote {out} ({len(reader.pages)} pages)\n"
    assert round(float(reader.pages[0].mediabox.width)) == 612
    plan = read_plan_file(EXAMPLE)
    assert reader.metadata is not None and reader.metadata.title == plan.title
    assert squash("rwanda-1993.pkplan.json") in squash(page_texts(out)[0])


def test_export_stored_plan_by_id_as_pdfa(db: Database, db_path: Path, tmp_path: Path) -> None:
    plan = read_plan_file(EXAMPLE)
    plan_id = PlanRepository(db).create(plan, author="Daniel")
    out = tmp_path / "stored.pdf"
    assert main(["--db", str(db_path), "export", str(plan_id), "-o", str(out), "--pdfa"]) == 0
    reader = PdfReader(out)
    assert reader.metadata is not None and reader.metadata.author == "Daniel"
    assert reader.xmp_metadata is not None and reader.xmp_metadata.pdfaid_part == "1"
    assert squash("Revision 1") in squash(page_texts(out)[0])


def test_export_reference_subtree(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "ref.pdf"
    assert main(["--db", str(db_path), "export-reference", "strategies", "--subtree",
                 "-o", str(out)]) == 0
    text = squash("".join(page_texts(out)))
    titles = ["Ceasefire Negotiation", "Dialogue Channels", "Regional Cooperation", "Mediation",
              "Shuttle Diplomacy", "Multi-Track Diplomacy", "Advocacy"]
    assert all(squash(t) in text for t in titles)


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:       # argparse rejects a bad choice before any command runs
        return int(exc.code or 0)


@pytest.mark.parametrize("args", [
    ["export", "missing.pkplan.json"],
    ["export", "4242"],
    ["export-reference", "no.such.node"],
    ["export", str(EXAMPLE), "--page-size", "A5"],
])
def test_bad_input_exits_2_with_one_line_and_no_file(
        args: list[str], db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.pdf"
    assert _run(["--db", str(db_path), *args, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("pkdesk: ")
    assert not out.exists()


def test_unwritable_destination_exits_2(db_path: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no-folder" / "out.pdf"
    assert main(["--db", str(db_path), "export", str(EXAMPLE), "-o", str(out)]) == 2
    assert capsys.readouterr().err == (f"pkdesk: cannot write {out}: folder {out.parent} "
                                       "does not exist\n")
