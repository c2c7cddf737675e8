"""A printable document as plain data: headings, paragraphs, tables, finding cards, a chart.

Builders (``plan.report``, ``reference_report``, ``comparison_report``) decide what a document says; ``pkdesk.export``
only paints these blocks. Every string here is literal text, never markup: painters must
insert it as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Union

# PrintLabels and humanize live with the labels; named here too for the painters and builders.
from pkdesk.core.report_labels import PrintLabels as PrintLabels
from pkdesk.core.report_labels import humanize as humanize
from pkdesk.core.report_labels import print_labels

if TYPE_CHECKING:
    from pkdesk.core.performance.trend import TrendData

Tone = Literal["body", "muted", "lead"]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1              # 1 = section, 2 = subsection
    new_page: bool = False


@dataclass(frozen=True)
class Paragraph:
    text: str
    tone: Tone = "body"


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class FieldList:
    """Label/value pairs printed as a two-column grid without rules."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]     # percent of the text width, one per column


HEAT_LEVELS = ("blocker", "warning", "advice", "none")


@dataclass(frozen=True)
class HeatMap(Table):
    """A table whose body cells (all but the first column, which holds the row labels) are
    shaded by severity; as a ``Table`` it still lists its numbers in ``text_content``."""

    # levels[r][c] shades rows[r][c + 1]: one of HEAT_LEVELS
    levels: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class CiteLine:
    node_title: str
    quote: str


@dataclass(frozen=True)
class FindingCard:
    rule: str
    severity: str               # one of pkdesk.core.findings.SEVERITIES
    message: str
    instead: str
    cites: tuple[CiteLine, ...] = ()
    acknowledged: str | None = None   # "reason — by, at" when the planner acknowledged it


@dataclass(frozen=True)
class ChartRow:
    label: str
    blocker: int = 0
    warning: int = 0
    advice: int = 0

    @property
    def total(self) -> int:
        return self.blocker + self.warning + self.advice


@dataclass(frozen=True)
class SummaryChart:
    """Findings per principle as stacked bars: the picture a reader takes in at a glance."""

    rows: tuple[ChartRow, ...]


@dataclass(frozen=True)
class TrendChart:
    """An indicator's trend chart (values, baseline, target line, reviews), printed as an
    image; ``legend`` names its four lines and the empty chart, in the document's language:
    (values, baseline, target line, review, no data)."""

    data: TrendData
    legend: tuple[str, str, str, str, str]


@dataclass(frozen=True)
class VerdictBanner:
    verdict: str                # "blocked" | "needs_attention" | "sound"
    label: str                  # "Blocked"
    detail: str                 # "2 blockers, 3 warnings, 1 advice (1 acknowledged)"


@dataclass(frozen=True)
class Passage:
    """A reference text quoted in full; the sentences cited by findings are emphasised."""

    text: str
    emphasis: tuple[str, ...] = ()


@dataclass(frozen=True)
class TitleBlock:
    kicker: str                 # "MISSION PLAN", printed small above the title
    title: str
    subtitle: str = ""


Block = Union[Heading, Paragraph, BulletList, FieldList, Table, HeatMap, FindingCard,
              SummaryChart, TrendChart, VerdictBanner, Passage, TitleBlock]


def _english_labels() -> PrintLabels:
    return print_labels("en")


@dataclass(frozen=True)
class Report:
    running_title: str          # printed in every page header
    title: str                  # document metadata
    author: str
    subject: str
    blocks: tuple[Block, ...]
    running_note: str = ""      # printed at the right of every page header, e.g. "Revision 3"
    labels: PrintLabels = field(default_factory=_english_labels)

    def text_content(self) -> str:
        """Every string the document prints, one per line (for tests and search)."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, (Heading, Paragraph)):
                out.append(b.text)
            elif isinstance(b, BulletList):
                out.extend(b.items)
            elif isinstance(b, FieldList):
                out.extend(f"{k}: {v}" for k, v in b.rows)
            elif isinstance(b, Table):
                out.append(" | ".join(b.columns))
                out.extend(" | ".join(r) for r in b.rows)
            elif isinstance(b, FindingCard):
                out.extend([b.rule, b.message, b.instead])
                out.extend(c.quote for c in b.cites)
                if b.acknowledged:
                    out.append(b.acknowledged)
            elif isinstance(b, SummaryChart):
                out.extend(r.label for r in b.rows)
            elif isinstance(b, TrendChart):
                continue            # a picture: its words are in the blocks around it
            elif isinstance(b, VerdictBanner):
                out.extend([b.label, b.detail])
            elif isinstance(b, Passage):
                out.append(b.text)
            else:
                out.extend([b.kicker, b.title, b.subtitle])
        return "\n".join(out)


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
