"""What can be printed: the plan shown (checked) or the reference topic shown, as a
`DocumentSource` that builds its `Report` when asked (`pkdesk.export` is imported then: it
brings SQLAlchemy, which the window's first paint must not wait for)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.output.pdf_export_dialog import safe_file_stem

if TYPE_CHECKING:
    from pkdesk.core.report import Report
    from pkdesk.store.db import Database
    from pkdesk.ui.planner.session import PlannerSession
    from pkdesk.ui.reference.reference_page import ReferencePage


@dataclass(frozen=True)
class DocumentSource:
    """What the page shown would print, and how to build it."""

    what: str                        # "the plan “…”", for the dialog's first line
    file_stem: str
    can_include_subtree: bool
    build: Callable[[bool], Report]  # with_subtree -> the document


def plan_source(session: PlannerSession) -> DocumentSource | None:
    """The plan shown, checked; None when no plan is shown."""
    repo, db = session.repo, session.db
    if session.plan is None or session.plan_id is None or repo is None or db is None:
        return None
    session.flush()        # the PDF shows what is stored, revision number included
    plan, plan_id = session.plan, session.plan_id

    def build(_subtree: bool) -> Report:
        from pkdesk.core.checker import check
        from pkdesk.export import PlanMeta, default_author, plan_document
        from pkdesk.store.reference_repo import ReferenceRepository

        meta = PlanMeta(author=default_author())
        revisions = repo.revisions(plan_id)
        if revisions:
            last = revisions[-1]
            meta = PlanMeta(revision=str(last.number),
                            date=last.created_at.astimezone().date().isoformat(),
                            author=last.author or default_author())
        result = check(plan, lang=ui_language())
        return plan_document(plan, result, ReferenceRepository(db), meta, lang=ui_language())

    return DocumentSource(tr("ui.pdf.the_plan", title=plan.title),
                          safe_file_stem(plan.title, "plan"), False, build)


def assessment_source(session: PlannerSession) -> DocumentSource | None:
    """The assessment report of the plan shown, at its latest review; None when no plan is
    shown."""
    db = session.db
    if session.plan is None or session.plan_id is None or db is None:
        return None
    session.flush()        # the report shows what is stored
    plan = session.plan

    def build(_subtree: bool) -> Report:
        from pkdesk.export import assessment_document
        from pkdesk.store.reference_repo import ReferenceRepository

        return assessment_document(plan, ReferenceRepository(db), lang=ui_language())

    return DocumentSource(tr("ui.pdf.the_assessment", title=plan.title),
                          safe_file_stem(f"{plan.title} assessment", "assessment"), False, build)


def reference_source(page: ReferencePage, db: Database | None) -> DocumentSource | None:
    """The topic shown, with its sections if asked; None when no topic is shown."""
    node_id = page.current_node
    if node_id is None or db is None:
        return None
    model = page.tree_model
    title = model.title(node_id)

    def build(with_subtree: bool) -> Report:
        from pkdesk.export import reference_document
        from pkdesk.store.reference_repo import ReferenceRepository

        return reference_document(ReferenceRepository(db), node_id, with_subtree,
                                  lang=ui_language())

    return DocumentSource(tr("ui.pdf.the_topic", title=title), safe_file_stem(title, node_id),
                          model.hasChildren(model.index_of(node_id)), build)
