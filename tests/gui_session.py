"""A full GUI session, offscreen, for tests/ui/test_gui_no_network.py (run under netguard).

    python -m tests.gui_session DB_PATH WORK_DIR

Opens the window as `pkdesk` does, searches, navigates, bookmarks, creates and edits a plan,
exports PDFs, opens the print preview, backs up, and closes. Then it looks from Qt's and the
kernel's side: does a QNetworkAccessManager exist, and is any of this process's open sockets
an internet (TCP/UDP) socket. It prints one JSON line. (Print… is left out: printing talks to
the system's print service, CUPS, at the user's request; see ui/pdf_preview.py.)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _wait(condition: object, timeout_ms: int = 10000) -> None:
    from PySide6.QtTest import QTest

    waited = 0
    while not condition():  # type: ignore[operator]
        if waited > timeout_ms:
            raise SystemExit("gui_session: timed out waiting")
        QTest.qWait(20)
        waited += 20


def _inet_socket_inodes() -> set[str]:
    """Inodes of every TCP/UDP socket in this network namespace (Linux)."""
    inodes: set[str] = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        path = Path("/proc/self/net") / table
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                fields = line.split()
                if len(fields) > 9:
                    inodes.add(fields[9])
    return inodes


def _own_socket_inodes() -> set[str]:
    found: set[str] = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[len("socket:["):-1])
    return found


def run(db: str, work: Path) -> dict[str, object]:
    from pkdesk.core.plan.edits import with_field
    from pkdesk.ui.app import create_application, start_window

    app = create_application()
    window = start_window(argparse.Namespace(db=db))
    assert window is not None
    _wait(lambda: window.db is not None)
    ref = window.reference
    inet_seen: set[str] = set()

    def look() -> None:
        inet_seen.update(_own_socket_inodes() & _inet_socket_inodes())

    ref.search.field.setText("médiation")
    ref.search.run_now()
    _wait(lambda: not ref.search.searching)
    hits = ref.search.model.hits()
    assert hits, "search found nothing"
    ref.show_node(hits[0].id)
    ref.show_node("principles.consent")
    ref.back_action.trigger()
    ref.forward_action.trigger()
    assert ref.current_node == "principles.consent"
    ref.bookmark_action.trigger()
    assert ref.repo is not None and ref.repo.is_bookmarked("principles.consent")
    look()

    window.pages.setCurrentWidget(window.planner)
    planner = window.planner
    planner.plan_actions.new_plan()
    assert planner.plan is not None
    planner.edit("Edit title", with_field(planner.plan, "title", "Mission d'observation — Kivu"))
    planner.add_party(0)
    _wait(lambda: planner.autosaver is not None and not planner.autosaver.has_pending())
    plan_pages = window.pdf.export_to(work / "plan.pdf", "A4", pdfa=True)
    window.pages.setCurrentWidget(ref)
    ref.show_node("principles")
    ref_pages = window.pdf.export_to(work / "principles.pdf", "Letter", with_subtree=True)
    preview = window.pdf.show_preview()
    assert preview is not None and preview.document.pageCount() >= 1
    preview.close()
    backup = window.backups.back_up_now()
    look()
    window.close()
    assert window.db is not None
    window.db.close()
    app.processEvents()
    look()

    from PySide6.QtNetwork import QNetworkAccessManager

    managers = len(app.findChildren(QNetworkAccessManager))
    return {"plan_pages": plan_pages, "reference_pages": ref_pages,
            "backup": str(backup) if backup else None,
            "network_managers": managers, "inet_sockets": sorted(inet_seen)}


if __name__ == "__main__":
    result = run(sys.argv[1], Path(sys.argv[2]))
    print(json.dumps(result))
