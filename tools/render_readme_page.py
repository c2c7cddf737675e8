"""Regenerate docs/images/plan-page1.png: page 1 of an example plan's real PDF export.

Run: .venv/bin/python tools/render_readme_page.py [EXAMPLE]   (default: no-consent)
Needs pdftoppm (poppler-utils) to turn the PDF page into a PNG.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images" / "plan-page1.png"


def main() -> int:
    name = sys.argv[1] if len(sys.argv) > 1 else "no-consent"
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: install poppler-utils", file=sys.stderr)
        return 2
    from pkdesk.core.checker import check
    from pkdesk.core.plan.report import PlanMeta
    from pkdesk.core.plan.file import read_plan_file
    from pkdesk.export import export_plan_pdf
    from pkdesk.store.library import open_library
    from pkdesk.store.reference_repo import ReferenceRepository

    plan = read_plan_file(ROOT / "examples" / f"{name}.pkplan.json")
    meta = PlanMeta(revision="4", date="2025-03-14", author="Planning officer")
    with tempfile.TemporaryDirectory() as tmp:
        db = open_library(Path(tmp) / "pkdesk.sqlite3")
        pdf = Path(tmp) / "plan.pdf"
        pages = export_plan_pdf(plan, check(plan), ReferenceRepository(db), pdf, meta)
        db.close()
        OUT.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(OUT.with_suffix(""))], check=True)
    print(f"wrote {OUT.relative_to(ROOT)} (page 1 of {pages})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
