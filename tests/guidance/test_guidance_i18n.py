"""Every label the library shows reaches the message catalogue through extraction."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

import kb.guidance
from kb.guidance import (
    calculate,
    calculator_summary,
    fill,
    render_html,
    route,
    routing_summary,
    walk,
    walkthrough_summary,
)
from kb.guidance.model import Calculator, Checklist, Routing, Walkthrough

from .conftest import FIXTURES, load, make_block, spec_of

AT = datetime(2025, 3, 12, 19, 0)


class Recorder:
    """A `_` that remembers what it was asked to translate."""

    def __init__(self):
        self.msgids: set[str] = set()

    def __call__(self, msgid: str) -> str:
        self.msgids.add(msgid)
        return msgid


def extracted() -> set[str]:
    """The msgids `make translations-extract` finds in kb/guidance (babel.cfg: kb/**.py)."""
    package = Path(kb.guidance.__file__).parent
    found = extract_from_dir(package, method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS)
    return {message for _file, _line, message, _comments, _context in found}


def exercise(_: Recorder) -> None:
    """Show every fixture in every way, good input and bad, so each label is asked for."""
    for lang in ("en", "ru"):
        for path in sorted((FIXTURES / lang).glob("*.md")):
            specs, _problems = load(lang, path.stem)
            for spec in specs:
                for training in (False, True):
                    render_html(spec, locale=lang, _=_, training=training, specs=specs)
                if isinstance(spec, Walkthrough):
                    for where in ("", "login.answered.next.yes.yes.done"):
                        position = walk(spec, where)
                        walkthrough_summary(spec, position, locale=lang, at=AT, _=_)
                elif isinstance(spec, Calculator):
                    for raw in (
                        {},
                        {"subscriptions": "x", "total_buy_cost": "-1"},
                        {
                            "subscriptions": "1",
                            "total_buy_cost": "1",
                            "total_sale_cost": "1",
                            "customer_type": "vc_partner",
                        },
                    ):
                        result = calculate(spec, raw, locale=lang, _=_)
                        calculator_summary(spec, result, locale=lang, at=AT, _=_)
                elif isinstance(spec, Checklist):
                    bad = {f.id: "@" for f in spec.fields}
                    for raw in ({}, bad, {f.id: "x" * 6000 for f in spec.fields}):
                        fill(spec, raw, locale=lang, _=_)
                elif isinstance(spec, Routing):
                    for moment in (
                        AT,
                        AT.replace(hour=12),
                        datetime(2025, 1, 1),
                        datetime(2025, 3, 15),
                    ):
                        routing_summary(spec, route(spec, moment), locale=lang, _=_)
    odd = spec_of(
        make_block(
            "calculator",
            """
        id: odd
        title: Odd
        inputs: [{id: a, label: A, max: 5}, {id: b, label: B, min: 1, max: 2}]
        formulas: [{id: r, label: R, formula: a / (b - b)}]
    """,
        )
    )
    for raw in ({"a": "9", "b": "1"}, {"a": "1", "b": "1"}):
        calculator_summary(odd, calculate(odd, raw, locale="en", _=_), locale="en", at=AT, _=_)
    render_html(odd, locale="en", _=_)


def test_every_label_shown_is_extracted():
    recorder = Recorder()
    exercise(recorder)
    assert len(recorder.msgids) > 60
    assert recorder.msgids - extracted() == set()
