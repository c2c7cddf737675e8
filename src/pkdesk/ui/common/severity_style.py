"""How severities look: a standard icon and a tint derived from the current palette.

Tints lean from the palette's base colour towards a hue, so they stay readable with the
palette's own text colour in light and dark themes alike.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QStyle, QWidget

_HUES = {"blocker": QColor(220, 50, 47), "warning": QColor(230, 160, 20),
         "advice": QColor(38, 139, 210), "clear": QColor(60, 170, 90)}
_ICONS = {"blocker": QStyle.StandardPixmap.SP_MessageBoxCritical,
          "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
          "advice": QStyle.StandardPixmap.SP_MessageBoxInformation}
VERDICT_TONE = {"blocked": "blocker", "needs_attention": "warning", "sound": "clear"}
TINT_STRENGTH = 0.3


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                           a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


def tint(palette: QPalette, tone: str, strength: float = TINT_STRENGTH) -> QColor:
    """A background for ``tone`` (a severity or "clear") over the palette's base colour."""
    return _mix(palette.color(QPalette.ColorRole.Base), _HUES[tone], strength)


def severity_icon(widget: QWidget, severity: str) -> QIcon:
    return widget.style().standardIcon(_ICONS.get(severity, _ICONS["advice"]))


def tone_style(palette: QPalette, tone: str) -> str:
    """A style sheet fragment: tinted background, the palette's own text colour."""
    background = tint(palette, tone).name()
    text = palette.color(QPalette.ColorRole.Text).name()
    border = _mix(palette.color(QPalette.ColorRole.Base), _HUES[tone], 0.7).name()
    return (f"background-color: {background}; color: {text}; border: 1px solid {border}; "
            "border-radius: 4px; padding: 2px 6px;")
