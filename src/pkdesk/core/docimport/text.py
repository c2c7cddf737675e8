"""Plain text and Markdown read into blocks (also the text layer of a PDF)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pkdesk.core.docimport.model import Block
from pkdesk.core.docimport.structure import starts_numbered_block

_ATX = re.compile(r"(#{1,6})\s+(.*?)\s*#*\s*")
_SETEXT = re.compile(r"(=+|-+)\s*")


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
        if current and starts_numbered_block(line):
            yield Block(" ".join(current))
            current = []
        current.append(line)
    if current:
        yield Block(" ".join(current))

