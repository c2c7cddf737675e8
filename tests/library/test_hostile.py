"""Hostile documents are refused before they are parsed, with one line and exit 2, and
nothing is added (benchmarks/bench_library.py times the refusals: each well under a second)."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pkdesk.core.docimport import read_document
from pkdesk.core.docimport.bounds import MAX_DEPTH, MAX_PDF_PAGES
from pkdesk.core.errors import InputError
from tests.library.makedocs import W, docx_doc, pdf_doc, zip_bomb_docx

BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
                  b'<w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>&lol2;'
                  b'</w:t></w:r></w:p></w:body></w:document>')


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


HOSTILE = {
    "bomb.docx": (lambda: zip_bomb_docx(200), "zip bomb"),
    "pages.pdf": (lambda: pdf_doc([[] for _ in range(10_000)]),
                  f"10,000 pages; at most {MAX_PDF_PAGES:,} allowed"),
    "nested.html": (lambda: b"<div>" * 100_000 + b"x",
                    f"HTML nested more than {MAX_DEPTH} elements deep"),
    "latin1.txt": (lambda: "Sécurité des patrouilles\n".encode("latin-1"),
                   "not UTF-8 text (byte 0xe9 on line 1)"),
    "laughs.docx": (lambda: _zip({"word/document.xml": BILLION_LAUGHS}),
                    "declares a DTD or entities; refused"),
    "deep.odt": (lambda: _zip({"content.xml": b"<a>" * 5000 + b"</a>" * 5000}),
                 f"nested more than {MAX_DEPTH} elements deep"),
    "entries.docx": (lambda: _zip({f"x/{i}": b"" for i in range(2_500)}),
                     "2,500 zip entries"),
    "notazip.docx": (lambda: b"PK\x03\x04 but nothing else", "not a zip archive"),
    "scan.pdf": (lambda: pdf_doc([[], []]), "no text layer"),
    "nul.md": (lambda: b"# Title\n\nText\x00with a NUL", "contains NUL bytes"),
    "empty.txt": (lambda: b"  \n\n ", "no text found"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_document_is_refused_with_one_line(name: str, tmp_path: Path) -> None:
    make, expected = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(InputError) as err:
        read_document(path)
    message = str(err.value)
    assert expected in message and message.startswith(name) and "\n" not in message


def test_zip_bomb_header_says_what_it_expands_to() -> None:
    info = zipfile.ZipFile(io.BytesIO(zip_bomb_docx(200))).getinfo("word/document.xml")
    assert info.file_size > 200 * 2**20 and info.compress_size < 1 * 2**20


def test_cli_refuses_each_with_exit_2_and_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "hostile.sqlite3"
    good = tmp_path / "good.docx"
    good.write_bytes(docx_doc())

    def pkdesk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pkdesk", "--db", str(db), *args],
                              capture_output=True, text=True, timeout=120)

    assert pkdesk("library", "add", str(good)).returncode == 0
    for name in ("bomb.docx", "pages.pdf", "nested.html", "latin1.txt"):
        path = tmp_path / name
        path.write_bytes(HOSTILE[name][0]())
        verbs = [["add", str(path)]] + ([["replace", "2", str(path)]] if name == "bomb.docx"
                                         else [])
        for verb in verbs:
            done = pkdesk("library", *verb)
            assert done.returncode == 2, (name, done.stderr)
            assert done.stderr.startswith("pkdesk: ") and done.stderr.count("\n") == 1
            assert "Traceback" not in done.stderr and HOSTILE[name][1] in done.stderr
    listed = pkdesk("library", "list")
    assert listed.stdout.count("\n") == 2 and "good.docx" in listed.stdout
    assert "4.1.1" in pkdesk("reference", "lib2:4.1.1").stdout     # the library is untouched
