"""Gather from the reference library what a document quotes: cited nodes, or a node's subtree."""

from __future__ import annotations

from collections.abc import Iterable

from pkdesk.core.errors import NotFoundError
from pkdesk.core.plan.report import CitedNode
from pkdesk.core.reference import RefNode
from pkdesk.store.reference_repo import ReferenceRepository


def cited_nodes(repo: ReferenceRepository, node_ids: Iterable[str]) -> dict[str, CitedNode]:
    """The nodes that exist in this library, by id; a missing one is quoted from the finding."""
    out: dict[str, CitedNode] = {}
    for node_id in node_ids:
        try:
            detail = repo.node(node_id)
        except NotFoundError:
            continue
        n = detail.node
        out[node_id] = CitedNode(n.id, n.title, detail.source_title, n.paragraphs)
    return out


def subtree(repo: ReferenceRepository, node_id: str, with_children: bool) -> tuple[list[tuple[int, RefNode]], str]:
    """The node (and, if asked, its descendants in reading order) with depths, and its source title."""
    root = repo.node(node_id)
    nodes = [(0, root.node)]
    if with_children:
        _roots, entries = repo.tree()

        def walk(parent: str, depth: int) -> None:
            for child in entries[parent].children:
                nodes.append((depth, repo.node(child).node))
                walk(child, depth + 1)

        walk(node_id, 1)
    return nodes, root.source_title
