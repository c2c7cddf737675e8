"""The data-point table's Source and "recorded by" columns show their header's words and
their values whole (French headers are longer: "Provenance", "Saisie par")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.ui.planner.performance.data_point_model import BY, SOURCE
from tests.ui.i18n_helpers import speaking
from tests.ui.planner_helpers import import_example, open_planner


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_source_and_recorded_by_are_whole(qtbot: QtBot, db: Database, tmp_path: Path,
                                         lang: str) -> None:
    with speaking(lang):
        plan_id = import_example(db, "sector-east-2024.pkplan.json")
        window = open_planner(qtbot, db, tmp_path)
        page = window.planner
        page.select_plan(plan_id)
        page.show_performance_action.trigger()
        tab = page.performance
        tab.select_objective(tab.objectives.data(tab.objectives.index(1), 257))
        QApplication.processEvents()
        table = tab.table
        header = table.horizontalHeader()
        metrics = table.fontMetrics()
        points = tab.points.items()
        assert points
        for column, values in ((SOURCE, {p.source for p in points}),
                               (BY, {p.recorded_by for p in points})):
            width = header.sectionSize(column)
            assert width >= header.sectionSizeHint(column), (column, width)
            longest = max(metrics.horizontalAdvance(v) for v in values)
            assert width >= longest + 12, (column, width, values)
        window.close()
