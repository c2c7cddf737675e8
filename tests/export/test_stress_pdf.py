"""The stress test on paper: `pkdesk export-stress` (a real subprocess) and the document read
back with pypdf, in English and French."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from pkdesk.core.i18n import translator
from pkdesk.core.stress import stress_test
from tests.core.plan_samples import EXAMPLES, example
from tests.export.samples import squash


def _pkdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pkdesk", *args], capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_export_stress_cli_writes_every_whatif(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "stress.pdf"
    done = _pkdesk("--db", str(tmp_path / "db.sqlite3"), "export-stress",
                   str(EXAMPLES / "rwanda-1993.pkplan.json"), "-o", str(out), "--lang", lang)
    assert (done.returncode, done.stderr) == (0, "")
    reader = PdfReader(out)
    assert done.stdout == f"wrote {out} ({len(reader.pages)} pages)\n"
    texts = [squash(p.extract_text()) for p in reader.pages]
    t = translator(lang)
    report = stress_test(example("rwanda-1993"), lang=lang)
    assert squash(t("stress.kicker")) in texts[0]
    assert squash(t("stress.col_breaks")) in texts[0]
    for row in report.rows:               # each what-if in the table on page 1, then in detail
        title = squash(row.whatif.title_in(lang))
        assert title in texts[0] and sum(title in text for text in texts) >= 2, title
        for f in row.new:
            assert any(squash(f.message) in text for text in texts[1:]), f.rule
    meta = reader.metadata
    assert meta is not None and meta.title == t("stress.running_title",
                                                title=report.plan_title)


def test_export_stress_cli_bad_input(tmp_path: Path) -> None:
    db = str(tmp_path / "db.sqlite3")
    missing = tmp_path / "nowhere" / "s.pdf"
    done = _pkdesk("--db", db, "export-stress", str(EXAMPLES / "rwanda-1993.pkplan.json"),
                   "-o", str(missing))
    assert done.returncode == 2 and done.stderr.startswith("pkdesk: cannot write")
    assert done.stderr.count("\n") == 1 and not missing.parent.exists()
    done = _pkdesk("--db", db, "export-stress", str(tmp_path / "no-such.pkplan.json"),
                   "-o", str(tmp_path / "s.pdf"))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr and not (tmp_path / "s.pdf").exists()
