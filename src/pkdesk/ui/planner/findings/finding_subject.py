"""How the window names the party or strategy a finding is about ("party “Forces Nouvelles”").

The subject itself (``party:NAME``, ``strategy:KIND#N``, see `core.acknowledgements`) is an
identifier; people read it in the acknowledge dialog, the undo text and the stale list.
"""

from __future__ import annotations

from pkdesk.core.acknowledgements import PARTY, STRATEGY
from pkdesk.core.report_labels import in_sentence
from pkdesk.ui.common.i18n import tr, ui_language


def subject_text(subject: str | None) -> str:
    """The subject in words, or "" for a finding about the whole plan."""
    if subject is None:
        return ""
    if subject.startswith(PARTY):
        return tr("ui.subject.party", name=subject[len(PARTY):])
    if subject.startswith(STRATEGY):
        kind, _, number = subject[len(STRATEGY):].partition("#")
        return tr("ui.subject.strategy", kind=in_sentence(kind, ui_language()),
                  number=number or "1")
    return subject


def rule_with_subject(rule: str, subject: str | None) -> str:
    """``rule``, followed by its subject in words when the finding has one."""
    words = subject_text(subject)
    return tr("ui.subject.rule_with", rule=rule, subject=words) if words else rule
