"""A search hit's highlights as offsets: what `search --format json` prints."""

from __future__ import annotations

from pkdesk.core.search import MARK_END, MARK_START, SearchHit


def _hit(snippet: str) -> SearchHit:
    return SearchHit("n", "t", snippet, 1.0)


def test_highlights_are_offsets_into_the_plain_snippet() -> None:
    hit = _hit(f"…la {MARK_START}médiation{MARK_END} et la {MARK_START}Côte{MARK_END}")
    plain = hit.plain_snippet()
    assert plain == "…la médiation et la Côte"
    assert [plain[a:b] for a, b in hit.highlights()] == ["médiation", "Côte"]


def test_no_markers_no_highlights_and_empty_or_unclosed_marks_are_dropped() -> None:
    assert _hit("plain text").highlights() == []
    assert _hit(f"a{MARK_START}{MARK_END}b {MARK_START}open").highlights() == []
