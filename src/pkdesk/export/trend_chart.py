"""An indicator's trend chart, painted with QPainter: the window and the PDF draw the same picture.

Values as a line with markers, the baseline as a dotted level, the target line (baseline to
target, dashed), a thin vertical rule at each review held, round ticks on both axes, and a
legend. Sizes are in points, scaled by the device's DPI, so one painter serves a 96 dpi
widget and a 300 dpi image for print.

In a PDF the chart is an image (``ChartImageObject``: a text object that reserves its place
in the flow and, when its page is painted, renders the chart to a QImage at ``IMAGE_DPI`` and
draws that): a reader, and pypdf, find one image XObject per chart. The image is made when
its page is painted and dropped after, so fifty charts never sit in memory at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QObject, QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPolygonF, QPyTextObject,
    QTextCharFormat, QTextDocument, QTextFormat,
)

from pkdesk.core.performance.trend import TrendData

IMAGE_DPI = 200
HEIGHT_PT = 175.0           # the chart's height on paper
_INDEX = QTextFormat.Property.UserProperty.value + 3
_INCH_PER_METRE = 39.37007874


@dataclass(frozen=True)
class TrendPalette:
    background: QColor
    ink: QColor
    muted: QColor
    grid: QColor
    values: QColor
    baseline: QColor
    target: QColor
    review: QColor


# Print: the values in navy, the target line in dark green, dashes and dots apart, so a
# greyscale copy still tells the lines apart.
LIGHT = TrendPalette(QColor("#ffffff"), QColor("#1b1b1b"), QColor("#5f6368"), QColor("#e1e4e8"),
                     QColor("#1f3a5f"), QColor("#8a5a00"), QColor("#2e6b30"), QColor("#7a7f87"))
DARK = TrendPalette(QColor("#1e1f22"), QColor("#e8eaed"), QColor("#a8adb4"), QColor("#3a3d42"),
                    QColor("#8ab4f8"), QColor("#f2b84b"), QColor("#81c995"), QColor("#9aa0a6"))


@dataclass(frozen=True)
class TrendLabels:
    values: str = "Values"
    baseline: str = "Baseline"
    target: str = "Target line"
    review: str = "Review"
    no_data: str = "No data yet"


def legend_layout(widths: list[float], left: float, right: float, sample_w: float,
                  text_gap: float, gap: float) -> list[tuple[float, int]]:
    """Where each legend entry (a sample ``sample_w`` wide, ``text_gap``, then its text
    ``widths[i]``; ``gap`` to the next) starts, and on which row: left to right, a new row
    when the next would pass ``right`` (a narrow column: the Performance tab at 1024×600),
    never cut."""
    out: list[tuple[float, int]] = []
    x, row = left, 0
    for w in widths:
        if out and x + sample_w + text_gap + w > right:
            x, row = left, row + 1
        out.append((x, row))
        x += sample_w + text_gap + w + gap
    return out


def paint_trend(painter: QPainter, rect: QRectF, data: TrendData, family: str = "",
                palette: TrendPalette = LIGHT, labels: TrendLabels = TrendLabels(),
                font_pt: float = 7.5) -> None:
    """Paint ``data`` inside ``rect`` (device pixels)."""
    px = painter.device().logicalDpiY() / 72.0
    font = QFont(family) if family else QFont()
    font.setPointSizeF(font_pt)
    metrics = QFontMetricsF(font, painter.device())
    line_h = metrics.height()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(font)
    painter.fillRect(rect, palette.background)

    y_label_w = max([metrics.horizontalAdvance(t) for t in data.y.labels] + [0.0]) + 6 * px
    sample_w = 16 * px
    entries = [(labels.values, QPen(palette.values, 1.6 * px), True),
               (labels.baseline, QPen(palette.baseline, 1.2 * px, Qt.PenStyle.DotLine), False),
               (labels.target, QPen(palette.target, 1.4 * px, Qt.PenStyle.DashLine), False),
               (labels.review, QPen(palette.review, 1.0 * px, Qt.PenStyle.DashDotLine), False)]
    text_w = [metrics.horizontalAdvance(text) + 2 for text, _pen, _marker in entries]
    legend_left = min(rect.left() + y_label_w + 4 * px, rect.left() + 4 * px + rect.width() / 4)
    places = legend_layout(text_w, legend_left, rect.right() - 2 * px, sample_w, 4 * px,
                           14 * px)
    rows = places[-1][1] + 1
    legend_h = rows * line_h + 6 * px
    top = line_h * 1.5 if data.unit else line_h * 0.6       # room for the unit above
    right = max(8 * px, metrics.horizontalAdvance(data.x.labels[-1]) / 2 + 3 * px
                if data.x.labels else 0.0)
    plot = QRectF(rect.left() + y_label_w + 4 * px, rect.top() + top + 2 * px, 0, 0)
    plot.setRight(rect.right() - right)
    plot.setBottom(rect.bottom() - legend_h - line_h - 6 * px)
    if plot.width() < 20 * px or plot.height() < 20 * px:
        painter.restore()
        return

    x_span = max(data.x.high - data.x.low, 1.0)
    y_span = max(data.y.high - data.y.low, 1e-12)

    def at(day: float, value: float) -> QPointF:
        return QPointF(plot.left() + (day - data.x.low) / x_span * plot.width(),
                       plot.bottom() - (value - data.y.low) / y_span * plot.height())

    # grid and value ticks
    flush_right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    center = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
    for tick, text in zip(data.y.ticks, data.y.labels):
        y = at(data.x.low, tick).y()
        painter.setPen(QPen(palette.grid, 0.6 * px))
        painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
        painter.setPen(palette.muted)
        painter.drawText(QRectF(rect.left(), y - line_h / 2, y_label_w, line_h), flush_right,
                         text)
    if data.unit:
        painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), line_h),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), data.unit)
    # time ticks: a label under each, skipped where they would overlap
    last_right = -1e9
    for tick, text in zip(data.x.ticks, data.x.labels):
        x = at(tick, data.y.low).x()
        painter.setPen(QPen(palette.grid, 0.6 * px))
        painter.drawLine(QLineF(x, plot.top(), x, plot.bottom() + 3 * px))
        w = metrics.horizontalAdvance(text)
        if x - w / 2 > last_right + 4 * px:
            painter.setPen(palette.muted)
            painter.drawText(QRectF(x - w, plot.bottom() + 3 * px, 2 * w, line_h), center, text)
            last_right = x + w / 2
    painter.setPen(QPen(palette.muted, 0.8 * px))
    painter.drawLine(QLineF(plot.left(), plot.bottom(), plot.right(), plot.bottom()))

    painter.save()
    painter.setClipRect(plot.adjusted(-4 * px, -4 * px, 4 * px, 4 * px))
    # reviews: thin vertical rules
    review_pen = QPen(palette.review, 1.0 * px, Qt.PenStyle.DashDotLine)
    painter.setPen(review_pen)
    for day in data.reviews:
        x = at(day, data.y.low).x()
        painter.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
    # baseline: a dotted level over the whole range
    if data.baseline is not None:
        painter.setPen(QPen(palette.baseline, 1.2 * px, Qt.PenStyle.DotLine))
        y = at(data.x.low, data.baseline).y()
        painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
    # target line: dashed, from the baseline's date to the target's, and the target marked
    if len(data.target_line) == 2:
        painter.setPen(QPen(palette.target, 1.4 * px, Qt.PenStyle.DashLine))
        painter.drawLine(QLineF(at(*data.target_line[0]), at(*data.target_line[1])))
        end = at(*data.target_line[1])
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(end, 3.2 * px, 3.2 * px)
    # values: a line with markers
    if data.points:
        pen = QPen(palette.values, 1.6 * px)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        sx, sy = plot.width() / x_span, plot.height() / y_span
        line = [(plot.left() + (day - data.x.low) * sx, plot.bottom() - (v - data.y.low) * sy)
                for day, v in data.points]
        painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in
                                        _decimated(line, plot.width())]))
        # A marker per value while they stand apart (at most one per 5 pt of width); a
        # denser series reads as its line, and the latest value is always marked.
        dense = len(data.points) > plot.width() / (5 * px)
        painter.setBrush(QBrush(palette.values))
        painter.setPen(QPen(palette.background, 0.6 * px))
        radius = 2.0 * px
        for point in data.points[-1:] if dense else data.points:
            painter.drawEllipse(at(*point), radius, radius)
    painter.restore()
    if not data.points:
        painter.setPen(palette.muted)
        painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), labels.no_data)

    # legend: in as many rows as the width needs
    top_y = rect.bottom() - legend_h + 3 * px
    for (text, pen, marker), w, (x, row) in zip(entries, text_w, places):
        y = top_y + row * line_h
        mid = y + line_h / 2
        painter.setPen(pen)
        painter.drawLine(QLineF(x, mid, x + sample_w, mid))
        if marker:
            painter.setBrush(QBrush(palette.values))
            painter.drawEllipse(QPointF(x + sample_w / 2, mid), 2.0 * px, 2.0 * px)
        painter.setPen(palette.ink)
        painter.drawText(QRectF(x + sample_w + 4 * px, y, w, line_h),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
    painter.restore()


def _decimated(points: list[tuple[float, float]], width: float) -> list[tuple[float, float]]:
    """The polyline through ``points`` (device pixels) as it looks at this width: where a
    pixel column holds many points (100,000 data points on a 1,300 px chart), only its first,
    lowest, highest and last are kept, so the line's shape is the same and its cost bounded."""
    if len(points) <= 2 * width:
        return points
    out: list[tuple[float, float]] = []
    start = 0
    for i in range(1, len(points) + 1):
        if i == len(points) or int(points[i][0]) != int(points[start][0]):
            column = points[start:i]
            if len(column) <= 4:
                out.extend(column)
            else:
                ys = [y for _, y in column]
                lo, hi = ys.index(min(ys)), ys.index(max(ys))
                out.extend([column[0], *(column[j] for j in sorted({lo, hi})), column[-1]])
            start = i
    return out


def trend_image(data: TrendData, width_pt: float, height_pt: float = HEIGHT_PT,
                family: str = "", labels: TrendLabels = TrendLabels(),
                dpi: int = IMAGE_DPI) -> QImage:
    """The chart as an opaque image of ``width_pt`` × ``height_pt`` points at ``dpi``."""
    scale = dpi / 72.0
    image = QImage(max(1, round(width_pt * scale)), max(1, round(height_pt * scale)),
                   QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi * _INCH_PER_METRE))
    image.setDotsPerMeterY(round(dpi * _INCH_PER_METRE))
    image.fill(LIGHT.background)
    painter = QPainter(image)
    try:
        paint_trend(painter, QRectF(0, 0, image.width(), image.height()), data, family,
                    LIGHT, labels)
    finally:
        painter.end()
    return image


def trend_char_format(index: int) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setObjectType(ChartImageObject.TYPE)
    fmt.setProperty(_INDEX, index)
    return fmt


class ChartImageObject(QPyTextObject):
    """The trend charts of one document, each drawn as an image where the text puts it."""

    TYPE = QTextFormat.ObjectTypes.UserObject.value + 2

    def __init__(self, parent: QObject, family: str) -> None:
        super().__init__(parent)
        self.family = family
        self.charts: list[tuple[TrendData, TrendLabels]] = []

    def add(self, data: TrendData, labels: TrendLabels) -> int:
        self.charts.append((data, labels))
        return len(self.charts) - 1

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:  # noqa: N802
        dpi = doc.documentLayout().paintDevice().logicalDpiY()
        return QSizeF(doc.pageSize().width() * 0.995, HEIGHT_PT * dpi / 72)

    def drawObject(self, painter: QPainter, rect: QRectF | QRect,  # noqa: N802
                   doc: QTextDocument, pos: int, fmt: QTextFormat) -> None:
        target = QRectF(rect)
        dpi = painter.device().logicalDpiY()
        data, labels = self.charts[int(fmt.property(_INDEX))]
        image = trend_image(data, target.width() * 72 / dpi, target.height() * 72 / dpi,
                            self.family, labels)
        painter.drawImage(target, image)
