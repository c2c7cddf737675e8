"""A PDF appears whole under its name or not at all; what was there before survives a failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from pkdesk.core.errors import InputError
from pkdesk.core.report import Paragraph, Report, Table
from pkdesk.export import write_pdf
from tests.unprivileged import run_python


def _report(*blocks: object) -> Report:
    return Report("T", "T", "a", "s", tuple(blocks) or (Paragraph("hello"),))  # type: ignore[arg-type]


def test_failed_render_keeps_existing_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"the previous export")
    broken = _report(Paragraph("before"), Table(("a", "b"), (("1",),), (50, 50)))
    with pytest.raises(ValueError):
        write_pdf(broken, out)
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]


def test_successful_export_replaces_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"the previous export")
    assert write_pdf(_report(), out) == 1
    assert len(PdfReader(out).pages) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]


def test_missing_folder_is_a_clear_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"folder .*nowhere does not exist"):
        write_pdf(_report(), tmp_path / "nowhere" / "plan.pdf")


def test_folder_as_output_is_a_clear_input_error(tmp_path: Path) -> None:
    (tmp_path / "out.pdf").mkdir()
    with pytest.raises(InputError, match="it is a folder"):
        write_pdf(_report(), tmp_path / "out.pdf")


CHILD_EXPORT = (
    "import pathlib, sys\n"
    "from pkdesk.core.errors import InputError\n"
    "from pkdesk.core.report import Paragraph, Report\n"
    "from pkdesk.export import write_pdf\n"
    "report = Report('T', 'T', 'a', 's', tuple(Paragraph('word ' * 400) for _ in range(60)))\n"
    "try:\n"
    "    write_pdf(report, pathlib.Path(sys.argv[1]))\n"
    "except InputError as exc:\n"
    "    print('InputError:', exc)\n"
)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_folder_is_a_clear_input_error(tmp_path: Path) -> None:
    # A child that obeys file modes even under root (CI runs as root, and root writes anywhere).
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run_python(CHILD_EXPORT, str(folder / "plan.pdf"))
        assert result.returncode == 0, result.stderr
        assert "InputError:" in result.stdout and "not writable" in result.stdout
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(os.name != "posix", reason="POSIX resource limits")
def test_full_disk_keeps_the_old_file_and_says_so(tmp_path: Path) -> None:
    """A file-size limit in a child makes every write past 4 KiB fail as a full disk would."""
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"the previous export")
    limit = (
        "import resource, signal\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
    )
    result = subprocess.run([sys.executable, "-c", limit + CHILD_EXPORT, str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("InputError:"), result.stdout
    assert "Traceback" not in result.stderr
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]


def test_unknown_page_size_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--page-size: expected one of A4, Letter"):
        write_pdf(_report(), tmp_path / "x.pdf", page_size="A5")
    assert list(tmp_path.iterdir()) == []
