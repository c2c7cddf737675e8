"""Documents of every kind imported into a real database: tree, verbatim text, search with
accents and scopes, a rule pack citing the document, a new edition moving notes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pkdesk.core.docimport import parse_document, read_document
from pkdesk.core.errors import InputError
from pkdesk.core.rules import parse_rule_pack
from pkdesk.store.db import Database
from pkdesk.store.library_repo import LibraryRepository, library_lookup
from pkdesk.store.reference_repo import ReferenceRepository
from tests.library.makedocs import (RESOLUTION, docx_doc, html_doc, odt_doc, resolution_pdf,
                                    text_doc)

KINDS = {"md": lambda: text_doc(markdown=True), "txt": text_doc, "html": html_doc,
         "docx": docx_doc, "odt": odt_doc, "pdf": resolution_pdf}


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;,])\s+", text) if s]


@pytest.mark.parametrize("suffix", sorted(KINDS))
def test_each_kind_imports_with_its_tree_and_every_sentence_verbatim(
        suffix: str, tmp_path: Path, db: Database) -> None:
    path = tmp_path / f"resolution.{suffix}"
    path.write_bytes(KINDS[suffix]())
    doc = read_document(path, title="S/RES/2999 (2026)")
    info = LibraryRepository(db).add(doc, "2026")
    assert info.id == 2 and info.nodes == len(doc.nodes) and info.kind != ""
    repo = ReferenceRepository(db)
    roots, entries = repo.tree()
    assert roots[-1] == "lib2"                       # after the handbook's own roots
    assert entries["lib2:4.1.1"].parent == "lib2:4.1"
    assert entries["lib2:4.2.1"].parent == "lib2:4.2"
    assert {"lib2:OP 1", "lib2:OP 2"} <= set(entries["lib2"].children)
    op1 = repo.node("lib2:OP 1")
    assert op1.node.text == "1. Decides to extend the mandate of the Mission until " \
                            "31 December 2027;"
    assert op1.source_title == "S/RES/2999 (2026), 2026"
    everything = " ".join(repo.node(n).node.text + " " + repo.node(n).node.title
                          for n in entries if n.startswith("lib2"))
    for _level, text in RESOLUTION[1:]:
        for sentence in _sentences(text):
            assert sentence in everything, sentence


def test_search_folds_accents_stems_and_honours_scopes(tmp_path: Path, db: Database) -> None:
    doc = parse_document(text_doc(markdown=True), "res.md", "markdown")
    LibraryRepository(db).add(doc, "2026")
    fr = parse_document("# Procédures\n\n1. La sécurité des patrouilles est assurée.\n"
                        .encode(), "sop.md", "markdown")
    assert fr.language == "fr"
    LibraryRepository(db).add(fr)
    repo = ReferenceRepository(db)
    hits = repo.search("securite")
    assert {h.id for h in hits} >= {"lib2", "lib3:OP 1"}
    assert any("\x02sécurité\x03" in h.snippet for h in hits)
    # Stemming: "patrouille" (singular) finds "patrouilles"; "requested" finds "Requests".
    assert [h.id for h in repo.search("patrouille", scope=3)] == ["lib3:OP 1"]
    assert "lib2:OP 2" in [h.id for h in repo.search("requested")]
    # Scopes: one library, the handbook, the notes.
    assert {h.id.split(":")[0] for h in repo.search("securite", scope=3)} == {"lib3"}
    assert all(not h.id.startswith("lib") for h in repo.search("consent", scope="handbook"))
    assert repo.search("consent", scope="handbook")
    assert repo.search("securite", scope="notes") == []
    repo.set_note("lib2:4.1.1", "Ask the sector commander about night patrols (sécurité).")
    notes = repo.search("securite night", scope="notes")
    assert [(h.id, h.kind) for h in notes] == [("lib2:4.1.1", "note")]
    assert "note" in {h.kind for h in repo.search("securite")}      # "all" finds notes too
    assert repo.search("securite", scope=2) and all(h.kind == "node"
                                                    for h in repo.search("securite", scope=2))


def _pack(cite: dict[str, str]) -> bytes:
    return json.dumps({"format": "pkdesk.rules", "version": 1, "name": "mission", "rules": [
        {"id": "MANDATE-001", "principle": "consent", "severity": "warning",
         "condition": {"field": "host_consent", "in": ["withheld", "withdrawn"]},
         "message": "m", "instead": "i", "cites": [cite]}]}).encode()


def test_rule_pack_cites_an_imported_library_and_a_wrong_quote_is_refused(db: Database) -> None:
    LibraryRepository(db).add(parse_document(text_doc(markdown=True), "r.md", "markdown",
                                             title="S/RES/2999"), "2026")
    lookup = library_lookup(db)
    quote = "Night patrols require the approval of the sector commander."
    pack = parse_rule_pack(_pack({"library": "S/RES/2999", "node": "4.1.1", "quote": quote}),
                           libraries=lookup)
    cite = pack.rules[0].cites[0]
    assert (cite.node, cite.quote, cite.library) == ("lib2:4.1.1", quote, "S/RES/2999, 2026")
    with pytest.raises(InputError) as err:
        parse_rule_pack(_pack({"library": "S/RES/2999", "node": "4.1.1",
                               "quote": "Night patrols require the consent of the host."}),
                        libraries=lookup)
    message = str(err.value)
    assert "MANDATE-001" in message and "'4.1.1'" in message
    assert "the first 4 words match" in message and "'consent of the host.'" in message
    with pytest.raises(InputError, match="no library titled 'Other'"):
        parse_rule_pack(_pack({"library": "Other", "node": "4.1.1", "quote": quote}),
                        libraries=lookup)
    with pytest.raises(InputError, match="no node 'OP 9'"):
        parse_rule_pack(_pack({"library": "S/RES/2999", "node": "OP 9", "quote": quote}),
                        libraries=lookup)


EDITION_2 = """# Resolution 2999 (2026)

The Security Council,

1. Decides to extend the mandate of the Mission until 31 December 2028;

3. Requests the Secretary-General to report every ninety days on the protection of civilians;

## 4 Operations

4.1 Patrols

4.1.1 Patrols shall be conducted daily in every sector. Night patrols require the approval of the sector commander.
"""


def test_new_edition_moves_notes_and_bookmarks_and_lists_the_one_left(db: Database) -> None:
    libs = LibraryRepository(db)
    libs.add(parse_document(text_doc(markdown=True), "r.md", "markdown"), "2026")
    ref = ReferenceRepository(db)
    ref.set_note("lib2:OP 1", "closest match")          # text changed a little
    ref.set_note("lib2:OP 2", "same text, renumbered")  # now OP 3
    ref.set_bookmark("lib2:OP 2", True)
    ref.set_note("lib2:4.1.1", "unchanged")
    ref.set_note("lib2:4.2.1", "gone in the new edition")
    result = libs.replace(2, parse_document(EDITION_2.encode(), "r2.md", "markdown",
                                            title="Draft of the new edition"), "2027")
    assert sorted(result.moved) == [("lib2:OP 2", "lib2:OP 3")]
    assert result.unplaced == ["lib2:4.2.1"]
    assert ref.note("lib2:OP 1") == "closest match"
    assert ref.note("lib2:OP 3") == "same text, renumbered" and ref.is_bookmarked("lib2:OP 3")
    assert ref.note("lib2:4.1.1") == "unchanged"
    orphans = libs.orphans()
    assert [(o.node_id, o.what, o.note) for o in orphans] == [
        ("lib2:4.2.1", "note", "gone in the new edition")]
    assert orphans[0].body.startswith("4.2.1 Checkpoints are staffed")
    assert libs.library(2).edition == "2027"
    # The library keeps its title (no --title given), in the list and on its root node.
    assert libs.library(2).title == ref.node("lib2").node.title == "Resolution 2999 (2026)"
    libs.attach("lib2:4.2.1", "lib2:4.1")
    assert ref.note("lib2:4.1") == "gone in the new edition" and libs.orphans() == []


def test_remove_keeps_notes_as_orphans_and_the_handbook_stays(db: Database) -> None:
    libs = LibraryRepository(db)
    libs.add(parse_document(text_doc(markdown=True), "r.md", "markdown"))
    ReferenceRepository(db).set_note("lib2:OP 1", "keep me")
    libs.remove(2)
    assert [lib.id for lib in libs.libraries()] == [1]
    assert [o.note for o in libs.orphans()] == ["keep me"]
    assert [h.kind for h in ReferenceRepository(db).search("keep", scope="all")][:1] == ["note"]
    with pytest.raises(InputError, match="handbook"):
        libs.remove(1)


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pkdesk", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=120)


def test_cli_add_list_search_check_replace_orphans(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    doc = tmp_path / "sop.docx"
    doc.write_bytes(docx_doc())
    added = _cli(db, "library", "add", str(doc), "--title", "SOP <b>Patrols</b>",
                 "--edition", "v1", "--lang", "en", "--format", "json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["title"] == "SOP <b>Patrols</b>"
    listed = json.loads(_cli(db, "library", "list", "--format", "json").stdout)
    assert [(lib["id"], lib["edition"]) for lib in listed] == [(1, ""), (2, "v1")]
    hits = json.loads(_cli(db, "search", "sécurite", "--scope", "2", "--format", "json").stdout)
    assert [h["id"] for h in hits] == ["lib2"]
    rules = tmp_path / "mission.json"
    rules.write_bytes(_pack({"library": "SOP <b>Patrols</b>", "node": "4.2.1",
                             "quote": "at least four personnel"}))
    plan = Path(__file__).resolve().parents[2] / "examples" / "no-consent.pkplan.json"
    checked = _cli(db, "check", str(plan), "--rules", str(rules), "--format", "json")
    assert checked.returncode in (0, 1), checked.stderr
    cites = [c for f in json.loads(checked.stdout)["findings"] for c in f["cites"]]
    assert {"node": "lib2:4.2.1", "quote": "at least four personnel",
            "library": "SOP <b>Patrols</b>, v1"} in cites
    bad = _cli(db, "library", "remove", "1")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "handbook" in bad.stderr
    preview = _cli(db, "library", "add", str(doc), "--preview")
    assert preview.returncode == 0 and "  4 Operations" in preview.stdout
    assert len(json.loads(_cli(db, "library", "list", "--format", "json").stdout)) == 2
    orphans = _cli(db, "library", "orphans")
    assert orphans.returncode == 0 and "no notes" in orphans.stdout


def test_a_search_matching_too_many_nodes_ranks_the_title_matches_only(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    import pkdesk.store.reference_repo as reference_repo

    LibraryRepository(db).add(parse_document(text_doc(markdown=True), "r.md", "markdown"))
    repo = ReferenceRepository(db)
    full = repo.search("patrols", limit=50, scope=2)
    assert len(full) == 2 and all(h.score > 0 for h in full)
    monkeypatch.setattr(reference_repo, "RANK_MAX", 1)     # 2 nodes match, 2 titles too
    capped = repo.search("patrols", limit=50, scope=2)
    assert {h.id for h in capped} == {h.id for h in full}   # nothing lost, listed unranked
    assert all(h.score == 0.0 for h in capped)
    monkeypatch.setattr(reference_repo, "RANK_MAX", 2)     # within the bound: ranked
    assert repo.search("patrols", limit=50, scope=2) == full
    # Body-only matches fill the list after the (unranked) title matches.
    night = repo.search("night", limit=50, scope=2)
    monkeypatch.setattr(reference_repo, "RANK_MAX", 0)
    assert [h.id for h in repo.search("night", limit=50, scope=2)] == [h.id for h in night]
