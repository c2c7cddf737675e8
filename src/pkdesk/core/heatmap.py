"""The heat-map block of a printable document: a table whose cells are shaded by severity.

A ``HeatMap`` is a ``Table`` (row label, then one cell per column) plus the level of every
body cell, so a painter that does not know heat maps still prints the numbers as a plain
table, and ``Report.text_content`` lists them. Every string is literal text.
"""

from __future__ import annotations

from dataclasses import dataclass

from pkdesk.core.report import Table

LEVELS = ("blocker", "warning", "advice", "none")


@dataclass(frozen=True)
class HeatMap(Table):
    # levels[r][c] shades rows[r][c + 1]: one of LEVELS (the first column holds the labels)
    levels: tuple[tuple[str, ...], ...] = ()
