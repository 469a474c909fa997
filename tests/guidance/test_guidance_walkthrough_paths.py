"""Walkthrough checks that need the whole spec: where choices lead, conditions, loops."""

from __future__ import annotations

import re

import pytest

from .conftest import errors, make_block, marked_line


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
                next: nowhere  # <-
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "step 'a' leads to 'nowhere', which is neither a step nor an outcome",
        ),
        (
            """
            id: wt
            title: Test
            steps:
              - {id: a, title: A, next: done}
              - id: lost  # <-
                title: Lost
                next: done
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "step 'lost' cannot be reached from the start \\('a'\\)",
        ),
        (
            """
            id: wt
            title: Test
            steps:
              - {id: a, title: A, next: done}
            outcomes:
              - {id: done, title: Done, kind: resolved}
              - {id: spare, title: Spare, kind: resolved}  # <-
            """,
            "outcome 'spare' cannot be reached",
        ),
        (
            """
            id: wt
            title: Test
            steps:
              - id: a
                title: A
                choices:
                  - {id: loop, label: Loop, next: b}
                  - {id: end, label: End, next: done}
              - id: b  # <-
                title: B
                next: c
              - id: c
                title: C
                choices:
                  - {id: back, label: Back, next: b}
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "steps 'b', 'c' go round in a loop that never reaches an outcome",
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
                    next:
                      - when: reason === "x"  # <-
                        go: done
                      - go: done
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "step 'a', choice 'go': 'when': write '==' to compare \\(column 10\\)",
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
                    set: {reason: login}
                    next:
                      - when: reason == "logon"  # <-
                        go: done
                      - go: done
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            '\'when\': reason is never "logon" \\(it can be "login"\\)',
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
                    next:
                      - when: answered == "yes"  # <-
                        go: done
                      - go: done
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "'when': unknown variable 'answered'",
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
                    set: {reason: login}
                    next:
                      - go: done  # <-
                      - when: reason == "login"
                        go: done
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "only the last 'next' entry may leave out 'when'",
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
                    set: {reason: login}
                    next:
                      - when: reason == "login"  # <-
                        go: done
            outcomes:
              - {id: done, title: Done, kind: resolved}
            """,
            "the last 'next' entry is the default: give it only 'go'",
        ),
    ],
)
def test_each_mistake_is_reported_at_its_line(source, message):
    block = make_block("walkthrough", source)
    found = errors(block)
    line = marked_line(block)
    assert any(at == line and re.search(message, text) for at, text in found), found
