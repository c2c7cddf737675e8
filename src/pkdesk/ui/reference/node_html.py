"""The HTML a reference node is shown as. Every piece of text is escaped before it is wrapped.

No Qt here: the reading pane passes in the palette's highlight colours, so the page follows
the system's light or dark theme.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pkdesk.core.highlight import Span, quote_span, split_by_spans, term_spans
from pkdesk.core.i18n import DEFAULT_LANGUAGE, translator
from pkdesk.core.reference import NodeDetail
from pkdesk.ui.common.plain_tip import escape   # html.escape, without importing html

NODE_SCHEME = "pkdesk"
NODE_PREFIX = "pkdesk:node/"
HIGHLIGHT_ANCHOR = "pkdesk-highlight"

FACT_KEYS = ("mission", "country", "start_year", "organisation")   # labelled ui.node.fact_*


def node_url(node_id: str) -> str:
    return NODE_PREFIX + node_id


def node_id_from_url(url: str) -> str | None:
    """The node id of an in-app link; None for anything else (those are never followed)."""
    if not url.startswith(NODE_PREFIX):
        return None
    node_id = url[len(NODE_PREFIX):]
    return node_id or None


@dataclass(frozen=True)
class Colours:
    highlight_bg: str = "#ffd54f"
    highlight_fg: str = "#000000"
    muted: str = "#666666"


@dataclass(frozen=True)
class Page:
    html: str
    quote_found: bool      # False when a quote was asked for and is not in the node
    highlights: int        # how many runs are highlighted


class _Marker:
    """Escapes runs of text, wrapping highlighted ones; the first gets the scroll anchor."""

    def __init__(self, colours: Colours) -> None:
        self.style = f"background-color:{colours.highlight_bg};color:{colours.highlight_fg}"
        self.count = 0

    def render(self, text: str, spans: Sequence[Span]) -> str:
        out: list[str] = []
        for piece, marked in split_by_spans(text, spans):
            escaped = escape(piece)
            if not marked:
                out.append(escaped)
                continue
            anchor = f'<a name="{HIGHLIGHT_ANCHOR}"></a>' if self.count == 0 else ""
            out.append(f'{anchor}<span style="{self.style}">{escaped}</span>')
            self.count += 1
        return "".join(out)


def render_node(detail: NodeDetail, title_of: Callable[[str], str], *,
                quote: str | None = None, terms: Sequence[str] = (),
                colours: Colours = Colours(), lang: str = DEFAULT_LANGUAGE) -> Page:
    """`quote` marks one verbatim passage (the first paragraph holding it); `terms` mark every
    word that starts with one of them (already folded, as `core.highlight.search_terms` gives).
    ``lang`` sets the page's own few words; the node's text is the reference's, in English."""
    t = translator(lang)
    node = detail.node
    marker = _Marker(colours)
    quote_found = quote is None
    muted = f'style="color:{colours.muted}"'

    def spans_in(text: str) -> list[Span]:
        nonlocal quote_found
        spans = term_spans(text, terms)
        if quote and not quote_found:
            found = quote_span(text, quote)
            if found:
                spans.append(found)
                quote_found = True
        return spans

    parts = [f"<h2>{marker.render(node.title, term_spans(node.title, terms))}</h2>",
             f"<p {muted}><i>{escape(t('ui.node.source', source=detail.source_title))}"
             "</i></p>"]
    if node.facts:
        def fact(key: str) -> str:
            return t(f"ui.node.fact_{key}") if key in FACT_KEYS \
                else key.replace("_", " ").capitalize()

        rows = "".join(
            f"<tr><td {muted}>{escape(fact(k))}"
            f"&nbsp;&nbsp;</td><td>{escape(str(v))}</td></tr>"
            for k, v in node.facts.items())
        parts.append(f'<table cellspacing="0" cellpadding="2">{rows}</table>')
    bullets: list[str] = []
    for paragraph in node.paragraphs:
        if paragraph.startswith("- "):
            bullets.append(f"<li>{marker.render(paragraph[2:], spans_in(paragraph[2:]))}</li>")
            continue
        if bullets:
            parts.append("<ul>" + "".join(bullets) + "</ul>")
            bullets = []
        parts.append(f"<p>{marker.render(paragraph, spans_in(paragraph))}</p>")
    if bullets:
        parts.append("<ul>" + "".join(bullets) + "</ul>")
    if node.see_also:
        links = ", ".join(f'<a href="{escape(node_url(target), quote=True)}">'
                          f"{escape(title_of(target))}</a>" for target in node.see_also)
        parts.append(f"<p><b>{escape(t('ui.node.see_also'))}</b> {links}</p>")
    return Page("\n".join(parts), quote_found, marker.count)
