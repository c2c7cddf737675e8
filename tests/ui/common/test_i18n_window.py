"""With French chosen, the window speaks French: menus (with mnemonics unique in each menu), the
planner's form, the findings panel (the checker's French findings), the what-ifs from the pack,
Qt's own buttons, and the PDF exported from the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.core.checker import check
from pkdesk.store.db import Database
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.i18n_helpers import french, plain, speaking
from tests.ui.planner_helpers import import_example, open_planner
from tests.ui.reference_helpers import settings_at

__all__ = ["french"]     # the fixture, used by name below


def _menus(window: MainWindow) -> list[QMenu]:
    menus = [a.menu() for a in window.menuBar().actions()]
    out = [m for m in menus if isinstance(m, QMenu)]
    out += [a.menu() for m in out for a in m.actions() if isinstance(a.menu(), QMenu)]
    return out


@pytest.mark.usefixtures("french")
def test_the_menus_are_french(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_planner(qtbot, db, tmp_path)
    titles = [plain(m.title()) for m in _menus(window)]
    assert titles[:6] == ["Fichier", "Édition", "Affichage", "Aller", "Scénario", "Aide"]
    assert "Langue" in titles
    file_menu = [plain(a.text()) for a in _menus(window)[0].actions() if a.text()]
    for expected in ("Nouveau plan", "Dupliquer le plan", "Supprimer le plan…",
                     "Importer un plan…", "Exporter en PDF…", "Aperçu avant impression…",
                     "Imprimer…", "Sauvegarder maintenant", "Restaurer une sauvegarde…",
                     "Quitter"):
        assert expected in file_menu
    go = [plain(a.text()) for a in _menus(window)[3].actions()]
    assert go == ["Précédent", "Suivant"]
    view = [plain(a.text()) for a in _menus(window)[2].actions() if a.text()]
    assert {"Sommaire", "Signets", "Notes personnelles", "Ma note", "Langue"} <= set(view)
    scenario = [plain(a.text()) for a in _menus(window)[4].actions()]
    assert scenario == ["Créer une variante…", "Comparer les plans", "Test de résistance…",
                        "Historique…"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_mnemonics_are_unique_in_each_menu_and_on_the_menu_bar(
        qtbot: QtBot, db: Database, tmp_path: Path, lang: str) -> None:
    with speaking(lang):
        window = open_planner(qtbot, db, tmp_path)
        menus = _menus(window)
        for group in [[m.title() for m in menus[:6]],
                      *[[a.text() for a in m.actions() if a.text()] for m in menus]]:
            keys = [t[t.index("&") + 1].casefold() for t in group if "&" in t]
            assert len(keys) == len(set(keys)), group
            assert all("&" in t for t in group if t not in ("English", "Français")), group


@pytest.mark.usefixtures("french")
def test_the_planner_form_and_findings_panel_are_french(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "one-sided.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    page.select_plan(plan_id)
    groups = {g.title() for g in page.form.findChildren(QGroupBox)}
    assert {"Mandat", "Consentement et recours à la force", "Part&ies", "Straté&gies",
            "Composantes et ressources", "Partenaires et communautés"} <= groups
    labels = {plain(label.text()) for label in page.form.findChildren(QLabel)}
    assert {"Titre\u00a0:", "Pays hôte\u00a0:", "Consentement de l’État hôte\u00a0:",
            "Recours à la force\u00a0:", "Effectifs\u00a0:"} <= labels
    assert page.form.context.itemText(0) == "Conflit interétatique"
    assert page.form.review.suffix() == " mois"
    parties = page.form.parties
    assert [parties.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Nom", "Type", "Consentement", "Pourparlers"]

    panel = page.findings
    expected = check(page.plan, lang="fr")
    assert expected.findings
    assert [panel.model.finding(r).message for r in range(panel.model.rowCount())] == [
        f.message for f in expected.findings]
    # At 1024×600 the findings column is narrow (compact): the severity header shows no word,
    # but the word is its tooltip and what a screen reader says; given room, it shows.
    window.resize(1024, 570)
    qtbot.waitUntil(lambda: panel.model.compact)
    header = [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert header == ["", "Règle", "Principe", "Constat"]
    for role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
        assert panel.model.headerData(0, Qt.Orientation.Horizontal, role) == "Gravité"
    page.splitter.setSizes([200, 200, 624])
    qtbot.waitUntil(lambda: not panel.model.compact)
    assert [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Gravité", "Règle", "Principe", "Constat"]
    assert panel.summary.verdict.text().startswith(("Bloqué\u00a0: ", "Attention requise\u00a0: "))
    assert panel.status.text().endswith("constats")
    panel.select_rule(expected.findings[0].rule)
    assert "Recommandation :" in panel.detail.toPlainText()    # Qt gives no-break spaces as spaces
    assert plain(panel.acknowledge_button.text()) == "Prendre en compte…"
    titles = [page.whatif.whatifs.model.index(r).data()
              for r in range(page.whatif.whatifs.model.rowCount())]
    assert "Consentement retiré" in titles
    assert "constats" in window.location.text()          # the status bar's permanent text


@pytest.mark.usefixtures("french")
def test_qt_standard_buttons_speak_french(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "one-sided.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    window.planner.select_plan(plan_id)
    box = window.planner.plan_actions.confirm_delete()
    assert isinstance(box, QMessageBox)
    assert plain(box.button(QMessageBox.StandardButton.Cancel).text()) == "Annuler"
    assert box.button(QMessageBox.StandardButton.Yes).text() == "Supprimer"
    box.reject()


@pytest.mark.usefixtures("french")
def test_a_pdf_exported_from_the_window_is_french(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "one-sided.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    window.planner.select_plan(plan_id)
    out = tmp_path / "plan.pdf"
    pages = window.pdf.export_to(out)
    assert pages is not None
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "PLAN DE MISSION" in text and f"Page 1 sur {pages}" in text
    assert "MISSION PLAN" not in text
    finding = check(window.planner.plan, lang="fr").findings[0]
    assert " ".join(finding.message.split())[:40] in text


def test_english_stays_the_default_in_tests(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = MainWindow.for_database(db, settings_at(tmp_path))
    qtbot.addWidget(window)
    assert [plain(m.title()) for m in _menus(window)[:3]] == ["File", "Edit", "View"]
