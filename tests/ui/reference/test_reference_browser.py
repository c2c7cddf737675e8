"""The reference browser as a user drives it: tree, search, history, links (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.ui.window.main_window import MainWindow
from pkdesk.ui.window.link_guard import guard_of_application
from tests.ui.reference_helpers import highlighted_runs, open_window

IMPARTIALITY = "principles.impartiality"


def _click_text(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Click in the middle of `text` as it appears in the reading pane."""
    pane = window.reference.reading
    found = pane.document().find(text)
    assert not found.isNull(), f"{text!r} is not on the page"
    cursor = QTextCursor(pane.document())
    cursor.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    pane.ensureCursorVisible()
    rect = pane.cursorRect(cursor)
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(1, 0))


def test_window_opens_with_the_tree_filled(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    assert "pkdesk" in window.windowTitle()
    tree = window.reference.side.tree
    assert tree.model().rowCount() == 14
    assert window.reference.current_node == "introduction"
    assert "The intricate relationship" in window.reference.reading.toPlainText()
    assert not window.reference.back_action.isEnabled()


def test_clicking_a_tree_node_shows_its_text(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    tree = window.reference.side.tree
    index = window.reference.tree_model.index_of("principles")
    tree.expand(index)
    child = window.reference.tree_model.index_of("principles.consent")
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualRect(child).center())
    assert window.reference.current_node == "principles.consent"
    assert "Consent of the parties refers to" in window.reference.reading.toPlainText()
    assert "Consent" in window.windowTitle() and "pkdesk" in window.windowTitle()
    # Keyboard: the arrow keys move through the tree and the pane follows.
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert window.reference.current_node == "principles.impartiality-and-non-use-of-force"


def test_search_shows_hits_while_typing_and_opens_one_highlighted(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    page = window.reference
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.field.hasFocus()
    assert page.search.field.placeholderText()
    qtbot.keyClicks(page.search.field, "impa")  # before the word is finished
    qtbot.waitUntil(lambda: page.search.model.rowCount() > 0, timeout=2000)
    ids = [hit.id for hit in page.search.model.hits()]
    assert ids[0] == IMPARTIALITY
    assert page.side.currentWidget() is page.search
    qtbot.keyClick(page.search.field, Qt.Key.Key_Return)
    assert page.current_node == IMPARTIALITY
    runs = highlighted_runs(page.reading.document())
    assert "Impartiality" in runs and "impartial" in runs
    assert all(run.casefold().startswith("impa") for run in runs), runs


def test_escape_clears_the_search_and_an_empty_result_says_so(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    search = window.reference.search
    search.field.setFocus()
    qtbot.keyClicks(search.field, "<b>zzqx</b>")
    qtbot.waitUntil(lambda: search.query == "<b>zzqx</b>", timeout=2000)
    assert search.model.rowCount() == 0
    assert search.status.text() == "No matches for “<b>zzqx</b>”."
    assert search.status.textFormat() == Qt.TextFormat.PlainText
    qtbot.keyClick(search.field, Qt.Key.Key_Escape)
    assert search.field.text() == "" and search.query == ""
    assert window.reference.side.currentWidget() is window.reference.side.tree


def test_back_and_forward_walk_the_history(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    page = window.reference
    for node_id in ("principles", "principles.consent", "diplomacy"):
        page.show_node(node_id)
    assert page.back_action.isEnabled() and not page.forward_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.current_node == "principles.consent"
    assert page.forward_action.isEnabled()
    page.back_action.trigger()
    assert page.current_node == "principles"
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.current_node == "principles.consent"
    page.forward_action.trigger()
    assert page.current_node == "diplomacy"
    assert not page.forward_action.isEnabled()
    # Going back does not add steps; visiting after going back drops the forward ones.
    page.back_action.trigger()
    page.show_node("conclusion")
    assert not page.forward_action.isEnabled()
    page.back_action.trigger()
    assert page.current_node == "principles.consent"


def test_a_corpus_link_navigates_in_the_app(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    page = window.reference
    page.show_node(IMPARTIALITY)
    _click_text(qtbot, window, "Third-Party Mediation")
    assert page.current_node == "negotiation.third-party-mediation"
    assert page.back_action.isEnabled()


class _OpenRecorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def record(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_an_external_link_is_never_followed(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    page = window.reference
    page.show_node(IMPARTIALITY)
    recorder = _OpenRecorder()
    for scheme in ("http", "https", "file"):
        QDesktopServices.setUrlHandler(scheme, recorder, "record")
    try:
        cursor = page.reading.document().find("See also:")
        cursor.insertHtml('<a href="http://example.org/">Example site</a> ')
        source_before = page.reading.source()
        with qtbot.waitSignal(page.reading.anchorClicked) as clicked:  # the click hit the link
            _click_text(qtbot, window, "Example site")
        qtbot.wait(50)
    finally:
        guard = guard_of_application()   # the window's guard takes the schemes back
        for scheme in ("http", "https", "file"):
            QDesktopServices.unsetUrlHandler(scheme)
            if guard is not None:
                QDesktopServices.setUrlHandler(scheme, guard, "ask")  # type: ignore[arg-type]
    assert recorder.urls == []
    assert page.current_node == IMPARTIALITY
    assert page.reading.source() == source_before
    assert "Example site" in page.reading.toPlainText()
    assert clicked.args[0].toString() == "http://example.org/"
    assert page.history.current == IMPARTIALITY
    assert page.history.back_items() == ["introduction"] and not page.forward_action.isEnabled()


def test_show_node_lands_on_a_cited_passage(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    window.resize(700, 400)
    page = window.reference
    quote = ("Without the consent of the host nation or conflicting parties, peacekeeping "
             "missions may be perceived as an invasion rather than a supportive action.")
    assert page.show_node("principles.consent", highlight=quote)
    assert highlighted_runs(page.reading.document()) == [quote]
    qtbot.waitUntil(lambda: page.reading.verticalScrollBar().value() > 0, timeout=2000)
    assert not page.show_node("principles.consent", highlight="words never written there")
    assert highlighted_runs(page.reading.document()) == []
    assert not page.show_node("no.such.node")
    assert page.current_node == "principles.consent"


def test_case_study_facts_show_and_the_page_is_keyboard_selectable(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    window.reference.show_node("case-studies.untso-1948")
    text = window.reference.reading.toPlainText()
    assert "United Nations Truce Supervision Organization (UNTSO)" in text
    assert "1948" in text and "Source: Peacekeeping and Diplomacy" in text
    flags = window.reference.reading.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert flags & Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    assert window.reference.side.tree.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers


def test_a_new_palette_redraws_the_highlights_in_its_colours(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    """The marks' colours come from the palette: a light/dark switch redraws the page (the
    reading pane watches for it once the window has finished starting), scrolled as it was."""
    from PySide6.QtGui import QColor, QPalette

    from pkdesk.ui.common.theme import mark_colours

    window = open_window(qtbot, db, tmp_path)
    ref = window.reference
    ref.show_node(IMPARTIALITY, terms=("impartiality",))
    pane = ref.reading
    palette = QPalette(pane.palette())
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#00c000"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#101010"))
    before, after = mark_colours(pane.palette())[0], mark_colours(palette)[0]
    assert before != after
    assert before in pane.toHtml() and after not in pane.toHtml()
    pane.setPalette(palette)
    assert after in pane.toHtml() and before not in pane.toHtml()
    assert pane.node_id == IMPARTIALITY
