"""Charts of weeks, drawn as text (Unicode blocks, for the terminal and the Markdown report) and
as SVG (for the printable page). Both come from the same rows, so they always agree.

Drawn here rather than by a plotting library: a handful of horizontal bars and a calendar need
no axes engine, read the same in a terminal, a Markdown file and on paper, and cost nothing at
start-up.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
DAY_MARKS = {
    "done": "●",
    "some": "◐",
    "missed": "○",
    "rest": "·",
    "today": "◌",
    "later": " ",
}
CALENDAR_KEY = "● all done  ◐ some done  ○ missed  · rest day  ◌ today, still to do"
DAY_COLOURS = {
    "done": "#2e7d32",
    "some": "#f9a825",
    "missed": "#c62828",
    "rest": "#e0e0e0",
    "today": "#90caf9",
    "later": "#ffffff",
}


@dataclass(frozen=True)
class Series:
    """One measure over the weeks: a value per row (None: nothing recorded that week)."""

    name: str
    values: tuple[float | None, ...]
    most: float  # the value a full bar stands for
    percent: bool = False  # shown as 0-100 %

    def shown(self, value: float | None) -> str:
        if value is None:
            return "–"
        return f"{round(value * 100)}%" if self.percent else f"{value:.1f}"


@dataclass(frozen=True)
class Chart:
    title: str
    labels: tuple[str, ...]  # one per row: the week
    series: tuple[Series, ...]


def bar(value: float | None, most: float, width: int) -> str:
    """A bar `width` cells long at `most`, in eighths of a cell; empty for None or 0."""
    if value is None or most <= 0:
        return ""
    eighths = round(max(0.0, min(value, most)) / most * width * 8)
    full, part = divmod(eighths, 8)
    return FULL * full + (EIGHTHS[part] if part else "")


def chart_lines(chart: Chart, width: int = 16) -> list[str]:
    """The chart as lines of text: a heading row, then a row per week."""
    label_width = max((len(label) for label in chart.labels), default=0)
    value_width = 5
    columns = [max(value_width + 1 + width, len(s.name)) for s in chart.series]
    head = " " * label_width + "".join(
        f"  {s.name:<{column}}" for s, column in zip(chart.series, columns, strict=True)
    )
    lines = [chart.title, head.rstrip()]
    for row, label in enumerate(chart.labels):
        cells = "".join(
            f"  {s.shown(s.values[row]):>{value_width}} "
            f"{bar(s.values[row], s.most, width):<{column - value_width - 1}}"
            for s, column in zip(chart.series, columns, strict=True)
        )
        lines.append(f"{label:<{label_width}}{cells}".rstrip())
    return lines


def calendar_lines(days: list[tuple[dt.date, str]]) -> list[str]:
    """Days as weeks of rows, Monday first, each day a mark (see DAY_MARKS)."""
    if not days:
        return []
    lines = ["         Mo Tu We Th Fr Sa Su"]
    first = days[0][0] - dt.timedelta(days=days[0][0].weekday())
    marks = dict(days)
    week = first
    while week <= days[-1][0]:
        row = [DAY_MARKS[marks[d]] if d in marks else " " for d in _week_days(week)]
        lines.append(f"{week:%d %b}   " + "  ".join(row).rstrip())
        week += dt.timedelta(days=7)
    return lines


def _week_days(monday: dt.date) -> list[dt.date]:
    return [monday + dt.timedelta(days=i) for i in range(7)]


# --- SVG --------------------------------------------------------------------------------------

_ROW = 22
_LABEL = 90
_BAR = 150
_GAP = 70
_COLOURS = ("#1565c0", "#ef6c00", "#2e7d32")


def chart_svg(chart: Chart) -> str:
    """The chart as one inline SVG element: horizontal bars, a value beside each."""
    columns = len(chart.series)
    width = _LABEL + columns * (_BAR + _GAP)
    height = _ROW * (len(chart.labels) + 2)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{html.escape(chart.title)}</title>",
        f'<text x="0" y="14" font-weight="bold">{html.escape(chart.title)}</text>',
    ]
    for c, series in enumerate(chart.series):
        x = _LABEL + c * (_BAR + _GAP)
        out.append(f'<text x="{x}" y="{_ROW + 14}">{html.escape(series.name)}</text>')
    for row, label in enumerate(chart.labels):
        y = _ROW * (row + 2)
        out.append(f'<text x="0" y="{y + 14}">{html.escape(label)}</text>')
        for c, series in enumerate(chart.series):
            x = _LABEL + c * (_BAR + _GAP)
            value = series.values[row]
            length = 0.0 if value is None else max(0.0, min(value, series.most)) / series.most
            colour = _COLOURS[c % len(_COLOURS)]
            out.append(
                f'<rect x="{x}" y="{y + 3}" width="{length * _BAR:.1f}" height="{_ROW - 8}" '
                f'fill="{colour}"/>'
            )
            out.append(
                f'<text x="{x + length * _BAR + 4:.1f}" y="{y + 14}">'
                f"{html.escape(series.shown(value))}</text>"
            )
    out.append("</svg>")
    return "\n".join(out)


def calendar_svg(days: list[tuple[dt.date, str]], title: str = "Days kept") -> str:
    """The calendar as one SVG: a square a day, Monday first, coloured by how it went."""
    size, label = 18, 70
    first = days[0][0] - dt.timedelta(days=days[0][0].weekday()) if days else dt.date.today()
    rows = ((days[-1][0] - first).days // 7 + 1) if days else 0
    width, height = label + 7 * (size + 4), (rows + 2) * (size + 4) + 4
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{html.escape(title)}</title>",
        f'<text x="0" y="14" font-weight="bold">{html.escape(title)}</text>',
    ]
    for i, name in enumerate(("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")):
        out.append(f'<text x="{label + i * (size + 4)}" y="{size + 14}">{name}</text>')
    for day, state in days:
        row = (day - first).days // 7
        column = day.weekday()
        x, y = label + column * (size + 4), (row + 2) * (size + 4)
        if column == 0 or day == days[0][0]:
            out.append(f'<text x="0" y="{y + 14}">{day:%d %b}</text>')
        out.append(
            f'<rect x="{x}" y="{y}" width="{size}" height="{size}" fill="{DAY_COLOURS[state]}" '
            f'stroke="#9e9e9e"><title>{day:%a %d %b}: {html.escape(state)}</title></rect>'
        )
    out.append("</svg>")
    return "\n".join(out)
