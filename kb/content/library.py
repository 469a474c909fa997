"""All articles of both languages, as loaded from one articles folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kb.content.model import Article, ContentError


@dataclass
class Library:
    """Articles keyed by (lang, slug), plus every problem met while loading them."""

    root: Path
    articles: dict[tuple[str, str], Article] = field(default_factory=dict)
    errors: list[ContentError] = field(default_factory=list)

    def get(self, lang: str, slug: str) -> Article | None:
        return self.articles.get((lang, slug))

    def in_language(self, lang: str) -> list[Article]:
        return sorted(
            (a for (lg, _), a in self.articles.items() if lg == lang),
            key=lambda a: a.title.casefold(),
        )

    def translation(self, article: Article, lang: str) -> Article | None:
        return self.articles.get((lang, article.slug))

    def slugs(self) -> set[str]:
        return {slug for _, slug in self.articles}

    def categories(self, lang: str) -> dict[str, list[Article]]:
        """Category name to its articles, in title order; '' holds the uncategorised."""
        grouped: dict[str, list[Article]] = {}
        for article in self.in_language(lang):
            grouped.setdefault(article.category, []).append(article)
        return dict(sorted(grouped.items(), key=lambda kv: (kv[0] == "", kv[0].casefold())))

    def recently_updated(self, lang: str, limit: int = 8) -> list[Article]:
        dated = [a for a in self.in_language(lang) if a.updated]
        return sorted(dated, key=lambda a: (a.updated, a.title), reverse=True)[:limit]

    def fingerprint(self) -> tuple:
        """Changes whenever any article file is added, removed or modified."""
        return tuple(sorted((key, a.mtime) for key, a in self.articles.items()))
