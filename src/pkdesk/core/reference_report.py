"""What a reference booklet says: one node, or a node and its subtree, in reading order."""

from __future__ import annotations

from collections.abc import Sequence

from pkdesk.core.reference import RefNode
from pkdesk.core.report import Block, FieldList, Heading, Paragraph, Report, TitleBlock, humanize


def reference_report(nodes: Sequence[tuple[int, RefNode]], source_title: str,
                     author: str = "") -> Report:
    """``nodes`` is the subtree in reading order with each node's depth (0 = the root asked for)."""
    if not nodes:
        raise ValueError("a reference booklet needs at least one node")
    root = nodes[0][1]
    blocks: list[Block] = [
        TitleBlock("REFERENCE", root.title, f"{source_title} · node {root.id}"),
    ]
    for i, (depth, node) in enumerate(nodes):
        if i:
            blocks.append(Heading(node.title, 1 if depth <= 1 else 2))
        if node.facts:
            blocks.append(FieldList(tuple((humanize(k), str(v)) for k, v in node.facts.items())))
        if not node.paragraphs:
            blocks.append(Paragraph("This section has no text of its own.", "muted"))
        blocks += [Paragraph(p) for p in node.paragraphs]
    count = len(nodes)
    subject = (f"{root.title}, from {source_title}" +
               (f" ({count} sections)" if count > 1 else ""))
    return Report(running_title=root.title, title=root.title, author=author, subject=subject,
                  blocks=tuple(blocks), running_note=source_title)
