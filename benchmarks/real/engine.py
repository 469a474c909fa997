"""The one place the real-corpus benchmark makes its search engine.

It is built as the site builds its own (kb/web/search.py: guidance blocks kept out of the text,
walkthrough steps and table rows as documents of their own), so every figure describes what
agents search. When the engine factory moves out of kb.web, call it here instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb.content import Library
from kb.guidance import KINDS
from kb.search import SearchEngine
from kb.web.blocks import search_docs


def make_engine(index: Path, library: Callable[[], Library] | None = None) -> SearchEngine:
    return SearchEngine(index, library=library, block_kinds=KINDS, extra_docs=search_docs)
