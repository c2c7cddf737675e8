"""Autosave with other writers on the same database: an edit leaves the pending list only once
it is stored; a refused write is kept and retried, the user told once; a save over another
program's save keeps both revisions and says so; and, over 20 s against a CLI writer saving
the same plan in a loop, every edit the autosaver reports as saved is found stored."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from tests.ui.planner_helpers import import_example, open_planner

REFUSE = ("CREATE TRIGGER refuse_revisions BEFORE INSERT ON plan_revision "
          "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")


def _sql(db: Database, statement: str) -> None:
    """Run ``statement`` through a connection of its own, as another program would."""
    conn = sqlite3.connect(db.path, isolation_level=None)
    try:
        conn.execute(statement)
    finally:
        conn.close()


def _messages(window: object) -> list[str]:
    said: list[str] = []
    window.planner.message.connect(said.append)   # type: ignore[attr-defined]
    return said


def test_a_refused_write_keeps_the_edit_pending_retries_it_and_tells_once(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    """Any error from the database (here an IntegrityError raised by a trigger, as a UNIQUE
    conflict would) leaves the edit pending; it is stored once the database takes it."""
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page, said = window.planner, _messages(window)
    _sql(db, REFUSE)
    qtbot.keyClicks(page.form.notes, "Kept through a refusal. ")
    page.flush()
    assert page.autosaver.has_pending()
    page.flush()                                    # retried, refused again: not told again
    assert page.autosaver.has_pending()
    failures = [m for m in said if "Could not save" in m]
    assert len(failures) == 1 and "refused by the test" in failures[0]
    assert "\n" not in failures[0]
    assert window.statusBar().currentMessage() == failures[0]
    assert "saving" in window.location.text()       # the permanent status: not saved yet
    assert PlanRepository(db).revisions(plan_id)[-1].number == 1
    _sql(db, "DROP TRIGGER refuse_revisions")
    qtbot.waitUntil(lambda: not page.autosaver.has_pending(), timeout=10_000)  # the retry
    assert PlanRepository(db).get(plan_id).notes.startswith("Kept through a refusal.")
    _sql(db, REFUSE)                                # a new failure later is told again
    qtbot.keyClicks(page.form.notes, "Again. ")
    page.flush()
    assert len([m for m in said if "Could not save" in m]) == 2
    assert page.autosaver.has_pending()


def test_saving_over_another_programs_save_keeps_both_and_says_so(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page, said = window.planner, _messages(window)
    other = Database.open(db.path)      # another window or the CLI, on its own connection
    try:
        theirs = replace(PlanRepository(other).get(plan_id), notes="Written elsewhere.")
        assert PlanRepository(other).save(plan_id, theirs, author="elsewhere") == 2
    finally:
        other.close()
    qtbot.keyClicks(page.form.climate, "Floods. ")
    page.flush()
    assert not page.autosaver.has_pending()
    repo = PlanRepository(db)
    assert [r.number for r in repo.revisions(plan_id)] == [1, 2, 3]
    assert repo.revision(plan_id, 2).notes == "Written elsewhere."
    assert repo.revision(plan_id, 3).climate_risks.startswith("Floods.")
    told = [m for m in said if "meanwhile" in m]
    assert len(told) == 1 and "History" in told[0] and "2" in told[0] and "3" in told[0]
    assert window.statusBar().currentMessage() == told[0]
    said.clear()
    qtbot.keyClicks(page.form.climate, "Roads. ")   # no one else saved: nothing to say
    page.flush()
    assert repo.revisions(plan_id)[-1].number == 4 and not [m for m in said if "meanwhile" in m]


CLI_WRITER = """
import sys, time
from pkdesk.cli import main
db, plan_id, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
end, done = time.monotonic() + seconds, 0
while time.monotonic() < end:
    code = main(["--db", db, "plan", "restore", plan_id, str(1 + done % 2)])
    if code != 0:
        sys.exit(code)
    done += 1
print("saved", done, file=sys.stderr, flush=True)
"""


@pytest.mark.slow
def test_window_autosave_and_a_cli_writer_on_one_plan_lose_nothing(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    seconds = 20.0
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    repo = PlanRepository(db)
    repo.save(plan_id, replace(repo.get(plan_id), notes="Revision two."))
    window = open_planner(qtbot, db, tmp_path)
    page, said = window.planner, _messages(window)
    saver = page.autosaver
    acknowledged: list[tuple[int, str]] = []       # (revision, notes) the user was told saved
    saver.saved.connect(lambda pid, revision: acknowledged.append(
        (revision, saver.stored(pid).notes)))
    rng = random.Random()
    with (tmp_path / "writer.out").open("w") as out:
        writer = subprocess.Popen([sys.executable, "-c", CLI_WRITER, str(db.path), str(plan_id),
                                   str(seconds)], stdout=out, stderr=subprocess.PIPE, text=True)
        edits = 0
        while writer.poll() is None:
            qtbot.keyClicks(page.form.notes, f" e{edits}")
            edits += 1
            qtbot.wait(rng.randrange(0, 900))     # sometimes past the autosave delay, sometimes not
        _, err = writer.communicate(timeout=60)
    page.flush()
    assert writer.returncode == 0 and "Traceback" not in err, err
    cli_saves = int(err.split()[-1])
    assert not saver.has_pending()
    assert not [m for m in said if "Could not save" in m]
    reopened = Database.open(db.path)
    try:
        stored = PlanRepository(reopened)
        for revision, notes in acknowledged:
            assert stored.revision(plan_id, revision).notes == notes, revision
        numbers = [r.number for r in stored.revisions(plan_id)]
    finally:
        reopened.close()
    assert numbers == list(range(1, 3 + cli_saves + len(acknowledged)))   # every save kept
    assert acknowledged[-1][1] == page.plan.notes and f" e{edits - 1}" in page.plan.notes
    assert len(acknowledged) >= 10 and cli_saves >= 20, (len(acknowledged), cli_saves)
    assert [m for m in said if "meanwhile" in m]   # the collisions were told
    print(f"{edits} edits, {len(acknowledged)} autosaves, {cli_saves} CLI saves in {seconds} s")


LOCK_HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")   # hold the write lock, as a stuck writer would
conn.execute("UPDATE app_meta SET value = value WHERE key = 'application'")
print("locked", flush=True)
time.sleep(60)
"""


def test_a_database_locked_by_another_program_keeps_the_edit_and_tells_once(
        qtbot: QtBot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pkdesk.store import db as dbmodule

    monkeypatch.setattr(dbmodule, "BUSY_TIMEOUT_MS", 300)   # keep the test short
    db = Database.open(db_path)
    try:
        plan_id = import_example(db, "unoci-2004.pkplan.json")
        window = open_planner(qtbot, db, tmp_path)
        page, said = window.planner, _messages(window)
        holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(db_path)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
            qtbot.keyClicks(page.form.notes, "Typed while locked. ")
            for _ in range(3):
                page.flush()
                assert page.autosaver.has_pending()
            failures = [m for m in said if "Could not save" in m]
            assert len(failures) == 1 and "busy" in failures[0], said
            assert "database is locked" not in failures[0]
        finally:
            holder.kill()
            holder.communicate()
        qtbot.waitUntil(lambda: not page.autosaver.has_pending(), timeout=10_000)
        assert PlanRepository(db).get(plan_id).notes.startswith("Typed while locked.")
        window.close()
    finally:
        db.close()
