"""What every CLI command prints through: text made safe for a terminal, JSON, and what the
read-only commands print (`plan list`, `plan history`, `reference`, `search`).

Imported by the read-only commands' quick path (``cli.fastread``) before anything else, so
it imports nothing at load (not ``re``, ``json`` or ``typing``: each costs milliseconds on a
command whose query takes a few).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, TextIO

    from pkdesk.core.record import TreeEntry
    from pkdesk.core.search import SearchHit
    from pkdesk.store.queries import PlanSummary, RevisionInfo


# Text that reaches a terminal: control characters (C0, DEL, C1) would let a title, an author
# or a rule pack move the cursor, retitle the window or write the clipboard (OSC 52), and a
# bidi embedding, override or isolate (U+202A-U+202E, U+2066-U+2069) reverses what follows it.
# They are shown visibly instead, as Python writes them (``\x1b``, ``\u202e``), wherever the
# text comes from (a file, the database, an argument, a message). In a one-line field a line
# break is shown as ``\n`` too, so it cannot forge an extra line of output.
UNSAFE_CODES = (*range(0x00, 0x20), *range(0x7f, 0xa0), *range(0x202a, 0x202f),
                *range(0x2066, 0x206a))
_NAMED = {0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t"}


def _shown(code: int) -> str:
    named = _NAMED.get(code)
    if named is not None:
        return named
    return f"\\x{code:02x}" if code <= 0xff else f"\\u{code:04x}"


_ONE_LINE = {code: _shown(code) for code in UNSAFE_CODES}
_MULTI_LINE = {code: shown for code, shown in _ONE_LINE.items() if code not in (0x09, 0x0a)}


def terminal_text(text: object, *, multiline: bool = False) -> str:
    """``text`` safe to print: control and bidi characters shown as ``\\x1b``/``\\u202e``;
    ``multiline`` keeps line breaks and tabs (for output that is several lines by design)."""
    text = str(text)
    # Most text has nothing to show visibly: ``isprintable`` is False for every code above
    # (categories Cc and Cf) and answers in C, where ``translate`` with a dict looks up every
    # character in Python (0.18 s of a 10,000-plan `plan list`). Text it is False for (a line
    # break, a no-break space) is translated as before.
    if (text.replace("\n", "").replace("\t", "") if multiline else text).isprintable():
        return text
    return text.translate(_MULTI_LINE if multiline else _ONE_LINE)


def echo(*parts: object, sep: str = " ", file: TextIO | None = None) -> None:
    """print() for every CLI text writer: the lines it builds (fields already one-line via
    ``terminal_text``) go out with every other control character made visible."""
    stream = sys.stdout if file is None else file
    stream.write(terminal_text(sep.join(str(p) for p in parts), multiline=True) + "\n")


def print_json(obj: Any) -> None:
    import json

    # JSON escapes control characters itself; allow_nan=False: never write Infinity or NaN.
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False) + "\n")


def robust_streams() -> None:
    """UTF-8 out, and any character that cannot be written (a lone surrogate from an argument
    that was not UTF-8) written as a backslash escape instead of a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")


def show_plans(plans: Sequence[PlanSummary], output_format: str) -> None:
    """`pkdesk plan list`'s output."""
    if output_format == "json":
        print_json([{"id": p.id, "uid": p.uid, "title": p.title, "revision": p.revision,
                     "updated_at": p.updated_at.isoformat(timespec="seconds"),
                     "parent_uid": p.parent_uid} for p in plans])
    elif not plans:
        echo("no plans")
    else:
        echo("\n".join(f"{p.id:>4}  r{p.revision:<3} {p.updated_at:%Y-%m-%d %H:%M}  "
                       f"{terminal_text(p.title)}" for p in plans))


def show_revisions(revisions: Sequence[RevisionInfo], output_format: str) -> None:
    """`pkdesk plan history`'s output."""
    if output_format == "json":
        print_json([{"number": r.number, "author": r.author,
                     "created_at": r.created_at.isoformat(timespec="seconds"),
                     "summary": r.summary} for r in revisions])
    else:
        for r in revisions:
            who = f"  {terminal_text(r.author)}" if r.author else ""
            echo(f"r{r.number:<4} {r.created_at:%Y-%m-%d %H:%M}{who}  {terminal_text(r.summary)}")


def show_tree(roots: Sequence[str], entries: dict[str, TreeEntry], output_format: str) -> None:
    """`pkdesk reference`'s output: the whole tree."""
    def as_dict(node_id: str) -> dict[str, Any]:
        e = entries[node_id]
        return {"id": e.id, "title": e.title, "children": [as_dict(c) for c in e.children]}

    tree = [as_dict(r) for r in roots]
    if output_format == "json":
        print_json(tree)
    else:
        def show(items: list[dict[str, Any]], depth: int) -> None:
            for item in items:
                echo(f"{'  ' * depth}{terminal_text(item['id'])}  {terminal_text(item['title'])}")
                show(item["children"], depth + 1)
        show(tree, 0)


def show_hits(hits: Sequence[SearchHit], query: str, output_format: str) -> None:
    """`pkdesk search`'s output."""
    if output_format == "json":
        print_json([{"id": h.id, "title": h.title, "snippet": h.plain_snippet(),
                     "highlights": [list(span) for span in h.highlights()],
                     "score": h.score, "kind": h.kind} for h in hits])
    else:
        if not hits:
            echo(f"no matches for {query!r}")
        for h in hits:
            echo(f"{h.score:8.3f}  {'note: ' if h.kind == 'note' else ''}{terminal_text(h.id)}  "
                 f"{terminal_text(h.title)}\n          {terminal_text(h.snippet_marked())}")
