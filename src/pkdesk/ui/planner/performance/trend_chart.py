"""An indicator's trend chart in the window: the PDF's picture (``export.trend_chart``), painted
on a widget in the window's light or dark palette.

Painted with QPainter rather than QtCharts: importing QtCharts and building one chart costs
17-30 ms and 8.9 MiB of memory on the reference machine, and its picture would differ from
the PDF's. ``show_indicator`` keeps the widget and repaints it with the new data: a data point
added to the table shows at the next paint.

What the chart says is in its accessible name and description too (the latest value, its
date, the rating pkdesk suggests), for a screen reader and for a tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from pkdesk.ui.common.i18n import tr, ui_language

if TYPE_CHECKING:
    from pkdesk.core.performance.trend import TrendData
    from pkdesk.core.plan.model import Indicator


def _rating_text(rating: str) -> str:
    return tr(f"value.{rating}")


class TrendChartView(QWidget):
    """Call ``show_indicator`` with the indicator and the dates of the reviews held."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(280, 170)
        self.data: TrendData | None = None
        self.rating = "no_data"
        self.summary = tr("ui.trend.none")
        self.setAccessibleName(tr("ui.trend.name"))
        self.setAccessibleDescription(self.summary)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(520, 260)

    def show_indicator(self, indicator: Indicator | None, review_dates: Sequence[str] = (),
                       today: date | None = None) -> None:
        """Show ``indicator`` (None: nothing) in place; repainted at the next paint."""
        from pkdesk.core.i18n import translator
        from pkdesk.core.performance.ratings import indicator_rating
        from pkdesk.core.performance.report_blocks import value_text
        from pkdesk.core.performance.trend import trend_data

        if indicator is None:
            self.data, self.rating = None, "no_data"
            self.summary = tr("ui.trend.none")
            self.setAccessibleName(tr("ui.trend.name"))
        else:
            lang = ui_language()
            self.data = trend_data(indicator, review_dates, lang)
            self.rating = indicator_rating(indicator, today or date.today())
            latest = self.data.latest
            if latest is None:
                self.summary = tr("ui.trend.no_value", rating=_rating_text(self.rating))
            else:
                day, value = latest
                self.summary = tr("ui.trend.latest",
                                  value=value_text(value, lang, indicator.unit),
                                  date=translator(lang).date(date.fromordinal(day)),
                                  rating=_rating_text(self.rating))
            self.setAccessibleName(tr("ui.trend.name_of", indicator=indicator.text))
        self.setAccessibleDescription(self.summary)
        self.setToolTip(self.summary)
        self.update()

    def is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        from pkdesk.export.trend_chart import DARK, LIGHT, TrendLabels, paint_trend

        painter = QPainter(self)
        try:
            palette = DARK if self.is_dark() else LIGHT
            rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
            if self.data is None:
                painter.fillRect(self.rect(), palette.background)
                painter.setPen(palette.muted)
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.summary)
                return
            paint_trend(painter, rect, self.data, self.font().family(), palette,
                        TrendLabels(tr("trend.values"), tr("trend.baseline"),
                                    tr("trend.target"), tr("trend.review"),
                                    tr("trend.no_data")),
                        font_pt=max(self.font().pointSizeF(), 8.0))
        finally:
            painter.end()
