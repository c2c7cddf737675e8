"""The reading pane's HTML: escaped text, lists, facts, links and highlighting (no Qt needed)."""

from pkdesk.core.reference import NodeDetail, RefNode
from pkdesk.core.search import MARK_END, MARK_START
from pkdesk.ui.reference.node_html import HIGHLIGHT_ANCHOR, node_id_from_url, node_url, render_node
from pkdesk.ui.reference.search_results import snippet_html


def _detail(**kw: object) -> NodeDetail:
    fields: dict[str, object] = dict(id="n", title="Title", kind="section", parent=None,
                                     paragraphs=(), source="src")
    fields.update(kw)
    return NodeDetail(RefNode(**fields), "Source <i>doc</i>")  # type: ignore[arg-type]


def test_every_text_is_escaped() -> None:
    detail = _detail(title="<b>T</b>", paragraphs=("a <script>x</script> & b", "- <li>item"),
                     facts={"mission": "<u>M</u>"}, see_also=("x",))
    page = render_node(detail, lambda _id: "<img src=x>")
    assert "<b>T</b>" not in page.html and "&lt;b&gt;T&lt;/b&gt;" in page.html
    assert "&lt;script&gt;" in page.html and "&amp; b" in page.html
    assert "&lt;li&gt;item" in page.html and "&lt;u&gt;M&lt;/u&gt;" in page.html
    assert "Source &lt;i&gt;doc&lt;/i&gt;" in page.html and "&lt;img src=x&gt;" in page.html
    assert "<script" not in page.html and "<img" not in page.html


def test_dash_paragraphs_become_one_list_and_links_use_the_app_scheme() -> None:
    detail = _detail(paragraphs=("Key aspects:", "- one", "- two", "After."),
                     see_also=("principles.consent",))
    page = render_node(detail, {"principles.consent": "Consent"}.get)  # type: ignore[arg-type]
    assert page.html.count("<ul>") == 1
    assert "<li>one</li><li>two</li></ul>" in page.html
    assert '<a href="pkdesk:node/principles.consent">Consent</a>' in page.html
    assert node_id_from_url(node_url("a.b")) == "a.b"
    assert node_id_from_url("http://example.org/pkdesk:node/a") is None
    assert node_id_from_url("pkdesk:node/") is None


def test_facts_are_shown_with_labels() -> None:
    page = render_node(_detail(facts={"start_year": 1948, "organisation": "United Nations"}),
                       str)
    assert "Start year" in page.html and "1948" in page.html and "Organisation" in page.html


def test_quote_is_marked_once_with_the_scroll_anchor() -> None:
    detail = _detail(paragraphs=("First with consent.", "Without consent, missions risk."))
    page = render_node(detail, str, quote="Without  consent,\nmissions")
    assert page.quote_found and page.highlights == 1
    assert f'<a name="{HIGHLIGHT_ANCHOR}"></a><span style=' in page.html
    assert ">Without consent, missions</span> risk." in page.html
    missing = render_node(detail, str, quote="not there")
    assert not missing.quote_found and missing.highlights == 0
    assert render_node(detail, str).quote_found  # no quote asked: nothing is missing


def test_terms_mark_every_matching_word_and_keep_markup_literal() -> None:
    detail = _detail(title="Impartiality", paragraphs=("<b>impartial</b> and partial",))
    page = render_node(detail, str, terms=("impart",))
    assert page.highlights == 2
    assert "&lt;b&gt;<span" in page.html and ">impartial</span>&lt;/b&gt;" in page.html


def test_snippet_is_escaped_before_the_markers_become_highlighting() -> None:
    html = snippet_html(f"a <b>{MARK_START}impart{MARK_END}</b>", "X")
    assert html == 'a &lt;b&gt;<span style="X">impart</span>&lt;/b&gt;'
