"""What the window says after saving the edits kept on this computer for a team database
(`ui.window.team_journal`), in English and in French: each edit saved, kept apart or not
saved, and the server gone again with how many still wait; titles quoted as they are."""

from __future__ import annotations

from pkdesk.store.journal import NotSaved, Replayed, ReplayReport
from pkdesk.ui.window.team_journal import report_lines, summary_line
from tests.ui.i18n_helpers import speaking

TITLE = "<b>Convoy</b> & co"


def _report() -> ReplayReport:
    return ReplayReport(
        saved=[Replayed(1, TITLE, 3, False), Replayed(9, f"{TITLE} (kept edit)", None, True)],
        not_saved=[NotSaved(2, "Sector East", "you have read-only access.")],
        unreachable="the team database at db.hq:5432 is unreachable: connection refused.",
        waiting=2)


def _spaced(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_each_edit_is_named_in_english() -> None:
    lines = report_lines(_report())
    assert lines == [
        f"Your edit to “{TITLE}”, kept on this computer while the server was unreachable, is "
        "saved (revision 3).",
        f"“{TITLE}” was changed on the server while your edit waited: your edit is kept as the "
        f"new scenario “{TITLE} (kept edit)”, beside it.",
        "Your edit to “Sector East”, kept on this computer, could not be saved: you have "
        "read-only access. It stays kept on this computer and is tried again when the team "
        "database is next opened.",
        "the team database at db.hq:5432 is unreachable: connection refused. 2 edits stay kept "
        "on this computer and are saved when the team database is next opened."]
    assert summary_line(_report()) == (
        "2 edits kept on this computer while the server was unreachable are saved. 2 stay "
        "kept on this computer.")


def test_each_edit_is_named_in_french() -> None:
    with speaking("fr"):
        lines = [_spaced(line) for line in report_lines(_report())]
        summary = _spaced(summary_line(ReplayReport(saved=[Replayed(1, TITLE, 3, False)])))
    assert lines[0] == (f"Votre modification de « {TITLE} », conservée sur cet ordinateur "
                        "pendant que le serveur était injoignable, est enregistrée (révision 3).")
    assert lines[1].startswith(f"« {TITLE} » a été modifié sur le serveur")
    assert f"« {TITLE} (kept edit) »" in lines[1]
    assert lines[2].startswith("Votre modification de « Sector East », conservée sur cet "
                               "ordinateur, n’a pas pu être enregistrée : you have read-only "
                               "access. Elle reste conservée")
    assert lines[3].endswith("2 modifications restent conservées sur cet ordinateur et seront "
                             "enregistrées à la prochaine ouverture de la base d’équipe.")
    assert summary == ("1 modification conservée sur cet ordinateur pendant que le serveur "
                       "était injoignable est enregistrée.")
