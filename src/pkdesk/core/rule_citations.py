"""A rule's citations, checked when its pack loads: each quotes a node of the shipped reference
verbatim (``{"node": id, "quote": text}``), or a node of one of the user's libraries
(``{"library": title, "node": label, "quote": text}``, an optional ``"edition"`` matching
the library's). A quote that is not verbatim is refused with where it stops matching.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pkdesk.core.errors import InputError
from pkdesk.core.findings import Citation
from pkdesk.core.plan.values import check_controls
from pkdesk.core.reference import shipped_nodes


@dataclass(frozen=True)
class CitedLibrary:
    """An imported library as a rule pack may cite it: label -> text, label -> node id."""

    title: str
    edition: str
    texts: Mapping[str, str]
    node_ids: Mapping[str, str]

    def cited_as(self) -> str:
        return f"{self.title}, {self.edition}" if self.edition else self.title


# Finds a library by the title a citation names; None when there is no such library.
LibraryLookup = Callable[[str], "CitedLibrary | None"]


@lru_cache(maxsize=1)
def shipped_reference() -> Mapping[str, str]:
    """Node id -> text of every node in the shipped reference corpora (what rules may cite)."""
    return {n.id: n.text for n in shipped_nodes()}


@dataclass(frozen=True)
class CitationSources:
    """What a pack's citations are checked against: the shipped reference (node id -> text)
    and, for those naming a library, the libraries."""

    handbook: Mapping[str, str]
    libraries: LibraryLookup | None


def parse_citations(value: Any, where: str, refs: CitationSources) -> tuple[Citation, ...]:
    if not isinstance(value, list) or not value:
        raise InputError(f"{where}: expected at least one citation {{\"node\", \"quote\"}}")
    cites = []
    for i, cite in enumerate(value):
        at = f"{where}[{i}]"
        if isinstance(cite, dict) and "library" in cite:
            cites.append(_library_cite(cite, at, refs.libraries))
            continue
        if (not isinstance(cite, dict) or set(cite) != {"node", "quote"}
                or not all(isinstance(v, str) and v.strip() for v in cite.values())):
            raise InputError(f"{at}: expected {{\"node\": id, \"quote\": text}}")
        node = check_controls(cite["node"], f"{at}.node", multiline=False)
        quote = check_controls(cite["quote"], f"{at}.quote", multiline=True)
        text = refs.handbook.get(node)
        if text is None:
            raise InputError(f"{at}.node: no reference node {node!r:.80} (a citation "
                             "names a node of the shipped reference, e.g. principles.consent)")
        if quote not in text:
            raise InputError(f"{at}.quote: not verbatim in reference node {node}; "
                             f"{_first_difference(quote, text)}")
        cites.append(Citation(node, quote))
    return tuple(cites)


def _library_cite(cite: dict[str, Any], at: str, libraries: LibraryLookup | None) -> Citation:
    keys = set(cite)
    if not {"library", "node", "quote"} <= keys <= {"library", "edition", "node", "quote"} or \
            not all(isinstance(v, str) for v in cite.values()) or \
            not cite["library"].strip() or not cite["quote"].strip():
        raise InputError(f"{at}: expected {{\"library\": title, \"node\": label, "
                         "\"quote\": text}} (and optionally \"edition\")")
    title = check_controls(cite["library"], f"{at}.library", multiline=False)
    label = check_controls(cite["node"], f"{at}.node", multiline=False)
    quote = check_controls(cite["quote"], f"{at}.quote", multiline=True)
    library = libraries(title) if libraries is not None else None
    if library is None:
        raise InputError(f"{at}.library: no library titled {title!r:.80} in this reference "
                         "(import the document first, or the doctrine pack that holds it)")
    edition = cite.get("edition")
    if edition is not None and edition != library.edition:
        raise InputError(f"{at}.edition: {title!r:.60} is edition {library.edition!r:.40} "
                         f"here, not {edition!r:.40}")
    text = library.texts.get(label)
    if text is None:
        raise InputError(f"{at}.node: no node {label!r:.80} in library {title!r:.60}")
    if quote not in text:
        raise InputError(f"{at}.quote: not verbatim in {title!r:.60} node {label!r:.40}; "
                         f"{_first_difference(quote, text)}")
    return Citation(library.node_ids[label], quote, library.cited_as())


def _first_difference(quote: str, text: str) -> str:
    """Where a quote stops matching its node: the longest leading run of its words found in
    the node's text, and the words that follow it (shown quoted, escapes visible)."""
    words = quote.split(" ")
    low, high = 0, len(words)           # words[:low] is in text; words[:high+1] is not
    while low < high:
        middle = (low + high + 1) // 2
        if " ".join(words[:middle]) in text:
            low = middle
        else:
            high = middle - 1
    rest = " ".join(words[low:low + 6]) + (" …" if len(words) > low + 6 else "")
    shown = ascii(rest)[:100] if not rest.isprintable() else repr(rest)[:100]
    if low == 0:
        return f"its first words are not in the node's text: {shown}"
    return f"the first {low} word{'s' if low > 1 else ''} match; it differs from: {shown}"

