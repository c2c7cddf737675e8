"""`pkdesk sync` as a user runs it: real subprocesses on real SQLite files; bad bundles are
one line, exit 2, and leave the database exactly as it was."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from pkdesk.core.plan.file import dumps_plan
from pkdesk.core.sync.bundle import VERSION
from pkdesk.store.plan_repo import PlanRepository
from tests.sync.support import open_store, sample_plan, snapshot


def pk(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pkdesk", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=120)


def _whole(db: Path) -> object:
    store = open_store(db)
    try:
        return snapshot(store)
    finally:
        store.close()


@pytest.fixture(scope="module")
def _laptops_made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Made once (loading the handbook into a new database takes seconds): copied per test."""
    tmp_path = tmp_path_factory.mktemp("laptops")
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    plan_file = tmp_path / "plan.pkplan.json"
    plan_file.write_text(dumps_plan(sample_plan()), encoding="utf-8")
    assert pk(a, "plan", "import", str(plan_file)).returncode == 0
    first = tmp_path / "first.pksync"
    r = pk(a, "sync", "export", "-o", str(first))
    assert r.returncode == 0, r.stderr
    assert "1 plan, 1 revision" in r.stdout
    r = pk(b, "sync", "import", str(first))
    assert (r.returncode, r.stderr) == (0, "")
    assert "1 added (1 new revision)" in r.stdout
    return a, b, first


@pytest.fixture
def laptops(_laptops_made: tuple[Path, Path, Path], tmp_path: Path) -> tuple[Path, Path, Path]:
    """Laptop A with a plan, laptop B with A's first bundle imported; and that bundle."""
    copies = []
    for made in _laptops_made:
        copy = tmp_path / made.name
        shutil.copyfile(made, copy)
        copies.append(copy)
    (tmp_path / "plan.pkplan.json").write_text(dumps_plan(sample_plan()), encoding="utf-8")
    return copies[0], copies[1], copies[2]


def _edit(db: Path, **changes: object) -> None:
    store = open_store(db)
    try:
        repo = PlanRepository(store)
        repo.save(1, replace(repo.get(1), **changes))   # type: ignore[arg-type]
    finally:
        store.close()


def test_conflict_listed_then_resolved_from_the_command_line(
        laptops: tuple[Path, Path, Path], tmp_path: Path) -> None:
    a, b, _ = laptops
    _edit(a, notes="A: night patrols", host_country="Atlantis")
    _edit(b, notes="<b>B: day patrols</b>", context="interstate")
    bundle = tmp_path / "b.pksync"
    assert pk(b, "sync", "export", "-o", str(bundle)).returncode == 0
    r = pk(a, "sync", "import", str(bundle))
    assert r.returncode == 1, r.stderr
    assert "1 with conflicts" in r.stdout and "pkdesk sync resolve" in r.stdout
    listed = pk(a, "sync", "conflicts")
    assert listed.returncode == 0
    assert "notes" in listed.stdout and "A: night patrols" in listed.stdout
    assert "<b>B: day patrols</b>" in listed.stdout
    data = json.loads(pk(a, "sync", "conflicts", "--format", "json").stdout)
    assert [c["path"] for c in data[0]["fields"]] == ["notes"]
    assert data[0]["fields"][0]["base"] == "first draft"

    bad = pk(a, "sync", "resolve", "1", "--take", "host_country=theirs")
    assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1
    assert "'host_country' is not in conflict" in bad.stderr
    none = pk(a, "sync", "resolve", "1", "--take", "notes=maybe")
    assert none.returncode == 2 and "expected mine, theirs" in none.stderr
    r = pk(a, "sync", "resolve", "1", "--take", "notes=theirs")
    assert r.returncode == 0, r.stderr
    store = open_store(a)
    try:
        plan = PlanRepository(store).get(1)
    finally:
        store.close()
    assert (plan.notes, plan.host_country, plan.context) == (
        "<b>B: day patrols</b>", "Atlantis", "interstate")
    assert pk(a, "sync", "conflicts").stdout.strip() == "no sync conflicts"


def test_bundle_imported_twice_changes_nothing(laptops: tuple[Path, Path, Path]) -> None:
    _, b, first = laptops
    once = _whole(b)
    r = pk(b, "sync", "import", str(first))
    assert r.returncode == 0 and "already imported" in r.stdout
    assert _whole(b) == once


@pytest.mark.parametrize("damage", ["payload byte", "header byte", "truncated", "appended"])
def test_damaged_bundle_is_refused_and_nothing_applied(
        laptops: tuple[Path, Path, Path], tmp_path: Path, damage: str) -> None:
    a, b, _ = laptops
    _edit(a, notes="second")
    store = open_store(a)
    try:
        PlanRepository(store).create(sample_plan("Another plan"))
    finally:
        store.close()
    good = tmp_path / "good.pksync"
    assert pk(a, "sync", "export", "-o", str(good)).returncode == 0
    raw = bytearray(good.read_bytes())
    header_end = raw.index(b"\n")
    if damage == "payload byte":
        raw[header_end + 40] ^= 0x01
    elif damage == "header byte":
        at = raw.index(b'"pkdesk":"') + 11
        raw[at] = ord("9")
    elif damage == "truncated":
        raw = raw[:header_end + (len(raw) - header_end) // 2]
    else:
        raw += b"\0"
    bad = tmp_path / "bad.pksync"
    bad.write_bytes(bytes(raw))
    before = _whole(b)
    r = pk(b, "sync", "import", str(bad))
    assert r.returncode == 2, r.stdout + r.stderr
    assert len(r.stderr.splitlines()) == 1 and "Traceback" not in r.stderr
    assert "nothing was imported" in r.stderr
    assert _whole(b) == before
    assert pk(b, "sync", "import", str(good)).returncode == 0   # the good one still applies


def test_passphrase_encrypts_and_a_wrong_one_is_refused(
        laptops: tuple[Path, Path, Path], tmp_path: Path) -> None:
    a, b, _ = laptops
    _edit(a, notes="secret plan of the week")
    right, wrong = tmp_path / "right.txt", tmp_path / "wrong.txt"
    right.write_text("correct horse battery staple\n")
    wrong.write_text("correct horse battery stapler\n")
    bundle = tmp_path / "enc.pksync"
    r = pk(a, "sync", "export", "-o", str(bundle), "--passphrase-file", str(right))
    assert r.returncode == 0 and "encrypted" in r.stdout
    assert b"secret plan" not in bundle.read_bytes()
    assert bundle.stat().st_mode & 0o077 == 0
    before = _whole(b)
    for args, message in ((["--passphrase-file", str(wrong)], "wrong passphrase"),
                          ([], "the bundle is encrypted: give its passphrase")):
        r = pk(b, "sync", "import", str(bundle), *args)
        assert r.returncode == 2 and message in r.stderr and len(r.stderr.splitlines()) == 1
        assert _whole(b) == before
    r = pk(b, "sync", "import", str(bundle), "--passphrase-file", str(right))
    assert r.returncode == 0 and "1 fast-forwarded" in r.stdout


def test_bundle_from_a_newer_pkdesk_is_refused_naming_the_version(
        laptops: tuple[Path, Path, Path], tmp_path: Path) -> None:
    a, b, _ = laptops
    bundle = tmp_path / "new.pksync"
    assert pk(a, "sync", "export", "--all", "-o", str(bundle)).returncode == 0
    head, _, payload = bundle.read_bytes().partition(b"\n")
    header = json.loads(head)
    header.update(version=VERSION + 1, pkdesk="0.9.0")
    newer = tmp_path / "newer.pksync"
    newer.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    before = _whole(b)
    r = pk(b, "sync", "import", str(newer))
    assert r.returncode == 2
    assert "written by pkdesk 0.9.0" in r.stderr and "install pkdesk 0.9.0 or newer" in r.stderr
    assert _whole(b) == before


def test_export_since_a_bundle_file_and_the_output_guard(
        laptops: tuple[Path, Path, Path], tmp_path: Path) -> None:
    a, b, first = laptops
    _edit(a, notes="second")
    since = tmp_path / "since.pksync"
    r = pk(a, "sync", "export", "--since", str(first), "-o", str(since), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["revisions"] == 1
    r = pk(a, "sync", "export", "--all", "-o", str(a))
    assert r.returncode == 2 and "pkdesk's database" in r.stderr
    r = pk(a, "sync", "export", "--since", "nonsense", "-o", str(tmp_path / "x.pksync"))
    assert r.returncode == 2 and "neither a bundle file" in r.stderr
    assert not (tmp_path / "x.pksync").exists()
    r = pk(b, "sync", "import", str(tmp_path / "plan.pkplan.json"))
    assert r.returncode == 2 and "not a pkdesk sync bundle" in r.stderr


def test_a_deletion_travels_through_the_command(laptops: tuple[Path, Path, Path],
                                                tmp_path: Path) -> None:
    a, b, _ = laptops
    store = open_store(a)
    try:
        PlanRepository(store).delete(PlanRepository(store).list()[0].id)
    finally:
        store.close()
    bundle = tmp_path / "deleted.pksync"
    r = pk(a, "sync", "export", "-o", str(bundle))
    assert r.returncode == 0, r.stderr
    assert json.loads(bundle.read_bytes().partition(b"\n")[0])["version"] == 2
    r = pk(b, "sync", "import", str(bundle), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["deleted"] == [sample_plan().title]
    r = pk(b, "plan", "list")
    assert r.returncode == 0 and sample_plan().title not in r.stdout
