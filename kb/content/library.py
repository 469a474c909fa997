"""All articles of both languages, as loaded from one articles folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kb import LANGUAGES
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


def iter_markdown(
    root: Path, skipped: list[ContentError] | None = None
) -> Iterator[tuple[str, str, Path]]:
    """Yield (lang, slug, path) for every Markdown file under root/<lang>/, hidden ones skipped.

    A symbolic link whose target lies outside the articles folder is skipped, with a warning
    appended to `skipped`: a link must not publish a file from elsewhere on the server (the
    secret key, say). Links within the folder are followed; linked folders are not entered.
    """
    inside = root.resolve()
    for lang in LANGUAGES:
        base = root / lang
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
            for name in sorted(filenames):
                if name.startswith(".") or not name.lower().endswith(".md"):
                    continue
                path = Path(dirpath) / name
                rel = path.relative_to(base).as_posix()
                if not path.resolve().is_relative_to(inside):
                    if skipped is not None:
                        message = "skipped: a link to a file outside the articles folder"
                        skipped.append(ContentError(f"{lang}/{rel}", 1, message, "warning"))
                    continue
                yield lang, rel[: -len(".md")], path
