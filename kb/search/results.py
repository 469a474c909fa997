"""What the search facade returns: plain immutable values, no Whoosh objects."""

from __future__ import annotations

from dataclasses import dataclass, field

FACETS = ("category", "tag", "audience")


@dataclass(frozen=True)
class Answer:
    """What a step, outcome or row tells the agent to do, for the answer card."""

    decision: str = ""  # a decision-table row's decision: transfer, do-not-transfer, escalate
    outcome: str = ""  # a walkthrough outcome's kind: transferred, email-sent, ...
    to: str = ""  # whom to transfer or escalate to
    do: str = ""  # what to do, plain text
    script: str = ""  # words to read out verbatim

    def __bool__(self) -> bool:
        return any((self.decision, self.outcome, self.to, self.do, self.script))


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
    answer: Answer | None = None  # for a step, outcome or row
    covers: bool = True  # the passage matches every word searched (else only some of them)
    also: tuple[Hit, ...] = ()  # more passages of the same article that answer, best first


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
    # The passage that clearly answers, shown first in full; None when none clearly wins.
    answer: Hit | None = None
    # How the first result was found: "exact" (the words typed, in the page's language),
    # "expanded" (only through a typo fix, another layout, a synonym or the other language),
    # "weak" (below a weak score), or "" when nothing was found.
    found_by: str = ""


@dataclass(frozen=True)
class Suggestion:
    """A title or section heading for search-as-you-type."""

    title: str
    section: str  # '' for the article title itself
    slug: str
    lang: str
    anchor: str
    answer: str = ""  # a short line of what the passage says to do, or its text
