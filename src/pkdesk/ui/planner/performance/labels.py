"""Labels of the format 3 values (direction, frequency, rating, decision action) in the
window's language: the printed labels (``value.*``, as the PDFs say them)."""

from __future__ import annotations

from pkdesk.core.report_labels import label
from pkdesk.ui.common.i18n import tr, ui_language


def value_label(value: str) -> str:
    return label(value, ui_language())


def rating_label(rating: str) -> str:
    return value_label(rating)


def action_label(action: str) -> str:
    """A decision's action; "none" (only recorded) has no printed label of its own."""
    return tr("ui.performance.review.action_none") if action == "none" else value_label(action)
