"""The status bar's permanent text: where the user is on the page shown.

Reference page: the breadcrumb of the topic shown. Planner page: the plan shown, its verdict
and finding count, and whether its last edit is stored yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pkdesk.core.report_labels import verdict_label
from pkdesk.ui.common.i18n import tr, trn, ui_language

if TYPE_CHECKING:
    from pkdesk.ui.planner.planner_page import PlannerPage


def planner_status(page: PlannerPage) -> str:
    if page.repo is None:
        return tr("ui.status.opening")
    if page.plan is None:
        return tr("ui.status.no_plan")
    result = page.result
    findings = trn("ui.findings.count", len(result.findings))
    pending = page.autosaver is not None and page.autosaver.has_pending()
    saved = tr("ui.status.saving" if pending else "ui.status.saved")
    verdict = verdict_label(result.verdict, ui_language())
    return f"{page.plan.title} · {verdict}, {findings} · {saved}"
