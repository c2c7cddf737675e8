"""Plans for tests: the shipped examples, and small documents to mutate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pkdesk.core.plan.model import Plan
from pkdesk.core.plan.file import read_plan_file
from tests.checkout import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples"


def example(name: str) -> Plan:
    return read_plan_file(EXAMPLES / f"{name}.pkplan.json")


def sound_plan() -> Plan:
    """The UNOCI-like example: the checker finds nothing in it."""
    return example("unoci-2004")


def document(**plan: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"title": "Test plan"}
    body.update(plan)
    return {"format": "pkdesk.plan", "version": 1, "plan": body}


def example_paths() -> list[Path]:
    return sorted(EXAMPLES.glob("*.pkplan.json"))
