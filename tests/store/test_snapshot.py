"""The start-up glance at the database agrees with the repository and changes nothing."""

import sqlite3
from pathlib import Path

from pkdesk.store.db import Database
from pkdesk.store.reference_repo import ReferenceRepository
from pkdesk.store.snapshot import read_snapshot


def test_snapshot_matches_the_repository(db: Database) -> None:
    repo = ReferenceRepository(db)
    snap = read_snapshot(db.path, "principles.consent")
    assert snap is not None
    roots, entries = repo.tree()
    assert snap.roots == roots and snap.entries == entries
    assert snap.first == repo.node("principles.consent")
    first_root = read_snapshot(db.path, "no.such.node")
    assert first_root is not None and first_root.first == repo.node("introduction")


def test_snapshot_of_a_closed_database_leaves_it_unchanged(db: Database, tmp_path: Path) -> None:
    db.close()
    before = db.path.read_bytes()
    files_before = sorted(p.name for p in tmp_path.iterdir())
    case = read_snapshot(db.path, "case-studies.untso-1948")
    assert case is not None and case.first is not None
    assert case.first.node.facts["start_year"] == 1948
    assert db.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before


def test_anything_unexpected_gives_no_snapshot(tmp_path: Path) -> None:
    assert read_snapshot(tmp_path / "missing.sqlite3") is None
    assert read_snapshot(tmp_path) is None
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all")
    assert read_snapshot(junk) is None
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE app_meta (key TEXT, value TEXT)")
    conn.execute("INSERT INTO app_meta VALUES ('application', 'someone-else')")
    conn.commit()
    conn.close()
    assert read_snapshot(other) is None
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert read_snapshot(empty) is None


def test_snapshot_reads_two_levels_and_the_topic_left_however_deep(db: Database) -> None:
    """The first paint needs only the collapsed tree; the attach step reads the rest."""
    from pkdesk.core.reference import Corpus, RefNode, Source
    from pkdesk.store.corpus import load_into

    source = Source("deep", "Deep corpus")
    nodes = (RefNode("d", "D", "section", None, ("top",), "deep"),
             RefNode("d.1", "D1", "section", "d", ("one",), "deep"),
             RefNode("d.1.1", "D11", "section", "d.1", ("two",), "deep"),
             RefNode("d.1.1.1", "D111", "section", "d.1.1", ("three",), "deep"))
    with db.session() as s:
        load_into(s, Corpus(source, nodes, "x"))
    snap = read_snapshot(db.path, "d.1.1.1")
    assert snap is not None
    assert "d" in snap.entries and "d.1" in snap.entries
    assert "d.1.1" not in snap.entries and "d.1.1.1" not in snap.entries
    assert snap.first is not None and snap.first.node.text == "three"
    _, full = ReferenceRepository(db).tree()
    assert "d.1.1.1" in full


def test_a_damaged_tree_value_gives_no_snapshot(db: Database) -> None:
    db.close()
    conn = sqlite3.connect(db.path)
    conn.execute("UPDATE ref_node SET title = x'ff00' WHERE id = 'introduction'")
    conn.commit()
    conn.close()
    assert read_snapshot(db.path) is None     # the start takes the ordinary path instead
