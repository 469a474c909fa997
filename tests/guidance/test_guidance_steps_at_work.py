"""A step that works a calculator out, whose result its `next` tests; outcomes with a `record`;
and the map of a walkthrough drawn as SVG."""

import re
from decimal import Decimal

from kb.guidance import parse_blocks, walk
from kb.guidance.diagram import Marks, layers, render_svg
from tests.guidance.conftest import make_block, marked_line, spec_of

CALC = """
    id: pnv
    title: PNV
    inputs:
      - {id: subs, label: Subscriptions}
      - id: kind
        label: Kind
        type: choice
        options: [{id: vc, label: VC}, {id: vpl, label: VPL}]
    formulas:
      - {id: balance, label: Balance, formula: subs}
"""

WALK = """
    id: w
    title: W
    steps:
      - id: work
        title: Work it out
        calculator: pnv
        next:
          - when: balance >= 60 and kind == "vc"   # <-
            go: notify
          - go: below
      - id: notify
        title: Notify
        next: done
    outcomes:
      - {id: below, title: Do nothing, kind: no-action, record: Below 60}
      - {id: done, title: Send it, kind: notified}
"""


def blocks(walk_source=WALK, calc_source=CALC):
    return [make_block("calculator", calc_source, 10), make_block("walkthrough", walk_source, 40)]


def test_a_step_may_test_its_calculators_results():
    specs, problems = parse_blocks(blocks())
    assert problems == []
    spec = specs[1]
    assert spec.steps["work"].calculator == "pnv"
    assert spec.outcomes["below"].record == "Below 60"
    high = {"pnv": {"subs": Decimal("60"), "balance": Decimal("60"), "kind": "vc"}}
    low = {"pnv": {"subs": Decimal("59.99"), "balance": Decimal("59.99"), "kind": "vc"}}
    assert walk(spec, "next", high).step.id == "notify"
    assert walk(spec, "next", low).outcome.id == "below"
    assert walk(spec, "next").step.id == "work"  # no result yet: the walk waits there


def test_a_misspelt_result_or_option_is_reported_on_its_line():
    block = make_block("walkthrough", WALK.replace("balance >= 60", "balanse >= 60"), 40)
    _, problems = parse_blocks([make_block("calculator", CALC, 10), block])
    assert [(p.line, "balanse" in p.message) for p in problems] == [(marked_line(block), True)]
    typo = make_block("walkthrough", WALK.replace('kind == "vc"', 'kind == "vcc"'), 40)
    _, problems = parse_blocks([make_block("calculator", CALC, 10), typo])
    assert len(problems) == 1 and "vcc" in problems[0].message


def test_a_step_names_a_calculator_that_is_not_in_the_article():
    block = make_block("walkthrough", WALK.replace("calculator: pnv", "calculator: pvn"), 40)
    _, problems = parse_blocks([make_block("calculator", CALC, 10), block])
    assert any("'pvn' is not a calculator block" in p.message for p in problems)


def test_a_result_tested_before_any_calculator_is_an_unknown_name():
    source = WALK.replace("        calculator: pnv\n", "")
    block = make_block("walkthrough", source, 40)
    assert any("balance" in p.message for p in parse_blocks([block])[1])


def test_the_map_is_layered_from_the_start_down():
    spec = spec_of(make_block("walkthrough", WALK))
    assert layers(spec) == [["work"], ["notify", "below"], ["done"]] or layers(spec) == [
        ["work"],
        ["below", "notify"],
        ["done"],
    ]


def test_the_map_is_accessible_and_needs_no_inline_style():
    spec = spec_of(make_block("walkthrough", WALK))
    svg = render_svg(
        spec, title="Map <W>", description="3 steps", marks=Marks(current="notify", taken=["work"])
    )
    assert svg.startswith('<svg class="wt-map"') and 'role="img"' in svg
    assert "<title id=" in svg and "<desc id=" in svg and "Map &lt;W&gt;" in svg
    assert "style=" not in svg and "<script" not in svg
    current = re.search(r'<g class="([^"]*)" data-node="notify" aria-current="step">', svg)
    assert current and "is-current" in current.group(1)
    assert svg.count("<rect") == len(spec.steps) + len(spec.outcomes)


def test_the_map_with_runs_counts_steps_and_branches():
    spec = spec_of(make_block("walkthrough", WALK))
    marks = Marks(counts={"work": 5, "notify": 3}, left={"work": 1}, edges={("work", "notify"): 3})
    svg = render_svg(spec, title="t", description="d", marks=marks, label=lambda n, s: f"{n}/{s}")
    assert ">5/1</text>" in svg and ">3/0</text>" in svg
    assert 'class="wt-map-edge-count"' in svg and ">3</text>" in svg
    assert 'data-node="done"' in svg and "is-unused" in svg  # no run reached it
