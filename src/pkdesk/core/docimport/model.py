"""What an imported document is: blocks read from a file, and the tree of nodes they become."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    text: str
    level: int | None = None    # an explicit heading's level, 1-6


@dataclass
class DocNode:
    label: str                  # unique in the document: "4.2.1", "OP 3", "h2", "" (the root)
    title: str
    kind: str                   # library, section, paragraph
    parent: str | None          # parent's label
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class ImportedDocument:
    title: str
    language: str
    kind: str                   # text, markdown, html, docx, odt, pdf
    file_name: str
    nodes: list[DocNode]        # the root first; parents before children

    def outline(self, max_lines: int = 2000) -> list[str]:
        """The detected tree as indented plain lines (the preview shown before adding)."""
        depth: dict[str, int] = {}
        lines: list[str] = []
        for node in self.nodes:
            d = 0 if node.parent is None else depth[node.parent] + 1
            depth[node.label] = d
            if len(lines) < max_lines:
                lines.append(f"{'  ' * d}{node.title}")
        return lines

