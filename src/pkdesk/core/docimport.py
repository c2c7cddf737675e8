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
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from pkdesk.core.inputfile import open_regular
from pkdesk.core.errors import InputError
from pkdesk.core.textfold import LANGUAGES, guess_language

MAX_FILE_BYTES = 50 * 2**20          # any document file
MAX_TEXT_CHARS = 20_000_000          # text of one document, all nodes
MAX_NODES = 20_000
MAX_DEPTH = 100                      # HTML/XML element nesting
MAX_PDF_PAGES = 2_000
MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_ENTRY_BYTES = 64 * 2**20     # one uncompressed zip entry we read
MAX_ZIP_RATIO = 200                  # uncompressed / compressed, per entry read
MAX_TITLE_CHARS = 200

KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
         ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".odt": "odt",
         ".pdf": "pdf"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NUMBERED = re.compile(r"(\d{1,3}(?:\.\d{1,3})+)\.?\s+(\S.*)", re.DOTALL)   # 4.2.1 Title
_TOP_NUMBERED = re.compile(r"(?:OP\s*)?(\d{1,4})\.\s+(\S.*)", re.DOTALL)    # 3. Decides
_OP = re.compile(r"OP\s*(\d{1,4})\b\.?\s*(.*)", re.DOTALL)                  # OP 3 Decides
_HEADING_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{1,3})*)\.?\s+\S")                # 4 Operations
_ATX = re.compile(r"(#{1,6})\s+(.*?)\s*#*\s*")
_SETEXT = re.compile(r"(=+|-+)\s*")


@dataclass
class Block:
    text: str
    level: int | None = None    # an explicit heading's level, 1-6


@dataclass
class DocNode:
    label: str                  # unique in the document: "4.2.1", "OP 3", "h2", "" (the root)
    title: str
    kind: str                   # library, section, paragraph
    parent: str | None          # parent's label
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class ImportedDocument:
    title: str
    language: str
    kind: str                   # text, markdown, html, docx, odt, pdf
    file_name: str
    nodes: list[DocNode]        # the root first; parents before children

    def outline(self, max_lines: int = 2000) -> list[str]:
        """The detected tree as indented plain lines (the preview shown before adding)."""
        depth: dict[str, int] = {}
        lines: list[str] = []
        for node in self.nodes:
            d = 0 if node.parent is None else depth[node.parent] + 1
            depth[node.label] = d
            if len(lines) < max_lines:
                lines.append(f"{'  ' * d}{node.title}")
        return lines


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


# Plain text and Markdown -------------------------------------------------------------------

def _starts_block(line: str) -> bool:
    return bool(_NUMBERED.match(line) or _TOP_NUMBERED.match(line) or _OP.match(line))


def text_blocks(text: str, *, markdown: bool) -> Iterator[Block]:
    """Paragraphs separated by blank lines (or by a line that starts a numbered paragraph);
    with ``markdown``, ATX (#) and setext (=== / ---) headings."""
    current: list[str] = []
    for raw_line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw_line.strip()
        if markdown:
            atx = _ATX.fullmatch(line)
            if atx:
                if current:
                    yield Block(" ".join(current))
                    current = []
                yield Block(atx.group(2), len(atx.group(1)))
                continue
            setext = _SETEXT.fullmatch(line)
            if setext and len(current) == 1 and raw_line[:1] in "=-":
                yield Block(current[0], 1 if setext.group(1)[0] == "=" else 2)
                current = []
                continue
        if not line:
            if current:
                yield Block(" ".join(current))
                current = []
            continue
        if current and _starts_block(line):
            yield Block(" ".join(current))
            current = []
        current.append(line)
    if current:
        yield Block(" ".join(current))


# HTML --------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset("p div li td th blockquote pre dt dd caption figcaption address "
                        "section article header footer main nav aside table tr ul ol dl "
                        "body br hr title".split())
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track "
                       "wbr".split())
_SKIP_TAGS = frozenset("script style template head".split())


class _HtmlReader(HTMLParser):
    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.level: int | None = None
        self.stack: list[str] = []
        self.skip = 0

    def _flush(self) -> None:
        text = "".join(self.parts)
        if text.strip():
            self.blocks.append(Block(text, self.level))
        self.parts = []
        self.level = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            if tag in ("br", "hr"):
                self.parts.append(" ")
            return
        self.stack.append(tag)
        if len(self.stack) > MAX_DEPTH:
            raise InputError(f"{self.name}: HTML nested more than {MAX_DEPTH} elements deep")
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self._flush()
            self.level = int(tag[1])
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS or tag not in self.stack:
            return
        while self.stack:      # close what was left open inside it, as browsers do
            top = self.stack.pop()
            if top in _SKIP_TAGS:
                self.skip -= 1
            if top == tag:
                break
        if (len(tag) == 2 and tag[0] == "h" and tag[1] in "123456") or tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_blocks(text: str, name: str) -> list[Block]:
    reader = _HtmlReader(name)
    reader.feed(text)
    reader.close()
    reader._flush()
    return reader.blocks


# Zip containers (DOCX, ODT) and XML ----------------------------------------------------------

def zip_entry(raw: bytes, name: str, entry: str, what: str) -> bytes:
    """One entry of a zip file, bounded: entry count, declared and real size, compression
    ratio; read in chunks so a lying header cannot make it expand past the bound."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise InputError(f"{name}: not a {what} file (not a zip archive: {exc})") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise InputError(f"{name}: {len(infos):,} zip entries; at most "
                             f"{MAX_ZIP_ENTRIES:,} allowed")
        try:
            info = zf.getinfo(entry)
        except KeyError:
            raise InputError(f"{name}: not a {what} file (no {entry} inside)") from None
        check_zip_entry(info, name)
        out = bytearray()
        try:
            with zf.open(info) as fh:
                while chunk := fh.read(1 << 16):
                    out += chunk
                    if len(out) > MAX_ZIP_ENTRY_BYTES or \
                            len(out) > MAX_ZIP_RATIO * max(info.compress_size, 1024):
                        raise InputError(f"{name}: {entry} expands far beyond its compressed "
                                         "size (a zip bomb?); refused")
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
            raise InputError(f"{name}: cannot read {entry} ({str(exc)[:80]})") from None
        return bytes(out)


def check_zip_entry(info: zipfile.ZipInfo, name: str) -> None:
    if info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1024):
        raise InputError(f"{name}: {info.filename[:60]} is compressed "
                         f"{info.file_size // max(info.compress_size, 1):,} to 1 (a zip bomb?); "
                         "refused")
    if info.file_size > MAX_ZIP_ENTRY_BYTES:
        raise InputError(f"{name}: {info.filename[:60]} would expand to "
                         f"{info.file_size / 2**20:,.0f} MiB; at most "
                         f"{MAX_ZIP_ENTRY_BYTES // 2**20} MiB allowed")


def parse_xml(data: bytes, name: str, entry: str) -> ET.Element:
    """Parse XML without DTDs or entities (refused outright, as defusedxml does), with the
    element nesting bounded."""
    head = data[:1 << 20]
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in data.upper():
        raise InputError(f"{name}: {entry} declares a DTD or entities; refused")
    depth = 0
    root: ET.Element | None = None
    parser: Any = ET.XMLPullParser(events=("start", "end"))
    try:
        for i in range(0, len(data), 1 << 16):
            parser.feed(data[i:i + (1 << 16)])
            for event, elem in parser.read_events():
                if event == "start":
                    depth += 1
                    if root is None and isinstance(elem, ET.Element):
                        root = elem
                else:
                    depth -= 1
                if depth > MAX_DEPTH:
                    raise InputError(f"{name}: {entry} is nested more than {MAX_DEPTH} "
                                     "elements deep")
        parser.close()
    except ET.ParseError as exc:
        raise InputError(f"{name}: {entry} is not well-formed XML ({exc})") from None
    if root is None:
        raise InputError(f"{name}: {entry} is empty")
    return root


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"(?:heading|titre|berschrift)\s*(\d)", re.IGNORECASE)


def docx_blocks(raw: bytes, name: str) -> list[Block]:
    root = parse_xml(zip_entry(raw, name, "word/document.xml", "DOCX"), name,
                     "word/document.xml")
    blocks: list[Block] = []
    for p in root.iter(f"{_W}p"):
        level: int | None = None
        style = p.find(f"{_W}pPr/{_W}pStyle")
        if style is not None:
            val = style.get(f"{_W}val", "")
            m = _HEADING_STYLE.search(val)
            level = int(m.group(1)) if m else 1 if val.lower() == "title" else None
        parts: list[str] = []
        for el in p.iter():
            if el.tag == f"{_W}t":
                parts.append(el.text or "")
            elif el.tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
                parts.append(" ")
        blocks.append(Block("".join(parts), level if level and 1 <= level <= 6 else None))
    return blocks


_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _odt_text(el: ET.Element, out: list[str]) -> None:
    if el.text:
        out.append(el.text)
    for child in el:
        if child.tag == f"{_TEXT}s":
            out.append(" " * int(child.get(f"{_TEXT}c", "1") or 1) if
                       (child.get(f"{_TEXT}c", "1") or "1").isdigit() else " ")
        elif child.tag in (f"{_TEXT}tab", f"{_TEXT}line-break"):
            out.append(" ")
        elif child.tag in (f"{_TEXT}note",):
            pass
        else:
            _odt_text(child, out)
        if child.tail:
            out.append(child.tail)


def odt_blocks(raw: bytes, name: str) -> list[Block]:
    root = parse_xml(zip_entry(raw, name, "content.xml", "ODT"), name, "content.xml")
    blocks: list[Block] = []
    for el in root.iter():
        if el.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            parts: list[str] = []
            _odt_text(el, parts)
            level = None
            if el.tag == f"{_TEXT}h":
                raw_level = el.get(f"{_TEXT}outline-level", "1")
                level = min(max(int(raw_level), 1), 6) if raw_level.isdigit() else 1
            blocks.append(Block("".join(parts), level))
    return blocks


# PDF ---------------------------------------------------------------------------------------

def pdf_blocks(raw: bytes, name: str) -> list[Block]:
    """The PDF's text layer, page by page, with pypdf (pure Python, BSD). Lines are joined into
    paragraphs; a blank line or a numbered line starts a new one."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            raise InputError(f"{name}: the PDF is encrypted; export an unprotected copy")
        # The page tree's declared count first: len(reader.pages) would walk all of it.
        trailer: Any = reader.trailer
        declared = trailer["/Root"]["/Pages"].get("/Count", 0)
        count = declared if isinstance(declared, int) and declared > MAX_PDF_PAGES else \
            len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise InputError(f"{name}: {count:,} pages; at most {MAX_PDF_PAGES:,} allowed")
        lines: list[str] = []
        chars = 0
        for number, page in enumerate(reader.pages):
            if number >= MAX_PDF_PAGES:      # a /Count that lied
                raise InputError(f"{name}: more than {MAX_PDF_PAGES:,} pages")
            text = page.extract_text() or ""
            chars += len(text)
            if chars > MAX_TEXT_CHARS:
                raise InputError(f"{name}: more than {MAX_TEXT_CHARS:,} characters of text")
            lines += text.split("\n")
            lines.append("")
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as exc:
        raise InputError(f"{name}: not a readable PDF ({exc.__class__.__name__})") from None
    if not any(line.strip() for line in lines):
        raise InputError(f"{name}: the PDF has no text layer (a scan?); nothing to import")
    return list(text_blocks("\n".join(lines), markdown=False))


# Structure ---------------------------------------------------------------------------------

def _is_heading_like(rest: str) -> bool:
    return len(rest) <= 100 and rest[-1:] not in ".;:,"


def build_tree(blocks: list[Block], title: str, name: str) -> list[DocNode]:
    """The document as nodes: the root (its title; text before the first heading), sections
    (explicit headings, numbered headings "4.2" "1. Scope") nested by level, and numbered
    paragraphs ("3. Decides ...", "OP 3", "4.2.1 Patrols shall ...") under the section they
    are in. Unnumbered paragraphs belong to the node before them."""
    root = DocNode("", title, "library", None)
    nodes = [root]
    labels: set[str] = {""}
    stack: list[tuple[int, DocNode]] = [(0, root)]   # open sections, (depth, node)
    section_depth: dict[str, int] = {}                # numbered section label -> depth
    current = root
    counter = 0

    def unique(label: str) -> str:
        base, n = label, 1
        while label in labels:
            n += 1
            label = f"{base} ({n})"
        labels.add(label)
        return label

    def add(label: str, node_title: str, kind: str, depth: int | None) -> DocNode:
        nonlocal current
        if len(nodes) >= MAX_NODES:
            raise InputError(f"{name}: more than {MAX_NODES:,} sections and paragraphs")
        if depth is not None:
            while stack[-1][0] >= depth:
                stack.pop()
        node = DocNode(unique(label), node_title[:MAX_TITLE_CHARS], kind, stack[-1][1].label)
        nodes.append(node)
        if depth is not None:
            stack.append((depth, node))
            section_depth[node.label] = depth
        current = node
        return node

    def numbered_depth(number: str) -> int:
        parent = number.rsplit(".", 1)[0] if "." in number else None
        if parent is not None and parent in section_depth:
            return section_depth[parent] + 1
        return number.count(".") + 1

    if blocks and blocks[0].level == 1 and sum(b.level == 1 for b in blocks) == 1:
        # The document's own title: the root stands for it (its words kept when the user
        # gave the library another title).
        if blocks[0].text != title:
            root.paragraphs.append(blocks[0].text)
        blocks = blocks[1:]
    for block in blocks:
        text = block.text
        numbered = _NUMBERED.fullmatch(text)
        op = _OP.fullmatch(text)
        top = _TOP_NUMBERED.fullmatch(text)
        if block.level is not None:
            counter += 1
            heading_number = _HEADING_NUMBER.match(text)
            add(heading_number.group(1) if heading_number else f"h{counter}", text, "section",
                block.level)
        elif numbered and _is_heading_like(numbered.group(2)):
            add(numbered.group(1), text, "section", numbered_depth(numbered.group(1)))
        elif top and not text.startswith("OP") and _is_heading_like(top.group(2)):
            add(top.group(1), text, "section", 1)
        elif numbered:
            node = add(numbered.group(1), _short(text), "paragraph", None)
            node.paragraphs.append(text)
        elif op or top:
            found = op or top
            assert found is not None
            node = add(f"OP {found.group(1)}", _short(text), "paragraph", None)
            node.paragraphs.append(text)
        else:
            current.paragraphs.append(text)
    return nodes


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
