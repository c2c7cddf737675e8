"""Roles through pkdesk itself: the CLI and the plan store, as each person with their own
password. A reader's write is one line and exit 2; a reviewer records reviews and
acknowledgements but cannot change the plan; an author can. Nothing refused is written."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from pkdesk.core.errors import StoreError
from pkdesk.core.plan.model import Acknowledgement, Performance, Plan, Review
from pkdesk.store.team import PermissionRefused, ReadOnlyError
from tests.core.plan_samples import EXAMPLES
from tests.team.conftest import Team
from tests.team.support import pkdesk

SOUND = str(EXAMPLES / "unoci-2004.pkplan.json")


def _revisions(team: Team, plan_id: int) -> list[tuple[int, str]]:
    with team.plans() as repo:
        return [(r.number, r.author) for r in repo.revisions(plan_id)]


def _plan_count(team: Team) -> int:
    with team.plans() as repo:
        return repo.count()


def _create(team: Team) -> int:
    done = pkdesk("--db", team.url("author"), "plan", "import", SOUND, "--format", "json",
                  home=team.home)
    assert done.returncode == 0, done.stderr
    return int(json.loads(done.stdout)["id"])


def test_reader_cli_writes_are_one_line_exit_2_and_write_nothing(team: Team) -> None:
    plan_id = _create(team)
    user = team.users["reader"][0]
    expected = (f"pkdesk: you have read-only access to the team database as {user} "
                "(role reader)\n")
    for argv in (["plan", "import", SOUND], ["plan", "restore", str(plan_id), "1"],
                 ["plan", "branch", str(plan_id)]):
        done = pkdesk("--db", team.url("reader"), *argv, home=team.home)
        assert (done.returncode, done.stderr) == (2, expected), argv
    assert _plan_count(team) == 1
    assert [n for n, _ in _revisions(team, plan_id)] == [1]
    # ... and reads work.
    listed = pkdesk("--db", team.url("reader"), "plan", "list", "--format", "json",
                    home=team.home)
    assert listed.returncode == 0, listed.stderr
    assert [p["id"] for p in json.loads(listed.stdout)] == [plan_id]


def test_reviewer_records_a_review_and_an_acknowledgement_but_cannot_edit(team: Team) -> None:
    plan_id = _create(team)
    with team.plans("reviewer") as repo:
        plan = repo.get(plan_id)
        reviewed = replace(plan, performance=Performance(reviews=[
            Review(date="2026-11-30", reviewer="R", notes="on track")]))
        assert repo.save(plan_id, reviewed) == 2
        acked = replace(reviewed, acknowledgements=[*reviewed.acknowledgements,
                                                    Acknowledgement("R-TEST", "seen")])
        assert repo.save(plan_id, acked) == 3
        with pytest.raises(PermissionRefused) as refused:
            repo.save(plan_id, replace(acked, notes="the reviewer rewrites the plan"))
        assert "not change the plan" in str(refused.value)
        assert "\n" not in str(refused.value)
        with pytest.raises(StoreError):
            repo.delete(plan_id)
        assert repo.get(plan_id).notes == acked.notes
    reviewer = team.users["reviewer"][0]
    assert _revisions(team, plan_id)[1:] == [(2, reviewer), (3, reviewer)]


def test_author_edits_and_the_history_names_the_server_user(team: Team) -> None:
    plan_id = _create(team)
    with team.plans("author") as repo:
        plan = repo.get(plan_id)
        # The client claims another author: the server records who really saved.
        assert repo.save(plan_id, replace(plan, notes="edited"), author="someone else") == 2
        repo.delete(plan_id)
        repo.undelete(plan_id)
    author = team.users["author"][0]
    assert _revisions(team, plan_id) == [(1, author), (2, f"{author} (someone else)")]


def test_a_reader_write_in_the_store_is_a_read_only_error(team: Team) -> None:
    with team.plans("reader") as repo, pytest.raises(ReadOnlyError) as refused:
        repo.create(Plan(title="Not allowed"))
    assert str(refused.value) == (f"you have read-only access to the team database as "
                                  f"{team.users['reader'][0]} (role reader)")
    assert _plan_count(team) == 0
