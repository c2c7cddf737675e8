"""A PDF's text layer read into blocks, with pypdf (pure Python, BSD), its pages bounded."""

from __future__ import annotations

import io
from typing import Any

from pkdesk.core.docimport.bounds import MAX_PDF_PAGES, MAX_TEXT_CHARS
from pkdesk.core.docimport.model import Block
from pkdesk.core.docimport.text import text_blocks
from pkdesk.core.errors import InputError


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

