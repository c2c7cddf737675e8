"""No link opens another program without asking.

pkdesk's own links (`pkdesk:node/ID`) are handled in-app by the widgets that show them, which
ignore every other link. As a second line, `install()` routes Qt's own way out —
`QDesktopServices.openUrl`, which QLabel and QTextBrowser call for external links when so
configured — through a question for every common external scheme: the user sees the address,
literally, and nothing opens unless they choose "Open".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from pkdesk.ui.common.i18n import tr

EXTERNAL_SCHEMES = ("http", "https", "ftp", "ftps", "sftp", "ssh", "mailto", "tel", "file",
                    "smb", "news", "irc", "data", "javascript")
OBJECT_NAME = "pkdeskLinkGuard"


class LinkGuard(QObject):
    def __init__(self, opener: Callable[[QUrl], bool] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self.opener = opener or self._open_outside
        self.asked: list[str] = []      # addresses the user was asked about, in order

    def question(self, url: QUrl) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, tr("ui.link.title"),
                          tr("ui.link.text", url=url.toDisplayString()),
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
                          QApplication.activeWindow())
        box.setObjectName("linkGuardQuestion")
        box.setTextFormat(Qt.TextFormat.PlainText)     # the address is shown, never rendered
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box

    @Slot(QUrl)
    def ask(self, url: QUrl) -> None:
        """Called by Qt instead of opening `url`: open it only if the user says so."""
        self.asked.append(url.toString())
        box = self.question(url)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if box.exec() == QMessageBox.StandardButton.Open:
            self.opener(url)

    @staticmethod
    def _open_outside(url: QUrl) -> bool:
        scheme = url.scheme()
        guard = guard_of_application()
        QDesktopServices.unsetUrlHandler(scheme)
        try:
            return QDesktopServices.openUrl(url)
        finally:
            if guard is not None:
                QDesktopServices.setUrlHandler(scheme, guard, "ask")  # type: ignore[arg-type]


def guard_of_application() -> LinkGuard | None:
    app = QCoreApplication.instance()
    return app.findChild(LinkGuard, OBJECT_NAME) if app is not None else None


def install(opener: Callable[[QUrl], bool] | None = None) -> LinkGuard:
    """Put the guard in place for the whole application (once; later calls return it)."""
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    guard = guard_of_application()
    if guard is None:
        guard = LinkGuard(opener, app)
        for scheme in EXTERNAL_SCHEMES:
            # The stubs say bytes; PySide 6.11 accepts only str here (bytes: ValueError).
            QDesktopServices.setUrlHandler(scheme, guard, "ask")  # type: ignore[arg-type]
    elif opener is not None:
        guard.opener = opener
    return guard
