"""No link from content opens another program without asking; nothing loads remote resources.

The audit: every QLabel and QTextBrowser of a full window (both pages, a finding shown) is
checked for the settings that would let Qt follow a link by itself, and Qt's one way out
(QDesktopServices.openUrl) is shown to ask first for every external scheme.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTextBrowser
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.ui.window.link_guard import EXTERNAL_SCHEMES, LinkGuard, install
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.planner_helpers import import_example, open_planner

HOSTILE = ["https://example.org/phish", "http://10.0.0.1/", "mailto:someone@example.org",
           "file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/x"]


@pytest.fixture
def window(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[MainWindow]:
    plan_id = import_example(db, "no-consent.pkplan.json")
    win = open_planner(qtbot, db, tmp_path)
    win.planner.select_plan(plan_id)
    win.planner.findings.select_rule(win.planner.result.findings[0].rule)
    yield win
    win.close()


@pytest.fixture
def opened() -> Iterator[list[str]]:
    """What the guard would hand to the operating system; never the real browser in tests."""
    seen: list[str] = []
    guard = install()
    previous = guard.opener
    guard.opener = lambda url: seen.append(url.toString()) is None
    yield seen
    guard.opener = previous


def _answer(button: QMessageBox.StandardButton, texts: list[str]) -> None:
    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            texts.append(box.text())
            assert box.textFormat().name == "PlainText"
            box.button(button).click()
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def test_no_widget_follows_links_by_itself(window: MainWindow) -> None:
    window.pages.setCurrentWidget(window.reference)
    window.reference.show_node("principles.consent")
    labels = window.findChildren(QLabel)
    browsers = window.findChildren(QTextBrowser)
    assert len(browsers) >= 2 and len(labels) >= 5
    for label in labels:
        assert not label.openExternalLinks(), label.objectName() or label.text()
    for browser in browsers:
        assert not browser.openLinks() and not browser.openExternalLinks(), browser.objectName()


@pytest.mark.parametrize("url", HOSTILE)
def test_an_external_link_in_the_reading_pane_or_a_finding_goes_nowhere(
        qtbot: QtBot, window: MainWindow, opened: list[str], url: str) -> None:
    window.pages.setCurrentWidget(window.reference)
    window.reference.show_node("principles.consent")
    detail = window.planner.findings.detail
    for browser in (window.reference.reading, detail):
        browser.anchorClicked.emit(QUrl(url))
    assert window.reference.current_node == "principles.consent"
    assert window.pages.currentWidget() is window.reference
    assert opened == [] and QApplication.activeModalWidget() is None


def test_the_guard_covers_every_external_scheme(qtbot: QtBot, window: MainWindow,
                                               opened: list[str]) -> None:
    guard = install()
    assert isinstance(guard, LinkGuard) and install() is guard          # installed once
    for url in HOSTILE:
        assert QUrl(url).scheme() in EXTERNAL_SCHEMES
        texts: list[str] = []
        _answer(QMessageBox.StandardButton.Cancel, texts)
        QDesktopServices.openUrl(QUrl(url))
        assert len(texts) == 1 and QUrl(url).toDisplayString() in texts[0]
    assert opened == []                               # every one refused by the user


def test_a_link_opens_only_when_the_user_says_so(qtbot: QtBot, window: MainWindow,
                                                 opened: list[str]) -> None:
    texts: list[str] = []
    _answer(QMessageBox.StandardButton.Open, texts)
    QDesktopServices.openUrl(QUrl("https://example.org/report"))
    assert opened == ["https://example.org/report"]
    assert "https://example.org/report" in texts[0] and "never goes online" in texts[0]


def test_text_browsers_load_no_remote_resource(qtbot: QtBot, window: MainWindow) -> None:
    remote = QUrl("https://example.org/pixel.png")
    for browser in (window.reference.reading, window.planner.findings.detail):
        browser.setHtml(f'<p>x</p><img src="{remote.toString()}">'
                        '<link rel="stylesheet" href="https://example.org/s.css">')
        browser.document().adjustSize()
        assert browser.document().resource(QTextDocument.ResourceType.ImageResource, remote) is None
    from PySide6.QtNetwork import QNetworkAccessManager

    app = QApplication.instance()
    assert app is not None
    assert app.findChildren(QNetworkAccessManager) == []
    assert window.findChildren(QNetworkAccessManager) == []
