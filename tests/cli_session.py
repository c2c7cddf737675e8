"""A full command-line session against one database, for tests/test_no_network.py.

    python -m tests.cli_session DB_PATH WORK_DIR

Every command must succeed (exit 0, or 1 for `check` with findings; doctor healthy). Commands that other parts of pkdesk
add (plans, PDF export) are exercised when they are registered.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pkdesk.cli import build_parser, main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _commands(db: str, work: Path) -> list[list[str]]:
    known = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    cmds = [["search", "consent"], ["search", "médiation", "--format", "json"], ["reference"],
            ["reference", "principles.consent"], ["backup"], ["backup", "--list"],
            ["backup", "-o", str(work / "handover.sqlite3")]]
    plans = sorted(EXAMPLES.glob("*.pkplan.json"))
    if plans and "check" in known:
        cmds.append(["check", str(plans[0])])
    if plans and "plan" in known:
        cmds += [["plan", "import", str(plans[0])], ["plan", "list"],
                 ["plan", "export", "-o", str(work / "exported.pkplan.json"), "1"]]
    if plans and "export" in known:
        cmds.append(["export", str(plans[0]), "-o", str(work / "plan.pdf")])
    if "export-reference" in known:
        cmds.append(["export-reference", "principles", "-o", str(work / "ref.pdf")])
    if plans and "sync" in known:
        pw = work / "passphrase.txt"
        pw.write_text("a passphrase\n")
        cmds += [["sync", "export", "--all", "-o", str(work / "all.pksync")],
                 ["sync", "export", "-o", str(work / "enc.pksync"), "--passphrase-file", str(pw)],
                 ["sync", "import", str(work / "enc.pksync"), "--passphrase-file", str(pw)],
                 ["sync", "conflicts"]]
    cmds += [["restore", str(work / "handover.sqlite3")], ["doctor"]]
    return [["--db", db, *c] for c in cmds]


def run(db: str, work: Path) -> int:
    for argv in _commands(db, work):
        code = main(argv)
        allowed = {0, 1} if argv[2] == "check" else {0}  # check exits 1 when it has findings
        if code not in allowed:
            print(f"cli_session: 'pkdesk {' '.join(argv)}' exited {code}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1], Path(sys.argv[2])))
