"""`pkdesk rules` lists the rules; `pkdesk rule ID` explains one, like a linter's docs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pkdesk.cli import main
from pkdesk.core.rules import default_rule_pack


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_rules_lists_every_rule_once_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "rules")
    assert (code, err) == (0, "")
    ids = [line.split()[0] for line in out.splitlines()]
    assert ids == [r.id for r in default_rule_pack().rules]
    force = next(line for line in out.splitlines() if line.startswith("FORCE-004"))
    assert force.split()[1:3] == ["warning", "non_use_of_force"]
    assert force.endswith('Party "{party.name}" is listed under a sanctions regime: it is a threat '
                          "to plan for, not a party whose consent the mission seeks.")


def test_rules_json_and_french(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "rules", "--format", "json", "--lang", "fr")
    rows = {r["rule"]: r for r in json.loads(out)}
    assert rows["CONSENT-007"]["severity"] == "warning"
    assert rows["CONSENT-007"]["message"].startswith("Aucun gouvernement")


def test_rule_explains_what_why_instead_and_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rule", "force-004")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Rule FORCE-004: warning, non-use of force, once per party that matches."
    assert "  party.role is listed_group" in lines
    assert ('  Complex Conflicts and Non-State Actors (challenges.complex-conflicts): "Many '
            "modern conflicts are characterized by non-state actors, making it difficult for "
            'peacekeepers to identify legitimate parties with whom to engage diplomatically."'
            in lines)
    assert any(line.startswith("  Plan the force's posture") for line in lines)
    example = lines[lines.index("Example finding:") + 1]
    assert example.startswith('  Party "Forces Nouvelles" is listed under a sanctions regime')


def test_rule_in_french_with_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rule", "RESOURCES-008", "--lang", "fr", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["severity"] == "blocker"
    assert doc["condition"] == {"all": [{"field": "resources.personnel", "ge": 1},
                                        {"field": "resources.personnel_coverage", "lt": 50}]}
    assert doc["checks"] == ("resources.personnel vaut au moins 1 et "
                             "resources.personnel_coverage est inférieur à 50")
    assert "34\u202f000" in doc["example"]["message"] and "sans délai" in doc["example"]["instead"]


def test_an_unknown_rule_is_one_line_and_exit_2() -> None:
    env = {**os.environ, "PKDESK_LANG": "en"}
    result = subprocess.run([sys.executable, "-m", "pkdesk", "rule", "CONSENT-999\x1b[2J"],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == ('pkdesk: no rule "CONSENT-999\\x1b[2J" in pkdesk default rules; '
                             "`pkdesk rules` lists them\n")


def test_rule_reads_another_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = {"format": "pkdesk.rules", "version": 1, "name": "ours", "rules": [
        {"id": "OURS-001", "principle": "climate", "severity": "advice",
         "condition": {"field": "climate_risks", "empty": True},
         "message": "No climate risks.", "instead": "Write them.",
         "cites": [{"node": "trends.climate-change", "quote": "Environmental degradation is "
                    "linked to resource scarcity and conflict, necessitating that peacekeeping "
                    "missions address these issues."}]}]}
    path = tmp_path / "ours.json"
    path.write_text(json.dumps(pack), encoding="utf-8")
    code, out, _ = run(capsys, "rule", "OURS-001", "--rules", str(path))
    assert code == 0 and "  climate_risks is empty" in out.splitlines()
    code, _, err = run(capsys, "rule", "CONSENT-001", "--rules", str(path))
    assert code == 2 and err == ('pkdesk: no rule "CONSENT-001" in ours; '
                                 "`pkdesk rules` lists them\n")
