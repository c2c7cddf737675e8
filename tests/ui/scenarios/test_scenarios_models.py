"""Every scenario model passes Qt's model tester, and holds and shows what it is given."""

from __future__ import annotations

from datetime import datetime

from pytestqt.modeltest import ModelTester
from PySide6.QtCore import Qt

from pkdesk.core.compare import compare_plans
from pkdesk.core.plan.diff import diff_plans
from pkdesk.core.plan.file import read_plan_file
from pkdesk.core.stress import stress_test
from pkdesk.core.whatif import default_whatif_pack
from pkdesk.store.plan_repo import PlanSummary, RevisionInfo
from pkdesk.ui.scenarios.comparison_models import DifferencesModel, PrincipleFindingsModel, ScenariosModel
from pkdesk.ui.scenarios.history_models import ChangesModel, RevisionsModel
from pkdesk.ui.planner.plan_list_model import DEPTH_ROLE, PlanListModel, lineage_order
from pkdesk.ui.scenarios.stress_dialog import StressTableModel
from pkdesk.ui.planner.whatif.whatif_model import WHATIF_ID_ROLE, WhatIfListModel
from tests.ui.planner_helpers import EXAMPLES

NOW = datetime(2024, 5, 1, 12, 0)


def _summary(plan_id: int, uid: str, parent: str | None) -> PlanSummary:
    return PlanSummary(plan_id, uid, f"plan {uid}", 1, NOW, parent)


def test_lineage_order_puts_variants_under_their_parents() -> None:
    plans = [_summary(1, "c", "a"), _summary(2, "a", None), _summary(3, "b", None),
             _summary(4, "d", "c"), _summary(5, "e", "gone"), _summary(6, "f", "a")]
    ordered = [(p.uid, depth) for p, depth in lineage_order(plans)]
    assert ordered == [("a", 0), ("c", 1), ("d", 2), ("f", 1), ("b", 0), ("e", 0)]
    # A cycle (only a hand-edited database could hold one) is still listed, flat.
    cycle = [_summary(1, "x", "y"), _summary(2, "y", "x")]
    assert sorted(p.uid for p, _ in lineage_order(cycle)) == ["x", "y"]


def test_plan_list_model_with_lineage(qtmodeltester: ModelTester) -> None:
    model = PlanListModel()
    model.set_plans([_summary(1, "v", "p"), _summary(2, "p", None)])
    qtmodeltester.check(model, force_py=True)
    assert [model.plan_id(r) for r in range(2)] == [2, 1]
    assert model.index(1).data(DEPTH_ROLE) == 1 and model.parent_title(1) == "plan p"
    model.set_title(2, "<i>renamed</i>")
    assert model.parent_title(1) == "<i>renamed</i>"
    tip = model.index(1).data(Qt.ItemDataRole.ToolTipRole)
    assert "Branched from “&lt;i&gt;renamed&lt;/i&gt;”" in tip     # shown literally


def test_whatif_list_model(qtmodeltester: ModelTester) -> None:
    model = WhatIfListModel()
    model.set_pack(default_whatif_pack())
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 6
    changes: list[int] = []
    model.checked_changed.connect(lambda: changes.append(1))
    row = model.row_of("funding_cut")
    assert model.index(row).data(WHATIF_ID_ROLE) == "funding_cut"
    assert model.setData(model.index(row), Qt.CheckState.Checked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert [w.id for w in model.checked()] == ["funding_cut"] and changes == [1]
    assert not model.setData(model.index(row), "x", Qt.ItemDataRole.EditRole)
    model.clear_checked()
    assert model.checked() == [] and changes == [1, 1]


def test_stress_table_model(qtmodeltester: ModelTester) -> None:
    model = StressTableModel()
    model.set_report(stress_test(read_plan_file(EXAMPLES / "unoci-2004.pkplan.json")))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 6 and model.columnCount() == 4


def test_comparison_models(qtmodeltester: ModelTester) -> None:
    plans = [read_plan_file(EXAMPLES / name) for name in
             ("unoci-2004.pkplan.json", "no-consent.pkplan.json", "one-sided.pkplan.json")]
    comparison = compare_plans([(f"file {i}", p) for i, p in enumerate(plans)])
    for cls in (ScenariosModel, DifferencesModel, PrincipleFindingsModel):
        model = cls(comparison)
        qtmodeltester.check(model, force_py=True)
        assert model.rowCount() > 0 and model.columnCount() >= 3
    findings = PrincipleFindingsModel(comparison)
    assert findings.headerData(0, Qt.Orientation.Vertical) == "Consent"
    assert findings.headerData(2, Qt.Orientation.Horizontal).startswith("C  ")


def test_history_models(qtmodeltester: ModelTester) -> None:
    revisions = RevisionsModel()
    revisions.set_revisions([RevisionInfo(n, "amina", NOW, f"change {n}") for n in (1, 2, 3)])
    qtmodeltester.check(revisions, force_py=True)
    assert revisions.index(0, 0).data() == "3" and revisions.latest() == 3
    assert revisions.row_of(1) == 2 and revisions.row_of(9) is None

    old = read_plan_file(EXAMPLES / "unoci-2004.pkplan.json")
    new = read_plan_file(EXAMPLES / "no-consent.pkplan.json")
    changes = ChangesModel()
    changes.set_changes(diff_plans(old, new), 1, 2)
    qtmodeltester.check(changes, force_py=True)
    assert changes.rowCount() > 0
    assert changes.headerData(2, Qt.Orientation.Horizontal) == "In revision 1"
    paths = [changes.index(r, 0).data() for r in range(changes.rowCount())]
    assert "Host-state consent" in paths
    changes.clear()
    assert changes.rowCount() == 0


def _luminance(color: object) -> float:
    from PySide6.QtGui import QColor

    assert isinstance(color, QColor)

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def _contrast(a: object, b: object) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_heat_map_cells_stay_readable_in_light_and_dark_palettes(qtbot: object) -> None:
    from PySide6.QtGui import QColor, QPalette

    from pkdesk.core.compare import Cell
    from pkdesk.ui.scenarios.heat_map import HeatMap

    plans = [read_plan_file(EXAMPLES / n) for n in ("unoci-2004.pkplan.json",
                                                    "no-consent.pkplan.json")]
    heat = HeatMap(compare_plans([("a", plans[0]), ("b", plans[1])]))
    cells = [Cell(blocker=1), Cell(warning=1), Cell(advice=1), Cell()]
    for base, text in (("#ffffff", "#000000"), ("#1e1e1e", "#eeeeee")):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Base, QColor(base))
        palette.setColor(QPalette.ColorRole.Text, QColor(text))
        heat.setPalette(palette)
        colors = [heat.cell_color(c) for c in cells]
        assert len({c.name() for c in colors}) == 4          # every level its own shade
        for color in colors:
            assert _contrast(color, QColor(text)) >= 4.5, (base, color.name())
    assert heat.grab().width() > 0                            # paints without error


def test_comparison_counts_are_plural_aware() -> None:
    from tests.ui.i18n_helpers import speaking

    plans = [read_plan_file(EXAMPLES / name) for name in
             ("rwanda-1993.pkplan.json", "no-consent.pkplan.json")]
    comparison = compare_plans([(f"file {i}", p) for i, p in enumerate(plans)])
    scenarios, by_principle = ScenariosModel(comparison), PrincipleFindingsModel(comparison)
    resources = comparison.principles.index("resources")
    consent = comparison.principles.index("consent")
    assert scenarios.data(scenarios.index(0, 3)) == "7 warnings, 1 advice"
    assert scenarios.data(scenarios.index(1, 3)) == "1 blocker, 2 warnings, 1 advice"
    assert by_principle.data(by_principle.index(resources, 0)).startswith("3 warnings\n")
    with speaking("fr"):      # French counts 0 and 1 in the singular
        assert scenarios.data(scenarios.index(0, 3)) == "7 avertissements, 1 conseil"
        assert by_principle.data(by_principle.index(consent, 1)).startswith(
            "1 bloquant, 1 avertissement\n")
