"""The summaries pkdesk writes for revisions (in English, in the database) are shown in the
window's language; anything else is shown as stored."""

from __future__ import annotations

import pytest

from pkdesk.ui.scenarios.revision_summary import summary_text
from tests.ui.i18n_helpers import french

__all__ = ["french"]


@pytest.mark.parametrize(("stored", "shown"), [
    ("created", "créé"),
    ("imported", "importé"),
    ("changed title, host country, use of force",
     "modifié\u00a0: titre, pays hôte, recours à la force"),
    ("duplicated from “Plan <b>A</b>”", "dupliqué de «\u00a0Plan <b>A</b>\u00a0»"),
    ("branched from Course A", "variante de Course A"),
    ("restored revision 3 (no changes)", "révision 3 restaurée (aucune modification)"),
    ("restored revision 2 (changed title: A → B)", "révision 2 restaurée (changed title: A → B)"),
    ("changed title, something new", "changed title, something new"),   # not pkdesk's words
    ("Weekly review with the SRSG", "Weekly review with the SRSG"),
])
@pytest.mark.usefixtures("french")
def test_stored_summaries_are_shown_in_french(stored: str, shown: str) -> None:
    assert summary_text(stored) == shown


@pytest.mark.parametrize("stored", ["created", "changed title, notes", "branched from X",
                                    "restored revision 3 (no changes)", "anything"])
def test_english_summaries_are_shown_as_stored(stored: str) -> None:
    assert summary_text(stored) == stored


@pytest.mark.usefixtures("french")
def test_a_field_the_catalog_does_not_name_leaves_the_summary_as_stored(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from pkdesk.ui.scenarios import revision_summary

    monkeypatch.setitem(revision_summary._FIELD_KEYS, "future field", "future_field")
    assert summary_text("changed title, future field") == "changed title, future field"
