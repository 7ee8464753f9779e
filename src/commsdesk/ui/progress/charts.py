"""Progress charts with pyqtgraph: attitudes over time with evidence on hover, talks per week.

pyqtgraph is imported only when the Progress section first shows a chart (start-up stays fast).
"""

from __future__ import annotations

from datetime import date, datetime, time

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from commsdesk.i18n import _, format_date
from commsdesk.storage.observations import BUILTIN_LABELS

WIN_COLOR = "#2e7d32"
STEP_COLOR = "#8e24aa"
SERIES_COLORS = ("#1e88e5", "#f4511e", "#00897b", "#6d4c41", "#3949ab", "#c0ca33")


def stamp(day: date) -> float:
    return datetime.combine(day, time(12)).timestamp()


def dimension_label(dim) -> str:
    return _(BUILTIN_LABELS[dim.key]) if dim.key in BUILTIN_LABELS else dim.name


class LocalDateAxis(pg.DateAxisItem):
    """Dates on the axis in the UI language (Babel), not in the C locale."""

    def tickStrings(self, values, scale, spacing):
        if spacing >= 300 * 86400:
            style = "yyyy"
        elif spacing >= 25 * 86400:
            style = "LLL yyyy"
        else:
            style = "d MMM"
        return [format_date(datetime.fromtimestamp(v).date(), style) for v in values]


def _themed(widget) -> None:
    palette = QApplication.palette()
    widget.setBackground(palette.color(QPalette.ColorRole.Base))
    return palette.color(QPalette.ColorRole.Text)


def _title_size() -> str:
    """Titles in the app's text size, so the Settings text size reaches the charts too."""
    return f"{QApplication.font().pointSizeF():.1f}pt"


def _style_axes(plot, text: QColor) -> None:
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(text))
        axis.setTextPen(pg.mkPen(text))


class PersonChart(pg.GraphicsLayoutWidget):
    """One plot per attitude (0–10), and a lane of talks and strategy steps on the same time axis."""

    def __init__(self, progress, parent=None):
        super().__init__(parent)
        from commsdesk.ui.progress.chart_text import person_text

        self.setAccessibleName(_("Chart of their views over time"))
        self.setAccessibleDescription(person_text(progress, dimension_label))
        text = _themed(self)
        self.scatters: dict[int, pg.ScatterPlotItem] = {}
        self.plots = []
        first = None
        win_ids = {w.observation.id for w in progress.wins}
        for index, dim in enumerate(progress.dimensions):
            series = progress.series[dim.id]
            plot = self.addPlot(row=index, col=0, axisItems={"bottom": LocalDateAxis()})
            _style_axes(plot, text)
            plot.setTitle(dimension_label(dim), color=text, size=_title_size())
            plot.setYRange(0, 10, padding=0.08)
            plot.getAxis("left").setTicks([[(v, str(v)) for v in (0, 5, 10)]])
            plot.setMouseEnabled(x=True, y=False)
            plot.showGrid(y=True, alpha=0.15)
            color = SERIES_COLORS[index % len(SERIES_COLORS)]
            xs = [stamp(o.observed_on) for o in series]
            ys = [o.value for o in series]
            plot.plot(xs, ys, pen=pg.mkPen(color, width=2))
            brushes = [pg.mkBrush(WIN_COLOR if o.id in win_ids else color) for o in series]
            sizes = [13 if o.id in win_ids else 9 for o in series]
            scatter = pg.ScatterPlotItem(xs, ys, brush=brushes, size=sizes, data=series,
                                         hoverable=True, tip=self._tip, hoverSize=15)
            plot.addItem(scatter)
            self.scatters[dim.id] = scatter
            self.plots.append(plot)
            if first is None:
                first = plot
            else:
                plot.setXLink(first)
        lane = self.addPlot(row=len(progress.dimensions), col=0, axisItems={"bottom": LocalDateAxis()})
        _style_axes(lane, text)
        lane.setTitle(_("Talks and strategy steps"), color=text, size=_title_size())
        lane.hideAxis("left")
        lane.setYRange(-0.6, 1.6)
        lane.setMouseEnabled(x=True, y=False)
        talks = [stamp(when.date()) for when, _temp in progress.talks]
        lane.addItem(pg.ScatterPlotItem(talks, [1] * len(talks), symbol="t1", size=8,
                                        brush=pg.mkBrush(text)))
        self.steps = pg.ScatterPlotItem(
            [stamp(s.day) for s in progress.steps], [0] * len(progress.steps), symbol="s", size=11,
            brush=[pg.mkBrush(STEP_COLOR if s.done else None) for s in progress.steps],
            pen=pg.mkPen(STEP_COLOR), data=progress.steps, hoverable=True, tip=self._step_tip)
        lane.addItem(self.steps)
        if first is not None:
            lane.setXLink(first)
        self.ci.layout.setRowStretchFactor(len(progress.dimensions), 0)
        lane.setMaximumHeight(110)
        self.plots.append(lane)

    @staticmethod
    def _tip(x, y, data) -> str:
        when = format_date(data.observed_on, "medium")
        return f"{when}: {data.value}/10" + (f"\n{data.evidence}" if data.evidence else "")

    @staticmethod
    def _step_tip(x, y, data) -> str:
        state = _("done") if data.done else _("due")
        return f"{format_date(data.day, 'medium')} ({state}): {data.title}"


class WeeklyChart(pg.PlotWidget):
    """Conversations per week, oldest on the left; no targets, no streaks."""

    def __init__(self, weeks: list[tuple[date, int]], parent=None):
        super().__init__(parent, axisItems={"bottom": LocalDateAxis()})
        from commsdesk.ui.progress.chart_text import weekly_text

        self.setAccessibleName(_("Conversations per week"))
        self.setAccessibleDescription(weekly_text(weeks))
        text = _themed(self)
        plot = self.getPlotItem()
        _style_axes(plot, text)
        plot.setTitle(_("Conversations per week"), color=text, size=_title_size())
        plot.setMouseEnabled(x=False, y=False)
        xs = [stamp(monday) + 3.5 * 86400 for monday, _n in weeks]
        self.bars = pg.BarGraphItem(x=xs, height=[n for _m, n in weeks], width=5 * 86400,
                                    brush=pg.mkBrush(SERIES_COLORS[0]))
        plot.addItem(self.bars)
        top = max([n for _m, n in weeks] + [3])
        plot.setYRange(0, top * 1.15, padding=0)
        step = max(1, round(top / 5))
        plot.getAxis("left").setTicks([[(v, str(v)) for v in range(0, top + step, step)]])
