"""DOCX and ODT read into blocks: their XML (bounded zip entry, no DTDs) paragraph by
paragraph, with heading levels from the styles or outline levels."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from pkdesk.core.docimport.bounds import parse_xml, zip_entry
from pkdesk.core.docimport.model import Block

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

