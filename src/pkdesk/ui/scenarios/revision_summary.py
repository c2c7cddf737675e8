"""A revision's stored summary ("changed title, notes", "imported") in the window's language.

Summaries are written in English when a revision is saved, by whichever pkdesk saved it, and
kept as they are; the ones pkdesk writes itself are recognised here and shown translated.
Anything else (a summary written by hand or by a later version) is shown as stored.
"""

from __future__ import annotations

import re

from pkdesk.core.plan.edits import FIELD_LABELS
from pkdesk.ui.common.i18n import has, tr

_FIXED = {"created": "ui.rev.created", "imported": "ui.rev.imported",
          "edited": "ui.rev.edited", "no changes": "ui.history.no_changes"}
_FIELD_KEYS = {label: key for key, label in FIELD_LABELS.items()}
_DUPLICATED = re.compile(r"duplicated from “(.*)”", re.DOTALL)
_BRANCHED = re.compile(r"branched from (.*)", re.DOTALL)
_RESTORED = re.compile(r"restored revision (\d+) \((.*)\)", re.DOTALL)


def summary_text(summary: str) -> str:
    if summary in _FIXED:
        return tr(_FIXED[summary])
    if summary.startswith("changed "):
        labels = summary[len("changed "):].split(", ")
        if all(has(f"ui.field.{_FIELD_KEYS.get(label)}") for label in labels):
            fields = tr("ui.list_comma").join(tr(f"ui.field.{_FIELD_KEYS[label]}")
                                              for label in labels)
            return tr("ui.rev.changed", fields=fields)
    if (match := _DUPLICATED.fullmatch(summary)) is not None:
        return tr("ui.rev.duplicated", title=match.group(1))
    if (match := _BRANCHED.fullmatch(summary)) is not None:
        return tr("ui.rev.branched", title=match.group(1))
    if (match := _RESTORED.fullmatch(summary)) is not None:
        detail = match.group(2)
        return tr("ui.rev.restored", number=match.group(1),
                  detail=tr(_FIXED[detail]) if detail in _FIXED else detail)
    return summary
