"""Backups in the GUI: automatic ones, Back Up Now, and Restore from Backup… on real files."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.core.plan.edits import starter_plan
from pkdesk.store.backup import backup_dir, backup_now, list_backups
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.backup.backup_dialog import RestoreBackupDialog
from pkdesk.ui.backup.backup_table_model import DATE, PLANS, SIZE, STATE, BackupTableModel
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.planner_helpers import message_boxes, open_planner
from tests.ui.reference_helpers import search_for


def _titles(window: MainWindow) -> list[str]:
    return [p.title for p in window.planner.list_model.plans()]


def _confirm_box(dialog: RestoreBackupDialog) -> QMessageBox:
    boxes = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    return boxes[0]


def test_the_table_lists_backups_with_date_plans_size_and_state(
        qtmodeltester: object, db: Database, db_path: Path) -> None:
    repo = PlanRepository(db)
    repo.create(starter_plan("First"))
    backup_now(db.path)
    repo.create(starter_plan("Second"))
    newest = backup_now(db.path)
    broken = backup_dir(db_path) / re.sub(r"-[0-9a-f]{16}-", "-" + "0" * 16 + "-", newest.name)
    broken.write_bytes(b"not a database at all")     # named like a backup, but not one
    model = BackupTableModel()
    model.set_backups(list_backups(db_path))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 3
    plans = sorted(model.index(r, PLANS).data() for r in range(3))
    assert plans == ["1", "2", "—"]
    for row in range(3):
        info = model.backup(row)
        assert info is not None
        assert model.index(row, DATE).data() == info.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        assert model.index(row, SIZE).data().endswith(("KB", "MB", "bytes"))
        selectable = bool(model.flags(model.index(row, DATE)) & Qt.ItemFlag.ItemIsSelectable)
        assert selectable == (info.problem is None)
        assert model.index(row, STATE).data() == ("Good" if info.problem is None
                                                  else "Cannot be restored")


def test_restore_replaces_the_plans_after_a_confirmation(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    repo = PlanRepository(db)
    repo.create(starter_plan("Kept in the backup"))
    backup_now(db.path)
    repo.create(starter_plan("Made after the backup"))
    window = open_planner(qtbot, db, tmp_path)
    old_db = window.db
    assert sorted(_titles(window)) == ["Kept in the backup", "Made after the backup"]
    window.planner.plan_actions.new_plan()               # something on the undo stack
    assert window.planner.undo_stack.count() == 1

    dialog = window.backups.choose_backup()
    assert dialog is not None and dialog.model.rowCount() >= 1
    target = dialog.model.backup(0)
    assert target is not None and target.plans == 1
    assert dialog.chosen() == target and dialog.restore_button.isEnabled()

    dialog.restore_button.click()
    box = _confirm_box(dialog)
    assert box.textFormat() == Qt.TextFormat.PlainText and "1 plan" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.db is old_db and len(_titles(window)) == 3      # nothing happened

    dialog.restore_button.click()
    _confirm_box(dialog).button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.db is not None and window.db is not old_db
    assert _titles(window) == ["Kept in the backup"]
    assert window.planner.plan is not None and window.planner.plan.title == "Kept in the backup"
    assert window.planner.undo_stack.count() == 0     # old steps would write over the backup
    assert "Restored the backup" in window.statusBar().currentMessage()
    # What the user had is kept as a backup: restoring it brings the three plans back.
    kept = [b for b in list_backups(window.db.path) if b.plans == 3]
    assert len(kept) == 1
    # The pages work on the reopened database.
    window.planner.plan_actions.new_plan()
    assert PlanRepository(window.db).count() == 2
    search_for(qtbot, window.reference.search, "consent")      # through the new file
    assert window.reference.search.model.rowCount() > 0
    window.close()
    window.db.close()


def test_a_backup_damaged_after_listing_is_refused_and_nothing_changes(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    repo = PlanRepository(db)
    repo.create(starter_plan("Only plan"))
    made = backup_now(db.path)
    window = open_planner(qtbot, db, tmp_path)
    dialog = window.backups.choose_backup()
    assert dialog is not None
    made.write_bytes(made.read_bytes()[:4096])      # truncated behind the dialog's back
    assert not window.backups.restore_from(made)
    boxes = message_boxes(window)
    assert len(boxes) == 1 and boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert "Nothing was changed" in boxes[0].text()
    assert window.db is not None and _titles(window) == ["Only plan"]
    window.planner.plan_actions.new_plan()               # still usable
    assert PlanRepository(window.db).count() == 2
    boxes[0].close()
    dialog.close()
    window.close()
    window.db.close()


def test_back_up_now_from_the_menu_and_the_dialog(qtbot: QtBot, db: Database,
                                                  tmp_path: Path) -> None:
    window = open_planner(qtbot, db, tmp_path)
    assert window.backups.back_up.isEnabled()
    window.backups.back_up.trigger()
    assert len(list_backups(db.path)) == 1
    assert "Backed up to" in window.statusBar().currentMessage()
    dialog = window.backups.choose_backup()
    assert dialog is not None
    qtbot.wait(1100)                                 # backups are named to the second
    dialog.backup_button.click()
    assert dialog.model.rowCount() == 2
    dialog.close()
    window.close()


def test_automatic_backups_only_when_the_data_changed(qtbot: QtBot, db: Database,
                                                      tmp_path: Path) -> None:
    window = open_planner(qtbot, db, tmp_path)
    scheduler = window.backups.scheduler
    assert scheduler.db_path == db.path and scheduler.timer.isActive()
    assert scheduler.timer.interval() == 10 * 60 * 1000
    with qtbot.waitSignal(scheduler.made, timeout=10000) as made:
        scheduler.run_in_background()
    first = made.args[0]
    assert isinstance(first, Path) and first.is_file()
    scheduler.run_in_background()                    # nothing changed: no new file
    scheduler.wait()
    assert [b.path for b in list_backups(db.path)] == [first]
    # A plan made and the window closed: the last backup at close holds it.
    qtbot.wait(1100)
    window.planner.plan_actions.new_plan()
    window.close()      # the last backup runs on the backup thread; the app waits at exit
    window.wait_for_backup()
    backups = list_backups(db.path)
    assert len(backups) == 2 and backups[0].plans == 1
    assert not scheduler.timer.isActive()


def test_a_failing_automatic_backup_is_told_once_in_the_status_bar(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_planner(qtbot, db, tmp_path)
    folder = backup_dir(db.path)
    folder.write_text("a file where the backups folder should be")
    scheduler = window.backups.scheduler
    with qtbot.waitSignal(scheduler.failed, timeout=10000) as failed:
        scheduler.run_in_background()
    assert str(folder) in failed.args[0]
    qtbot.waitUntil(lambda: "Automatic backup failed" in window.statusBar().currentMessage())
    with qtbot.assertNotEmitted(scheduler.failed, wait=200):
        scheduler.run_in_background()
        scheduler.wait()
    folder.unlink()
    window.close()
