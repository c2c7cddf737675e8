"""The GUI's strings in the catalogs: every id the window asks for exists in English and French
with the same placeholders and plural shape, French follows French typography, mnemonics are
well formed, and a French string equal to its English one is a deliberate choice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pkdesk.core.i18n import PLACEHOLDER, catalog
from pkdesk.core.plan.edits import FIELD_LABELS
from pkdesk.ui.reference import node_html
from pkdesk.ui.scenarios import heat_map, history_models
from pkdesk.ui.planner.form.plan_form import PlanForm

UI_SOURCES = Path(__file__).resolve().parents[3] / "src" / "pkdesk" / "ui"
LITERAL_ID = re.compile(r"""["'](ui(?:\.[a-z0-9_]+)+)["']""")
# The same word in both languages, on purpose (anything else identical is a forgotten string).
SAME_IN_FRENCH = {"ui.node.fact_mission", "ui.node.fact_organisation", "ui.plan.list_name",
                  "ui.form.group_parties", "ui.form.group_plan", "ui.party.table_name",
                  "ui.strategy.notes", "ui.cmp.col_verdict", "ui.export.a4", "ui.backup.plans",
                  "ui.backup.col_date", "ui.backup.col_plans", "ui.list_comma",
                  "ui.field.notes", "ui.field.parties", "ui.subject.rule_with",
                  "ui.keys.col_action", "ui.whatif.override_label"}


def _ui(lang: str) -> dict[str, str | tuple[str, str]]:
    return {k: v for k, v in catalog(lang).items() if k.startswith("ui.")}


def _forms(message: str | tuple[str, str]) -> tuple[str, ...]:
    return (message,) if isinstance(message, str) else message


def _ids_built_at_run_time(qtbot: object) -> set[str]:
    """Ids the code composes (``tr(f"ui.{noun}.add")``): every member of each family."""
    ids = {f"ui.{noun}.{part}" for noun in ("party", "strategy", "benchmark", "site", "force",
                                            "caveat")
           for part in ("add", "add_tip", "remove", "remove_tip", "table_name")}
    ids |= {f"ui.plans.{name}{end}" for name in ("new", "duplicate", "delete", "import", "export")
            for end in ("", "_tip", "_icon")}
    ids |= {f"ui.scenario.{name}{end}" for name in ("branch", "compare", "stress", "history")
            for end in ("", "_tip", "_icon")}
    ids |= {f"ui.pdf.{name}{end}" for name in ("export", "preview", "print", "export_assessment")
            for end in ("", "_tip")}
    ids |= {f"ui.heat.{tone}" for tone in heat_map.LEGEND}
    ids |= {f"ui.history.kind_{kind}" for kind in history_models._KINDS}
    ids |= {f"ui.node.fact_{key}" for key in node_html.FACT_KEYS}
    ids |= {f"ui.field.{key}" for key in FIELD_LABELS}           # revision summaries
    form = PlanForm()
    ids |= {f"ui.undo_field.{key}" for key in form._bindings}    # every field the form edits
    form.deleteLater()
    return ids


def test_every_id_the_window_asks_for_is_in_both_catalogs(qtbot: object) -> None:
    literal = {m.group(1) for path in UI_SOURCES.rglob("*.py")
               for m in LITERAL_ID.finditer(path.read_text(encoding="utf-8"))}
    wanted = literal | _ids_built_at_run_time(qtbot)
    assert len(literal) > 300
    en, fr = _ui("en"), _ui("fr")
    assert sorted(wanted - set(en)) == [] and sorted(wanted - set(fr)) == []
    # No string left behind by a removed widget (plan fields may be named ahead of the form).
    assert sorted(k for k in set(en) - wanted
                  if not k.startswith(("ui.field.", "ui.undo_field."))) == []


def test_ui_ids_have_the_same_placeholders_and_plural_shape() -> None:
    en, fr = _ui("en"), _ui("fr")
    assert set(en) == set(fr)
    for key, message in en.items():
        assert isinstance(fr[key], str) == isinstance(message, str), key
        names = {n for form in _forms(message) for n in PLACEHOLDER.findall(form)}
        assert {n for form in _forms(fr[key]) for n in PLACEHOLDER.findall(form)} == names, key


def test_french_ui_strings_are_french() -> None:
    en, fr = _ui("en"), _ui("fr")
    same = {key for key in en if en[key] == fr[key]}
    assert same == SAME_IN_FRENCH


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_mnemonics_are_well_formed(lang: str) -> None:
    for key, message in _ui(lang).items():
        for form in _forms(message):
            marks = re.findall(r"&(?!&)(.)", form.replace("&&", ""))
            assert len(marks) <= 1, (key, form)
            assert all(m.isalnum() for m in marks), (key, form)


def test_french_ui_typography() -> None:
    for key, message in _ui("fr").items():
        for form in _forms(message):
            assert not re.search(r" [:;?!»]|« |\.\.\.|[“”\"]", form), (key, form)
            if key != "ui.plans.filter":      # ";;" is a Qt file-dialog filter's syntax
                assert not re.search(r"[^\u00a0][;?!»]", form), (key, form)
