"""HTML read into blocks: block elements are paragraphs, h1-h6 headings; scripts and styles
are skipped, the nesting depth bounded."""

from __future__ import annotations

from html.parser import HTMLParser

from pkdesk.core.docimport.bounds import MAX_DEPTH
from pkdesk.core.docimport.model import Block
from pkdesk.core.errors import InputError


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

