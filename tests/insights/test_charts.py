"""SVG charts: well-formed, accessible, scaled, and safe with hostile labels."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from kb.insights.charts import Bar, bar_chart, column_chart, nice_max, shorten

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "]]><!-- & --> &amp; </svg>",
    "null\x00 and bell\x07 and \ufffe",
    "' onload='alert(1)",
]


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))  # raises on anything that is not well-formed XML


ELEMENTS = {f"{SVG}{name}" for name in ("svg", "title", "desc", "g", "text", "rect", "line")}
ATTRIBUTES = {"class", "id", "role", "aria-labelledby", "viewBox", "width", "height", "x", "y"}
ATTRIBUTES |= {"rx", "x1", "x2", "y1", "y2", "text-anchor", "font-size"}


def only_chart_markup(svg: ET.Element) -> None:
    """Nothing but the elements and attributes the chart module writes: no injected markup."""
    for element in svg.iter():
        assert element.tag in ELEMENTS
        assert set(element.attrib) <= ATTRIBUTES


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_are_escaped_everywhere(label):
    chart = bar_chart(
        [Bar(label, (3,))], chart_id="c", title=label, desc=label, series=(label, "b")
    )
    svg = parse(chart)
    only_chart_markup(svg)
    shown = "".join(svg.find(f"{SVG}title").itertext())
    assert shown == "".join(ch for ch in label if ch not in "\x00\x07\ufffe").strip()
    days = [date(2026, 1, 1)]
    column = column_chart(days, [[1]], chart_id="d", title=label, date_fmt=lambda d: label)
    only_chart_markup(parse(column))


def test_a_bar_chart_is_an_image_with_a_title_and_a_description():
    svg = parse(bar_chart([Bar("a", (1,))], chart_id="top-searches", title="Top", desc="Searches"))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "top-searches-title top-searches-desc"
    assert svg.find(f"{SVG}title").get("id") == "top-searches-title"
    assert svg.find(f"{SVG}desc").text == "Searches"


def test_bars_are_scaled_to_the_largest_and_stacked():
    chart = bar_chart(
        [Bar("most", (6, 2)), Bar("half", (4, 0))], chart_id="c", title="t", series=("a", "b")
    )
    rects = [r for r in parse(chart).iter(f"{SVG}rect") if r.get("height") == "14"]
    widths = [float(r.get("width")) for r in rects]
    assert widths[0] + widths[1] == pytest.approx(2 * widths[2], abs=0.2)
    assert [r.get("class") for r in rects] == ["series-1", "series-2", "series-1"]
    values = [t.text for t in parse(chart).iter(f"{SVG}text") if t.get("class") == "chart-value"]
    assert values == ["8", "4"]


def test_long_labels_are_shortened_but_kept_in_the_tooltip():
    label = "word " * 30
    svg = parse(bar_chart([Bar(label, (1,))], chart_id="c", title="t"))
    shown = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-label"][0]
    assert shown.endswith("…") and len(shown) <= 52
    assert svg.find(f"{SVG}g/{SVG}title").text.startswith(label.strip())
    assert shorten("a  b") == "a b"


def test_a_column_chart_has_one_column_per_day_with_a_value():
    days = [date(2026, 1, 1) + timedelta(days=i) for i in range(30)]
    values = [[i % 3 for i in range(30)], [1] * 30]
    chart = column_chart(days, values, chart_id="daily", title="Daily", series=("found", "none"))
    svg = parse(chart)
    columns = [r for r in svg.iter(f"{SVG}rect") if r.get("class", "").startswith("series")]
    assert len(columns) == 2 + 20 + 30  # two legend keys; zero values draw nothing
    tooltips = [g.find(f"{SVG}title").text for g in svg.iter(f"{SVG}g")]
    assert tooltips[0] == "2026-01-01: 1" and tooltips[2] == "2026-01-03: 3"
    axis = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-axis"]
    assert axis == ["0", "5", "2026-01-01", "2026-01-16", "2026-01-30"]  # no line at 2.5
    ten = column_chart(days, [[10] * 30], chart_id="c", title="t")
    assert [t.text for t in parse(ten).iter(f"{SVG}text")][:3] == ["0", "5", "10"]


def test_numbers_and_dates_use_the_formatters():
    days = [date(2026, 1, 1)]
    chart = column_chart(days, [[1234]], chart_id="c", title="t", fmt=lambda v: f"<{v:,.0f}>")
    assert "&lt;2,000&gt;" in str(chart)


def test_bad_ids_and_mismatched_values_are_refused():
    with pytest.raises(ValueError):
        bar_chart([], chart_id='x" onload="y', title="t")
    with pytest.raises(ValueError):
        column_chart([date(2026, 1, 1)], [[1, 2]], chart_id="c", title="t")


def test_empty_charts_are_still_valid():
    parse(bar_chart([], chart_id="c", title="t"))
    parse(column_chart([], [[]], chart_id="c", title="t"))


def test_nice_maximum():
    assert [nice_max(v) for v in (0, 1, 2, 3, 11, 100, 101)] == [1, 1, 2, 5, 20, 100, 200]
