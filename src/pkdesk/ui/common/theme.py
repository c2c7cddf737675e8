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


def dark_palette() -> QPalette:
    """A typical desktop dark scheme (KDE Breeze Dark's colours), as a system set to dark
    hands Qt's Fusion style: for the screenshots (`tools/screenshots.py`) and the tests that
    check the window stays legible in the dark. The app itself uses the system's palette."""
    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {role.Window: "#202326", role.WindowText: "#fcfcfc", role.Base: "#141618",
               role.AlternateBase: "#1d1f22", role.ToolTipBase: "#292c30",
               role.ToolTipText: "#fcfcfc", role.PlaceholderText: "#a1a9b1",
               role.Text: "#fcfcfc", role.Button: "#292c30", role.ButtonText: "#fcfcfc",
               role.BrightText: "#ffffff", role.Light: "#40464c", role.Midlight: "#33373c",
               role.Mid: "#1a1c1e", role.Dark: "#101112", role.Shadow: "#0a0b0c",
               role.Highlight: "#3daee9", role.HighlightedText: "#fcfcfc",
               role.Link: "#1d99f3", role.LinkVisited: "#9b59b6"}
    for which, name in colours.items():
        palette.setColor(which, QColor(name))
    for which in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, which, QColor("#6e7175"))
    return palette
