"""Help › pkdesk Guide names the window's menus, menu items, tabs and buttons exactly as the
window shows them, in English and in French: every "Menu › Item" of the guide is a real item
of that menu, every name in bold is a text of the window or of the dialogs the guide describes
(Hold Review…, Import Field Data…), and the Performance tab has its page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from pkdesk.core.findings import SEVERITIES
from pkdesk.core.report_labels import severity_label
from pkdesk.store.db import Database
from pkdesk.ui.common.i18n import ui_language
from pkdesk.ui.help.guide_viewer import guide_path
from pkdesk.ui.planner.performance.import_dialog import FieldDataDialog, import_field_data
from pkdesk.ui.planner.performance.review_dialog import ReviewDialog
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.i18n_helpers import plain, speaking, texts_of
from tests.ui.planner_helpers import import_example, open_planner

ARROW = " › "


def _norm(text: str) -> str:
    """As read: mnemonics gone, no-break spaces as spaces, one space between words."""
    return " ".join(plain(text).replace("\u00a0", " ").replace("\u202f", " ").split())


def menus_of(window: MainWindow) -> dict[str, set[str]]:
    """Each menu's title (submenus too) -> the texts of its items, as the window has them."""
    out: dict[str, set[str]] = {}

    def walk(menu: QMenu) -> None:
        items = out.setdefault(_norm(menu.title()), set())
        for action in menu.actions():
            if action.isSeparator():
                continue
            items.add(_norm(action.text()))
            if action.menu() is not None:
                walk(action.menu())

    for action in window.menuBar().actions():
        if action.menu() is not None:
            walk(action.menu())
    return out


def menu_path_problems(guide: str, menus: dict[str, set[str]]) -> list[str]:
    """Each "Menu › Item" of ``guide`` whose menu is not a menu of the window, or whose item
    is not an item of that menu (the longest item that starts the text after the arrow)."""
    text = _norm(guide)
    problems = []
    for match in re.finditer(re.escape(ARROW), text):
        before, after = text[:match.start()], text[match.end():]
        titles = [t for t in menus if before.endswith(t)
                  and not before[:len(before) - len(t)][-1:].isalnum()]
        if not titles:
            problems.append(f"no such menu: …{before[-30:]}{ARROW}")
            continue
        menu = max(titles, key=len)
        items = [i for i in menus[menu] if after.startswith(i)
                 and not after[len(i):len(i) + 1].isalnum()]
        if not items:
            problems.append(f"{menu}{ARROW}{after[:40]}… is no item of {menu} "
                            f"({', '.join(sorted(menus[menu]))})")
    return problems


def _guide_text(window: MainWindow) -> tuple[str, str]:
    """(the guide's Markdown source, the text Help › pkdesk Guide shows of it)."""
    guide = window.show_guide()
    browser = guide.findChild(QTextBrowser)
    assert browser is not None
    shown = browser.toPlainText()
    guide.close()
    return guide_path(ui_language()).read_text(encoding="utf-8"), shown


def _window_and_dialogs(qtbot: QtBot, db: Database, tmp_path: Path
                        ) -> tuple[MainWindow, list[QWidget]]:
    """The window on a plan carried through two years, its Performance tab shown with an
    indicator selected, and the dialogs of the guide's Performance page open."""
    plan_id = import_example(db, "sector-east-2024.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    page.select_plan(plan_id)
    page.show_performance_action.trigger()
    tab = page.performance
    tab.select_objective(tab.objectives.data(tab.objectives.index(1), 257))
    assert tab.current_indicator() is not None and page.plan is not None
    review = ReviewDialog(page.plan, tab.today(), window)
    qtbot.addWidget(review)
    csv = tmp_path / "field.csv"
    csv.write_text("Date,Value\n2025-03-31,12\n", encoding="utf-8")
    data = import_field_data(window, page.session, tab.current_indicator().uid, path=csv)
    assert isinstance(data, FieldDataDialog)
    return window, [window, review, data]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_guide_names_menus_and_buttons_as_the_window_does(
        qtbot: QtBot, db: Database, tmp_path: Path, lang: str) -> None:
    with speaking(lang):
        window, roots = _window_and_dialogs(qtbot, db, tmp_path)
        menus = menus_of(window)
        texts = {_norm(t) for t in texts_of(roots)}
        # The severities, as the findings list words them (this plan has no blocker).
        texts |= {severity_label(s, lang) for s in SEVERITIES}
        source, shown = _guide_text(window)
        page = window.planner
        performance = _norm(page.plan_tabs.tabText(page.plan_tabs.indexOf(page.performance)))
        hold = _norm(page.performance.hold_button.text())
        import_data = _norm(page.performance.import_button.text())
        assessment = _norm(window.pdf.export_assessment.text())
        file_menu = _norm(window.menus.file_menu.title())
        for root in roots[1:]:
            root.close()
        window.close()

    assert len(menus) >= 6 and all(menus.values())      # the walk saw the menus
    assert menu_path_problems(shown, menus) == []
    bold = {_norm(b) for b in re.findall(r"\*\*(.+?)\*\*", source, re.S)}
    assert len(bold) > 20
    unknown = sorted(b for b in bold if b not in texts
                     and b.lower() not in {t.lower() for t in texts})
    assert unknown == [], unknown
    # The Performance tab has its page, with the names the window gives its parts.
    shown_norm = _norm(shown)
    for name in (performance, hold, import_data, f"{file_menu}{ARROW}{assessment}"):
        assert name in shown_norm, name
    assert f"**{performance}**" in source


def test_a_wrong_menu_item_or_menu_is_reported() -> None:
    menus = {"File": {"Export PDF…", "Import Field Data…"}, "View": {"Show Performance"}}
    good = "File › Import Field Data… (or View › Show Performance, Ctrl+Shift+R)"
    assert menu_path_problems(good, menus) == []
    assert len(menu_path_problems("File › Import Data…", menus)) == 1
    assert len(menu_path_problems("File › Export PDF…s", menus)) == 1
    assert len(menu_path_problems("Tools › Export PDF…", menus)) == 1
