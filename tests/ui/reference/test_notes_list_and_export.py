"""The notes list shows each note's first words after its topic's title, and the notes are
exported to Markdown (File › Export Notes…, and `pkdesk notes export`): each under its
topic's title and place in the handbook, with its date; the user's text stays literal;
written owner-only; a bad output path is one line (exit 2) or a dialog, nothing written."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.core.notes_export import markdown_literal
from pkdesk.store.db import Database
from pkdesk.store.reference_repo import ReferenceRepository
from tests.ui.reference_helpers import open_window

HOSTILE = "Ask *first* <b>liaison</b> [x](http://e) # 1. _a_ `b` \\ ~~c~~ |d|\x1b]0;pwned\x07"
LONG = "Meet the district commissioner before every patrol in the northern sector. " * 3


def _unescaped(markdown: str) -> str:
    """What a CommonMark reader shows for a line of backslash-escaped text."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def _notes(db: Database) -> ReferenceRepository:
    repo = ReferenceRepository(db)
    repo.set_note("principles.consent", LONG)
    repo.set_note("principles.impartiality", HOSTILE + "\nsecond line")
    return repo


def test_the_notes_list_shows_a_preview_of_each_note(qtbot: QtBot, db: Database,
                                                      tmp_path: Path) -> None:
    _notes(db)
    window = open_window(qtbot, db, tmp_path)
    model = window.reference.side.note_model
    shown = [model.index(r).data() for r in range(model.rowCount())]
    consent = next(s for s in shown if s.startswith("Consent"))
    assert "— Meet the district commissioner" in consent
    assert consent.endswith("…") and len(consent.split(" — ", 1)[1]) <= 80
    hostile = next(s for s in shown if "Ask" in s)
    assert "\x1b" not in hostile and "\x07" not in hostile and "<b>liaison</b>" in hostile
    window.close()


def test_export_notes_from_the_file_menu(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    _notes(db)
    window = open_window(qtbot, db, tmp_path)
    action = window.notes_export.action
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    window.reference.show_node("principles.restraint")
    window.reference.notes.edit.setPlainText("typed just now")   # not yet saved
    out = tmp_path / "notes.md"
    assert window.notes_export.export_to(out) == 3
    text = out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert text.startswith("# My notes\n")
    assert "## Consent of the Parties\n" in text and "typed just now" in text
    assert date.today().strftime("%d %B %Y").lstrip("0") in text    # when it was written
    lines = text.splitlines()
    body = lines[lines.index("## Impartiality") + 4]
    assert _unescaped(body.rstrip("\\")) == HOSTILE.replace("\x1b", "␛").replace("\x07", "␇")
    assert "\x1b" not in text and "<b>" not in text
    # Consent comes before impartiality in the handbook, and is placed in it.
    assert text.index("## Consent of the Parties") < text.index("## Impartiality")
    where = lines[lines.index("## Consent of the Parties") + 2]
    assert where.startswith("*") and "written" in where

    bad = tmp_path / "missing" / "notes.md"
    assert window.notes_export.export_to(bad) is None
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "does not exist" in boxes[0].text()
    assert not bad.parent.exists()
    window.close()


def _cli(db: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PKDESK_DB=str(db), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "pkdesk", *argv], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


def test_pkdesk_notes_export(db: Database, db_path: Path, tmp_path: Path) -> None:
    _notes(db)
    out = tmp_path / "n.md"
    done = _cli(db_path, "notes", "export", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "2 notes" in done.stdout
    text = out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "## Consent" in text and "Meet the district commissioner" in text
    assert markdown_literal("<b>liaison</b>") in text

    fr = _cli(db_path, "notes", "export", "-o", str(out), "--lang", "fr")
    assert fr.returncode == 0 and out.read_text(encoding="utf-8").startswith("# Mes notes")

    bad = _cli(db_path, "notes", "export", "-o", str(tmp_path / "nope" / "n.md"))
    assert bad.returncode == 2
    assert len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr
    assert not (tmp_path / "nope").exists()
    other = _cli(db_path, "notes", "export", "-o", str(out), "--format", "docx")
    assert other.returncode == 2


def test_markdown_literal_reads_back_as_the_text() -> None:
    for text in ("1. not a list", "# not a heading", "a_b_c *d* [e](f) <g>", "\\", "| t |"):
        assert _unescaped(markdown_literal(text)) == text
