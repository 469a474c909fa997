"""From what an agent typed to Whoosh queries. No query syntax: quotes make phrases, the rest is
words; AND, field:, *, ~, ^ and brackets are just text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kb.search.analysis import WORD, normalize
from kb.search.analysis import words as searched_words

MAX_CHARS = 200  # a query is a few words; the rest of a pasted page is dropped
MAX_UNITS = 12
EXPANDED = 0.4  # a synonym or related word counts this much of the word typed

_QUOTES = str.maketrans({c: '"' for c in "«»“”„‟″"})
# A word, or words joined by hyphens or slashes (e-mail, TIMX/SCM): one unit.
_UNIT = re.compile(r"\w+(?:['.\-‐‑/+]\w+)*")


@dataclass(frozen=True)
class Chunk:
    """A piece of the query as typed: a whitespace-separated word or a quoted phrase."""

    text: str
    phrase: bool


@dataclass(frozen=True)
class Unit:
    """One thing to match: a word, or words that must appear together (a phrase, or e-mail)."""

    # One word, or several: the parts of e-mail or ERR.DS_API, or a quoted phrase.
    words: tuple[str, ...]
    phrase: bool  # quoted: the words must stand side by side
    text: str  # as typed: a word, e-mail, or "a quoted phrase"
    alternatives: tuple[str, ...] = ()  # spelling corrections, matched instead of `words`
    # Synonyms and related words (each a tuple of words, all needed), matched besides `words`
    # and weighted below them (EXPANDED).
    expansions: tuple[tuple[str, ...], ...] = ()

    def options(self) -> list[tuple[str, ...]]:
        return [words for words, _ in self.weighted()]

    def weighted(self) -> list[tuple[tuple[str, ...], float]]:
        """Each way of matching the unit, with how much a match that way counts."""
        typed = [(a,) for a in self.alternatives] if self.alternatives else [self.words]
        return [(w, 1.0) for w in typed] + [(e, EXPANDED) for e in self.expansions]


def clean(text: object) -> str:
    """Printable text on one line, at most MAX_CHARS, cut between words."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 4]).translate(_QUOTES)
    text = "".join(_printable(c) for c in text)
    text = " ".join(text.split())
    if len(text) > MAX_CHARS:
        space = text.rfind(" ", MAX_CHARS // 2, MAX_CHARS + 1)
        text = text[:space] if space > 0 else text[:MAX_CHARS]
    return text


def _printable(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Cc" or category[0] == "Z":
        return " "
    return "" if category[0] == "C" else char  # soft hyphens, joiners, surrogates, unassigned


def split(text: str) -> list[Chunk]:
    """Chunks of a cleaned query; an unclosed quote is ignored."""
    parts = text.split('"')
    if len(parts) % 2 == 0:  # odd number of quotes: the last one opens nothing
        parts[-2:] = [parts[-2] + " " + parts[-1]]
    chunks = []
    for i, part in enumerate(parts):
        if i % 2:
            if WORD.search(part):
                chunks.append(Chunk(" ".join(part.split()), True))
        else:
            chunks.extend(Chunk(w, False) for w in part.split() if WORD.search(w))
    return chunks


def join(chunks: list[Chunk]) -> str:
    """The chunks as a query string again."""
    return " ".join(f'"{c.text}"' if c.phrase else c.text for c in chunks)


def units(chunks: list[Chunk]) -> list[Unit]:
    """Units to match, duplicates dropped, at most MAX_UNITS."""
    found: list[Unit] = []
    for chunk in chunks:
        if chunk.phrase:
            pieces = [(tuple(searched_words(chunk.text)), f'"{chunk.text}"', True)]
        else:
            pieces = [(tuple(searched_words(m)), m, False) for m in _UNIT.findall(chunk.text)]
        for words, typed, quoted in pieces:
            unit = Unit(words, quoted and len(words) > 1, typed)
            if words and all(u.words != words for u in found):
                found.append(unit)
    return found[:MAX_UNITS]


def unit_terms(unit: Unit, lang: str) -> list[tuple[str, ...]]:
    """For each way of matching `unit`, its index terms in `lang`; stop words give nothing."""
    return [terms for terms, _ in weighted_terms(unit, lang)]


@lru_cache(maxsize=4096)
def weighted_terms(unit: Unit, lang: str) -> tuple[tuple[tuple[str, ...], float], ...]:
    """For each way of matching `unit`, its index terms in `lang` and the weight of a match
    (kept: a search asks it of each unit many times over)."""
    out: dict[tuple[str, ...], float] = {}
    for words, weight in unit.weighted():
        terms = tuple(t for w in words if (t := normalize(w, lang)) is not None)
        if terms and weight > out.get(terms, 0.0):
            out[terms] = weight
    return tuple(out.items())
