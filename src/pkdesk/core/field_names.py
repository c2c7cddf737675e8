"""Plan fields and values as people read them, in English or French: what the comparison,
the revision history and the comparison PDF show instead of the diff paths and value ids of
`core.plandiff` (``resources.personnel``, ``parties[X].consent``, ``offensive``).

The words live in the catalogs: ``field.<path>`` for the plan's fields, ``field.sub.<key>`` for
a party's, strategy's, acknowledgement's or lineage's own fields, and ``value.<id>`` (through
`report_labels.label`) for enumerated values.
"""

from __future__ import annotations

import re
from typing import Any

from pkdesk.core.i18n import DEFAULT_LANGUAGE, translator
from pkdesk.core.report_labels import label

_ENTITY = re.compile(r"(parties|strategies|acknowledgements)\[(.*)\](?:\.([a-z_]+))?", re.DOTALL)
_DATED = ("data_point", "review")
_OCCURRENCE = re.compile(r"(.*) \((\d+)\)", re.DOTALL)


def sub_name(key: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A field inside a party, strategy, acknowledgement or the lineage ("Consent")."""
    t = translator(lang)
    return t(f"field.sub.{key}") if t.has(f"field.sub.{key}") else key


def _entity(kind: str, key: str, lang: str) -> str:
    t = translator(lang)
    if kind == "parties":
        return t("field.party", name=key)
    if kind == "strategies":
        strategy, _, number = key.rpartition(" ")
        return t("field.strategy", strategy=label(strategy or key, lang), number=number)
    return t("field.acknowledgement", finding=key)


def field_name(path: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The readable name of a diff path: "Use of force", "Party “FN”: Consent"."""
    t = translator(lang)
    if t.has(f"field.{path}") and not path.startswith("sub."):
        return t(f"field.{path}")
    if path.startswith("extra."):
        return t("field.extra", name=path[len("extra."):])
    match = _ENTITY.fullmatch(path)
    if match is None:
        return path
    kind, key, sub = match.groups()
    entity = _entity(kind, key, lang)
    return t("field.entity_field", entity=entity, field=sub_name(sub, lang)) if sub else entity


def change_name(change: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """The readable name of a ``plan.diff.Change`` or ``Difference``: ``field_name`` of its
    path, or for an item of the performance what it is and where, in ``lang`` ("data point
    2025-03-31 (Attacks on IDP sites): Value")."""
    words = getattr(change, "words", None)
    if not words:
        return field_name(change.path, lang)
    t = translator(lang)
    key, arg, within_key, within_arg = words
    item = t(f"item.{key}", arg=t.date_text(arg) if key in _DATED else arg)
    within = t("item.review", arg=t.date_text(within_arg)) if within_key == "review" \
        else within_arg
    entity = t("field.performance_item", item=item, within=within) if within else item
    head, dot, field = change.path.rpartition(".")
    if not dot or not head.endswith("]"):       # the item as a whole (added, removed)
        return entity
    return t("field.entity_field", entity=entity, field=sub_name(field, lang))


def value_line(value: Any, max_chars: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """A value on one line as `plandiff.show_value` prints it, but readable (`readable`) and
    with "(empty)", "none", yes and no in ``lang``."""
    t = translator(lang)
    if value is None:
        text = "—"
    elif value == "":
        text = t("word.empty")
    elif isinstance(value, bool):
        text = t("word.yes" if value else "word.no")
    elif isinstance(value, list):
        text = ", ".join(value_line(v, max_chars, lang) for v in value) if value \
            else f"({t('word.none')})"
    elif isinstance(value, dict):
        text = ", ".join(f"{sub_name(k, lang)}: {value_line(v, max_chars, lang)}"
                         for k, v in value.items())
    elif isinstance(value, str):
        text = label(value, lang) if value and t.has(f"value.{value}") else value
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= max_chars else text[:max_chars - 1] + "…"


def readable(value: Any, lang: str = DEFAULT_LANGUAGE) -> Any:
    """``value`` with enumerated values as labels ("Offensive operations") and the keys of a
    party's or strategy's dict as field names; anything else as it is."""
    t = translator(lang)
    if isinstance(value, bool):
        return t("word.yes" if value else "word.no")
    if isinstance(value, str):
        return label(value, lang) if value and t.has(f"value.{value}") else value
    if isinstance(value, list):
        return [readable(v, lang) for v in value]
    if isinstance(value, dict):
        return {sub_name(k, lang): readable(v, lang) for k, v in value.items()}
    return value
