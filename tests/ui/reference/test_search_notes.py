"""Search finds the user's own notes too, and says so in the results."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.reference_repo import ReferenceRepository
from tests.ui.reference_helpers import open_window, search_for


def test_search_finds_a_word_only_in_my_note(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    repo = ReferenceRepository(db)
    repo.set_note("principles.consent", "Ask the Zanzibarian liaison <b>first</b>.")
    assert repo.search("zanzibarian", scope="handbook") == []     # not in the reference text
    window = open_window(qtbot, db, tmp_path)
    search = window.reference.search
    search_for(qtbot, search, "ZANZIBARIAN liaison")
    hits = search.model.hits()
    assert [(h.id, h.in_note) for h in hits] == [("principles.consent", True)]
    shown = search.model.index(0).data()
    assert shown.endswith("— your note") and "Consent" in shown
    assert "<b>first</b>" in hits[0].snippet or "Zanzibarian" in hits[0].snippet
    assert "1 in your notes." in search.status.text()
    search_for(qtbot, search, "consent")
    assert [h.in_note for h in search.model.hits()].count(False) > 1   # the text still found
