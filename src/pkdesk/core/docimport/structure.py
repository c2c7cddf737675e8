"""The structure found in a document's blocks: explicit headings, numbered sections
("4.2.1 Patrols"), numbered and operative paragraphs ("3. Decides ...", "OP 3 ..."), nested
into a tree of nodes. Text is kept verbatim: every block is in exactly one node."""

from __future__ import annotations

import re

from pkdesk.core.docimport.bounds import MAX_NODES, MAX_TITLE_CHARS
from pkdesk.core.docimport.model import Block, DocNode
from pkdesk.core.errors import InputError

_NUMBERED = re.compile(r"(\d{1,3}(?:\.\d{1,3})+)\.?\s+(\S.*)", re.DOTALL)   # 4.2.1 Title
_TOP_NUMBERED = re.compile(r"(?:OP\s*)?(\d{1,4})\.\s+(\S.*)", re.DOTALL)    # 3. Decides
_OP = re.compile(r"OP\s*(\d{1,4})\b\.?\s*(.*)", re.DOTALL)                  # OP 3 Decides
_HEADING_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{1,3})*)\.?\s+\S")                # 4 Operations


def starts_numbered_block(line: str) -> bool:
    """A line that starts a numbered section or paragraph (and so a new block)."""
    return bool(_NUMBERED.match(line) or _TOP_NUMBERED.match(line) or _OP.match(line))


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
