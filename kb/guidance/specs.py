"""The guidance blocks of an article as specs, parsed once per version of its text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kb.content import Article
from kb.guidance.article import article_blocks, parse_blocks
from kb.guidance.model import Problem, Spec


@dataclass(frozen=True)
class ArticleSpecs:
    """The usable specs of one article's blocks, and every problem found in them."""

    specs: tuple[Spec, ...]
    problems: tuple[Problem, ...]

    def get(self, block_id: str) -> Spec | None:
        return next((s for s in self.specs if s.id == block_id), None)


@lru_cache(maxsize=1024)
def _parse(body: str, first_line: int) -> ArticleSpecs:
    specs, problems = parse_blocks(article_blocks(body, first_line))
    return ArticleSpecs(tuple(specs), tuple(problems))


def article_specs(article: Article) -> ArticleSpecs:
    """The article's specs, parsed once per version of its text."""
    return _parse(article.body, article.body_line)
