"""What the search facade returns: plain immutable values, no Whoosh objects."""

from __future__ import annotations

from dataclasses import dataclass, field

FACETS = ("category", "tag", "audience")


@dataclass(frozen=True)
class Hit:
    """One article found; `anchor` and `section` name the section that answers, if one does."""

    slug: str
    lang: str
    title: str
    section: str  # '' when the hit is the article as a whole
    section_html: str  # the section, escaped, matched words in <mark>
    anchor: str  # '' when the hit is the article as a whole
    snippet_html: str  # escaped text, matched words in <mark>
    score: float
    kind: str  # "article", "section" or "step"


@dataclass(frozen=True)
class SearchResults:
    query: str
    corrected: str | None = None  # the query actually searched, when the engine changed it
    correction: str | None = None  # "layout" or "spelling", with `corrected`
    suggestion: str | None = None  # "did you mean", when the engine did not apply it itself
    total: int = 0  # articles found, after filters
    hits: tuple[Hit, ...] = ()
    # Filter name → (value, articles) pairs, most first; each counted with the other filters on.
    facets: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    terms: tuple[str, ...] = ()  # index terms searched in the page language, for highlighting


@dataclass(frozen=True)
class Suggestion:
    """A title or section heading for search-as-you-type."""

    title: str
    section: str  # '' for the article title itself
    slug: str
    lang: str
    anchor: str
