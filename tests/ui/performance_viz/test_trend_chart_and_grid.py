"""The trend chart and the objectives-by-review grid in the window (pytest-qt, offscreen):
a data point added shows at once, the chart says in words what it shows, the grid gives
every rating in words as well as colour; File › Export Assessment PDF… writes the report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from pkdesk.core.performance.trend import plan_review_dates, review_grid
from pkdesk.core.plan.model import DataPoint
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.planner.performance.review_grid import RATING_COLOURS, ReviewGridView
from pkdesk.ui.planner.performance.trend_chart import TrendChartView
from pkdesk.ui.window.main_window import MainWindow
from tests.export.samples import squash
from tests.performance_viz.samples import DECISIONS, REVIEW_DATES, performance_plan
from tests.ui.planner_helpers import open_planner

TODAY = date(2025, 1, 10)


def _shown(qtbot: QtBot, view: TrendChartView) -> QImage:
    view.repaint()
    return view.grab().toImage()


@pytest.fixture
def chart(qtbot: QtBot) -> TrendChartView:
    view = TrendChartView()
    qtbot.addWidget(view)
    view.resize(600, 300)               # a pane of a 1024×600 window
    view.show()
    qtbot.waitExposed(view)
    return view


def test_chart_shows_a_new_data_point_at_once(qtbot: QtBot, chart: TrendChartView) -> None:
    plan = performance_plan()
    attacks = plan.performance.objectives[0].indicators[0]
    chart.show_indicator(attacks, plan_review_dates(plan), TODAY)
    assert chart.data is not None and len(chart.data.points) == 24
    before = _shown(qtbot, chart)
    assert "7.1 attacks on 2024-12-15" in chart.accessibleDescription()
    assert attacks.text in chart.accessibleName()
    widget = id(chart)

    attacks.data.append(DataPoint(13.0, "2025-01-05", "JMAC"))   # a bad week
    chart.show_indicator(attacks, plan_review_dates(plan), TODAY)
    assert id(chart) == widget and len(chart.data.points) == 25
    assert chart.data.latest == (date(2025, 1, 5).toordinal(), 13.0)
    assert "13 attacks on 2025-01-05" in chart.accessibleDescription()
    assert chart.toolTip() == chart.accessibleDescription()
    after = _shown(qtbot, chart)
    assert after != before                   # the new point (and wider axis) is painted


def test_chart_has_a_dark_palette_and_an_empty_state(qtbot: QtBot,
                                                     chart: TrendChartView) -> None:
    plan = performance_plan()
    chart.show_indicator(plan.performance.objectives[0].indicators[0], (), TODAY)
    light = _shown(qtbot, chart)
    assert QColor(light.pixel(6, 6)).lightness() > 200
    dark = QPalette(chart.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    chart.setPalette(dark)
    assert chart.is_dark()
    assert QColor(_shown(qtbot, chart).pixel(6, 6)).lightness() < 60
    chart.show_indicator(None)
    assert chart.data is None and chart.accessibleDescription() == chart.summary
    assert chart.minimumSize().width() <= 400 and chart.minimumSize().height() <= 200


def test_grid_gives_ratings_in_words_and_colour(qtbot: QtBot) -> None:
    plan = performance_plan()
    view = ReviewGridView()
    qtbot.addWidget(view)
    view.show_grid(review_grid(plan))
    model = view.model()
    assert (model.rowCount(), model.columnCount()) == (3, 4)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == \
        list(REVIEW_DATES)
    assert model.headerData(0, Qt.Orientation.Vertical) == plan.performance.objectives[0].text
    first = model.index(0, 0)
    assert model.data(first) == "At risk"
    assert model.data(first, Qt.ItemDataRole.BackgroundRole) == RATING_COLOURS["at_risk"][0]
    changed = model.index(1, 3)
    assert model.data(changed) == "Off track ✎"
    assert model.data(changed, Qt.ItemDataRole.AccessibleTextRole) == "Off track ✎"
    tip = model.data(changed, Qt.ItemDataRole.ToolTipRole)
    assert "At risk" in tip and "Returns stalled after the floods" in tip
    assert model.data(changed, Qt.ItemDataRole.FontRole).bold()
    assert model.data(model.index(2, 0)) == "No data"
    # every rating has its own fill, told apart by lightness too (greyscale print)
    lightness = sorted(fill.lightness() for fill, _ in RATING_COLOURS.values())
    assert len(set(lightness)) == 4
    plan.performance.reviews[0].ratings.pop(0)
    view.show_grid(review_grid(plan))
    assert model.data(model.index(0, 0)) == "—"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None


def test_grid_keeps_room_for_the_reviews_beside_long_objectives(qtbot: QtBot) -> None:
    """In the pane of a 1024×600 window (about 415 pixels), objectives worded at length took
    up to 360 pixels and left the reviews one column, cut: now they take at most 40% of the
    grid's width (whole in their tooltip) and at least two reviews show whole."""
    plan = performance_plan()
    for objective in plan.performance.objectives:
        objective.text = objective.text + " in the three districts of the sector, by the end"
    view = ReviewGridView()
    qtbot.addWidget(view)
    view.resize(415, 200)
    view.show_grid(review_grid(plan))
    view.show()
    qtbot.waitExposed(view)
    names = view.verticalHeader()
    assert names.width() <= 0.4 * view.width() + 1, names.width()
    whole = [c for c in range(view.model().columnCount())
             if view.columnViewportPosition(c) >= 0 and view.columnViewportPosition(c)
             + view.columnWidth(c) <= view.viewport().width()]
    assert len(whole) >= 2, [view.columnWidth(c) for c in range(4)]
    row = plan.performance.objectives[0]
    assert view.model().headerData(0, Qt.Orientation.Vertical,
                                   Qt.ItemDataRole.ToolTipRole).endswith(row.text)


@pytest.fixture
def window(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[MainWindow]:
    plan_id = PlanRepository(db).import_plan(performance_plan()).id
    window = open_planner(qtbot, db, tmp_path)
    window.planner.select_plan(plan_id)
    assert window.planner.plan is not None
    yield window
    window.close()


def test_file_export_assessment_writes_the_report(window: MainWindow, tmp_path: Path) -> None:
    action = window.pdf.export_assessment
    assert action in window.menus.file_menu.actions() and action.isEnabled()
    source = window.assessment_source()
    assert source is not None and "assessment" in source.file_stem
    out = tmp_path / "assessment.pdf"
    pages = window.pdf.export_to(out, source=source)
    reader = PdfReader(out)
    assert pages == len(reader.pages)
    assert sum(len(p.images) for p in reader.pages) >= 2
    text = squash(" ".join(p.extract_text() for p in reader.pages))
    assert all(squash(d) in text for d in DECISIONS)
    window.pages.setCurrentWidget(window.reference)           # no plan shown: off
    window.pdf.update_enabled()
    assert not action.isEnabled() and window.assessment_source() is None


def test_grid_and_chart_speak_french(qtbot: QtBot) -> None:
    from tests.ui.i18n_helpers import speaking

    plan = performance_plan()
    with speaking("fr"):
        view = ReviewGridView()
        qtbot.addWidget(view)
        view.show_grid(review_grid(plan))
        model = view.model()
        assert model.data(model.index(1, 3)) == "Hors trajectoire ✎"
        assert model.data(model.index(0, 0)) == "À risque"
        tip = model.data(model.index(1, 3), Qt.ItemDataRole.ToolTipRole)
        assert tip.startswith("Hors trajectoire\u00a0:") and "À risque" in tip
        chart = TrendChartView()
        qtbot.addWidget(chart)
        chart.show_indicator(plan.performance.objectives[0].indicators[0], (), TODAY)
        assert "7,1 attacks le 15 décembre 2024" in chart.accessibleDescription()
