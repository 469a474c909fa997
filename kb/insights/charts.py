"""Small SVG charts drawn on the server: horizontal bars and daily columns.

Every piece of text is escaped and stripped of characters XML forbids; colours come from CSS
classes (`chart`, `series-1`...), so the charts follow the site's light and dark themes. Each
chart is an image with a title and a description; the table beside it carries the numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

WIDTH = 360  # user units; the SVG scales to its box, text stays legible at 360 px wide
LABEL_CHARS = 52  # longer labels are cut with an ellipsis; the full text is in the tooltip
_ID = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

Format = Callable[[float], str]


@dataclass(frozen=True)
class Chart:
    """A drawn chart: its title, for a visible caption, and its SVG (what templates print)."""

    title: str
    svg: Markup

    def __html__(self) -> str:
        return str(self.svg)

    __str__ = __html__


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: its label and one value per series (stacked left to right)."""

    label: str
    values: tuple[float, ...]


def text(value: object) -> str:
    """Any value as text that is safe inside SVG markup, attributes included.

    >>> text('<script>"x" & \\x00')
    '&lt;script&gt;&#34;x&#34; &amp;'
    """
    return str(escape(_NOT_XML.sub("", str(value)))).strip()


def shorten(label: str, limit: int = LABEL_CHARS) -> str:
    """A label cut to `limit` characters, an ellipsis marking the cut."""
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def nice_max(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten that is at least `value` (1 for nothing).

    >>> [nice_max(v) for v in (0, 3, 7, 12, 380)]
    [1, 5, 10, 20, 500]
    """
    if value <= 0:
        return 1
    scale = 1
    while True:
        for step in (1, 2, 5):
            if step * scale >= value:
                return step * scale
        scale *= 10


def bar_chart(
    bars: Sequence[Bar],
    *,
    chart_id: str,
    title: str,
    desc: str = "",
    series: Sequence[str] = ("",),
    fmt: Format = str,
) -> Chart:
    """Horizontal bars, a label above each; several `series` are stacked and get a legend."""
    _check_id(chart_id)
    legend = 22 if len(series) > 1 else 0
    row = 36
    height = legend + row * len(bars) + 4
    scale_max = max((sum(b.values) for b in bars), default=0) or 1
    room = WIDTH - 56  # space for the value after the longest bar
    parts = [_open(chart_id, title, desc, height)]
    if legend:
        parts.append(_legend(series))
    for i, bar in enumerate(bars):
        y = legend + i * row
        total = sum(bar.values)
        parts.append(f'<g class="chart-row"><title>{text(bar.label)}: {text(fmt(total))}</title>')
        label = text(shorten(bar.label))
        parts.append(f'<text class="chart-label" x="0" y="{y + 12}">{label}</text>')
        x = 0.0
        for n, value in enumerate(bar.values, start=1):
            width = room * value / scale_max
            if width > 0:
                parts.append(
                    f'<rect class="series-{n}" x="{x:.1f}" y="{y + 17}" '
                    f'width="{max(width, 1):.1f}" height="14" rx="2"/>'
                )
            x += width
        parts.append(
            f'<text class="chart-value" x="{x + 4:.1f}" y="{y + 28}">{text(fmt(total))}</text></g>'
        )
    parts.append("</svg>")
    return Chart(title, Markup("".join(parts)))


def column_chart(
    days: Sequence[date],
    values: Sequence[Sequence[float]],
    *,
    chart_id: str,
    title: str,
    desc: str = "",
    series: Sequence[str] = ("",),
    fmt: Format = str,
    date_fmt: Callable[[date], str] = date.isoformat,
) -> Chart:
    """One column per day, `values[s][d]` for series s on day d, series stacked bottom up."""
    _check_id(chart_id)
    if len(values) != len(series) or any(len(v) != len(days) for v in values):
        raise ValueError("one list of values per series, one value per day")
    legend = 22 if len(series) > 1 else 0
    left, top, bottom, height = 40, legend + 8, 22, legend + 170
    plot_w, plot_h = WIDTH - left - 4, height - top - bottom
    totals = [sum(v[d] for v in values) for d in range(len(days))]
    top_value = nice_max(max(totals, default=0))
    parts = [_open(chart_id, title, desc, height)]
    if legend:
        parts.append(_legend(series))
    # A middle line only where it falls on a whole number: counts have no halves.
    for tick in (0, top_value // 2, top_value) if top_value % 2 == 0 else (0, top_value):
        y = top + plot_h * (1 - tick / top_value)
        parts.append(
            f'<line class="chart-grid" x1="{left}" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="chart-axis" x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">'
            f"{text(fmt(tick))}</text>"
        )
    slot = plot_w / max(len(days), 1)
    gap = slot * 0.2 if len(days) <= 31 else 0.4
    for d, day in enumerate(days):
        x = left + d * slot + gap / 2
        parts.append(f"<g><title>{text(date_fmt(day))}: {text(fmt(totals[d]))}</title>")
        y = top + plot_h
        for s, series_values in enumerate(values, start=1):
            h = plot_h * series_values[d] / top_value
            if h > 0:
                y -= h
                parts.append(
                    f'<rect class="series-{s}" x="{x:.1f}" y="{y:.1f}" '
                    f'width="{max(slot - gap, 0.5):.1f}" height="{h:.1f}"/>'
                )
        parts.append("</g>")
    for d in sorted({0, len(days) // 2, len(days) - 1} if days else set()):
        anchor = "start" if d == 0 else "end" if d == len(days) - 1 else "middle"
        x = left + d * slot + (slot / 2 if anchor == "middle" else slot if anchor == "end" else 0)
        parts.append(
            f'<text class="chart-axis" x="{x:.1f}" y="{height - 6}" text-anchor="{anchor}">'
            f"{text(date_fmt(days[d]))}</text>"
        )
    parts.append("</svg>")
    return Chart(title, Markup("".join(parts)))


def _open(chart_id: str, title: str, desc: str, height: int) -> str:
    labelled = f"{chart_id}-title {chart_id}-desc" if desc else f"{chart_id}-title"
    head = (
        f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{labelled}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="12">'
        f'<title id="{chart_id}-title">{text(title)}</title>'
    )
    return head + (f'<desc id="{chart_id}-desc">{text(desc)}</desc>' if desc else "")


def _legend(series: Sequence[str]) -> str:
    parts, x = [], 0
    for n, name in enumerate(series, start=1):
        label = shorten(name, 24)
        parts.append(
            f'<rect class="series-{n}" x="{x}" y="4" width="12" height="12" rx="2"/>'
            f'<text class="chart-legend" x="{x + 16}" y="14">{text(label)}</text>'
        )
        x += 16 + 7 * len(label) + 16
    return "".join(parts)


def _check_id(chart_id: str) -> None:
    if not _ID.match(chart_id):
        raise ValueError(f"chart ids are lower-case letters, digits and '-': {chart_id!r}")
