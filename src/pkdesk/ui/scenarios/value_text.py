"""A plan value on one short line, in the window's language: what `core.plan.diff.show_value`
prints for the CLI, with "(empty)", "(none)", yes and no in the language chosen."""

from __future__ import annotations

from typing import Any

from pkdesk.core.i18n import translator
from pkdesk.ui.common.i18n import tr, ui_language


def value_text(value: Any, max_chars: int) -> str:
    """Lists joined, dicts as ``key: value`` (keys are field ids), nothing as a dash."""
    if value is None:
        text = "—"
    elif value == "":
        text = tr("ui.value.empty")
    elif isinstance(value, bool):
        text = translator(ui_language())("word.yes" if value else "word.no")
    elif isinstance(value, list):
        text = ", ".join(value_text(v, max_chars) for v in value) if value \
            else tr("ui.value.none")
    elif isinstance(value, dict):
        text = ", ".join(tr("ui.value.pair", field=k, value=value_text(v, max_chars))
                         for k, v in value.items())
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= max_chars else text[:max_chars - 1] + "…"
