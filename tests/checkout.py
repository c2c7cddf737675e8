"""The source checkout the tests run from (examples/, docs/, tools/, pyproject.toml).

pkdesk itself never looks for a checkout: its data ships inside the package
(``pkdesk.paths``). Only the tests and tools, which live in the checkout, use this.
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
