"""A user's document read into a reference tree: plain text, Markdown, HTML, DOCX, ODT, PDF.

No Qt and no database. Every reader turns the file into *blocks* (a paragraph's text, with a
heading level when the format says so); ``build_tree`` then finds the structure: explicit
headings, numbered sections ("4.2.1 Patrols") and numbered or operative paragraphs ("3. Decides
...", "OP 3 ..."). Text is kept verbatim: a block is its lines joined by one space, nothing
else is changed, so every sentence of the document is in exactly one node.

Hostile files are refused before they are parsed, with one line naming what is wrong: the
file's size, a zip's entry count, sizes and compression ratio (read, never trusted from its
header), DTDs and entities in XML, nesting depth in HTML and XML, a PDF's page count, and
the number of nodes and characters the tree would have.

Here: the entry points (``read_document``, ``parse_document``) and the choice of reader. The
model is in ``model``, the bounds and the guarded zip and XML readers in ``bounds``, a reader
per family of formats in ``text`` (and Markdown), ``markup`` (HTML), ``office`` (DOCX, ODT)
and ``pdf``, and the headings, numbered sections and paragraphs in ``structure``.
"""

from __future__ import annotations

import re
from pathlib import Path

from pkdesk.core.docimport.bounds import MAX_FILE_BYTES, MAX_TEXT_CHARS, MAX_TITLE_CHARS
from pkdesk.core.docimport.markup import html_blocks
from pkdesk.core.docimport.model import Block, ImportedDocument
from pkdesk.core.docimport.office import docx_blocks, odt_blocks
from pkdesk.core.docimport.pdf import pdf_blocks
from pkdesk.core.docimport.structure import build_tree
from pkdesk.core.docimport.text import text_blocks
from pkdesk.core.errors import InputError
from pkdesk.core.inputfile import open_regular
from pkdesk.core.textfold import LANGUAGES, guess_language

KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
         ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".odt": "odt",
         ".pdf": "pdf"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

def document_kind(path: Path) -> str:
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"{path.name}: cannot import a {path.suffix or 'suffix-less'} file "
                         f"(expected {', '.join(sorted(KINDS))})")
    return kind


def read_document(path: Path, *, title: str | None = None, language: str | None = None,
                  kind: str | None = None) -> ImportedDocument:
    """Read and structure a document file; InputError (one line) when it cannot or must not."""
    kind = kind or document_kind(path)
    name = path.name
    try:
        with open_regular(path, "document") as fh:   # a FIFO or a device never blocks
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
    return parse_document(raw, name, kind, title=title, language=language)


def parse_document(raw: bytes, name: str, kind: str, *, title: str | None = None,
                   language: str | None = None) -> ImportedDocument:
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"{name}: larger than {MAX_FILE_BYTES // 2**20} MiB")
    if language is not None and language not in LANGUAGES:
        raise InputError(f"language {language[:20]!r}: expected one of {', '.join(LANGUAGES)}")
    if kind == "text":
        blocks = list(text_blocks(_decode(raw, name), markdown=False))
    elif kind == "markdown":
        blocks = list(text_blocks(_decode(raw, name), markdown=True))
    elif kind == "html":
        blocks = html_blocks(_decode(raw, name), name)
    elif kind == "docx":
        blocks = docx_blocks(raw, name)
    elif kind == "odt":
        blocks = odt_blocks(raw, name)
    elif kind == "pdf":
        blocks = pdf_blocks(raw, name)
    else:
        raise InputError(f"{name}: unknown document kind {kind!r}")
    blocks = [Block(_clean(b.text, name), b.level) for b in blocks]
    blocks = [b for b in blocks if b.text]
    if not blocks:
        raise InputError(f"{name}: no text found")
    if sum(len(b.text) for b in blocks) > MAX_TEXT_CHARS:
        raise InputError(f"{name}: more than {MAX_TEXT_CHARS:,} characters of text")
    if title is not None:
        title = _clean(title, "--title")
        if not title:
            raise InputError("--title: expected non-empty text")
    doc_title = title or _default_title(blocks, name)
    lang = language or guess_language(" ".join(b.text for b in blocks[:200]))
    nodes = build_tree(blocks, doc_title[:MAX_TITLE_CHARS], name)
    return ImportedDocument(doc_title[:MAX_TITLE_CHARS], lang, kind, name, nodes)


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError(f"{name}: not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line}); "
                         "save it as UTF-8 and import it again") from None


def _clean(text: str, name: str) -> str:
    """Whitespace runs inside a block become one space; a NUL or other control character
    means the file is not text."""
    if "\x00" in text:
        raise InputError(f"{name}: contains NUL bytes; not a text document")
    text = _CONTROL.sub(" ", text.replace("\f", " "))
    return " ".join(text.split())


def _default_title(blocks: list[Block], name: str) -> str:
    for b in blocks[:50]:
        if b.level == 1:
            return b.text
    return Path(name).stem or name


