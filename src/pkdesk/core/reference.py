"""The reference corpus: its file format and the tree it describes (no Qt, no database)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pkdesk.core.errors import InputError
from pkdesk.core.inputfile import open_regular
from pkdesk.core.record import TreeEntry as TreeEntry

CORPUS_FORMAT = "pkdesk.corpus"
CORPUS_VERSION = 1
MAX_CORPUS_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    file: str = ""


@dataclass(frozen=True)
class RefNode:
    id: str
    title: str
    kind: str
    parent: str | None
    paragraphs: tuple[str, ...]
    source: str
    facts: dict[str, Any] = field(default_factory=dict)
    see_also: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class NodeDetail:
    node: RefNode
    source_title: str


@dataclass(frozen=True)
class Corpus:
    source: Source
    nodes: tuple[RefNode, ...]
    checksum: str

    def by_id(self) -> dict[str, RefNode]:
        return {n.id: n for n in self.nodes}


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{where}: expected a string, got {type(value).__name__}")
    return value


def parse_corpus(raw: bytes, name: str = "corpus") -> Corpus:
    """Parse and validate a corpus file's bytes; parents must precede their children."""
    import hashlib      # here: the window's first paint imports this module, not hashlib

    if len(raw) > MAX_CORPUS_BYTES:
        raise InputError(f"{name}: corpus file is larger than {MAX_CORPUS_BYTES // 2**20} MiB")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputError(f"{name}: not a JSON corpus file ({exc.__class__.__name__})") from None
    if not isinstance(doc, dict) or doc.get("format") != CORPUS_FORMAT:
        raise InputError(f"{name}: 'format' must be {CORPUS_FORMAT!r}")
    if doc.get("version") != CORPUS_VERSION:
        raise InputError(f"{name}: 'version' must be {CORPUS_VERSION}")
    src = doc.get("source")
    if not isinstance(src, dict):
        raise InputError(f"{name}: 'source' must be an object")
    source = Source(_str(src.get("id"), f"{name}: source.id"),
                    _str(src.get("title"), f"{name}: source.title"),
                    str(src.get("file", "")))
    nodes: list[RefNode] = []
    seen: set[str] = set()
    raw_nodes = doc.get("nodes")
    if not isinstance(raw_nodes, list):
        raise InputError(f"{name}: 'nodes' must be a list")
    for i, item in enumerate(raw_nodes):
        where = f"{name}: nodes[{i}]"
        if not isinstance(item, dict):
            raise InputError(f"{where}: expected an object")
        node_id = _str(item.get("id"), f"{where}.id")
        parent = item.get("parent")
        if parent is not None and parent not in seen:
            raise InputError(f"{where}.parent: unknown or later node {parent!r}")
        if node_id in seen:
            raise InputError(f"{where}.id: duplicate id {node_id!r}")
        paragraphs = item.get("paragraphs", [])
        if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
            raise InputError(f"{where}.paragraphs: expected a list of strings")
        facts = item.get("facts", {})
        if not isinstance(facts, dict):
            raise InputError(f"{where}.facts: expected an object")
        see_also = item.get("see_also", [])
        if not isinstance(see_also, list) or not all(isinstance(s, str) for s in see_also):
            raise InputError(f"{where}.see_also: expected a list of node ids")
        seen.add(node_id)
        nodes.append(RefNode(
            id=node_id, title=_str(item.get("title"), f"{where}.title"),
            kind=str(item.get("kind", "section")), parent=parent,
            paragraphs=tuple(paragraphs), source=source.id, facts=facts,
            see_also=tuple(see_also)))
    return Corpus(source, tuple(nodes), hashlib.sha256(raw).hexdigest())


def load_corpus(path: Path) -> Corpus:
    try:
        with open_regular(path, "corpus file") as fh:
            raw = fh.read(MAX_CORPUS_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read corpus {path}: {exc.strerror}") from None
    return parse_corpus(raw, path.name)


def shipped_corpora(folder: Path | None = None) -> list[Corpus]:
    """Every corpus file in `folder` (default: the shipped resources/reference), read now."""
    if folder is None:
        from pkdesk.paths import resources_dir

        folder = resources_dir() / "reference"
    return [load_corpus(p) for p in sorted(folder.glob("*.json"))]


@lru_cache(maxsize=1)
def shipped_nodes() -> tuple[RefNode, ...]:
    """Every node of the shipped corpora, read once a process: what rules cite and what
    ``pkdesk check`` names citations by, without a database."""
    return tuple(n for corpus in shipped_corpora() for n in corpus.nodes)
