from pkdesk.core.highlight import (fold, merge_spans, quote_span, search_terms, split_by_spans,
                                   term_spans)


def test_fold_drops_case_and_diacritics() -> None:
    assert fold("Côte") == "cote"
    assert fold("ÉTAT") == "etat"


def test_search_terms_are_folded_words_without_repeats() -> None:
    assert search_terms('Impart <b>"impart" cote') == ("impart", "b", "cote")
    assert search_terms("  ;; ") == ()


def test_term_spans_mark_whole_words_by_prefix() -> None:
    text = "Impartiality is impartial; partial is not. Côte d’Ivoire."
    spans = term_spans(text, ("impart", "cote"))
    assert [text[a:b] for a, b in spans] == ["Impartiality", "impartial", "Côte"]
    assert term_spans(text, ()) == []


def test_quote_span_tolerates_white_space_then_case() -> None:
    text = "Without consent,\npeacekeeping missions risk being perceived."
    span = quote_span(text, "consent, peacekeeping   missions")
    assert span is not None and text[span[0]:span[1]] == "consent,\npeacekeeping missions"
    span = quote_span(text, "WITHOUT CONSENT")
    assert span == (0, len("Without consent"))
    assert quote_span(text, "not in the text") is None
    assert quote_span(text, "   ") is None


def test_quote_with_regex_characters_is_literal() -> None:
    text = "a (b) c.* d"
    assert quote_span(text, "(b) c.*") == (2, 9)
    assert quote_span("abc", ".*") is None


def test_merge_and_split_keep_the_text_whole() -> None:
    assert merge_spans([(5, 8), (0, 2), (1, 3), (8, 9)]) == [(0, 3), (5, 9)]
    text = "hello world"
    runs = split_by_spans(text, [(6, 11), (0, 2)])
    assert runs == [("he", True), ("llo ", False), ("world", True)]
    assert "".join(piece for piece, _ in runs) == text
    assert split_by_spans("", []) == [("", False)]
