"""Reading walkthroughs, and every mistake in one reported at its line of the article."""

from __future__ import annotations

import re

import pytest

from kb.guidance.model import Walkthrough

from .conftest import FIXTURES, errors, load, make_block, marked_line, spec_of, warnings


def test_reads_the_call_back_procedure():
    (spec,), problems = load("en", "call-back")
    assert problems == []
    assert isinstance(spec, Walkthrough)
    assert spec.start == "reason"
    assert list(spec.steps)[:3] == ["reason", "dial", "introduce"]
    reason = spec.steps["reason"]
    assert [c.id for c in reason.choices] == ["voicemail", "login", "exchange"]
    assert dict(reason.choices[1].set) == {"reason": "login"}
    assert reason.why.startswith("The reason decides")
    # yes and no stay the text "yes" and "no", quoted or not (YAML 1.1 would make them booleans)
    assert [c.id for c in spec.steps["good-time"].choices] == ["yes", "no"]
    assert [c.id for c in spec.steps["recording"].choices] == ["yes", "no"]
    assert spec.steps["introduce"].script.startswith("Hello, this is [your name]")
    done = spec.steps["resolve"].choice("done")
    assert [(b.when.text if b.when else None, b.go) for b in done.next] == [
        ('reason == "login"', "sr-spoke"),
        ('reason == "exchange"', "refund-final"),
        (None, "standard-sr"),
    ]
    sr = spec.outcomes["sr-spoke"]
    assert sr.kind == "email-sent"
    assert [(a.kind, a.text) for a in sr.actions] == [
        ("send", "Programs - Academy - No Login Checks 2a - Outbound (Spoke)"),
        ("remove-tag", "call next"),
        ("add-tag", "final"),
    ]
    assert spec.outcomes["hung-up-refund"].actions[0].kind == "do"


def test_lines_point_into_the_article_file():
    (spec,), _ = load("en", "call-back")
    text = (FIXTURES / "en" / "call-back.md").read_text("utf-8").splitlines()
    assert text[spec.line - 1] == "id: call-back"
    assert text[spec.steps["dial"].line - 1].strip() == "- id: dial"
    assert text[spec.outcomes["by-email"].line - 1].strip() == "- id: by-email"


BASE = """\
id: wt
title: Test
steps:
  - id: a
    title: A
    choices:
      - id: go
        label: Go
        set: {reason: login}
        next: done
outcomes:
  - id: done
    title: Done
    kind: resolved
"""


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            """
            id: wt
            title: Test
            steps:
              - id: a
                title: A
               next: done   # <-
            """,
            "not valid YAML",
        ),
        (
            """
            id: wt
            title: Test
            steps:
              - id: a
                title: A
                choices:
                  - id: stay  # <-
                    label: Stay
                  - {id: go, label: Go, next: done}
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "step 'a', choice 'stay' leads nowhere: give it 'next'",
        ),
        (
            """
            id: wt
            title: Test
            steps:
              - id: a  # <-
                title: A
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "step 'a' leads nowhere: give it 'choices' or 'next'",
        ),
        (
            """
            id: wt
            title: Test
            steps:
              - {id: a, title: A, next: done}
              - {id: a, title: Again, next: done}  # <-
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "step 'a' is given twice",
        ),
        (
            """
            id: wt
            title: Test
            steps:
              - {id: a, title: A, next: done}
            outcomes:
              - {id: done, title: Done, kind: resolved}
              - {id: a, title: Clash, kind: resolved}  # <-
            """,
            "outcome 'a': a step or outcome already has this id",
        ),
        (
            """
            id: wt
            title: Test
            steps:
              - id: a  # <-
                next: done
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "step 'a': missing required key 'title'",
        ),
        (
            """
            id: wt
            title: Test
            steps:
              - id: a b  # <-
                title: A
                next: done
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "step 'a b': id 'a b' must use only letters a-z, digits, '-' and '_'",
        ),
        (
            """
            id: wt
            title: Test
            steps:
              - {id: a, title: A, next: done}
            outcomes:
              - id: done
                title: Done
                kind: finished  # <-
            """,
            "outcome 'done': 'kind' is 'finished'; use one of: resolved, retained",
        ),
        (
            """
            id: wt
            title: Test
            start: done  # <-
            steps:
              - {id: a, title: A, next: done}
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "walkthrough: 'start' is 'done', which is not a step",
        ),
        (
            """
            id: wt
            title: Test
            steps:
              - id: a
                title: A
                choices:
                  - id: go
                    label: Go
                    set: {the-reason: login}  # <-
                    next: done
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "answer 'the-reason' must start with a letter and use only letters a-z, digits and '_'",
        ),
        (
            """
            id: wt
            title: Test
            steps:
              - id: a  # <-
                title: A
                next: done
                choices:
                  - {id: go, label: Go, next: done}
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "step 'a': give either 'choices' or 'next', not both",
        ),
        (
            """
            id: wt
            title: Test
            steps:
              - {id: a, title: A, next: done}
            outcomes:
              - id: done
                title: Done
                kind: resolved
                actions:
                  - email: Welcome  # <-
            """,
            "outcome 'done': unknown action 'email'",
        ),
        (
            """
            id: wt  # <-
            title: Test
            steps:
              - {id: a, title: A, next: done}
            """,
            "walkthrough 'wt': missing required key 'outcomes'",
        ),
    ],
)
def test_each_mistake_is_reported_at_its_line(source, message):
    block = make_block("walkthrough", source)
    found = errors(block)
    line = marked_line(block)
    assert any(at == line and re.search(message, text) for at, text in found), found


def test_the_base_spec_is_valid():
    assert errors(make_block("walkthrough", BASE)) == []


def test_an_unknown_key_is_a_warning_with_a_suggestion():
    source = BASE.replace("    title: A\n", "    title: A\n    titel: B  # <-\n")
    block = make_block("walkthrough", source)
    assert errors(block) == []
    assert warnings(block) == [
        (marked_line(block), "step 'a': unknown key 'titel' is ignored (did you mean 'title'?)")
    ]
    assert spec_of(block).steps["a"].title == "A"
