"""How the window names the party, strategy, objective or indicator a finding is about ("party “Forces Nouvelles”").

The subject itself (``party:NAME``, ``strategy:KIND#N``, see `core.acknowledgements`) is an
identifier; people read it in the acknowledge dialog, the undo text and the stale list.
"""

from __future__ import annotations

from pkdesk.core.acknowledgements import PARTY, STRATEGY
from pkdesk.core.i18n import translator
from pkdesk.core.plan.model import Plan
from pkdesk.core.plan.report import subject_words
from pkdesk.core.report_labels import in_sentence
from pkdesk.ui.common.i18n import tr, ui_language


def subject_text(subject: str | None, plan: Plan | None = None) -> str:
    """The subject in words, or "" for a finding about the whole plan. A worded objective or
    an indicator is named by its text in ``plan`` (its uid only when the plan lacks it)."""
    if subject is None:
        return ""
    if subject.startswith(PARTY):
        return tr("ui.subject.party", name=subject[len(PARTY):])
    if subject.startswith(STRATEGY):
        kind, _, number = subject[len(STRATEGY):].partition("#")
        return tr("ui.subject.strategy", kind=in_sentence(kind, ui_language()),
                  number=number or "1")
    return subject_words(subject, plan, translator(ui_language()))


def rule_with_subject(rule: str, subject: str | None, plan: Plan | None = None) -> str:
    """``rule``, followed by its subject in words when the finding has one."""
    words = subject_text(subject, plan)
    return tr("ui.subject.rule_with", rule=rule, subject=words) if words else rule
