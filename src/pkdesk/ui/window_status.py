"""The status bar's permanent text: where the user is on the page shown.

Reference page: the breadcrumb of the topic shown. Planner page: the plan shown, its verdict
and finding count, and whether its last edit is stored yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pkdesk.core.report_labels import VERDICT_LABELS

if TYPE_CHECKING:
    from pkdesk.ui.planner_page import PlannerPage


def planner_status(page: PlannerPage) -> str:
    if page.repo is None:
        return "Opening the plans…"
    if page.plan is None:
        return "No plan shown"
    result = page.result
    count = len(result.findings)
    findings = f"{count} finding{'s' if count != 1 else ''}"
    pending = page.autosaver is not None and page.autosaver.has_pending()
    saved = "saving…" if pending else "all changes saved"
    return f"{page.plan.title} · {VERDICT_LABELS[result.verdict]}, {findings} · {saved}"
