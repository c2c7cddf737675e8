"""A PDF appears whole under its name or not at all; what was there before survives a failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from pkdesk.core.errors import InputError
from pkdesk.core.report import Paragraph, Report, Table
from pkdesk.export import write_pdf


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


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply (root writes anywhere)")
def test_read_only_folder_is_a_clear_input_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(InputError, match="not writable"):
            write_pdf(_report(), folder / "plan.pdf")
    finally:
        folder.chmod(0o700)


def test_unknown_page_size_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--page-size: expected one of A4, Letter"):
        write_pdf(_report(), tmp_path / "x.pdf", page_size="A5")
    assert list(tmp_path.iterdir()) == []
