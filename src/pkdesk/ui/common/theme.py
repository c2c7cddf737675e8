"""Colours derived from the current palette, so light and dark themes both read well."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

MARK_STRENGTH = 0.4  # how far a mark leans from the page colour towards the selection colour


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                           a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


def mark_colours(palette: QPalette) -> tuple[str, str]:
    """(background, text) for a highlighted word or passage: a tint of the selection colour
    over the page, distinct from a real text selection, with the page's own text colour."""
    base = palette.color(QPalette.ColorRole.Base)
    tint = _mix(base, palette.color(QPalette.ColorRole.Highlight), MARK_STRENGTH)
    return tint.name(), palette.color(QPalette.ColorRole.Text).name()
