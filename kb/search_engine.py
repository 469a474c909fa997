"""The one way the search engine is built: the app, the CLI, the tests and the benchmarks all
call `build_engine`, so every figure and every test describes the index that agents search.

The search library knows nothing of guidance blocks; this module joins the two: an article's
walkthrough steps and outcomes, decision-table rows, checklists, calculators and routing blocks
become search documents of their own, each with its anchor on the article page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb.content import Article, Library
from kb.guidance import KINDS, block_text
from kb.guidance.specs import article_specs
from kb.render import Rendered
from kb.search import SearchDoc, SearchEngine
from kb.search.results import Answer


def guidance_docs(article: Article, rendered: Rendered) -> list[SearchDoc]:
    """A search document per block and per step, outcome and table row, with its anchor on the
    article page (the indexer fills in the article's title, facets and version)."""
    return [
        SearchDoc(
            lang=article.lang,
            slug=article.slug,
            anchor=part.anchor,
            title=article.title,
            section=part.title,
            text=part.text,
            keywords=part.keywords,
            kind="step",
            answer=Answer(part.decision, part.outcome, part.to, part.do, part.script) or None,
        )
        for spec in article_specs(article).specs
        for part in block_text(spec)
    ]


def build_engine(
    index_dir: Path | str,
    *,
    library: Callable[[], Library] | None = None,
    synonyms: Path | str | None = None,
    wait: float = 0.5,
) -> SearchEngine:
    """The site's search engine over the index in `index_dir`; with `library`, the index is
    built on first use when missing; `synonyms` is the folder of the synonyms files (the
    articles folder). See SearchEngine."""
    return SearchEngine(
        index_dir,
        library=library,
        block_kinds=KINDS,
        extra_docs=guidance_docs,
        wait=wait,
        synonyms=synonyms,
    )
