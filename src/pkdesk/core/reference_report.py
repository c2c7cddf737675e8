"""What a reference booklet says: one node, or a node and its subtree, in reading order."""

from __future__ import annotations

from collections.abc import Sequence

from pkdesk.core.i18n import DEFAULT_LANGUAGE, translator
from pkdesk.core.reference import RefNode
from pkdesk.core.report import Block, FieldList, Heading, Paragraph, Report, TitleBlock, humanize
from pkdesk.core.report_labels import print_labels


def reference_report(nodes: Sequence[tuple[int, RefNode]], source_title: str,
                     author: str = "", lang: str = DEFAULT_LANGUAGE) -> Report:
    """``nodes`` is the subtree in reading order with each node's depth (0 = the root asked for).

    The reference text is English (verbatim from its source); only the fixed words around it
    follow ``lang``."""
    if not nodes:
        raise ValueError("a reference booklet needs at least one node")
    t = translator(lang)
    root = nodes[0][1]
    blocks: list[Block] = [
        TitleBlock(t("ref.kicker"), root.title,
                   t("ref.subtitle", source=source_title, node=root.id)),
    ]
    for i, (depth, node) in enumerate(nodes):
        if i:
            blocks.append(Heading(node.title, 1 if depth <= 1 else 2))
        if node.facts:
            blocks.append(FieldList(tuple((humanize(k), str(v)) for k, v in node.facts.items())))
        if not node.paragraphs:
            blocks.append(Paragraph(t("ref.no_text"), "muted"))
        blocks += [Paragraph(p) for p in node.paragraphs]
    count = len(nodes)
    subject = t("ref.subject", title=root.title, source=source_title) + \
        (" " + t.plural("ref.sections", count) if count > 1 else "")
    return Report(running_title=root.title, title=root.title, author=author, subject=subject,
                  blocks=tuple(blocks), running_note=source_title, labels=print_labels(lang))
