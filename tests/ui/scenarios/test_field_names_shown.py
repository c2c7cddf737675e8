"""No internal name shown to people: the Compare window's Fields That Differ, the history's
diff, the what-if override and the comparison PDF name plan fields and values as the catalog
does (``Use of force``, ``Offensive operations``), never by their path or id
(``use_of_force``, ``resources.personnel``, ``offensive``), in English and in French."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from pkdesk.core.compare import compare_plans
from pkdesk.core.field_names import field_name
from pkdesk.core.i18n import catalog, translator
from pkdesk.core.plan.model import PARTY_CONSENTS, PARTY_KINDS, Plan
from pkdesk.core.plan.diff import diff_plans, flatten
from pkdesk.core.plan.fields import PARTY_FIELDS, PLAN_FIELDS, parse_path
from pkdesk.core.plan.file import read_plan_file
from pkdesk.store.db import Database
from pkdesk.ui.scenarios.comparison_view import ComparisonView
from pkdesk.ui.scenarios.history_models import ChangesModel
from tests.ui.i18n_helpers import speaking
from tests.ui.planner_helpers import EXAMPLES, open_planner

PAIRS = [("rwanda-1993.pkplan.json", "offensive-force.pkplan.json"),
         ("unoci-2004.pkplan.json", "no-consent.pkplan.json")]


def _catalog_words(lang: str) -> set[str]:
    words: set[str] = set()
    for message in catalog(lang).values():
        for text in message if isinstance(message, tuple) else (message,):
            if isinstance(text, str):
                words |= set(re.findall(r"\w+", text))
    return words


def raw_ids(lang: str = "en") -> set[str]:
    """Every field path and value id the catalogs have a name or label for, but the few value
    ids that are also plain words of the language's own messages ("none", "other")."""
    values = {k[len("value."):] for k in catalog("en") if k.startswith("value.")}
    return ({*PLAN_FIELDS, *PARTY_FIELDS, *PARTY_KINDS, *PARTY_CONSENTS, *values}
            - _catalog_words(lang))


SUB_KEYS = re.compile("(?<![\\w])(" + "|".join(
    k[len("field.sub."):] for k in catalog("en") if k.startswith("field.sub.")) + "):")


def user_text(*plans: Plan) -> list[str]:
    """The free text of ``plans`` (shown as typed: it may hold any word)."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str) and " " in value:
            out.append(" ".join(value.split()))
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
    for plan in plans:
        walk(list(flatten(plan).values()))
    return sorted(out, key=len, reverse=True)


def leaks(texts: list[str], lang: str = "en", user: list[str] = ()) -> list[tuple[str, str]]:
    """(raw id, text) for each raw id standing as a word of its own in a text (case counts:
    "offensive" is an id, "Offensive operations" its label), or a sub-field's key before a
    colon ("kind: state"); the plans' own free text is left out."""
    found = []
    cleaned = []
    for text in texts:
        text = " ".join(html.unescape(text).split())     # a rich-text tooltip reads unescaped
        if text.endswith("…") and any(u.startswith(text[:-1]) for u in user):
            continue      # a long free text cut short
        for typed in user:
            text = text.replace(typed, " ")
        cleaned.append(text)
    for raw in sorted(raw_ids(lang)):
        word = re.compile(rf"(?<![\w.\[]){re.escape(raw)}(?![\w\]])")
        found += [(raw, t) for t in cleaned if word.search(t)]
    found += [(m.group(1), t) for t in cleaned for m in [SUB_KEYS.search(t)] if m]
    return found


def model_texts(model: QAbstractItemModel) -> list[str]:
    texts = []
    for r in range(model.rowCount()):
        texts.append(str(model.headerData(r, Qt.Orientation.Vertical) or ""))
        for c in range(model.columnCount()):
            texts.append(str(model.index(r, c).data() or ""))
            texts.append(str(model.index(r, c).data(Qt.ItemDataRole.ToolTipRole) or ""))
    texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
              for c in range(model.columnCount())]
    return texts


def test_the_leak_check_finds_raw_ids() -> None:
    for bad in ("resources.personnel", "offensive", "Consent: withheld", "kind: state"):
        assert leaks([bad]) != [], bad
    assert leaks(["Personnel", "Offensive operations", "Self-defence only", "Kind: State"]) == []
    assert leaks(["military advisers"], user=["military advisers"]) == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_compare_and_history_name_fields_and_values(qtbot: QtBot, lang: str) -> None:
    with speaking(lang):
        for a_name, b_name in PAIRS:
            a, b = read_plan_file(EXAMPLES / a_name), read_plan_file(EXAMPLES / b_name)
            view = ComparisonView(compare_plans([("a", a), ("b", b)], lang=lang))
            qtbot.addWidget(view)
            texts = model_texts(view.differences)
            assert field_name("use_of_force", lang) in texts or a_name.startswith("unoci")
            assert leaks(texts, lang, user_text(a, b)) == []
            changes = ChangesModel()
            changes.set_changes(diff_plans(a, b), 1, 2)
            texts = model_texts(changes)
            assert field_name("title", lang) in texts
            assert leaks(texts, lang, user_text(a, b)) == []
        offensive = {"en": "Offensive operations", "fr": "Opérations offensives"}[lang]
        a, b = [read_plan_file(EXAMPLES / n) for n in PAIRS[0]]
        view = ComparisonView(compare_plans([("a", a), ("b", b)], lang=lang))
        qtbot.addWidget(view)
        assert offensive in model_texts(view.differences)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_comparison_pdf_names_fields_and_values(qtbot: QtBot, db: Database, tmp_path: Path,
                                                lang: str) -> None:
    with speaking(lang):
        a, b = [read_plan_file(EXAMPLES / n) for n in PAIRS[0]]
        view = ComparisonView(compare_plans([("a", a), ("b", b)], lang=lang), db)
        qtbot.addWidget(view)
        out = tmp_path / "cmp.pdf"
        assert view.export_to(out)
        text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
        flat = " ".join(unicodedata.normalize("NFKC", text).split())   # no ligatures
        assert field_name("use_of_force", lang) in flat
        assert {"en": "Offensive operations", "fr": "Opérations offensives"}[lang] in flat
        # Paths and ids with a dot or an underscore never read as prose: none may be printed.
        assert [raw for raw in raw_ids(lang) if ("_" in raw or "." in raw) and raw in flat] == []
        start = flat.index(" ".join(translator(lang)("cmp.h_differences").split()))
        table = flat[start:re.search(r"2 Sc[ée]nario A", flat[start:]).start() + start]
        assert field_name("resources.personnel", lang) in table
        # Ids that are words of the plans' own text may be printed as that text (cut across
        # table cells, it cannot be told apart); every other one must not be.
        typed = set(re.findall(r"[\w.]+", " ".join(user_text(a, b))))
        assert "offensive" not in typed
        assert [raw for raw in raw_ids(lang) - typed
                if re.search(rf"(?<![\w.\[]){re.escape(raw)}(?![\w\]])", table)] == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_override_view_shows_no_raw_path_or_value(qtbot: QtBot, db: Database, tmp_path: Path,
                                                  lang: str) -> None:
    from tests.ui.planner_helpers import import_example

    import_example(db, "unoci-2004.pkplan.json")
    with speaking(lang):
        window = open_planner(qtbot, db, tmp_path)
        whatifs = window.planner.whatif.whatifs
        whatifs.set_expanded(True)
        for i in range(whatifs.field.count()):
            whatifs.field.setCurrentIndex(i)
            kind = parse_path(whatifs.field.itemData(i), "test").type.kind
            if kind in ("text", "texts", "enums"):
                whatifs.value.setText("\x01bad" if kind != "enums" else "nonsense")
            texts = []
            for widget in [whatifs, *whatifs.findChildren(QWidget)]:
                if isinstance(widget, QLabel) and widget.isVisibleTo(whatifs):
                    texts.append(widget.text())
                if isinstance(widget, QComboBox):
                    texts += [widget.itemText(j) for j in range(widget.count())]
                texts += [widget.toolTip(), widget.accessibleName()]
                if hasattr(widget, "placeholderText"):
                    texts.append(widget.placeholderText())
            texts += whatifs.labels() + [window.planner.whatif.banner.headline.text()]
            assert leaks(texts, lang) == [], whatifs.field.itemText(i)
            if kind in ("text", "texts", "enums"):
                assert whatifs.problem.isVisible() and "\n" not in whatifs.problem.text()
                assert "--set" not in whatifs.problem.text()
                whatifs.value.clear()
