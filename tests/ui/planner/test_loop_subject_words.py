"""The loop's findings name their objective or indicator by its words, not by ``indicator:UID``."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from pkdesk.core.checker import check
from pkdesk.core.i18n import translator
from pkdesk.core.plan.file import read_plan_file
from pkdesk.core.plan.model import Acknowledgement
from pkdesk.core.plan.report import stale_acknowledgement_text
from pkdesk.ui.planner.findings.acknowledge_dialog import AcknowledgeDialog
from tests.ui.planner_helpers import EXAMPLES

EXAMPLE = EXAMPLES / "sector-east-2024.pkplan.json"


def test_acknowledge_dialog_names_the_indicator_by_its_words(qtbot: QtBot) -> None:
    plan = read_plan_file(EXAMPLE)
    finding = next(f for f in check(plan).findings if f.subject == "indicator:se-ind-attacks")
    dialog = AcknowledgeDialog(finding, None, plan)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == f"Acknowledge {finding.rule} (indicator “Attacks on IDP sites”)"
    assert "se-ind-attacks" not in dialog.windowTitle()


def test_stale_acknowledgement_names_the_objective_in_both_languages() -> None:
    plan = read_plan_file(EXAMPLE)
    ack = Acknowledgement(rule="LOOP-003", reason="Held late.", subject="objective:se-obj-ddr")
    en = stale_acknowledgement_text(ack, translator("en"), plan)
    fr = stale_acknowledgement_text(ack, translator("fr"), plan)
    assert "objective “Combatants leave the armed groups and stay out”" in en
    assert "objectif «\u00a0Combatants leave the armed groups and stay out\u00a0»" in fr
    assert "se-obj-ddr" not in en + fr


def test_cli_check_names_the_objective_of_a_stale_acknowledgement(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["plan"].setdefault("acknowledgements", []).append(
        {"rule": "LOOP-003", "subject": "objective:se-obj-ddr", "reason": "Held late."})
    path = tmp_path / "stale.pkplan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pkdesk", "check", str(path)],
                         capture_output=True, text=True, timeout=60)
    assert "objective “Combatants leave the armed groups and stay out”" in run.stdout, run.stderr
    assert "objective:se-obj-ddr" not in run.stdout
