"""Acknowledging one finding of a per-party rule, not the rule; stale acknowledgements."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pkdesk.core.plan.model import Acknowledgement, Party
from pkdesk.core.plan.file import read_plan_file
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.planner.findings.acknowledge_dialog import AcknowledgeDialog
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.planner_helpers import EXAMPLES, open_planner

A, B = "party:Forces Nouvelles", "party:Militia B"


def _import(db: Database, acknowledgements: tuple[Acknowledgement, ...] = ()) -> int:
    plan = read_plan_file(EXAMPLES / "one-sided.pkplan.json")
    plan = dataclasses.replace(plan, parties=(*plan.parties, Party(name="Militia B")),
                               acknowledgements=acknowledgements)
    return PlanRepository(db).import_plan(plan).id


def _open_ones(window: MainWindow) -> dict[str | None, str | None]:
    """IMPARTIALITY-001's findings: subject → acknowledged reason."""
    return {f.subject: f.acknowledged for f in window.planner.result.findings
            if f.rule == "IMPARTIALITY-001"}


def test_acknowledging_party_a_leaves_party_b_open(qtbot: QtBot, db: Database,
                                                   tmp_path: Path) -> None:
    plan_id = _import(db)
    window = open_planner(qtbot, db, tmp_path)
    page, panel = window.planner, window.planner.findings
    assert _open_ones(window) == {A: None, B: None}
    assert panel.select_rule("IMPARTIALITY-001", A)
    qtbot.mouseClick(panel.acknowledge_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in page.findChildren(AcknowledgeDialog) if d.isVisible())
    assert dialog.windowTitle() == "Acknowledge IMPARTIALITY-001 (party “Forces Nouvelles”)"
    qtbot.keyClicks(dialog.reason, "Engaged through the <i>ceasefire</i> commission.")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _open_ones(window)[A] is not None, timeout=1000)
    assert _open_ones(window) == {A: "Engaged through the <i>ceasefire</i> commission.", B: None}
    assert panel.current_finding().subject == A          # the selection stays on A's finding
    assert page.undo_action.text() == (
        "&Undo Acknowledge IMPARTIALITY-001 (party “Forces Nouvelles”)")

    page.undo_action.trigger()
    qtbot.waitUntil(lambda: _open_ones(window) == {A: None, B: None}, timeout=1000)
    page.redo_action.trigger()
    qtbot.waitUntil(lambda: _open_ones(window)[A] is not None, timeout=1000)
    assert _open_ones(window)[B] is None

    # B's dialog starts empty; A's shows the earlier reason.
    b_finding = next(f for f in page.result.findings
                     if f.subject == B and f.rule == "IMPARTIALITY-001")
    b_dialog = page.ask_acknowledgement(b_finding)
    assert b_dialog.reason_text() == "" and "Militia B" in b_dialog.windowTitle()
    b_dialog.reject()
    a_finding = next(f for f in page.result.findings
                     if f.subject == A and f.rule == "IMPARTIALITY-001")
    a_dialog = page.ask_acknowledgement(a_finding)
    assert a_dialog.reason_text().startswith("Engaged through")
    a_dialog.reject()

    assert panel.select_rule("IMPARTIALITY-001", A)
    qtbot.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _open_ones(window)[A] is None, timeout=1000)
    assert page.undo_action.text() == (
        "&Undo Withdraw acknowledgement of IMPARTIALITY-001 (party “Forces Nouvelles”)")
    page.flush()
    assert not PlanRepository(db).get(plan_id).acknowledgements


def test_a_stale_acknowledgement_is_shown_and_can_be_removed(qtbot: QtBot, db: Database,
                                                             tmp_path: Path) -> None:
    old = Acknowledgement("IMPARTIALITY-001", "All <b>parties</b> engaged", by="ana")
    plan_id = _import(db, (old,))
    window = open_planner(qtbot, db, tmp_path)
    page, panel = window.planner, window.planner.findings
    assert _open_ones(window) == {A: None, B: None}       # a rule-wide one covers nobody
    assert panel.stale_box.isVisible()
    assert panel.stale_acknowledgements() == [old]
    text = panel.stale_list.item(0).text()
    assert "IMPARTIALITY-001" in text and "All <b>parties</b> engaged — ana" in text
    qtbot.mouseClick(panel.remove_stale_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.stale_box.isVisible(), timeout=1000)
    assert not page.plan.acknowledgements
    page.flush()
    assert not PlanRepository(db).get(plan_id).acknowledgements
    page.undo_action.trigger()
    assert list(page.plan.acknowledgements) == [old]
    qtbot.waitUntil(panel.stale_box.isVisible, timeout=1000)


def test_no_plan_is_neutral_and_offers_nothing(qtbot: QtBot, db: Database,
                                               tmp_path: Path) -> None:
    window = open_planner(qtbot, db, tmp_path)
    page, panel = window.planner, window.planner.findings
    assert page.plan is None
    assert panel.summary.verdict.text() == "No plan selected"
    assert panel.status.text() == "No plan selected"
    assert not any(b.isEnabled() for b in panel.summary.badges.values())
    assert not any("✓" in b.text() for b in panel.summary.badges.values())
    assert not panel.acknowledge_button.isEnabled() and not panel.withdraw_button.isEnabled()
    assert not page.whatif.whatifs.isEnabled()
    assert not panel.stale_box.isVisible()
    # A plan arrives: the panel speaks again.
    _import(db)
    page.reload_list()
    assert panel.summary.verdict.text() != "No plan selected"
    assert page.whatif.whatifs.isEnabled()
    assert all(b.isEnabled() for b in panel.summary.badges.values())
