"""The findings panel: verdict and per-principle summary, the findings, and one in detail.

Selecting a finding shows it whole below the list: message, what to do instead, the
acknowledgement if any, and its citations as in-app links. Clicking a citation (or pressing
Enter / double-clicking a finding, for its first citation) asks for the cited passage with
`citation_requested(node_id, quote)`; the window opens it in the Reference page. "About this
rule" (a link in the detail, and a button) shows below it what the rule checks, why, what to
do instead and an example, as `pkdesk rule ID` prints it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QSizePolicy, QSplitter, QTableView, QTabWidget,
                               QTextBrowser, QVBoxLayout, QWidget)

from pkdesk.core.findings import SEVERITIES, CheckResult, Finding
from pkdesk.core.i18n import translator
from pkdesk.core.plan.model import Acknowledgement, Plan
from pkdesk.core.plan.report import stale_acknowledgement_text
from pkdesk.core.report_labels import principle_label, severity_label
from pkdesk.core.rule_help import rule_help
from pkdesk.core.rules import default_rule_pack
from pkdesk.ui.planner.findings.findings_model import MESSAGE, PRINCIPLE, RULE, SEVERITY, FindingsModel
from pkdesk.ui.common.text_zoom import TextZoom
from pkdesk.ui.common.i18n import tr, trn, ui_language
from pkdesk.ui.planner.findings.principle_summary import PrincipleSummary
from pkdesk.ui.common.severity_style import severity_icon

CITE_PREFIX = "pkdesk:cite/"
ROWS_KEPT = 5
"""Finding rows the list keeps in view when the window is short (a 1024×600 screen)."""
# Below this many average characters of room for the message, the severity column gives up
# its word (the icon, the badges above and the tooltip still say it).
MESSAGE_CHARS_WANTED = 40
RULE_LINK = "pkdesk:rule"


def _severity(severity: str) -> str:
    return severity_label(severity, ui_language())


def rule_html(rule_id: str, node_title: object = None) -> str:
    """What the rule checks, why, what to do instead and an example, escaped; "" when the
    shipped pack has no such rule."""
    rule = default_rule_pack().by_id().get(rule_id)
    if rule is None:
        return ""
    e = html.escape
    h = rule_help(rule, ui_language())
    parts = [f"<hr><p><b>{e(h.heading)}</b></p>",
             f"<p><b>{e(h.labels['head.checks'])}</b><br><code>{e(h.checks)}</code></p>",
             f"<p><b>{e(h.labels['head.why'])}</b></p>"]
    for cite in h.cites:
        title = node_title(cite.node) if callable(node_title) else cite.node
        parts.append(f"<p>{e(str(title))}<br>“{e(cite.quote)}”</p>")
    parts += [f"<p><b>{e(h.labels['head.instead'])}</b><br>{e(h.instead)}</p>",
              f"<p><b>{e(h.labels['head.example'])}</b><br>{e(h.example_message)}<br>"
              f"→ {e(h.example_instead)}</p>"]
    return "".join(parts)


def finding_html(finding: Finding, node_title: object = None, about_rule: bool = False) -> str:
    """The finding in detail; every piece of text escaped, citations as `pkdesk:cite/N`;
    then a link to the rule's explanation, shown below when ``about_rule``."""
    e = html.escape
    lang = ui_language()
    severity = severity_label(finding.severity, lang)
    parts = [f"<p><b>{e(severity)} · {e(finding.rule)} · "
             f"{e(principle_label(finding.principle, lang))}</b></p>",
             f"<p>{e(finding.message)}</p>",
             f"<p><b>{e(tr('ui.findings.instead'))}</b> {e(finding.instead)}</p>"]
    if finding.acknowledged is not None:
        parts.append(f"<p><b>{e(tr('ui.findings.acknowledged'))}</b> "
                     f"{e(finding.acknowledged)}</p>")
    for i, cite in enumerate(finding.cites):
        title = node_title(cite.node) if callable(node_title) else cite.node
        parts.append(f"<p><a href=\"{CITE_PREFIX}{i}\">{e(str(title))}</a><br>"
                     f"“{e(cite.quote)}”</p>")
    about = rule_html(finding.rule, node_title) if about_rule else ""
    if default_rule_pack().by_id().get(finding.rule) is not None:
        link = tr("ui.findings.hide_rule_link" if about else "ui.findings.about_rule_link")
        parts.append(f"<p><a href=\"{RULE_LINK}\">{e(link)}</a></p>")
    return "".join(parts) + about


class FindingsPanel(QWidget):
    citation_requested = Signal(str, str)
    acknowledge_requested = Signal(object)
    """A `Finding` the user wants to acknowledge (the page asks for the reason)."""
    withdraw_requested = Signal(object)
    """The `Finding` whose acknowledgement the user withdraws."""
    remove_stale_requested = Signal(object)
    """An `Acknowledgement` that applies to no finding, which the user removes."""

    def _fit_rows(self) -> None:
        """Rows stay two lines high at the text size chosen."""
        self.table.verticalHeader().setDefaultSectionSize(
            2 * self.table.fontMetrics().lineSpacing() + 8)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.node_title: object = None     # callable node id -> title, set by the window
        self._shown_html: str | None = None
        self._about_rule: str | None = None     # the rule whose explanation is shown
        self._plan: Plan | None = None          # the plan the shown result is of
        self._measured: set[str] = set()
        self.summary = PrincipleSummary()
        self.model = FindingsModel({s: severity_icon(self, s) for s in SEVERITIES}, self)
        self.table = QTableView()
        self.table.setObjectName("findingsTable")
        self.table.setAccessibleName(tr("ui.findings.name"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The message takes the room, wrapped; the principle column is hidden (the badges
        # above and the detail below name it), severity and rule stay narrow.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Rows are two lines high, fixed: measuring every wrapped row after every edit
        # (ResizeToContents) doubled the time of an edit on a 123-finding plan. A longer
        # message ends in "…"; the tooltip and the detail pane below show it whole.
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * self.table.fontMetrics().lineSpacing() + 8)
        self.table.setColumnHidden(PRINCIPLE, True)
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        self._severity_width = 32 + max(metrics.horizontalAdvance(f"{label} ✓")
                                        for label in map(_severity, SEVERITIES))
        self._compact_width = 32 + metrics.horizontalAdvance(" ✓")
        header.resizeSection(SEVERITY, self._severity_width)
        self._rule_width = header.sectionSize(RULE)
        # The viewport's own resize: when the table's arrives, its viewport has the old width.
        self.table.viewport().installEventFilter(self)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.detail = QTextBrowser()
        self.detail.setObjectName("findingDetail")
        self.detail.setAccessibleName(tr("ui.findings.detail_name"))
        self.detail.setOpenLinks(False)
        self.detail.setOpenExternalLinks(False)
        self.detail.setPlaceholderText(tr("ui.findings.placeholder"))
        self.detail.anchorClicked.connect(self._anchor_clicked)
        self.acknowledge_button = QPushButton(tr("ui.findings.acknowledge"))
        self.acknowledge_button.setToolTip(tr("ui.findings.acknowledge_tip"))
        self.withdraw_button = QPushButton(tr("ui.findings.withdraw"))
        self.withdraw_button.setToolTip(tr("ui.findings.withdraw_tip"))
        self.about_button = QPushButton(tr("ui.findings.about_rule"))
        self.about_button.setObjectName("aboutRuleButton")
        self.about_button.setToolTip(tr("ui.findings.about_rule_tip"))
        self.about_button.setCheckable(True)
        self.about_button.clicked.connect(self.toggle_about_rule)
        self.acknowledge_button.clicked.connect(self._acknowledge)
        self.withdraw_button.clicked.connect(self._withdraw)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.stale_box = self._stale_box()
        self.has_plan = True

        # One row, as narrow as the buttons: on a 1024-pixel screen the plan form beside the
        # findings needs the room, so the count gives way (elided, whole in its tooltip).
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.about_button)
        buttons.addWidget(self.acknowledge_button)
        buttons.addWidget(self.withdraw_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail)
        lower_layout.addLayout(buttons)
        lower_layout.addWidget(self.stale_box)
        # Below the list, the finding in detail; the page adds the what-ifs as a second tab
        # (`add_lower_tab`), so on a short screen the list keeps its rows with either open.
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setObjectName("findingLowerTabs")
        self.lower_tabs.setDocumentMode(True)
        self.lower_tabs.setTabBarAutoHide(True)
        self.lower_tabs.addTab(lower, tr("ui.findings.tab_detail"))
        self.detail.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 8)
        header_height = self.table.horizontalHeader().sizeHint().height()
        self.table.setMinimumHeight(header_height + ROWS_KEPT * rows.defaultSectionSize() + 4)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.lower_tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 260])
        self.zoom = TextZoom("planner/findingsZoom", [self.table, self.detail], self,
                             after=self._fit_rows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)

        self.summary.principle_chosen.connect(self.model.set_principle_filter)
        self.model.modelReset.connect(self._show_current)
        self.model.dataChanged.connect(self._show_current)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.table.activated.connect(self._open_first)
        self._show_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_severity_column()
        return super().eventFilter(watched, event)

    def _fit_severity_column(self) -> None:
        """On a narrow column (a small laptop screen) the message gets the room: severity
        shows its icon only and the rule id is left to the detail pane and the tooltip."""
        header = self.table.horizontalHeader()
        room = self.table.viewport().width() - self._rule_width - self._severity_width
        compact = room < MESSAGE_CHARS_WANTED * self.table.fontMetrics().averageCharWidth()
        self.model.set_compact(compact)
        header.resizeSection(SEVERITY, self._compact_width if compact else self._severity_width)
        self.table.setColumnHidden(RULE, compact)

    def add_lower_tab(self, widget: QWidget, text: str) -> int:
        """Another tab beside the finding's detail, below the list."""
        return self.lower_tabs.addTab(widget, text)

    def _stale_box(self) -> QWidget:
        box = QWidget()
        self.stale_list = QListWidget()
        self.stale_list.setObjectName("staleAcknowledgements")
        self.stale_list.setAccessibleName(tr("ui.findings.stale_name"))
        self.stale_list.setWordWrap(True)
        self.stale_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        label = QLabel(tr("ui.findings.stale_label"))
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(self.stale_list)
        self.remove_stale_button = QPushButton(tr("ui.findings.stale_remove"))
        self.remove_stale_button.setToolTip(tr("ui.findings.stale_remove_tip"))
        self.remove_stale_button.clicked.connect(self._remove_stale)
        self.stale_list.currentRowChanged.connect(
            lambda row: self.remove_stale_button.setEnabled(row >= 0))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_stale_button)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.stale_list)
        layout.addLayout(row)
        box.hide()
        return box

    def _show_stale(self, stale: tuple[Acknowledgement, ...]) -> None:
        shown = [(self.stale_list.item(i).data(Qt.ItemDataRole.UserRole),
                  self.stale_list.item(i).text()) for i in range(self.stale_list.count())]
        t = translator(ui_language())
        wanted = [(ack, stale_acknowledgement_text(ack, t, self._plan)) for ack in stale]
        if wanted != shown:
            self.stale_list.clear()
            for ack, text in wanted:
                item = QListWidgetItem(text)   # plain text
                item.setData(Qt.ItemDataRole.UserRole, ack)
                self.stale_list.addItem(item)
            self.stale_list.setCurrentRow(0 if stale else -1)
        self.remove_stale_button.setEnabled(self.stale_list.currentRow() >= 0)
        self.stale_box.setVisible(bool(stale))

    def stale_acknowledgements(self) -> list[Acknowledgement]:
        return [self.stale_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.stale_list.count())]

    def _remove_stale(self) -> None:
        item = self.stale_list.currentItem()
        if item is not None:
            self.remove_stale_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def set_result(self, result: CheckResult | None, plan: Plan | None = None) -> None:
        """Show ``result``; None when no plan is shown (a neutral state, nothing to act on).
        ``plan`` (the checked one) gives the words of the objectives and indicators that
        acknowledgements name."""
        self._plan = plan
        self.has_plan = result is not None
        if result is None:
            result = CheckResult(plan_title="")
        self.summary.set_result(result if self.has_plan else None)
        self._show_stale(result.stale_acknowledgements)
        rules = {f.rule for f in result.findings}
        if not rules <= self._measured:
            # Wide enough for every rule id seen, measured once per new id, not per edit.
            self._measured |= rules
            metrics = self.table.fontMetrics()
            width = max(metrics.horizontalAdvance(r) for r in self._measured) + 16
            self.table.horizontalHeader().resizeSection(RULE, width)
        current = self.current_finding()
        self.model.set_result(result)
        if current is not None and self.current_finding() != current:
            # Keep the same finding selected (rows can shift while typing), else its rule's.
            if not self.select_rule(current.rule, current.subject):
                self.select_rule(current.rule)
        self._show_current()

    def current_finding(self) -> Finding | None:
        index = self.table.currentIndex()
        return self.model.finding(index.row()) if index.isValid() else None

    def select_rule(self, rule: str, subject: str | None = None) -> bool:
        row = self.model.row_of(rule, subject)
        if row is None:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        return True

    def _show_current(self, *_args: object) -> None:
        finding = self.current_finding()
        if finding is None:
            self.detail.clear()
            self._shown_html = None
        else:
            if self._about_rule != finding.rule:
                self._about_rule = None
            new = finding_html(finding, self.node_title, self._about_rule is not None)
            if new != self._shown_html:
                self.detail.setHtml(new)
            self._shown_html = new
        self.acknowledge_button.setEnabled(finding is not None)
        self.about_button.setEnabled(finding is not None
                                     and finding.rule in default_rule_pack().by_id())
        self.about_button.setChecked(finding is not None and self._about_rule == finding.rule)
        self.withdraw_button.setEnabled(finding is not None and finding.acknowledged is not None)
        self.acknowledge_button.setText(tr("ui.findings.change_reason") if finding is not None
                                        and finding.acknowledged is not None
                                        else tr("ui.findings.acknowledge"))
        shown, total = self.model.rowCount(), len(self.model.result.findings)
        if not self.has_plan:
            self.status.setText(tr("ui.findings.no_plan"))
        else:
            self.status.setText(trn("ui.findings.shown_of", total, shown=shown) if shown != total
                                else trn("ui.findings.count", total))

    def _open_first(self, index: QModelIndex) -> None:
        finding = self.model.finding(index.row())
        if finding is not None and finding.cites:
            self.citation_requested.emit(finding.cites[0].node, finding.cites[0].quote)

    def toggle_about_rule(self) -> None:
        """Show (or hide) the current finding's rule explained, below the finding."""
        finding = self.current_finding()
        if finding is not None:
            self._about_rule = None if self._about_rule == finding.rule else finding.rule
        self._show_current()

    def _anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        finding = self.current_finding()
        if finding is not None and text == RULE_LINK:
            self.toggle_about_rule()
            return
        if finding is None or not text.startswith(CITE_PREFIX):
            return
        number = text[len(CITE_PREFIX):]
        if number.isdigit() and int(number) < len(finding.cites):
            cite = finding.cites[int(number)]
            self.citation_requested.emit(cite.node, cite.quote)

    def _acknowledge(self) -> None:
        finding = self.current_finding()
        if finding is not None:
            self.acknowledge_requested.emit(finding)

    def _withdraw(self) -> None:
        finding = self.current_finding()
        if finding is not None and finding.acknowledged is not None:
            self.withdraw_requested.emit(finding)
