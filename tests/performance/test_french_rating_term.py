"""French calls a review's rating of an objective one thing: « appréciation ».

The window, the PDFs and the guide once said « note », « notation » and « appréciation » for
it. « note » also means the user's own notes and a review's free-text notes, so it cannot be
the rating's word; « notation » was only ever used for ratings. This word list is checked over
the catalogue, the French guide's follow-up chapter and the rules' French text."""

from __future__ import annotations

import json
import re

from pkdesk.core.i18n import catalog
from pkdesk.paths import resources_dir

# Every form of the two words not chosen (« note » is checked only where ratings are meant).
NOTATION = re.compile(r"\bnotations?\b", re.IGNORECASE)
NOTE = re.compile(r"\b(?:notes?|notée?s?|noter)\b", re.IGNORECASE)
CHOSEN = re.compile(r"\bappréciations?\b", re.IGNORECASE)
# English messages about a rating (placeholders such as {rating} removed first).
ENGLISH_RATING = re.compile(r"\brat(?:e|es|ed|ing|ings)\b", re.IGNORECASE)
ENGLISH_RATING_NOUN = re.compile(r"\bratings?\b", re.IGNORECASE)


def _texts(message: str | tuple[str, str]) -> tuple[str, ...]:
    return message if isinstance(message, tuple) else (message,)


def _without_placeholders(text: str) -> str:
    return re.sub(r"\{[^}]*\}", "", text)


def test_notation_appears_nowhere_in_french() -> None:
    found = [key for key, message in catalog("fr").items()
             if any(NOTATION.search(text) for text in _texts(message))]
    assert found == []
    guide = (resources_dir() / "guide" / "guide.fr.md").read_text(encoding="utf-8")
    assert NOTATION.findall(guide) == []


def test_every_french_message_about_a_rating_says_appreciation_never_note() -> None:
    english, french = catalog("en"), catalog("fr")
    about_rating = [key for key, message in english.items()
                    if any(ENGLISH_RATING.search(_without_placeholders(text))
                           for text in _texts(message))]
    assert len(about_rating) >= 20        # the word list really covers the ratings' messages
    with_note = {key: french[key] for key in about_rating
                 if any(NOTE.search(text) for text in _texts(french[key]))}
    assert with_note == {}
    # Where the English names the rating as a noun, the French names it too, by its one word.
    naming = [key for key in about_rating
              if any(ENGLISH_RATING_NOUN.search(_without_placeholders(text))
                     for text in _texts(english[key]))]
    missing = {key: french[key] for key in naming
               if not any(CHOSEN.search(text) for text in _texts(french[key]))}
    assert missing == {}


def test_the_french_guide_on_reviews_says_appreciation_never_note() -> None:
    guide = (resources_dir() / "guide" / "guide.fr.md").read_text(encoding="utf-8")
    start = guide.index("\n## Suivi")
    end = guide.index("\n## ", start + 1)
    chapter = guide[start:end]
    assert "revue" in chapter                  # the chapter on indicators and reviews
    assert NOTE.findall(chapter) == []
    assert len(CHOSEN.findall(chapter)) >= 4


def test_the_rules_french_text_on_reviews_never_says_note() -> None:
    pack = json.loads((resources_dir() / "rules" / "default.json").read_text(encoding="utf-8"))
    french: list[str] = []

    def walk(node: object, in_french: bool) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, in_french or key == "fr")
        elif isinstance(node, list):
            for value in node:
                walk(value, in_french)
        elif isinstance(node, str) and in_french:
            french.append(node)

    walk(pack, False)
    on_reviews = [text for text in french if "revue" in text]
    assert on_reviews                          # the review rules have French text
    assert [text for text in on_reviews if NOTE.search(text) or NOTATION.search(text)] == []
