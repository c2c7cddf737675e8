"""Documents of every importable kind, written by hand (zipfile + XML, raw PDF), for the
library tests and benchmarks/bench_library.py."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

# (heading level or None, text): the same document in every format.
RESOLUTION: list[tuple[int | None, str]] = [
    (1, "Resolution 2999 (2026)"),
    (None, "The Security Council,"),
    (None, "Recalling its previous resolutions on the situation and stressing the sécurité "
           "of civilians in the region,"),
    (None, "1. Decides to extend the mandate of the Mission until 31 December 2027;"),
    (None, "2. Requests the Secretary-General to report every ninety days on the protection "
           "of civilians;"),
    (2, "4 Operations"),
    (None, "4.1 Patrols"),
    (None, "4.1.1 Patrols shall be conducted daily in every sector. Night patrols require the "
           "approval of the sector commander."),
    (None, "4.2 Checkpoints"),
    (None, "4.2.1 Checkpoints are staffed by at least four personnel at all times."),
]


def text_doc(blocks: list[tuple[int | None, str]] = RESOLUTION, markdown: bool = False) -> bytes:
    lines = []
    for level, text in blocks:
        lines.append(("#" * level + " " + text) if level and markdown else text)
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def html_doc(blocks: list[tuple[int | None, str]] = RESOLUTION) -> bytes:
    body = "".join(f"<h{lv}>{escape(t)}</h{lv}>" if lv else f"<p>{escape(t)}</p>"
                   for lv, t in blocks)
    return (f"<!DOCTYPE html><html><head><title>x</title><style>p{{}}</style></head>"
            f"<body>{body}</body></html>").encode("utf-8")


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_doc(blocks: list[tuple[int | None, str]] = RESOLUTION) -> bytes:
    paras = []
    for level, text in blocks:
        style = f'<w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr>' if level else ""
        # Split the text in two runs: a reader must join runs without adding spaces.
        half = len(text) // 2
        paras.append(f"<w:p>{style}<w:r><w:t xml:space=\"preserve\">{escape(text[:half])}"
                     f"</w:t></w:r><w:r><w:t xml:space=\"preserve\">{escape(text[half:])}"
                     "</w:t></w:r></w:p>")
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{W}"><w:body>{"".join(paras)}</w:body></w:document>')
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": document.encode()})


T = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
O = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def odt_doc(blocks: list[tuple[int | None, str]] = RESOLUTION) -> bytes:
    paras = []
    for level, text in blocks:
        if level:
            paras.append(f'<text:h text:outline-level="{level}">{escape(text)}</text:h>')
        else:
            words = escape(text).split(" ", 1)
            rest = f"<text:s/>{words[1]}" if len(words) > 1 else ""
            paras.append(f"<text:p><text:span>{words[0]}</text:span>{rest}</text:p>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               f'xmlns:office="{O}" xmlns:text="{T}"><office:body><office:text>'
               f'{"".join(paras)}</office:text></office:body></office:document-content>')
    return _zip({"mimetype": b"application/vnd.oasis.opendocument.text",
                 "content.xml": content.encode()})


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def pdf_doc(pages: list[list[str]]) -> bytes:
    """A PDF with a text layer: each page's lines in Helvetica (Latin-1 text only)."""
    objects: list[bytes] = []
    n_pages = len(pages)
    font = 3
    first_page = 4
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        content_id = first_page + 2 * i + 1
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                       f"<< /Font << /F1 {font} 0 R >> >> /Contents {content_id} 0 R >>"
                       .encode())
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 800 Td"]
        for line in lines:
            ops.append(f"{_pdf_string(line)} Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def resolution_pdf() -> bytes:
    """RESOLUTION as a two-page PDF, paragraphs separated by blank lines."""
    page1: list[str] = []
    for _level, text in RESOLUTION[:5]:
        page1 += [text, ""]
    page2: list[str] = []
    for _level, text in RESOLUTION[5:]:
        page2 += [text, ""]
    return pdf_doc([page1, page2])


def zip_bomb_docx(mib: int = 1024) -> bytes:
    """A DOCX whose document.xml inflates to ``mib`` MiB of spaces (about 1 MiB per 1 kB)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            head = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode()
            fh.write(head)
            chunk = b" " * (1 << 20)
            for _ in range(mib):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()
