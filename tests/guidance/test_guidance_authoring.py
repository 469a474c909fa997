"""The README's authoring guide: its examples are valid and its vocabulary lists complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kb.guidance
from kb.guidance.article import KINDS, parse_block
from kb.guidance.model import ACTION_KINDS, DECISIONS, FIELD_TYPES, OUTCOME_KINDS
from kb.render.markdown import Block

GUIDE = Path(kb.guidance.__file__).resolve().parents[2] / "README.md"


def example(kind: str) -> Block:
    """The first YAML example under the README's `### <kind>` heading, with its line."""
    text = GUIDE.read_text("utf-8")
    section = text.index(f"\n### {kind}\n")
    start = text.index("```yaml\n", section)
    end = text.index("\n```", start)
    return Block(kind, text[start + len("```yaml\n") : end + 1], text[:start].count("\n") + 1)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_has_a_complete_valid_example(kind):
    parsed = parse_block(example(kind))
    assert parsed.problems == (), parsed.problems
    assert parsed.spec is not None


@pytest.mark.parametrize("word", [*OUTCOME_KINDS, *ACTION_KINDS, *DECISIONS, *FIELD_TYPES])
def test_every_word_of_the_vocabulary_is_documented(word):
    assert re.search(rf"`{re.escape(word)}(: [^`]*)?`", GUIDE.read_text("utf-8")), word
