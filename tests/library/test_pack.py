"""Doctrine packs: a .pkpack of libraries and the rule packs citing them, imported whole
(or, when a rule pack's quote is wrong, not at all)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.library.makedocs import odt_doc, text_doc

QUOTE = "Checkpoints are staffed by at least four personnel at all times."


def _rules(quote: str) -> bytes:
    return json.dumps({"format": "pkdesk.rules", "version": 1, "name": "Mission rules",
                       "rules": [{"id": "SOP-001", "principle": "consent",
                                  "severity": "warning",
                                  "condition": {"field": "host_consent", "in": ["withheld", "withdrawn"]},
                                  "message": "m", "instead": "i",
                                  "cites": [{"library": "Mission SOP", "node": "4.2.1",
                                             "quote": quote}]}]}).encode()


def _pack(quote: str = QUOTE) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps({
            "format": "pkdesk.pack", "version": 1, "name": "Doctrine 2026",
            "libraries": [{"file": "libraries/sop.odt", "title": "Mission SOP",
                           "edition": "v3", "language": "en"},
                          {"file": "libraries/mandate.md", "edition": "2026"}],
            "rules": ["rules/mission.json"]}))
        zf.writestr("libraries/sop.odt", odt_doc())
        zf.writestr("libraries/mandate.md", text_doc(markdown=True))
        zf.writestr("rules/mission.json", _rules(quote))
    return buf.getvalue()


def _pkdesk(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pkdesk", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=120)


def test_pack_import_shows_and_adds_libraries_and_rules(tmp_path: Path) -> None:
    db = tmp_path / "pack.sqlite3"
    pack = tmp_path / "doctrine.pkpack"
    pack.write_bytes(_pack())
    dry = _pkdesk(db, "pack", "import", str(pack), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "library  Mission SOP, v3 (" in dry.stdout and "mission.json: Mission rules, 1 rules" \
        in dry.stdout and "nothing added" in dry.stdout
    assert _pkdesk(db, "library", "list").stdout.count("\n") == 1
    done = _pkdesk(db, "pack", "import", str(pack))
    assert done.returncode == 0, done.stderr
    listed = json.loads(_pkdesk(db, "library", "list", "--format", "json").stdout)
    assert [(lib["title"], lib["edition"]) for lib in listed] == [
        ("Peacekeeping and Diplomacy", ""), ("Mission SOP", "v3"),
        ("Resolution 2999 (2026)", "2026")]
    rules = tmp_path / "rule-packs" / "mission.json"
    assert rules.read_bytes() == _rules(QUOTE)
    plan = Path(__file__).resolve().parents[2] / "examples" / "no-consent.pkplan.json"
    checked = json.loads(_pkdesk(db, "check", str(plan), "--rules", str(rules),
                                 "--format", "json").stdout)
    assert {"node": "lib2:4.2.1", "quote": QUOTE, "library": "Mission SOP, v3"} in \
        [c for f in checked["findings"] for c in f["cites"]]


def test_pack_with_a_wrong_quote_or_a_bomb_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "pack.sqlite3"
    bad = tmp_path / "bad.pkpack"
    bad.write_bytes(_pack("Checkpoints are staffed by two personnel."))
    done = _pkdesk(db, "pack", "import", str(bad))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "SOP-001" in done.stderr and "'4.2.1'" in done.stderr \
        and "'two personnel.'" in done.stderr
    bomb = tmp_path / "bomb.pkpack"
    buf = io.BytesIO(_pack())
    with zipfile.ZipFile(buf, "a") as zf:
        zf.writestr("extra.bin", b" " * (50 * 2**20), compress_type=zipfile.ZIP_DEFLATED)
    bomb.write_bytes(buf.getvalue())
    done = _pkdesk(db, "pack", "import", str(bomb))
    assert done.returncode == 2 and "zip bomb" in done.stderr
    assert _pkdesk(db, "library", "list").stdout.count("\n") == 1
    assert not (tmp_path / "rule-packs").exists()
