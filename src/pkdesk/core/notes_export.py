"""The user's own notes as one Markdown file: each note under its topic's title, with where
the topic sits in the handbook and the day the note was last written, in handbook order.

A note is the user's text and stays exactly that: every character Markdown would read as
markup is escaped, line breaks are kept, and control characters are shown as visible
symbols, so any Markdown viewer shows the note as it was typed. The CLI and the window
write it with ``store.output_guard.write_private_file``: atomically, owner-only (0600), and
never over the database, its side files, a backup, a FIFO or a folder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from pkdesk.core.i18n import translator
from pkdesk.core.reference import TreeEntry

PREVIEW_CHARS = 80
_SPECIALS = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&=^$\"'])")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class NoteEntry:
    node_id: str
    title: str
    place: tuple[str, ...]      # the titles above the topic, from the top of the handbook
    updated: datetime
    body: str


def preview(body: str, chars: int = PREVIEW_CHARS) -> str:
    """The note's first words on one line (at most ``chars`` characters, "…" if cut)."""
    text = " ".join(_visible(body).split())
    return text if len(text) <= chars else text[:chars - 1].rstrip() + "…"


def note_entries(roots: Sequence[str], tree: Mapping[str, TreeEntry],
                 notes: Mapping[str, tuple[str, datetime]]) -> list[NoteEntry]:
    """The notes in handbook order; a note on a topic no longer in the handbook comes last,
    under its node id."""
    order: list[str] = []
    stack = list(reversed(roots))
    while stack:
        node_id = stack.pop()
        order.append(node_id)
        entry = tree.get(node_id)
        if entry is not None:
            stack.extend(reversed(entry.children))
    known = [n for n in order if n in notes] + sorted(n for n in notes if n not in tree)
    out = []
    for node_id in known:
        body, updated = notes[node_id]
        entry = tree.get(node_id)
        place: list[str] = []
        parent = entry.parent if entry else None
        while parent is not None and parent in tree and len(place) < 50:
            place.append(tree[parent].title)
            parent = tree[parent].parent
        out.append(NoteEntry(node_id, entry.title if entry else node_id,
                             tuple(reversed(place)), updated, body))
    return out


def _visible(text: str) -> str:
    """Control and direction characters as visible symbols (␛ for ESC, U+FFFD otherwise)."""
    def show(match: re.Match[str]) -> str:
        code = ord(match.group())
        return chr(0x2400 + code) if code < 0x20 else "\N{SYMBOL FOR DELETE}" if code == 0x7f \
            else "\ufffd"
    return _CONTROLS.sub(show, text)


def markdown_literal(text: str) -> str:
    """``text`` as Markdown that reads back as exactly this text (one line)."""
    return _SPECIALS.sub(r"\\\1", _visible(text))


def _body(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    shown = [markdown_literal(line).replace("\t", "    ").strip() for line in lines]
    while shown and not shown[-1]:
        shown.pop()
    # A line break inside a paragraph is kept by a trailing backslash (CommonMark).
    out = []
    for i, line in enumerate(shown):
        nxt = shown[i + 1] if i + 1 < len(shown) else ""
        out.append(line + "\\" if line and nxt else line)
    return "\n".join(out)


def notes_markdown(entries: Sequence[NoteEntry], lang: str = "en") -> str:
    t = translator(lang)
    parts = [f"# {markdown_literal(t('notes.title'))}", ""]
    if not entries:
        parts += [markdown_literal(t("notes.none")), ""]
    for entry in entries:
        parts.append(f"## {markdown_literal(entry.title)}")
        parts.append("")
        where = " › ".join(entry.place) or t("notes.top")
        parts.append("*" + markdown_literal(t("notes.where", place=where,
                                               date=t.long_date(entry.updated.date()))) + "*")
        parts.append("")
        parts.append(_body(entry.body))
        parts.append("")
    return "\n".join(parts)
