"""Check boxes and arrows that stay visible under a dark palette.

Qt's Fusion style (what pkdesk gets on most Linux desktops and under a dark scheme) draws an
unchecked box's frame and its arrows in colours derived from the window colour: on a dark
palette the empty boxes of the objectives and what-if lists and the toolbar's Back/Forward
arrows (Qt's built-in icons, used when the desktop has no icon theme) all but vanish.
`install()` wraps the application's own style in `LegibleStyle`, which draws over them in
colours taken from the palette's text, so they keep a contrast of at least 3:1 (the WCAG
figure for controls) in light and dark schemes alike. Everything else is the style's own,
but for its `polish`, through which `wheel_guard` guards the fields made after it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (QApplication, QProxyStyle, QStyle, QStyleFactory, QStyleOption,
                               QWidget)

from pkdesk.ui.common.arrow_icons import arrow_icon as arrow_icon
from pkdesk.ui.common.wheel_guard import polished

_BOXES = (QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
          QStyle.PrimitiveElement.PE_IndicatorCheckBox)
_ARROWS = {QStyle.StandardPixmap.SP_ArrowBack: "left", QStyle.StandardPixmap.SP_ArrowLeft: "left",
           QStyle.StandardPixmap.SP_ArrowForward: "right",
           QStyle.StandardPixmap.SP_ArrowRight: "right",
           QStyle.StandardPixmap.SP_ArrowUp: "up", QStyle.StandardPixmap.SP_ArrowDown: "down"}


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def box_frame(palette: QPalette) -> QColor:
    """A check box frame: between the page and its text, 3:1 or more against the page."""
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    for share in (0.55, 0.7, 0.85, 1.0):
        colour = QColor.fromRgbF(base.redF() + (text.redF() - base.redF()) * share,
                                 base.greenF() + (text.greenF() - base.greenF()) * share,
                                 base.blueF() + (text.blueF() - base.blueF()) * share)
        if contrast(colour, base) >= 3.0:
            return colour
    return text


class LegibleStyle(QProxyStyle):
    def polish(self, arg: QWidget | QApplication | QPalette) -> None:  # type: ignore[override]
        """Qt calls this for every widget it polishes (and for the application and palette):
        the wheel guard puts its filter on the fields it guards (`wheel_guard.polished`)."""
        super().polish(arg)
        if isinstance(arg, QWidget):
            polished(arg)

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _BOXES and is_dark(option.palette):
            palette: QPalette = option.palette
            rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(box_frame(palette))
            painter.drawRect(rect)
            painter.restore()

    def standardIcon(self, standardIcon: QStyle.StandardPixmap,
                     option: QStyleOption | None = None, widget: QWidget | None = None) -> QIcon:
        direction = _ARROWS.get(standardIcon)
        if direction is not None:
            palette = (option.palette if option is not None
                       else widget.palette() if widget is not None else QApplication.palette())
            return arrow_icon(palette, direction)
        return super().standardIcon(standardIcon, option, widget)


def install() -> None:
    """Wrap the application's style in `LegibleStyle` (once)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    if isinstance(app.style(), LegibleStyle):
        return
    base = QStyleFactory.create(app.style().name())
    if base is None:
        return
    palette = app.palette()
    app.setStyle(LegibleStyle(base))
    app.setPalette(palette)      # the system's (or the chosen) palette, not the style's own
