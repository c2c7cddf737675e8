"""Help › pkdesk Guide: the short manual shipped with pkdesk (``resources/guide/guide.<lang>.md``),
in the window's language, shown read-only. Nothing in it is fetched: links are not followed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from pkdesk.core.i18n import DEFAULT_LANGUAGE
from pkdesk.paths import resources_dir
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.common.keys import close_on_escape


def guide_path(lang: str) -> Path:
    """The guide in ``lang``, or in English when there is none in that language."""
    folder = resources_dir() / "guide"
    path = folder / f"guide.{lang}.md"
    return path if path.is_file() else folder / f"guide.{DEFAULT_LANGUAGE}.md"


class GuideViewer(QWidget):
    """A tool window (not modal): read beside the planner, closed with Escape or Ctrl+W."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("guideViewer")
        self.setWindowTitle(tr("ui.guide.title"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setReadOnly(True)
        path = guide_path(ui_language())
        try:
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        except OSError as exc:
            self.browser.setPlainText(tr("ui.guide.missing", path=str(path),
                                         reason=exc.strerror or str(exc)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        close_on_escape(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
