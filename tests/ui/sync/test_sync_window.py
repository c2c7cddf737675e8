"""File › Sync in the window: a bundle imported with a conflict shows a notice and the
side-by-side dialog; the resolution is a merge revision, undoable; keep both adds a scenario."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from pkdesk.core.sync.bundle import encode_bundle
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.store.sync_repo import SyncRepository
from pkdesk.core.plan.diff import show_value
from pkdesk.ui.sync.conflict_dialog import ANCESTOR, FIELD, MINE, THEIRS, VALUE_CHARS
from tests.sync.support import exchange, open_store
from tests.ui.planner_helpers import import_example, message_boxes, open_planner


def _conflicting_bundle(db: Database, tmp_path: Path) -> tuple[int, Path, str]:
    """A plan in ``db`` whose notes laptop B changed one way and ``db`` another; B's bundle."""
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    repo = PlanRepository(db)
    original = repo.get(plan_id)
    laptop = open_store(tmp_path / "laptop.sqlite3")
    try:
        exchange(db, laptop, tmp_path, "to-laptop")
        b_id, b_plan = PlanRepository(laptop).get_by_uid(original.uid)
        PlanRepository(laptop).save(b_id, replace(b_plan, notes="<b>Theirs</b>: convoys at dawn",
                                                  host_country="Côte d'Ivoire (B)"))
        export = SyncRepository(laptop).prepare_export()
        path = tmp_path / "from-laptop.pksync"
        path.write_bytes(encode_bundle(export.bundle))
    finally:
        laptop.close()
    repo.save(plan_id, replace(original, notes="Mine: convoys at dusk"))
    return plan_id, path, original.notes


def test_import_conflict_then_resolve_in_the_dialog_and_undo(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id, bundle, base_notes = _conflicting_bundle(db, tmp_path)
    repo = PlanRepository(db)
    window = open_planner(qtbot, db, tmp_path)
    page, sync = window.planner, window.sync
    assert [a.text() for a in sync.menu.actions()] == [
        "&Export Bundle…", "&Import Bundle…", "Resolve &Conflicts…"]
    assert sync.menu.menuAction() in window.menus.file_menu.actions()
    assert not sync.notice.isVisible()

    outcome = sync.import_from(bundle)
    assert outcome is not None and outcome.conflicts == [page.plan.title]
    [box] = [b for b in message_boxes(window) if b.objectName() == "syncImportOutcome"]
    assert "1 with conflicts" in box.text()
    box.close()
    assert page.plan.notes == "Mine: convoys at dusk"          # nothing overwritten
    assert repo.get(plan_id).notes == "Mine: convoys at dusk"
    assert sync.notice.isVisible()

    dialog = sync.open_conflict()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    table = dialog.findChild(QTableWidget, "syncConflicts")
    assert table is not None and table.rowCount() == 1
    assert [table.item(0, c).text() for c in (FIELD, MINE, THEIRS)] == [
        "notes", "Mine: convoys at dusk", "<b>Theirs</b>: convoys at dawn"]
    assert table.item(0, ANCESTOR).text() == show_value(base_notes, VALUE_CHARS)
    dialog.choose("notes", "theirs")
    dialog.save_button.click()

    assert page.plan.notes == "<b>Theirs</b>: convoys at dawn"
    assert page.form.notes.toPlainText() == "<b>Theirs</b>: convoys at dawn"
    stored = repo.get(plan_id)
    assert (stored.notes, stored.host_country) == ("<b>Theirs</b>: convoys at dawn",
                                                   "Côte d'Ivoire (B)")
    assert SyncRepository(db).conflicts() == []
    assert not sync.notice.isVisible()
    assert page.undo_action.text() == "&Undo Resolve sync conflict"

    page.undo_action.trigger()
    page.flush()
    assert repo.get(plan_id).notes == "Mine: convoys at dusk"     # a new revision
    assert repo.revisions(plan_id)[-1].number == repo.current(plan_id)[1]


def test_keep_both_adds_theirs_as_a_scenario(qtbot: QtBot, db: Database,
                                             tmp_path: Path) -> None:
    plan_id, bundle, _ = _conflicting_bundle(db, tmp_path)
    repo = PlanRepository(db)
    window = open_planner(qtbot, db, tmp_path)
    sync = window.sync
    assert sync.import_from(bundle) is not None
    for box in message_boxes(window):
        box.close()
    dialog = sync.open_conflict()
    assert dialog is not None
    dialog.both_button.click()
    assert repo.get(plan_id).notes == "Mine: convoys at dusk"
    [variant] = repo.children(plan_id)
    assert variant.title.endswith("(theirs)")
    assert repo.get(variant.id).notes == "<b>Theirs</b>: convoys at dawn"
    assert SyncRepository(db).conflicts() == []


def test_export_from_the_window_fast_forwards_a_laptop(qtbot: QtBot, db: Database,
                                                       tmp_path: Path) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    path = tmp_path / "out.pksync"
    assert window.sync.export_to(path) == 1
    assert window.statusBar().currentMessage() == f"Wrote 1 revision to {path}."
    laptop = open_store(tmp_path / "laptop.sqlite3")
    try:
        from pkdesk.core.sync.bundle import decode_bundle

        out = SyncRepository(laptop).import_bundle(decode_bundle(path.read_bytes(), path.name))
        assert out.added == [PlanRepository(db).get(plan_id).title]
    finally:
        laptop.close()
    bad = tmp_path / "bad.pksync"
    bad.write_bytes(path.read_bytes()[:-5])
    assert window.sync.import_from(bad) is None
    [box] = message_boxes(window)
    assert "truncated" in box.text()


def test_a_bundle_deleting_the_plan_shown_takes_it_off_the_list(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    kept_id = import_example(db, "undof-1974.pkplan.json")
    laptop = open_store(tmp_path / "laptop.sqlite3")
    try:
        exchange(db, laptop, tmp_path, "to-laptop")
        uid = PlanRepository(db).get(plan_id).uid
        b_id, _ = PlanRepository(laptop).get_by_uid(uid)
        PlanRepository(laptop).delete(b_id)
        path = tmp_path / "deleted.pksync"
        path.write_bytes(encode_bundle(SyncRepository(laptop).prepare_export().bundle))
    finally:
        laptop.close()
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    page.select_plan(plan_id)
    assert page.plan_id == plan_id
    outcome = window.sync.import_from(path)
    assert outcome is not None and len(outcome.deleted) == 1
    [box] = [b for b in message_boxes(window) if b.objectName() == "syncImportOutcome"]
    assert "1 deleted" in box.text()
    box.close()
    assert [page.list_model.plan_id(r) for r in range(page.list_model.rowCount())] == [kept_id]
    assert page.plan_id == kept_id


def _spaced(text: str) -> str:
    """French typography's no-break spaces as plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_the_import_summary_speaks_the_windows_language(qtbot: QtBot, db: Database,
                                                         tmp_path: Path) -> None:
    """The French window says the outcome in French (the CLI's summary is English), with
    French plurals; the same import in English says it in English; the plans' titles are
    quoted as they are."""
    from tests.ui.i18n_helpers import speaking

    plan_id, bundle, _ = _conflicting_bundle(db, tmp_path)
    with speaking("fr"):
        window = open_planner(qtbot, db, tmp_path)
        title = window.planner.plan.title
        assert window.sync.import_from(bundle) is not None
        [box] = [b for b in message_boxes(window) if b.objectName() == "syncImportOutcome"]
        text = _spaced(box.text())
        box.close()
        assert text.startswith("from-laptop.pksync importé : 1 en conflit (1 nouvelle révision).")
        assert f"Conflit : {title}" in text, text
        assert "with conflicts" not in text and "new revision" not in text
        assert _spaced(window.statusBar().currentMessage()) == text.split("\n")[0]
        # The same bundle again: nothing changes, said in French.
        assert window.sync.import_from(bundle) is not None
        [again] = [b for b in message_boxes(window) if b.objectName() == "syncImportOutcome"]
        assert _spaced(again.text()) == "from-laptop.pksync importé : paquet déjà importé : rien n’a changé."
        again.close()
        window.close()
    english = open_planner(qtbot, db, tmp_path / "en")
    assert english.sync.import_from(bundle) is not None
    [box] = [b for b in message_boxes(english) if b.objectName() == "syncImportOutcome"]
    assert box.text() == ("Imported from-laptop.pksync: bundle already imported: nothing "
                          "changed.")
    assert PlanRepository(db).get(plan_id).notes == "Mine: convoys at dusk"
