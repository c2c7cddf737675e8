"""The issue's scenario flow as a user drives it: branch (Ctrl+B), toggle a what-if and watch
the findings change without touching the stored plan, stress-test, compare, export."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.scenarios.branch_dialog import BranchDialog
from pkdesk.ui.scenarios.comparison_view import ComparisonView
from pkdesk.ui.window.main_window import MainWindow
from pkdesk.ui.planner.plan_list_model import DEPTH_ROLE, PARENT_TITLE_ROLE
from pkdesk.ui.scenarios.stress_dialog import ANSWERS, BREAKS, WHATIF
from tests.ui.planner_helpers import import_example, open_planner


def _rules(window: MainWindow) -> set[tuple[str, str]]:
    model = window.planner.findings.model
    return {(model.finding(r).rule, model.finding(r).severity) for r in range(model.rowCount())}


def _branch_dialog(window: MainWindow) -> BranchDialog:
    dialogs = [d for d in window.planner.findChildren(BranchDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_branch_with_ctrl_b_shows_the_variant_under_its_parent(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    parent_id = import_example(db, "unoci-2004.pkplan.json")
    import_example(db, "one-sided.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    page.select_plan(parent_id)
    parent_title = page.plan.title

    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    dialog = _branch_dialog(window)
    assert dialog.title.text() == f"{parent_title} (variant)"
    dialog.title.setText("Mediation by the <b>AU</b>")
    dialog.changes.setPlainText("regional body leads the mediation")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)

    repo = PlanRepository(db)
    assert repo.count() == 3
    assert page.plan is not None and page.plan.title == "Mediation by the <b>AU</b>"
    assert page.plan.lineage is not None
    assert page.plan.lineage.parent_title == parent_title
    assert page.plan.lineage.changes == "regional body leads the mediation"
    # The variant is listed right under its parent, one level in, naming it.
    model = page.list_model
    row = model.row_of(page.plan_id)
    assert row == model.row_of(parent_id) + 1
    index = model.index(row)
    assert index.data() == "Mediation by the <b>AU</b>"       # literal, not HTML
    assert index.data(DEPTH_ROLE) == 1 and index.data(PARENT_TITLE_ROLE) == parent_title
    assert model.index(model.row_of(parent_id)).data(DEPTH_ROLE) == 0
    assert f"variant of {parent_title}" in index.data(Qt.ItemDataRole.AccessibleTextRole)

    page.undo_action.trigger()          # branching is undoable like any new plan
    assert repo.count() == 2 and model.row_of(page.plan_id or -1) != row + 100
    assert all(p.title != "Mediation by the <b>AU</b>" for p in repo.list())
    page.redo_action.trigger()
    assert repo.count() == 3


def test_what_if_toggle_changes_findings_in_memory_only(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    repo = PlanRepository(db)
    stored_before = repo.get(plan_id)
    revisions_before = len(repo.revisions(plan_id))
    window = open_planner(qtbot, db, tmp_path)
    page, scenario = window.planner, window.scenario
    undo_count = page.undo_stack.count()
    assert ("CONSENT-001", "blocker") not in _rules(window)
    assert not scenario.banner.isVisible()

    model = scenario.whatifs.model
    row = model.row_of("consent_withdrawn")
    assert model.setData(model.index(row), Qt.CheckState.Checked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert ("CONSENT-001", "blocker") in _rules(window)
    assert scenario.banner.isVisible()
    assert scenario.banner.headline.text() == "What-if: Consent withdrawn — not saved"
    delta = scenario.banner.detail.text()
    assert delta.startswith("Verdict: Sound → Blocked.") and "+ Blocker CONSENT-001" in delta
    assert page.findings.summary.verdict.text().startswith("Blocked")
    assert page.result.verdict == "sound"        # the plan's own result is untouched

    page.flush()
    assert repo.get(plan_id) == stored_before
    assert len(repo.revisions(plan_id)) == revisions_before
    assert page.undo_stack.count() == undo_count and page.plan == stored_before

    model.setData(model.index(row), Qt.CheckState.Unchecked.value,
                  Qt.ItemDataRole.CheckStateRole)
    assert ("CONSENT-001", "blocker") not in _rules(window)
    assert not scenario.banner.isVisible()


def test_override_a_single_field_and_a_bad_value_is_named(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    whatifs, banner = window.planner.whatif.whatifs, window.planner.whatif.banner
    # Fields by their names, values by their labels: no field path or value id to type.
    names = [whatifs.field.itemText(i) for i in range(whatifs.field.count())]
    assert "Use of force" in names and "Every party: Consent" in names
    assert not any("_" in n or "." in n or "[" in n for n in names)
    whatifs.field.setCurrentIndex(names.index("Use of force"))
    assert whatifs.value_stack.currentWidget() is whatifs.value_choice
    choices = [whatifs.value_choice.itemText(i) for i in range(whatifs.value_choice.count())]
    assert choices == ["Self-defence only", "Defence of the mandate", "Offensive operations"]
    whatifs.value_choice.setCurrentIndex(choices.index("Offensive operations"))
    assert not whatifs.problem.isVisible()
    assert banner.headline.text() == "What-if: Use of force = Offensive operations — not saved"
    assert any(rule.startswith("FORCE") or severity == "blocker"
               for rule, severity in _rules(window))
    # A number gets a spin box within the field's bounds.
    whatifs.field.setCurrentIndex(names.index("Personnel"))
    assert whatifs.value_stack.currentWidget() is whatifs.value_number
    assert whatifs.value_number.minimum() == 0 and whatifs.value_number.maximum() > 1000
    whatifs.value_number.setValue(1200)
    assert banner.headline.text() == "What-if: Personnel = 1,200 — not saved"
    # A list of choices typed wrong: one plain line naming the value, the field and the choices.
    whatifs.field.setCurrentIndex(names.index("Objectives"))
    whatifs.value.setText("Protect civilians, maybe")
    assert whatifs.problem.isVisible()
    assert whatifs.problem.text().startswith(
        "“maybe” is not one of the choices for Objectives: ")
    assert "\n" not in whatifs.problem.text() and "protect_civilians" not in whatifs.problem.text()
    assert not banner.isVisible()                 # nothing valid is applied
    whatifs.value.setText("Protect civilians, elections")
    assert not whatifs.problem.isVisible()
    assert banner.headline.text() == \
        "What-if: Objectives = Protect civilians, elections — not saved"
    whatifs.clear_button.click()
    assert not banner.isVisible() and whatifs.override_path() == ""


def test_stress_test_table(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    dialog = window.scenario.show_stress()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    model = dialog.model
    assert model.rowCount() == 6
    titles = [model.index(r, WHATIF).data() for r in range(model.rowCount())]
    row = titles.index("Consent withdrawn")
    assert "Consent (1 blocker" in model.index(row, BREAKS).data()
    assert model.index(row, ANSWERS).data()     # answered, or the kinds that would
    dialog.close()


def _select(window: MainWindow, plan_ids: list[int]) -> None:
    page = window.planner
    selection = page.list_view.selectionModel()
    selection.clearSelection()
    for plan_id in plan_ids:
        selection.select(page.list_model.index(page.list_model.row_of(plan_id)),
                         QItemSelectionModel.SelectionFlag.Select)


def test_compare_two_selected_plans_and_export_the_pdf(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    sound = import_example(db, "unoci-2004.pkplan.json")
    blocked = import_example(db, "no-consent.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    scenario = window.scenario
    _select(window, [sound])
    assert not scenario.compare.isEnabled()
    _select(window, [sound, blocked])
    assert scenario.compare.isEnabled()
    scenario.compare.trigger()
    views = [w for w in scenario.windows if isinstance(w, ComparisonView)]
    assert len(views) == 1
    view = views[0]
    qtbot.waitExposed(view)

    # Verdicts, in list order (the most recently imported first).
    verdicts = {view.scenarios.index(r, 1).data(): view.scenarios.index(r, 2).data()
                for r in range(view.scenarios.rowCount())}
    assert verdicts == {"Stabilisation mission in Côte d'Ivoire (UNOCI-like, 2004)": "Sound",
                        "Deployment without host consent": "Blocked"}
    # Fields that differ: host consent among them, highlighted where it differs from A.
    paths = [view.differences.headerData(r, Qt.Orientation.Vertical)
             for r in range(view.differences.rowCount())]
    row = paths.index("Host-state consent")
    assert view.differences.index(row, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert view.differences.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    # The heat map's data: the blocked plan has a consent blocker, the sound one none.
    a, b = (view.comparison.scenarios[i].label for i in range(2))
    blocked_label = a if verdicts[view.scenarios.index(0, 1).data()] == "Blocked" else b
    sound_label = b if blocked_label == a else a
    cells = {(p, label): (total, level) for p, label, total, level in view.heat_map.cells()}
    assert cells[("consent", blocked_label)][1] == "blocker"
    assert cells[("consent", sound_label)] == (0, "none")
    assert view.heat_map.cell_color(view.comparison.cell("consent", blocked_label)) != \
        view.heat_map.cell_color(view.comparison.cell("consent", sound_label))
    principle_row = list(view.comparison.principles).index("consent")
    column = [s.label for s in view.comparison.scenarios].index(blocked_label)
    assert "CONSENT-001" in view.principles.index(principle_row, column).data()

    out = tmp_path / "comparison.pdf"
    pages = view.export_to(out)
    assert pages is not None and pages >= 3
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "Scenario comparison: Deployment without host consent" in text
    assert "Consent" in text and "CONSENT-001" in text
    assert not view.export_to(tmp_path / "missing" / "folder" / "x.pdf")
