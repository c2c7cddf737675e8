"""The arrows `LegibleStyle` draws in place of the style's own (Back, Forward...): a triangle in
the palette's button text colour. Its own module, so that the toolbar can have them for the
window's first paint before the style itself is put in place (`MainWindow.finish_start`).
Drawn without the `Qt` namespace (`ui.common.qt_values`): the triangle is a path filled with
the palette's brush, which is what `drawPolygon` with no pen does."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPixmap, QPolygonF


def arrow_icon(palette: QPalette, direction: str, size: int = 32) -> QIcon:
    """An arrow in the palette's button text colour (and its disabled colour when disabled)."""
    icon = QIcon()
    points = {"left": ((0.7, 0.2), (0.3, 0.5), (0.7, 0.8)),
              "right": ((0.3, 0.2), (0.7, 0.5), (0.3, 0.8)),
              "up": ((0.2, 0.7), (0.5, 0.3), (0.8, 0.7)),
              "down": ((0.2, 0.3), (0.5, 0.7), (0.8, 0.3))}[direction]
    for mode, group in ((QIcon.Mode.Normal, QPalette.ColorGroup.Active),
                        (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled)):
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor(0, 0, 0, 0))         # transparent
        triangle = QPainterPath()
        triangle.addPolygon(QPolygonF([QPointF(x * size, y * size) for x, y in points]))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(triangle, palette.brush(group, QPalette.ColorRole.ButtonText))
        painter.end()
        icon.addPixmap(pixmap, mode)
    return icon
