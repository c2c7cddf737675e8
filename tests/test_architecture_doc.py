"""docs/ARCHITECTURE.md's map names the folders as they are, and every ui folder is on it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_map_matches_the_folders() -> None:
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `(src/pkdesk/[a-z_/]+)` \|", text, re.M))
    assert "src/pkdesk/ui/planner" in listed
    assert [p for p in sorted(listed) if not (ROOT / p).is_dir()] == []
    ui = ROOT / "src" / "pkdesk" / "ui"
    packages = {str(p.parent.relative_to(ROOT)) for folder in ("ui", "core", "store")
                for p in (ROOT / "src" / "pkdesk" / folder).rglob("__init__.py")}
    assert sorted(packages - listed) == []
    # Nothing sits directly in ui/ but the entry point.
    assert sorted(p.name for p in ui.glob("*.py")) == ["__init__.py", "app.py"]
