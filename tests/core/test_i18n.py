"""core.i18n: choosing the language, the shipped catalogs, lookups with English fallback."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date

import pytest

from pkdesk.core.plan import model as plan_module
from pkdesk.core.errors import InputError
from pkdesk.core.findings import PRINCIPLES, SEVERITIES
from pkdesk.core.i18n import (
    LANGUAGES, MAX_CATALOG_BYTES, PLACEHOLDER, _shipped_catalog, catalog, catalog_path, fill,
    language_of,
    language_of_windows_lcid, language_of_windows_locale, parse_catalog, resolve_language,
    system_language, translator,
)
from pkdesk.core.report_labels import (
    PRINCIPLE_LABELS, SEVERITY_LABELS, VERDICT_LABELS, VERDICTS, in_sentence, label,
    principle_label, severity_counts,
)


@pytest.mark.parametrize(("explicit", "env", "expected"), [
    (None, {}, "en"),
    (None, {"LANG": "fr_FR.UTF-8"}, "fr"),
    (None, {"LANG": "fr_CA"}, "fr"),
    (None, {"LANG": "fr"}, "fr"),
    (None, {"LANG": "fr_BE.ISO-8859-1@euro"}, "fr"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"LANG": "POSIX"}, "en"),
    (None, {"LANG": "de_DE.UTF-8"}, "en"),
    (None, {"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),
    (None, {"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "fr_FR", "LANG": "fr_FR"}, "en"),
    (None, {"LC_ALL": "", "LANG": "fr_FR.UTF-8"}, "fr"),               # empty means unset
    (None, {"LC_ALL": "de_DE", "LANG": "fr_FR"}, "en"),               # a choice, not French
    (None, {"PKDESK_LANG": "fr", "LC_ALL": "en_US.UTF-8"}, "fr"),
    (None, {"PKDESK_LANG": "en", "LANG": "fr_FR.UTF-8"}, "en"),
    (None, {"PKDESK_LANG": "fr-CA"}, "fr"),
    (None, {"PKDESK_LANG": "klingon", "LANG": "fr_FR"}, "en"),
    ("fr", {"PKDESK_LANG": "en"}, "fr"),
    ("en", {"LANG": "fr_FR.UTF-8"}, "en"),
])
def test_language_choice_order(explicit: str | None, env: dict[str, str], expected: str) -> None:
    assert resolve_language(explicit, env) == expected


def test_the_test_session_is_pinned_to_english() -> None:
    assert resolve_language() == "en"


@pytest.mark.parametrize("value", ["", "C", "fr_", "françois", "../fr", "f"])
def test_not_a_language(value: str) -> None:
    assert language_of(value) is None


def _placeholders(message: str | tuple[str, str]) -> set[str]:
    forms = (message,) if isinstance(message, str) else message
    return {name for form in forms for name in PLACEHOLDER.findall(form)}


def test_catalogs_have_the_same_ids_and_placeholders() -> None:
    en, fr = catalog("en"), catalog("fr")
    assert set(en) == set(fr)
    for key in en:
        assert _placeholders(fr[key]) == _placeholders(en[key]), key
        assert isinstance(fr[key], str) == isinstance(en[key], str), key


def test_french_typography_uses_no_break_spaces() -> None:
    for key, message in catalog("fr").items():
        for form in (message,) if isinstance(message, str) else message:
            for mark in (" :", " ;", "« ", " »"):
                assert mark not in form, (key, form)


def test_every_enumerated_plan_value_and_principle_has_a_label_in_both_languages() -> None:
    values = set()
    for name in dir(plan_module):
        const = getattr(plan_module, name)
        if name.isupper() and isinstance(const, tuple):
            values.update(const)
    assert {"withheld", "self_defence", "shuttle_diplomacy"} <= values
    for lang in LANGUAGES:
        keys = catalog(lang)
        missing = [v for v in values if f"value.{v}" not in keys]
        missing += [p for p in PRINCIPLES if f"principle.{p}" not in keys]
        missing += [s for s in SEVERITIES if f"severity.{s}" not in keys]
        missing += [v for v in VERDICTS if f"verdict.{v}" not in keys]
        assert missing == [], lang


def test_value_labels_in_both_languages() -> None:
    assert (label("withheld"), label("withheld", "fr")) == ("Withheld", "Refusé")
    assert label("self_defence", "fr") == "Légitime défense uniquement"
    assert label("shuttle_diplomacy", "fr") == "Diplomatie de la navette"
    assert in_sentence("withheld", "fr") == "refusé"
    assert in_sentence("multi_track") == "multi-track diplomacy"
    assert principle_label("consent", "fr") == "Consentement"
    assert principle_label("non_use_of_force", "fr") == "Non-recours à la force"
    assert label("not_a_value", "fr") == "Not a value"          # unknown: humanized
    assert principle_label("custom_principle", "fr") == "Custom principle"


def test_label_tables_stay_mappings_in_english() -> None:
    assert dict(SEVERITY_LABELS) == {"blocker": "Blocker", "warning": "Warning",
                                     "advice": "Advice"}
    assert VERDICT_LABELS["needs_attention"] == "Needs attention"
    assert PRINCIPLE_LABELS.get("non_use_of_force") == "Non-use of force"
    assert list(PRINCIPLE_LABELS) == list(PRINCIPLES)
    with pytest.raises(KeyError):
        SEVERITY_LABELS["fatal"]


@pytest.mark.parametrize(("lang", "counts", "expected"), [
    ("en", {"blocker": 1, "warning": 3, "advice": 2}, "1 blocker, 3 warnings, 2 advice"),
    ("fr", {"blocker": 1, "warning": 3, "advice": 2}, "1 bloquant, 3 avertissements, 2 conseils"),
    ("fr", {"blocker": 0, "warning": 1, "advice": 0}, "1 avertissement"),
])
def test_plural_counts(lang: str, counts: dict[str, int], expected: str) -> None:
    assert severity_counts(counts, lang=lang) == expected


def test_french_singular_covers_zero() -> None:
    assert severity_counts({"blocker": 0, "warning": 0, "advice": 0}, True, "fr") == \
        "0 bloquant, 0 avertissement, 0 conseil"
    assert severity_counts({"blocker": 0, "warning": 0, "advice": 0}, True, "en") == \
        "0 blockers, 0 warnings, 0 advice"


def test_lookup_fills_placeholders_as_plain_text() -> None:
    t = translator("fr")
    assert t("pdf.page", page=3, pages=12) == "Page 3 sur 12"
    assert translator("en")("pdf.page", page=3, pages=12) == "Page 3 of 12"
    # a value that looks like a placeholder or markup is printed as it is, once
    assert fill("{a} and {b}", {"a": "{b}", "b": "<b>x</b>"}) == "{b} and <b>x</b>"


def test_unsupported_language_falls_back_to_english() -> None:
    assert translator("de")("severity.blocker") == "Blocker"
    assert label("withheld", "de") == "Withheld"


def test_unknown_id_is_a_bug_not_a_message() -> None:
    with pytest.raises(KeyError):
        translator("fr")("no.such_message")


def test_dates() -> None:
    fr, en = translator("fr"), translator("en")
    assert fr.date(date(2025, 3, 14)) == "14 mars 2025"
    assert fr.date(date(2025, 8, 1)) == "1er août 2025"
    assert en.date(date(2025, 3, 14)) == "2025-03-14"
    assert fr.date_text("2025-12-25") == "25 décembre 2025"
    assert fr.date_text("yesterday") == "yesterday"
    assert fr.date_text("2025-13-01") == "2025-13-01"


def _catalog(**overrides: object) -> bytes:
    doc: dict[str, object] = {"format": "pkdesk.i18n", "version": 1, "language": "fr",
                              "messages": {"pdf.page": "Page {page} sur {pages}"}}
    doc.update(overrides)
    return json.dumps(doc).encode()


@pytest.mark.parametrize(("raw", "message"), [
    (_catalog(format="other"), 'x.json: format: expected "pkdesk.i18n"'),
    (_catalog(version=2), "x.json: version: expected 1"),
    (_catalog(language="de"), "x.json: language: expected one of en, fr"),
    (_catalog(messages=[]), "x.json: messages: expected an object"),
    (_catalog(messages={"Page": "x"}), "x.json: messages: 'Page' is not an id"),
    (_catalog(messages={"pdf.page": ""}), "x.json: messages.pdf.page: expected non-empty text"),
    (_catalog(messages={"pdf.page": 3}), "x.json: messages.pdf.page: expected non-empty text"),
    (_catalog(messages={"count.x": {"one": "a"}}), "x.json: messages.count.x: expected text or"),
    (_catalog(messages={"count.x": {"one": "a", "other": ["b"]}}),
     "x.json: messages.count.x.other: expected non-empty text"),
    (_catalog(messages={"a.b": "x" * 2001}), "x.json: messages.a.b: expected non-empty text"),
    (b"{" * 100, "x.json: nested more than 4 levels deep"),
    (b" " * (MAX_CATALOG_BYTES + 1), "x.json: file is 524,289 bytes, larger than the 0.5 MiB"),
    (b"[" + b" " * MAX_CATALOG_BYTES + b"]", "x.json: file is 524,290 bytes, larger than"),
    (b'{"format": "pkdesk.i18n", "format": "pkdesk.i18n"}', 'x.json: not a pkdesk message catalog (duplicate key "format")'),
    (_catalog(messages={"pdf.page\nui.menu.file": "x"}), "x.json: messages: 'pdf.page\\nui"),
    (_catalog(messages={"pdf.page": "x", "ui.menu.": "y"}), "x.json: messages: 'ui.menu.' is"),
])
@pytest.mark.parametrize("parse", [parse_catalog, _shipped_catalog])
def test_bad_catalogs_are_one_line_errors(
        raw: bytes, message: str, parse: Callable[[bytes, str], object]) -> None:
    # The shipped catalogs' quicker parse (`_shipped_catalog`) refuses the same, as quoted.
    with pytest.raises(InputError) as err:
        parse(raw, "x.json")
    assert str(err.value).startswith(message)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_shipped_catalogs_pass_the_full_check_and_read_the_same_through_the_quick_one(
        lang: str) -> None:
    raw = catalog_path(lang).read_bytes()
    assert parse_catalog(raw, f"{lang}.json") == _shipped_catalog(raw, f"{lang}.json") \
        == (lang, catalog(lang))


def test_a_good_catalog_parses() -> None:
    lang, messages = parse_catalog(_catalog(messages={
        "pdf.page": "Page {page} sur {pages}", "count.x": {"one": "{n} x", "other": "{n} xs"}}),
        "x.json")
    assert lang == "fr"
    assert messages == {"pdf.page": "Page {page} sur {pages}", "count.x": ("{n} x", "{n} xs")}


# Windows: no LC_*/LANG variables; the display language comes from the system -------------

@pytest.mark.parametrize(("lcid", "expected"), [
    (0x040C, "fr"),     # fr-FR
    (0x0C0C, "fr"),     # fr-CA
    (0x080C, "fr"),     # fr-BE
    (0x100C, "fr"),     # fr-CH
    (0x3C0C, "fr"),     # fr-029 (Caribbean): not in locale.windows_locale, primary id French
    (0x0409, "en"),     # en-US
    (0x0809, "en"),     # en-GB
    (0x0407, None),     # de-DE
    (0x0411, None),     # ja-JP
    (0, None),
    (-1, None),
])
def test_windows_lcid_to_language(lcid: int, expected: str | None) -> None:
    assert language_of_windows_lcid(lcid) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("French_France", "fr"), ("French_Canada", "fr"), ("English_United States", "en"),
    ("fr_FR", "fr"), ("German_Germany", None), ("", None), (None, None),
])
def test_windows_locale_name_to_language(name: str | None, expected: str | None) -> None:
    assert language_of_windows_locale(name) == expected


def test_the_system_language_comes_after_the_locale_variables() -> None:
    french_system = lambda: "fr"  # noqa: E731 (what Windows reports for a French display)
    assert resolve_language(None, {}, french_system) == "fr"
    assert resolve_language(None, {"LANG": "en_US.UTF-8"}, french_system) == "en"
    assert resolve_language(None, {"PKDESK_LANG": "en"}, french_system) == "en"
    assert resolve_language("en", {}, french_system) == "en"
    assert resolve_language(None, {}, lambda: None) == "en"


def test_no_system_language_where_locale_variables_say_it() -> None:
    found = system_language()
    assert found is None if sys.platform != "win32" else found in (None, *LANGUAGES)
