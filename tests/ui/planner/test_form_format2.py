"""The plan form edits every format 2 field; edits are undoable and stored as format 2."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from pkdesk.core.plan.file import plan_to_dict
from pkdesk.core.plan.model import Benchmark, Caveat, ParallelForce, ProtectionSite
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.planner.form.party_table_model import CONDITIONS, ROLE
from tests.ui.planner_helpers import import_example, open_editor, open_planner


def _choose(combo: QComboBox, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_every_format_2_field_is_edited_in_the_form(qtbot: QtBot, db: Database,
                                                   tmp_path: Path) -> None:
    plan_id = import_example(db, "one-sided.pkplan.json")       # a version 1 plan
    window = open_planner(qtbot, db, tmp_path)
    page, form = window.planner, window.planner.form
    qtbot.waitUntil(lambda: page.plan is not None)
    for combo in (form.phase, form.host_authority, form.threat_level, form.arrangement,
                  form.funding_source):
        assert isinstance(combo, QComboBox)
        assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus   # focus before the wheel
    assert form.civilians_at_risk.focusPolicy() == Qt.FocusPolicy.StrongFocus

    _choose(form.phase, "crisis")
    _choose(form.host_authority, "collapsed")
    _choose(form.threat_level, "critical")
    _choose(form.arrangement, "hybrid")
    _choose(form.funding_source, "voluntary")
    form.host_consent_conditions.setPlainText("No patrols at night")
    form.end_state.setPlainText("A country that protects its own people")
    form.directed_against.setPlainText("Forces Nouvelles\n\n")
    form.civilians_at_risk.setValue(250_000)
    plan = page.plan
    assert (plan.phase, plan.host_authority, plan.protection.threat_level,
            plan.command.arrangement, plan.resources.funding_source) == \
        ("crisis", "collapsed", "critical", "hybrid", "voluntary")
    assert plan.host_consent_conditions == "No patrols at night"
    assert plan.mandate.end_state.startswith("A country")
    assert plan.mandate.directed_against == ["Forces Nouvelles"]
    assert plan.protection.civilians_at_risk == 250_000

    # The four tables: add a row with the button, edit its cells.
    qtbot.mouseClick(form.site_editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.plan.protection.sites) == 1, timeout=1000)
    spin = open_editor(qtbot, form.site_editor.table, form.sites.index(0, 1))
    assert isinstance(spin, QSpinBox)
    spin.setValue(40_000)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.plan.protection.sites[0].population == 40_000, timeout=1000)
    assert page.plan.protection.sites == [ProtectionSite("New site", 40_000, 0)]
    qtbot.waitUntil(lambda: "RESOURCES-012" in [f.rule for f in page.result.findings],
                    timeout=1000)

    qtbot.mouseClick(form.benchmark_editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.plan.mandate.benchmarks) == 1, timeout=1000)
    assert form.benchmarks.setData(form.benchmarks.index(0, 1), "2026-13") is False
    assert form.problem.isVisible() and "YYYY-MM" in form.problem.text()
    assert form.benchmarks.setData(form.benchmarks.index(0, 1), "2026-06")
    assert page.plan.mandate.benchmarks == [Benchmark("New benchmark", "2026-06")]

    qtbot.mouseClick(form.force_editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.plan.command.parallel_forces) == 1, timeout=1000)
    form.parallel_forces.setData(form.parallel_forces.index(0, 1), Qt.CheckState.Checked.value,
                                 Qt.ItemDataRole.CheckStateRole)
    assert page.plan.command.parallel_forces == [ParallelForce("New force", True)]

    qtbot.mouseClick(form.caveat_editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.plan.command.caveats) == 1, timeout=1000)
    editor = open_editor(qtbot, form.caveat_editor.table, form.caveats.index(0, 1))
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "<b>No night moves</b>")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.plan.command.caveats != [Caveat("Contributor")], timeout=1000)
    assert page.plan.command.caveats == [Caveat("Contributor", "<b>No night moves</b>")]

    # Party role and consent conditions.
    combo = open_editor(qtbot, form.party_editor.table, form.parties.index(1, ROLE))
    assert isinstance(combo, QComboBox)
    _choose(combo, "listed_group")
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.plan.parties[1].role == "listed_group", timeout=1000)
    assert form.parties.setData(form.parties.index(1, CONDITIONS), "Ministries first")
    assert page.plan.parties[1].consent_conditions == "Ministries first"

    # Removing a row and undoing it.
    form.site_editor.select_row(0)
    qtbot.mouseClick(form.site_editor.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.plan.protection.sites == [], timeout=1000)
    page.undo_action.trigger()
    qtbot.waitUntil(lambda: len(page.plan.protection.sites) == 1, timeout=1000)

    page.flush()
    stored = PlanRepository(db).get(plan_id)
    assert stored == page.plan and plan_to_dict(stored)["version"] == 2
