"""The bounds a document must keep, and the guarded readers of zip containers and XML.

A hostile file is refused before it is parsed, with one line naming what is wrong: the file's
size, a zip's entry count, sizes and compression ratio (read, never trusted from its header),
DTDs and entities in XML, nesting depth, a PDF's page count, the size of the tree.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any
from xml.etree import ElementTree as ET

from pkdesk.core.errors import InputError

MAX_FILE_BYTES = 50 * 2**20          # any document file
MAX_TEXT_CHARS = 20_000_000          # text of one document, all nodes
MAX_NODES = 20_000
MAX_DEPTH = 100                      # HTML/XML element nesting
MAX_PDF_PAGES = 2_000
MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_ENTRY_BYTES = 64 * 2**20     # one uncompressed zip entry we read
MAX_ZIP_RATIO = 200                  # uncompressed / compressed, per entry read
MAX_TITLE_CHARS = 200


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


