"""The reading pane: one reference node as a page; in-app links only, nothing external."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from pkdesk.core.reference import NodeDetail
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.common.qt_values import set_enum
from pkdesk.ui.reference.node_html import HIGHLIGHT_ANCHOR, Colours, Page, node_id_from_url, render_node
from pkdesk.ui.common.theme import mark_colours

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QUrl


class ReadingPane(QTextBrowser):
    node_link_activated = Signal(str)
    """A `pkdesk:node/ID` link was clicked; the owner decides how to navigate."""

    def __init__(self, title_of: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title_of = title_of
        self.node_id: str | None = None
        self._shown: tuple[NodeDetail, str | None, tuple[str, ...]] | None = None
        self.setObjectName("readingPane")
        self.setAccessibleName(tr("ui.reading.name"))
        # Never let Qt follow a link by itself (it would try to load or open it).
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        # Keyboard users can select and copy a passage too, and Tab still walks the links.
        set_enum(self, "textInteractionFlags", "TextBrowserInteraction|TextSelectableByKeyboard")
        self.document().setDocumentMargin(16)
        self.setPlaceholderText(tr("ui.reading.placeholder"))

    def show_detail(self, detail: NodeDetail, *, highlight: str | None = None,
                    terms: Sequence[str] = ()) -> Page:
        """Show a node; `highlight` marks a verbatim passage, `terms` the searched words.
        The view scrolls to the first highlighted run."""
        page = render_node(detail, self._title_of, quote=highlight, terms=terms,
                           colours=self._colours(), lang=ui_language())
        self.node_id = detail.node.id
        self._shown = (detail, highlight, tuple(terms))
        self.setHtml(page.html)
        if page.highlights:
            self.scrollToAnchor(HIGHLIGHT_ANCHOR)
        else:
            self.verticalScrollBar().setValue(0)
        return page

    def clear_page(self) -> None:
        self.node_id = None
        self._shown = None
        self.clear()

    def finish_start(self) -> None:
        """Watch for a new palette, right after the window's first paint (as the window
        calls it): a `changeEvent` override would receive the first paint's events in Python,
        which makes PySide set up its ~50 event classes (~4 ms); before the first paint the
        palette does not change."""
        if self.findChild(_PaletteWatch) is None:
            self.installEventFilter(_PaletteWatch(self))

    def palette_changed(self) -> None:
        """The highlight colours come from the palette: redraw for a new light/dark theme."""
        if self._shown is None:
            return
        detail, highlight, terms = self._shown
        scroll = self.verticalScrollBar().value()
        self.setHtml(render_node(detail, self._title_of, quote=highlight, terms=terms,
                                 colours=self._colours(), lang=ui_language()).html)
        self.verticalScrollBar().setValue(scroll)

    def loadResource(self, type: int, name: QUrl | str) -> object:  # noqa: A002
        # The page holds no images or style sheets; refuse to fetch anything it names.
        return None

    def _colours(self) -> Colours:
        pal = self.palette()
        background, text = mark_colours(pal)
        return Colours(highlight_bg=background, highlight_fg=text,
                       muted=pal.color(QPalette.ColorRole.PlaceholderText).name())

    def _on_anchor(self, url: QUrl) -> None:
        node_id = node_id_from_url(url.toString())
        if node_id is not None:
            self.node_link_activated.emit(node_id)


class _PaletteWatch(QObject):
    """`ReadingPane.palette_changed` on each PaletteChange the pane receives."""

    def __init__(self, pane: ReadingPane) -> None:
        super().__init__(pane)
        self._pane = pane

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent

        if watched is self._pane and event.type() == QEvent.Type.PaletteChange:
            self._pane.palette_changed()
        return False
