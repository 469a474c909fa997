"""An article's blocks: found with their lines, checked together, never breaking a page."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.guidance.article import (
    KINDS,
    article_blocks,
    parse_block,
    parse_blocks,
    validate_article_blocks,
)
from kb.render.markdown import Block, render

from .conftest import FIXTURES, make_block

# "Billion laughs": each line repeats the one before nine times.
BOMB = "a: &a [1, 2]\n" + "".join(
    f"{x}: &{x} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, x in zip("abcd", "bcde", strict=True)
)
CHECKLIST = "id: {id}\ntitle: Form\nfields: [{{id: a, label: A}}]\n"
WALKTHROUGH = """\
id: {id}
title: Steps
steps:
  - id: a
    title: A
    checklist: {ref}
    next: done
outcomes:
  - {{id: done, title: Done, kind: resolved}}
"""


def test_blocks_are_found_with_their_file_lines():
    body = (
        "# Title\n\nText.\n\n"
        "```walkthrough\nid: w\n```\n\n"
        "- item\n\n  ```checklist\n  id: c\n  ```\n\n"
        "```python\nprint(1)\n```\n"
    )
    blocks = article_blocks(body, first_line=5)
    assert [(b.kind, b.line, b.source) for b in blocks] == [
        ("walkthrough", 9, "id: w\n"),
        ("checklist", 15, "id: c\n"),
    ]


class Hooks:
    """The renderer's hooks, as the web layer will give them."""

    block_kinds = KINDS

    def link(self, slug, anchor):
        return f"/{slug}"

    def label(self, key):
        return key

    def block(self, block):
        return f"<guidance {block.kind} {block.line}>"


def test_the_renderer_and_article_blocks_agree_on_lines():
    path = FIXTURES / "en" / "retention.md"
    from kb.content import frontmatter

    _, body, body_line = frontmatter.split(path.read_text("utf-8"))
    rendered = render(body, "retention", Hooks(), first_line=body_line)
    assert rendered.blocks == article_blocks(body, body_line)
    lines = path.read_text("utf-8").splitlines()
    assert [lines[b.line - 1] for b in rendered.blocks] == ["```calculator", "```checklist"]


def test_yaml_errors_are_reported_at_their_line_in_the_file():
    block = make_block("checklist", "id: c\ntitle: C\nfields:\n  - {id: a, label: A\n", line=40)
    (problem,) = parse_block(block).problems
    assert problem.line == 45 and problem.message.startswith("not valid YAML:")
    assert parse_block(block).spec is None


@pytest.mark.parametrize(
    ("kind", "source", "line", "message"),
    [
        ("checklist", "", 10, "the block is empty"),
        ("checklist", "- a\n- b\n", 11, "checklist must be a mapping of 'key: value' lines"),
        ("checklist", "id: c\nid: d\n", 12, "key 'id' is given twice"),
        ("map", "id: m\n", 10, "unknown kind of block 'map'"),
        (
            "checklist",
            BOMB,
            11,
            "more than 5000 values",
        ),
        # the C composer would crash the process on this: it must be refused before
        ("checklist", "[" * 30_000 + "]" * 30_000, 11, "nested more than 30 levels deep"),
        ("checklist", "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 40)), 41, "nested"),
        ("checklist", "&a [*a]", 11, "nested more than 30 levels deep"),
        ("checklist", "x: " + "y" * 70_000, 10, "larger than 64 KiB"),
        (
            "checklist",
            "id: c\ntitle: !!python/object:os.system echo\nfields: [{id: a, label: A}]\n",
            None,
            None,
        ),
    ],
)
def test_unusable_blocks_are_problems_not_exceptions(kind, source, line, message):
    parsed = parse_block(Block(kind, source, 10))
    if message is None:  # YAML tags are never acted on: the value is just text
        assert parsed.spec is not None and parsed.spec.title == "echo"
        return
    assert parsed.spec is None
    assert any(p.line == line and message in p.message for p in parsed.problems), parsed.problems


def test_block_ids_are_unique_in_an_article_and_references_resolve():
    blocks = [
        make_block("checklist", CHECKLIST.format(id="form"), line=3),
        make_block("walkthrough", WALKTHROUGH.format(id="steps", ref="form"), line=10),
        make_block("checklist", CHECKLIST.format(id="form"), line=30),
        make_block("walkthrough", WALKTHROUGH.format(id="other", ref="missing"), line=40),
    ]
    specs, problems = parse_blocks(blocks)
    assert [s.id for s in specs] == ["form", "steps", "other"]
    assert [(p.line, p.message) for p in problems] == [
        (31, "block id 'form' is also used by the block on line 4"),
        (
            44,
            "walkthrough 'other', step 'a': checklist 'missing' is not a checklist block of "
            "this article",
        ),
    ]
    assert validate_article_blocks(blocks) == problems


def test_a_reference_to_a_block_of_another_kind_is_caught():
    blocks = [
        make_block("walkthrough", WALKTHROUGH.format(id="steps", ref="steps"), line=1),
    ]
    assert [p.message for p in validate_article_blocks(blocks)] == [
        "walkthrough 'steps', step 'a': checklist 'steps' is not a checklist block of this article"
    ]


def test_a_fault_in_the_library_costs_one_block_not_the_page(monkeypatch, caplog):
    from kb.guidance import article

    def broken(m, r):
        raise RuntimeError("bug")

    monkeypatch.setitem(article.READERS, "checklist", (("id",), (), broken))
    parse_block.cache_clear()
    try:
        parsed = parse_block(make_block("checklist", "id: c\n", line=7))
    finally:
        parse_block.cache_clear()
    assert parsed.spec is None
    assert [(p.line, p.severity) for p in parsed.problems] == [(7, "error")]
    assert "fault in the guidance library" in parsed.problems[0].message
    assert "could not be read" in caplog.text


@settings(max_examples=200, deadline=None)
@given(kind=st.sampled_from(sorted(KINDS)), source=st.text(max_size=300))
def test_any_text_gives_a_spec_or_problems(kind, source):
    parsed = parse_block(Block(kind, source, 1))
    assert parsed.spec is not None or any(p.severity == "error" for p in parsed.problems)


@pytest.mark.parametrize(
    "body, kinds",
    [
        ("# Title\n\nNo code at all.\n", []),
        ("```python\nprint(1)\n```\n\n~~~\nplain\n~~~\n", []),
        ("> ```checklist\n> id: c\n> ```\n", ["checklist"]),
        ("1. step\n\n   ~~~~ routing extra words\n   id: r\n   ~~~~\n", ["routing"]),
        # The kind is the info's first word as written, never unescaped.
        ("```walk&#116;hrough\nid: w\n```\n", []),
        ("```\\walkthrough\nid: w\n```\n", []),
        ("text ```walkthrough inline``` text\n", []),
        ("``` decision-table\nid: d\n```\n", ["decision-table"]),
    ],
)
def test_blocks_are_found_whether_or_not_the_parse_is_skipped(body, kinds):
    """Bodies without a fence that may open a block skip the parse; the others find theirs."""
    assert [b.kind for b in article_blocks(body)] == kinds
