"""The trend chart's painter: one picture for the window and the PDF, bounded in cost."""

from __future__ import annotations

import math

from PySide6.QtGui import QColor

from pkdesk.core.performance.trend import trend_data
from pkdesk.export.trend_chart import LIGHT, _decimated, trend_image
from tests.performance_viz.samples import big_plan, performance_plan


def test_a_dense_series_keeps_its_shape_in_few_points() -> None:
    # 10,000 points over 100 px: a sine wave with a single spike
    points = [(i / 100, 50 + 40 * math.sin(i / 300)) for i in range(10_000)]
    points[5_000] = (50.0, -500.0)
    kept = _decimated(points, 100.0)
    assert len(kept) <= 4 * 101
    assert (50.0, -500.0) in kept                                # the spike survives
    assert kept[0] == points[0] and kept[-1] == points[-1]
    assert [x for x, _ in kept] == sorted(x for x, _ in kept)    # still in time order
    assert min(y for _, y in kept) == -500.0
    assert max(y for _, y in kept) == max(y for _, y in points)
    few = points[:150]
    assert _decimated(few, 100.0) is few                         # nothing to thin out


def test_chart_image_paints_the_values_in_the_values_colour() -> None:
    plan = performance_plan()
    image = trend_image(trend_data(plan.performance.objectives[0].indicators[0]), 480)
    assert (image.width(), image.height()) == (1333, 486)       # 480 × 175 pt at 200 dpi
    above_legend = int(image.height() * 0.8)
    colours = {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 3)
               for y in range(0, above_legend, 3)}
    assert LIGHT.values.name() in colours and LIGHT.target.name() in colours
    big = big_plan(indicators=1, points=20_000).performance.objectives[0].indicators[0]
    dense = trend_image(trend_data(big), 480)
    assert LIGHT.values.name() in {QColor(dense.pixel(x, y)).name()
                                   for x in range(0, dense.width(), 2)
                                   for y in range(0, above_legend, 2)}


def test_a_narrow_chart_puts_its_legend_in_rows_and_cuts_none_of_it() -> None:
    """The Performance tab's column at 1024×600 is about 330 px: the legend ("Target line"…,
    longer in French) used to run past the chart's right edge."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from pkdesk.export.trend_chart import TrendLabels, paint_trend

    plan = performance_plan()
    data = trend_data(plan.performance.objectives[0].indicators[0])
    labels = TrendLabels(values="Valeurs relevées", baseline="Niveau de référence",
                         target="Ligne de la cible", review="Revue")
    margin, width, height = 60, 330, 220
    image = QImage(width + 2 * margin, height + 2 * margin, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(3780)         # 96 dpi, as on the screen
    image.setDotsPerMeterY(3780)
    sentinel = QColor("#ff00ff")
    image.fill(sentinel)
    painter = QPainter(image)
    paint_trend(painter, QRectF(margin, margin, width, height), data, labels=labels)
    painter.end()
    outside = {QColor(image.pixel(x, y)).name() for x in range(margin + width, image.width())
               for y in range(image.height())}
    assert outside == {sentinel.name()}              # nothing drawn right of the chart
    legend_rows = {y for y in range(margin + height // 2, margin + height)
                   for x in range(margin, margin + width)
                   if QColor(image.pixel(x, y)) == LIGHT.ink}
    assert legend_rows, "the legend's text is drawn"
