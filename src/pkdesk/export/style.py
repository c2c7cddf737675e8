"""The house style of exported documents: sizes in points, colours that survive greyscale printing.

Severity colours differ in lightness, not only in hue, so a black-and-white copy still tells
a blocker (dark) from a warning (mid grey) from an advice (light).
"""

from __future__ import annotations

from PySide6.QtGui import QColor

BODY_PT = 9.5
SMALL_PT = 8.0
H1_PT = 13.0
H2_PT = 10.5
TITLE_PT = 21.0
LINE_HEIGHT = 135           # percent

MARGIN_MM = 18.0            # page margin on all sides
HEADER_MM = 11.0            # band inside the margin for the running header
FOOTER_MM = 11.0

INK = QColor("#1b1b1b")
MUTED = QColor("#5f6368")
ACCENT = QColor("#1f3a5f")      # navy: headings and rules
RULE = QColor("#9aa3ad")
HEADER_FILL = QColor("#e4e8ee")
ZEBRA_FILL = QColor("#f5f6f8")

SEVERITY_FILL = {"blocker": QColor("#7a1c1c"), "warning": QColor("#c98a12"),
                 "advice": QColor("#c9d7e6")}
SEVERITY_INK = {"blocker": QColor("#7a1c1c"), "warning": QColor("#7a4f00"),
                "advice": QColor("#2c4a6b")}     # severity labels printed on white
SEVERITY_TEXT = {"blocker": QColor("#ffffff"), "warning": QColor("#1b1b1b"),
                 "advice": QColor("#1b1b1b")}     # numbers printed on the fills
VERDICT_FILL = {"blocked": QColor("#7a1c1c"), "needs_attention": QColor("#f4e4bf"),
                "sound": QColor("#dcebdc")}
VERDICT_TEXT = {"blocked": QColor("#ffffff"), "needs_attention": QColor("#1b1b1b"),
                "sound": QColor("#1b1b1b")}
