"""The default file name keeps the title as written: only what file systems refuse goes."""

from __future__ import annotations

import pytest

from pkdesk.core.filenames import safe_file_stem
from pkdesk.ui.output.pdf_export_dialog import safe_file_stem as dialog_stem


@pytest.mark.parametrize("title, stem", [
    ("Rwanda 1993 – variante « sud »", "Rwanda 1993 – variante « sud »"),
    ("Côte d’Ivoire — plan (v2) #3 & co", "Côte d’Ivoire — plan (v2) #3 & co"),
    ("مرحبا بالسلام", "مرحبا بالسلام"),
    ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
    ("line\none\ttab", "line_one_tab"),
    ("evil\u202egpj.exe", "evil_gpj.exe"),
    ("ends with dots...  ", "ends with dots"),
    ("CON", "_CON"),
    ("nul.txt", "_nul.txt"),
    ("   ", "fallback"),
    ("...", "fallback"),
])
def test_safe_file_stem(title: str, stem: str) -> None:
    assert safe_file_stem(title, "fallback") == stem
    assert dialog_stem is safe_file_stem       # one rule for every dialog


def test_long_titles_fit_a_file_name() -> None:
    stem = safe_file_stem("é" * 500, "x")
    assert 0 < len(stem.encode("utf-8")) <= 200 and set(stem) == {"é"}
