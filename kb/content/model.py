"""The article as the rest of the product sees it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Article:
    """One Markdown file in one language; `slug` is its path under the language folder."""

    lang: str
    slug: str
    path: Path
    title: str
    body: str
    body_line: int = 1  # line of the file on which `body` starts (front matter comes before it)
    summary: str = ""
    category: str = ""
    tags: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    owner: str = ""
    updated: date | None = None
    review_by: date | None = None
    mtime: float = 0.0
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.lang, self.slug)


@dataclass(frozen=True, order=True)
class ContentError:
    """A problem found in an article file, with where it is."""

    path: str
    line: int
    message: str
    severity: str = "error"  # "error" leaves the file out; "warning" keeps it

    def __str__(self) -> str:
        """One line, whatever the path and message hold: `file:line: severity: message`."""
        message = " ".join(self.message.split())
        return f"{_one_line(self.path)}:{self.line}: {self.severity}: {_one_line(message)}"


def _one_line(text: str) -> str:
    """Control and line-break characters escaped, so a report line stays one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
