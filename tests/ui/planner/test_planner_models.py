"""Every planner model passes Qt's model tester, filled and while it changes."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from pkdesk.core.checker import check
from pkdesk.core.findings import CheckResult
from pkdesk.core.plan.model import OBJECTIVES, Party, Plan, Strategy
from pkdesk.core.plan.file import read_plan_file
from pkdesk.store.plan_repo import PlanSummary
from pkdesk.ui.planner.form.choice_list_model import ChoiceListModel
from pkdesk.ui.planner.findings.findings_model import FindingsModel
from pkdesk.ui.planner.form.party_table_model import CONSENT, NAME, TALKS, PartyTableModel
from pkdesk.ui.planner.plan_list_model import PlanListModel
from pkdesk.ui.planner.form.strategy_table_model import PARTIES, StrategyTableModel
from tests.ui.planner_helpers import EXAMPLES

PARTIES_3 = [Party("Government", "state", "granted", True), Party("Rebels", "non_state"),
             Party("Militia", "non_state", "withheld")]


def test_plan_list_model(qtmodeltester: ModelTester) -> None:
    model = PlanListModel()
    now = datetime(2024, 5, 1, 12, 0)
    model.set_plans([PlanSummary(1, "a", "<b>First</b>", 3, now, None),
                     PlanSummary(2, "b", "", 1, now, "a")])
    qtmodeltester.check(model, force_py=True)
    assert model.index(0).data() == "<b>First</b>" and model.index(1).data() == "(untitled)"
    model.set_title(2, "Second")
    assert model.index(1).data() == "Second" and model.row_of(2) == 1


def test_party_table_model(qtmodeltester: ModelTester) -> None:
    model = PartyTableModel()
    model.set_items(PARTIES_3)
    qtmodeltester.check(model, force_py=True)
    edits: list[tuple[int, Party]] = []
    refused: list[str] = []
    model.row_edited.connect(lambda row, party: edits.append((row, party)))
    model.refused.connect(refused.append)
    assert model.index(1, CONSENT).data() == "Unknown"
    assert model.setData(model.index(1, CONSENT), "withdrawn")
    assert model.setData(model.index(0, TALKS), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert not model.setData(model.index(1, NAME), "Militia")      # taken
    assert not model.setData(model.index(1, NAME), "   ")          # empty
    assert not model.setData(model.index(1, CONSENT), "maybe")     # not a consent
    assert [e[1].consent for e in edits] == ["withdrawn", "granted"]
    assert edits[1][1].direct_talks is False
    assert len(refused) == 2 and "Militia" in refused[0]
    assert model.items() == PARTIES_3      # the model never changes its list itself
    model.set_items(PARTIES_3[:2])
    qtmodeltester.check(model, force_py=True)


def test_strategy_table_model(qtmodeltester: ModelTester) -> None:
    model = StrategyTableModel()
    model.set_items([Strategy("mediation", ["Government", "Gone"], "Envoy", "a\nb"),
                     Strategy("advocacy")], ["Government", "Rebels"])
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data() == "Mediation"
    assert model.index(1, PARTIES).data() == "(none)"
    # A name no party has any more stays choosable, so it can be unticked.
    assert model.index(0, PARTIES).data(Qt.ItemDataRole.UserRole + 10) == [
        "Government", "Rebels", "Gone"]
    edits: list[Strategy] = []
    model.row_edited.connect(lambda _row, s: edits.append(s))
    assert model.setData(model.index(1, PARTIES), ["Rebels", "Rebels"])
    assert edits == [Strategy("advocacy", ["Rebels"])]


def test_findings_model(qtmodeltester: ModelTester) -> None:
    model = FindingsModel()
    result = check(read_plan_file(EXAMPLES / "rwanda-1993.pkplan.json"))
    model.set_result(result)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(result.findings) > 3
    principle = result.findings[0].principle
    model.set_principle_filter(principle)
    assert {model.finding(r).principle for r in range(model.rowCount())} == {principle}
    model.set_principle_filter(None)
    model.set_result(CheckResult(plan_title=""))
    assert model.rowCount() == 0
    model.set_result(check(Plan(title="x")))
    qtmodeltester.check(model, force_py=True)


def test_choice_list_model(qtmodeltester: ModelTester) -> None:
    model = ChoiceListModel(OBJECTIVES)
    qtmodeltester.check(model, force_py=True)
    seen: list[list[str]] = []
    model.checked_changed.connect(seen.append)
    model.set_checked(["elections"])
    assert seen == []  # set by the program, not the user
    model.setData(model.index(0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert seen == [["monitor_ceasefire", "elections"]]
