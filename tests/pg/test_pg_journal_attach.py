"""Edits kept on this computer while the team server was unreachable (the journal) are saved
when the window attaches the team database, whatever page it shows: on the Reference page
the Planner is never built, and the edits are on the server. An edit whose plan someone saved
meanwhile is kept as a new scenario and said; one the server will not take stays in the
journal and is said; a server gone again keeps them all. The server is really stopped and
started (pg_ctl)."""

from __future__ import annotations

import argparse
from dataclasses import replace

from pytestqt.qtbot import QtBot

from pkdesk.paths import server_state_dir
from pkdesk.store.db import Database
from pkdesk.store.journal import Journal, replay
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.app import start_window
from tests.pgserver import PgServer
from tests.ui.reference_helpers import on_the_reference_page
from tests.ui.planner_helpers import import_example, message_boxes

MINE_A = "Kept while the server was away (A)."
MINE_B = "Kept while the server was away (B)."
THEIRS_B = "A colleague's change, saved on the server meanwhile."


def _two_plans_and_a_journal(pg_server: PgServer, pg_url: str) -> tuple[int, int, Journal]:
    """Two team plans at revision 1; while the server is stopped, an edit of each is kept in
    this computer's journal (as the autosaver keeps them); once it is back, a colleague
    saves plan B (revision 2)."""
    team = open_library(pg_url)
    a = import_example(team, "unoci-2004.pkplan.json")
    b = import_example(team, "undof-1974.pkplan.json")
    repo = PlanRepository(team)
    plan_a, plan_b = repo.get(a), repo.get(b)
    team.close()
    journal = Journal(server_state_dir(pg_url))
    pg_server.stop()
    try:
        journal.put(a, 1, replace(plan_a, climate_risks=MINE_A), "changed climate risks")
        journal.put(b, 1, replace(plan_b, climate_risks=MINE_B), "changed climate risks")
    finally:
        pg_server.start_again()
    colleague = Database.open(pg_url)
    try:
        PlanRepository(colleague).save(b, replace(plan_b, climate_risks=THEIRS_B),
                                       author="colleague")
    finally:
        colleague.close()
    return a, b, journal


def _spaced(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_kept_edits_are_saved_at_attach_on_the_reference_page_without_the_planner(
        qtbot: QtBot, pg_server: PgServer, pg_url: str) -> None:
    a, b, journal = _two_plans_and_a_journal(pg_server, pg_url)
    on_the_reference_page()
    window = start_window(argparse.Namespace(db=pg_url))
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert window.db is not None and window.db.is_server
        assert window.pages.currentWidget() is window.reference
        assert window._planner is None                      # never built, never shown
        assert not journal.path.exists()                    # every edit left it, stored
        check = Database.open(pg_url)
        try:
            stored = PlanRepository(check)
            assert stored.get(a).climate_risks == MINE_A
            assert [r.number for r in stored.revisions(a)] == [1, 2]
            assert stored.get(b).climate_risks == THEIRS_B  # the colleague's stays
            [kept] = [p for p in stored.list() if p.id not in (a, b)]
            assert kept.title == f"{stored.get(b).title} (kept edit)"
            assert stored.get(kept.id).climate_risks == MINE_B   # mine is not lost either
        finally:
            check.close()
        # Said: the status bar's summary, and each edit in a plain-text message.
        assert window.statusBar().currentMessage() == (
            "2 edits kept on this computer while the server was unreachable are saved.")
        [box] = [m for m in message_boxes(window) if m.objectName() == "teamJournalReport"]
        assert box.textFormat() == box.textFormat().PlainText
        assert "is saved (revision 2)" in box.text()
        assert f"your edit is kept as the new scenario “{kept.title}”" in box.text()
        box.close()
        # The Planner, built now, shows the saved state.
        window.pages.setCurrentIndex(1)
        page = window.planner
        page.select_plan(a)
        assert page.form.climate.toPlainText() == MINE_A
    finally:
        window.close()
        if window.db is not None:
            window.db.close()


def test_an_edit_the_server_will_not_take_stays_kept_and_the_rest_is_saved(
        pg_server: PgServer, pg_url: str) -> None:
    a, b, journal = _two_plans_and_a_journal(pg_server, pg_url)
    entries = journal.entries()
    # Plan A's edit names another plan's uid (a journal from another database, copied over).
    journal.put(a, 1, replace(entries[a].plan, uid="0" * 32), "edited")
    db = Database.open(pg_url)
    try:
        report = replay(PlanRepository(db), journal, "me")
        assert [r.plan_id for r in report.saved if r.branched] and len(report.saved) == 1
        [failed] = report.not_saved
        assert failed.plan_id == a and "uid" in failed.problem
        assert (report.waiting, report.unreachable) == (1, "")
        assert list(journal.entries()) == [a]               # kept for the next attach
        assert PlanRepository(db).get(a).climate_risks != MINE_A
    finally:
        db.close()


def test_a_server_gone_again_during_the_replay_keeps_every_edit(
        pg_server: PgServer, pg_url: str) -> None:
    _a, _b, journal = _two_plans_and_a_journal(pg_server, pg_url)
    kept = journal.path.read_bytes()
    db = Database.open(pg_url)
    try:
        pg_server.stop()
        try:
            report = replay(PlanRepository(db), journal, "me")
        finally:
            pg_server.start_again()
        assert report.saved == [] and report.waiting == 2
        assert f"{pg_server.host}:{pg_server.port}" in report.unreachable
        assert pg_server.password not in report.unreachable
        assert journal.path.read_bytes() == kept
    finally:
        db.close()
