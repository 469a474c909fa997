"""Fixtures for the guidance library: the fixture articles, blocks made from text, translators."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kb.content import frontmatter
from kb.guidance import article_blocks, parse_block, parse_blocks
from kb.render.markdown import Block

FIXTURES = Path(__file__).parent / "fixtures"
FENCE_LINE = 10  # where blocks made by `make_block` pretend to start in their article

# A fake Russian catalogue, as the web layer's Babel catalogue would give.
RU = {
    "Date": "Дата",
    "Path taken": "Ход разговора",
    "Details": "Данные",
    "Outcome": "Итог",
    "Next actions": "Дальнейшие действия",
    "Email": "Письмо",
    "Send template": "Отправьте шаблон",
    "Remove tag": "Снимите метку",
    "Add tag": "Поставьте метку",
    "Inputs": "Исходные данные",
    "Results": "Результаты",
    "Notification": "Уведомление",
    "Notify": "Уведомите",
    "Status": "Статус",
    "Opens": "Откроется",
    "Outside working hours": "Нерабочее время",
    "CASE": "CASE",
}


def load(lang: str, slug: str):
    """(specs, problems) of a fixture article, with lines of its file."""
    _, body, body_line = frontmatter.split((FIXTURES / lang / f"{slug}.md").read_text("utf-8"))
    return parse_blocks(article_blocks(body, body_line))


def make_block(kind: str, source: str, line: int = FENCE_LINE) -> Block:
    return Block(kind, textwrap.dedent(source).lstrip("\n"), line)


def marked_line(block: Block, marker: str = "# <-") -> int:
    """The file line of the block's line that ends with `marker` (a YAML comment)."""
    for i, text in enumerate(block.source.splitlines()):
        if text.rstrip().endswith(marker):
            return block.line + 1 + i
    raise AssertionError(f"no line is marked with {marker!r}")


def errors(block: Block) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in parse_block(block).problems if p.severity == "error"]


def warnings(block: Block) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in parse_block(block).problems if p.severity == "warning"]


def spec_of(block: Block):
    parsed = parse_block(block)
    assert parsed.spec is not None, parsed.problems
    return parsed.spec


@pytest.fixture
def en():
    """The English `_`: msgids are English already."""
    return lambda msgid: msgid


@pytest.fixture
def ru():
    """A Russian `_` that fails loudly on a msgid the fake catalogue lacks."""

    def gettext(msgid: str) -> str:
        assert msgid in RU, f"untranslated msgid in the test catalogue: {msgid!r}"
        return RU[msgid]

    return gettext
