"""Add an entry to a finished PDF's document-information dictionary, as an incremental update.

Qt's QPdfWriter has setTitle/setAuthor/setCreator but no setSubject: the subject reached only
the XMP packet, and readers of the Info dictionary (``pdfinfo``, pypdf's ``metadata``, most
file managers) showed none. This module appends, after Qt's ``%%EOF``, a new revision of the
Info object (Qt's own entries, byte for byte, plus ``/Subject``), an xref section for it and a
trailer pointing back (``/Prev``) at Qt's: the standard way to amend a PDF, allowed by PDF/A-1,
and nothing Qt wrote is moved or changed.

Object boundaries come from Qt's classic xref table, never from scanning string contents.
When the file is not laid out as expected (a future Qt), ``None`` is returned and the caller
keeps Qt's file as it is: the subject is then in the XMP only, which PDF/A allows.
"""

from __future__ import annotations

import re

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"(\d+) (\d+)\s*\n")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_TRAILER_REF = rb"/%s\s+(\d+)\s+(\d+)\s+R"
_ID = re.compile(rb"/ID\s*\[[^\]]*\]")
_SIZE = re.compile(rb"/Size\s+(\d+)")


def pdf_text_string(text: str) -> bytes:
    """``text`` as a PDF hex string in UTF-16BE with a byte-order mark (any script, no escapes)."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _xref_offsets(pdf: bytes, at: int) -> dict[int, int] | None:
    """Object number -> byte offset of the objects in use, from the xref table at ``at``."""
    if not pdf.startswith(b"xref", at):
        return None                         # an xref stream: not what Qt writes
    pos = pdf.index(b"\n", at) + 1
    offsets: dict[int, int] = {}
    while True:
        head = _SUBSECTION.match(pdf, pos)
        if head is None:
            break
        first, count = int(head.group(1)), int(head.group(2))
        pos = head.end()
        for number in range(first, first + count):
            entry = _ENTRY.match(pdf, pos)
            if entry is None:
                return None
            if entry.group(3) == b"n":
                offsets[number] = int(entry.group(1))
            pos = entry.end()
            while pos < len(pdf) and pdf[pos] in b" \r\n":
                pos += 1
    return offsets or None


def with_info_entry(pdf: bytes, key: str, text: str) -> bytes | None:
    """``pdf`` with ``/key (text)`` added to its Info dictionary, or None if it cannot be."""
    end = _STARTXREF.search(pdf, max(0, len(pdf) - 64))
    if end is None:
        return None
    xref_at = int(end.group(1))
    trailer_at = pdf.rfind(b"trailer", xref_at)
    if trailer_at < 0:
        return None
    trailer = pdf[trailer_at:end.start()]
    info_ref = re.search(_TRAILER_REF % b"Info", trailer)
    root_ref = re.search(_TRAILER_REF % b"Root", trailer)
    size = _SIZE.search(trailer)
    offsets = _xref_offsets(pdf, xref_at)
    if info_ref is None or root_ref is None or size is None or offsets is None:
        return None
    info_number, info_gen = int(info_ref.group(1)), int(info_ref.group(2))
    start = offsets.get(info_number)
    if start is None:
        return None
    stop = min([o for o in offsets.values() if o > start] + [xref_at])
    obj = pdf[start:stop]
    body_start, body_end = obj.find(b"<<"), obj.rfind(b">>", 0, obj.rfind(b"endobj"))
    if not obj.startswith(b"%d %d obj" % (info_number, info_gen)) or body_start < 0 \
            or body_end <= body_start:
        return None
    name = b"/" + key.encode("ascii")
    body = obj[body_start + 2:body_end].rstrip(b"\r\n ")
    if re.search(re.escape(name) + rb"[\s(<]", body):
        return None                         # already there (a Qt that writes it itself)
    base = pdf if pdf.endswith(b"\n") else pdf + b"\n"
    update = b"%d %d obj\n<<%s\n%s %s\n>>\nendobj\n" % (
        info_number, info_gen, body, name, pdf_text_string(text))
    xref = (b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d %05d n \n"
            % (info_number, len(base), info_gen))
    id_entry = _ID.search(trailer)
    new_trailer = b"trailer\n<<\n/Size %s\n/Info %d %d R\n/Root %s %s R\n%s/Prev %d\n>>\n" % (
        size.group(1), info_number, info_gen, root_ref.group(1), root_ref.group(2),
        id_entry.group() + b"\n" if id_entry else b"", xref_at)
    new_xref_at = len(base) + len(update)
    return base + update + xref + new_trailer + b"startxref\n%d\n%%%%EOF\n" % new_xref_at
