"""A rule's message and ``instead`` texts: templates whose ``{field}`` placeholders name facts,
checked when the pack loads (the fields exist in the rule's scope; a translation uses the
English text's placeholders), and filled with the facts' values as plain text, one line, in the
language of the text (an enumerated value ``withheld`` is « refusé » in French)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pkdesk.core.conditions import Facts, field_spec
from pkdesk.core.errors import InputError
from pkdesk.core.facts import FIELDS
from pkdesk.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, translator
from pkdesk.core.plan.values import check_controls
from pkdesk.core.report_labels import in_sentence

MAX_VALUE_CHARS = 120       # an interpolated value longer than this is shortened
TEXT_KEYS = ("message", "instead")
_ITEM_PREFIXES = ("party.", "strategy.", "objective.", "indicator.")
_PLACEHOLDER = re.compile(r"\{([a-z_.]+)\}")
_QUOTES = {"en": ('"', '"'), "fr": ("«\u00a0", "\u00a0»")}


def render(template: str, facts: Facts, item: Facts | None, lang: str = DEFAULT_LANGUAGE,
           cache: dict[Any, str] | None = None) -> str:
    """Fill ``{field}`` placeholders with plain-text values (validated at load time).

    ``cache``: texts already rendered in this check, by template and values, so that the
    same message for many items is built once and stored once."""
    names = placeholder_names(template)
    if not names:
        return template
    values = tuple(item[n] if item is not None and n.startswith(_ITEM_PREFIXES)
                   else facts[n] for n in names)
    key: Any = (template, lang, values)
    if cache is not None:
        try:
            return cache[key]
        except KeyError:
            pass
        except TypeError:       # an unhashable value: rendered, not cached
            cache = None
    shown = dict(zip(names, values))
    text = _PLACEHOLDER.sub(lambda m: _as_text(shown[m.group(1)], lang,
                                               bool(FIELDS[m.group(1)].allowed)), template)
    if cache is not None:
        cache[key] = text
    return text


@lru_cache(maxsize=256)
def placeholder_names(template: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_PLACEHOLDER.findall(template)))


def _as_text(value: Any, lang: str = DEFAULT_LANGUAGE, enumerated: bool = False) -> str:
    t = translator(lang)
    if value is None:
        text = t("word.none")
    elif isinstance(value, bool):
        text = t("word.yes") if value else t("word.no")
    elif isinstance(value, (frozenset, set, list, tuple)):
        shown = (in_sentence(v, lang) if enumerated else _one_line(str(v)) for v in value)
        opening, closing = _QUOTES.get(lang, _QUOTES[DEFAULT_LANGUAGE])
        text = ", ".join(f"{opening}{v}{closing}" for v in sorted(shown))
    elif enumerated and isinstance(value, str):
        text = in_sentence(value, lang)
    elif isinstance(value, int):
        text = t.number(value)
    else:
        text = _one_line(str(value))
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS - 1] + "…"


def _one_line(text: str) -> str:
    """One line, bounded: a party named with a 300-character paragraph stays readable."""
    return " ".join(text.split())


def required_text(item: dict[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}.{key}: expected non-empty text")
    return check_controls(value, f"{where}.{key}", multiline=False)


def check_template(text: str, scope: str, where: str) -> str:
    for name in _PLACEHOLDER.findall(text):
        field_spec(name, scope, where)
    return text


def parse_translations(value: Any, english: dict[str, str], scope: str,
                       where: str) -> tuple[tuple[str, str, str], ...]:
    """``{"fr": {"message": ..., "instead": ...}}``: each text with the English placeholders."""
    if value is None:
        return ()
    others = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected {{\"fr\": {{\"message\": text, \"instead\": text}}}}")
    out = []
    for lang, texts in value.items():
        if lang not in others:
            raise InputError(f"{where}: unknown language {lang[:20]!r} "
                             f"(expected {', '.join(others)})")
        at = f"{where}.{lang}"
        if not isinstance(texts, dict) or set(texts) != set(TEXT_KEYS):
            raise InputError(f"{at}: expected {{\"message\": text, \"instead\": text}}")
        for key in TEXT_KEYS:
            check_template(required_text(texts, key, at), scope, f"{at}.{key}")
            got, want = (_placeholders(t) for t in (texts[key], english[key]))
            if got != want:
                raise InputError(f"{at}.{key}: placeholders {got} differ from the English "
                                 f"text's {want}")
        out.append((lang, texts["message"], texts["instead"]))
    return tuple(out)


def _placeholders(text: str) -> str:
    return ", ".join(f"{{{n}}}" for n in sorted(set(_PLACEHOLDER.findall(text)))) or "none"

