"""The window in French: the party a what-if adds, Qt's own file dialog, column headers wide
enough for their words, and a language change that offers to restart at once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QFileDialog, QHeaderView, QLabel, QMessageBox,
                               QPushButton)
from pytestqt.qtbot import QtBot

from pkdesk.core.errors import InputError
from pkdesk.core.plan.file import read_plan_file
from pkdesk.core.stress import stress_test
from pkdesk.core.whatif import apply_whatifs, default_whatif_pack, load_whatif_pack
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from tests.ui.i18n_helpers import speaking
from tests.ui.planner_helpers import EXAMPLES, import_example, open_planner

FRENCH_PARTY = "Groupe armé apparu récemment"
ENGLISH_PARTY = "Newly emerged armed group"


def test_a_whatif_adds_its_party_under_the_language_name() -> None:
    plan = read_plan_file(EXAMPLES / "unoci-2004.pkplan.json")
    fr = apply_whatifs(plan, ["non_state_actor_emerges"], lang="fr").party_names()
    en = apply_whatifs(plan, ["non_state_actor_emerges"]).party_names()
    assert fr[-1] == FRENCH_PARTY and en[-1] == ENGLISH_PARTY
    report = stress_test(plan, default_whatif_pack(), lang="fr")
    row = next(r for r in report.rows if r.whatif.id == "non_state_actor_emerges")
    assert any(FRENCH_PARTY in f.message for f in row.result.findings)
    assert not any(ENGLISH_PARTY in f.message for r in report.rows for f in r.result.findings)


def test_a_pack_names_as_many_parties_as_it_adds(tmp_path: Path) -> None:
    pack = tmp_path / "pack.json"
    pack.write_text('{"format": "pkdesk.whatifs", "version": 1, "name": "t", "whatifs": [{'
                    '"id": "two", "title": "Two", "changes": [{"add_party": {"name": "A"}},'
                    '{"add_party": {"name": "B"}}], "i18n": {"fr": {"title": "Deux",'
                    '"parties": ["Une"]}}}]}', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_whatif_pack(pack)
    assert "expected 2 name(s)" in str(caught.value) and "\n" not in str(caught.value)


def test_whatif_in_the_french_window_adds_the_french_party(qtbot: QtBot, db: Database,
                                                           tmp_path: Path) -> None:
    import_example(db, "unoci-2004.pkplan.json")
    with speaking("fr"):
        window = open_planner(qtbot, db, tmp_path)
        whatifs = window.planner.whatif.whatifs
        row = [w.id for w in whatifs.pack.whatifs].index("non_state_actor_emerges")
        whatifs.model.setData(whatifs.model.index(row), Qt.CheckState.Checked,
                              Qt.ItemDataRole.CheckStateRole)
        model = window.planner.findings.model
        messages = [model.finding(r).message for r in range(model.rowCount())]
        assert any(FRENCH_PARTY in m for m in messages), messages
        assert not any(ENGLISH_PARTY in m for m in messages)


def test_qt_file_dialog_speaks_french(qtbot: QtBot) -> None:
    with speaking("fr"):
        dialog = QFileDialog(None, "t")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dialog)
        labels = {label.text() for label in dialog.findChildren(QLabel) if label.text()}
        buttons = {b.text() for b in dialog.findChildren(QPushButton) if b.text()}
    assert len(labels) == 3
    for english in ("Look in", "Files of", "File &name"):
        assert not any(english in text for text in labels), labels
    assert "&Regarder dans\u00a0:" in labels and "&Nom de fichier\u00a0:" in labels
    assert "Annuler" in buttons         # the rest of Qt's French still answers


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_column_headers_are_wide_enough_for_their_words(qtbot: QtBot, db: Database,
                                                        tmp_path: Path, lang: str) -> None:
    import_example(db, "unoci-2004.pkplan.json")
    import_example(db, "rwanda-1993.pkplan.json")
    with speaking(lang):
        window = open_planner(qtbot, db, tmp_path)
        window.resize(1024, 600)
        window.planner.whatif.whatifs.set_expanded(True)
        window.scenario.show_stress()
        window.scenario.history.trigger()
        window.planner.list_view.selectAll()
        window.scenario.compare.trigger()
        qtbot.wait(50)
        cut = []
        for top in QApplication.topLevelWidgets():
            if not top.isVisible():
                continue
            for header in top.findChildren(QHeaderView):
                if header.orientation() != Qt.Orientation.Horizontal or not header.isVisible():
                    continue
                for i in range(header.count()):
                    if header.isSectionHidden(i):
                        continue
                    words = header.model().headerData(i, Qt.Orientation.Horizontal)
                    tip = header.model().headerData(i, Qt.Orientation.Horizontal,
                                                    Qt.ItemDataRole.ToolTipRole)
                    if (isinstance(tip, str) and isinstance(words, str)
                            and tip.split() == words.split()     # two lines or one
                            and header.textElideMode() != Qt.TextElideMode.ElideNone):
                        continue    # elided on purpose ("…"), the words in the tooltip
                    if header.sectionSize(i) < header.sectionSizeFromContents(i).width():
                        cut.append((top.objectName(), header.model().headerData(
                            i, Qt.Orientation.Horizontal)))
        assert cut == []


def test_language_change_offers_restart_now(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    marker = tmp_path / "restarted.txt"
    window.restart_command = lambda: (  # type: ignore[method-assign]
        sys.executable, ["-c", f"import sys; open({str(marker)!r}, 'w').write(' '.join("
                               "sys.argv[1:]))", "--db", "x.sqlite3"])
    # Later: nothing happens but the notice closing.
    box = window.language_menu.choose("fr")
    assert isinstance(box, QMessageBox)
    names = {b.objectName(): b.text() for b in box.buttons()}
    assert names == {"restartNow": "&Redémarrer maintenant", "restartLater": "Plus &tard"}
    box.findChild(QPushButton, "restartLater").click()
    assert window.isVisible() and not marker.exists()
    # Restart Now: the edit being typed is written, then pkdesk starts again.
    window.planner.form.title.setFocus()
    qtbot.keyClicks(window.planner.form.title, " (revised)")
    box = window.language_menu.choose("en")   # back and forth: the notice comes again
    box = window.language_menu.choose("fr")
    assert isinstance(box, QMessageBox)
    box.findChild(QPushButton, "restartNow").click()
    qtbot.waitUntil(marker.exists, timeout=10000)
    qtbot.waitUntil(lambda: marker.read_text() == "--db x.sqlite3", timeout=5000)
    assert not window.isVisible()
    stored = PlanRepository(Database.open(db.path)).get(plan_id)
    assert stored.title.endswith(" (revised)")


def test_restart_command_is_this_pkdesk() -> None:
    from pkdesk.ui.window.main_window import MainWindow

    program, args = MainWindow.restart_command(None)  # type: ignore[arg-type]
    assert program == sys.executable and args[:2] == ["-m", "pkdesk"]
    assert args[2:] == sys.argv[1:]
