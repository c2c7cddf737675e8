"""The whole window in French, walked: both pages and the main dialogs, opened as a user would,
hold no string still identical to the English window's (except data, proper nouns and rule ids,
and words the catalogs give the same in both languages)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QUrl
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pkdesk.core.errors import StoreError
from pkdesk.core.i18n import translator
from pkdesk.core.plan.edits import FIELD_LABELS, field_value
from pkdesk.core.plan.fields import PARTY_FIELDS, PLAN_FIELDS
from pkdesk.store.db import Database
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.store.reference_repo import ReferenceRepository
from pkdesk.ui.window.link_guard import LinkGuard
from pkdesk.ui.window.main_window import MainWindow
from pkdesk.ui.window.startup_recovery import RecoveryDialog
from pkdesk.ui.planner.whatif.whatif_panel import OVERRIDE_PATHS
from tests.ui.i18n_helpers import speaking, texts_of, untranslated
from tests.ui.planner_helpers import import_example
from tests.ui.reference_helpers import search_for, settings_at


_TEXT_FIELDS = ("title", "host_country", "authorization.body", "authorization.reference",
                "mandate.summary", "community_engagement", "climate_risks", "notes")


def _database(path: Path) -> tuple[Database, list[int]]:
    db = open_library(path)
    ids = [import_example(db, name) for name in ("unoci-2004.pkplan.json",
                                                "one-sided.pkplan.json")]
    repo = ReferenceRepository(db)
    repo.set_bookmark("principles.consent", True)
    repo.set_note("principles.impartiality", "try through the imam")
    return db, ids


def _everything(qtbot: QtBot, db: Database, ids: list[int], folder: Path) -> tuple[
        set[str], set[str]]:
    """(every text of the window and its dialogs, the data they show)."""
    folder.mkdir()
    window = MainWindow.for_database(db, settings_at(folder))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    roots: list[QWidget] = [window]
    reference = window.reference
    reference.show_node("principles.consent")
    search_for(qtbot, reference.search, "impart")
    roots.append(window.pdf.choose_export())

    page = window.planner
    window.pages.setCurrentWidget(page)
    page.select_plan(ids[1])     # one-sided: it has findings
    scenario = window.scenario
    scenario.whatifs.model.set_checked(scenario.whatifs.model.whatif(0).id, True)
    roots += [window.pdf.choose_export(), window.pdf.show_preview(),
              window.backups.choose_backup(), scenario.ask_branch(),
              page.ask_acknowledgement(page.result.findings[0]), scenario.show_stress(),
              scenario.show_history(), page.plan_actions.confirm_delete()]
    selection = page.list_view.selectionModel()
    for plan_id in ids:
        row = page.list_model.row_of(plan_id)
        selection.select(page.list_model.index(row),
                         QItemSelectionModel.SelectionFlag.Select)
    roots.append(scenario.compare_selected())
    roots.append(LinkGuard().question(QUrl("https://example.org/guide")))
    backup = folder / "backup.sqlite3"
    roots.append(RecoveryDialog(StoreError("database disk image is malformed"),
                                folder / "pkdesk.sqlite3", backup, "2025-03-14 10:00, 2 plans"))
    assert all(root is not None for root in roots)
    texts = texts_of(roots)

    plans = PlanRepository(db)
    data = {reference.tree_model.title(node_id) for node_id in reference._entries}
    for summary in plans.list():
        plan = plans.get(summary.id)
        data |= {v for k in FIELD_LABELS if k in _TEXT_FIELDS
                 for v in [field_value(plan, k)] if isinstance(v, str)}
        data |= {*plan.party_names(), *plan.partners}
        data |= {s.lead for s in plan.strategies} | {s.notes for s in plan.strategies}
    # Field ids are typed as they are (overrides) and name a plan's fields in every language.
    data |= {*OVERRIDE_PATHS, *PLAN_FIELDS, *PARTY_FIELDS, "parties", "lead", "notes", "kind"}
    # Each language offers itself in its own words in View › Language.
    data |= {translator(lang)("ui.lang.tip") for lang in ("en", "fr")}
    data |= {"Peacekeeping and Diplomacy", "try through the imam", str(backup),
             "2025-03-14 10:00, 2 plans"}
    for root in roots:
        root.close()
    window.close()
    return texts, data


def test_no_string_of_the_french_window_is_left_in_english(qtbot: QtBot, tmp_path: Path) -> None:
    db, ids = _database(tmp_path / "walk.sqlite3")
    try:
        english, data = _everything(qtbot, db, ids, tmp_path / "en")
        with speaking("fr"):
            french, _ = _everything(qtbot, db, ids, tmp_path / "fr")
    finally:
        db.close()
    assert len(english) > 300 and len(french) > 300     # the walk really saw the window
    assert "Fichier" in french and "Constats" in french and "Annuler" in french
    left = untranslated(english, french, data)
    assert left == [], "\n".join(left)
