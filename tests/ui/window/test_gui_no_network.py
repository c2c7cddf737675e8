"""pkdesk opens no network connection during a full GUI session (issue 6, GUI half).

tests/gui_session.py drives the real window offscreen in a child process under
tests/netguard.py's audit hook, which logs every Python-level socket event. The session also
reports from Qt's side (does a QNetworkAccessManager exist) and from the kernel's (is any of
its open sockets a TCP/UDP socket, looked up in /proc, checked at several points).

QtPdf (the print preview) links Qt's network library, so the library being loaded proves
nothing either way; what matters is that nothing connects. Print… is not part of the
session: it talks to the system's print service (CUPS, TCP localhost:631) because the user
asked for a printer (ui/output/pdf_preview.py explains why the preview does not).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.test_no_network import ROOT, run_guarded


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_full_gui_session_opens_no_socket(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    log = tmp_path / "net.log"
    result = run_guarded("tests.gui_session", str(tmp_path / "pkdesk.sqlite3"), str(work), log=log)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    # The session really ran: two PDFs and a backup were written.
    assert report["plan_pages"] == len(PdfReader(work / "plan.pdf").pages) >= 1
    assert report["reference_pages"] == len(PdfReader(work / "principles.pdf").pages) >= 2
    assert report["backup"] and Path(report["backup"]).is_file()
    assert log.read_text() == "", f"network activity: {log.read_text()[:500]}"
    assert report["network_managers"] == 0
    assert report["inet_sockets"] == []


@pytest.mark.skipif(shutil.which("strace") is None or not sys.platform.startswith("linux"),
                    reason="needs strace")
def test_no_internet_socket_even_from_c_code(tmp_path: Path) -> None:
    """The audit hook sees Python's sockets only; strace sees Qt's and the C libraries' too
    (this is how the print preview's QPrinter was caught contacting CUPS on localhost:631)."""
    work = tmp_path / "work"
    work.mkdir()
    trace = tmp_path / "strace.txt"
    result = subprocess.run(["strace", "-f", "-e", "trace=socket", "-o", str(trace),
                             sys.executable, "-m", "tests.gui_session",
                             str(tmp_path / "pkdesk.sqlite3"), str(work)],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    if "Operation not permitted" in result.stderr and not trace.exists():
        pytest.skip("ptrace is not allowed here")
    assert result.returncode == 0, result.stderr[-3000:]
    assert (work / "plan.pdf").is_file()
    calls = [line for line in trace.read_text().splitlines() if "socket(" in line]
    assert not [c for c in calls if "AF_INET" in c], calls
