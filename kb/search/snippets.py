"""Highlighting: matched words in <mark>, everything else escaped; source text is never trusted."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from html import escape

from kb.search.analysis import WORD, fold, lookalikes, normalize, words

SNIPPET_CHARS = 220
_LEAD = 40  # characters shown before the first match of the chosen window
_TAG = re.compile(r"(<[^>]*>)")
_ENTITY = re.compile(r"(&#?\w+;)")
_NO_MARKS = ("script", "style", "textarea", "title")
_LATIN = re.compile("[a-z]")
_CYRILLIC = re.compile("[а-я]")


def _matches(text: str, lang: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    # A word and its term start alike (клиентам → клиент), so only the words that start as a
    # term does are lemmatized, found with str.find; suppletive forms (шёл → идти) are not marked.
    if not terms:
        return []
    starts = {t[:2] for t in terms}
    lowered, mixed = _lowered(text)
    if len(lowered) != len(text):  # a letter whose lower case is longer: word by word
        return [
            m.span()
            for m in WORD.finditer(text)
            if fold(m.group())[:2] in starts and normalize(m.group(), lang) in terms
        ]
    beginnings = _variants(frozenset(starts)) if mixed else starts
    out = []
    for at in sorted(_word_starts(lowered, beginnings)):
        word = WORD.match(text, at)
        if word is not None and normalize(word.group(), lang) in terms:
            out.append(word.span())
    return out


@lru_cache(maxsize=20_000)
def _lowered(text: str) -> tuple[str, bool]:
    """`text` in lower case with ё and apostrophes folded as terms are, and whether it has both
    alphabets (look-alike letters of the other alphabet only begin words that mix the two,
    which fold unmixes: a text in one alphabet has none). Kept: the same passages come up in
    search after search."""
    lowered = text.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")
    return lowered, bool(_LATIN.search(lowered) and _CYRILLIC.search(lowered))


def _word_starts(text: str, beginnings: Iterable[str]) -> set[int]:
    """Where in `text` a word (as WORD splits text) begins with one of `beginnings`."""
    found = set()
    for beginning in beginnings:
        at = text.find(beginning)
        while at >= 0:
            before = text[at - 1] if at else " "
            # Not after a letter, digit or _ (what \w matches), nor after ' or . within a word.
            if not (before.isalnum() or before == "_") and not (
                before in "'." and at >= 2 and (text[at - 2].isalnum() or text[at - 2] == "_")
            ):
                found.add(at)
            at = text.find(beginning, at + 1)
    return found


@lru_cache(maxsize=1024)
def _variants(starts: frozenset[str]) -> frozenset[str]:
    """`starts`, each letter also as its look-alike in the other alphabet (fold unmixes words
    typed with such letters)."""
    return frozenset(
        a + b for start in starts for a in lookalikes(start[:1]) for b in lookalikes(start[1:2])
    )


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in spans:
        out.append(escape(text[pos:start], quote=False))
        out.append(f"<mark>{escape(text[start:end], quote=False)}</mark>")
        pos = end
    out.append(escape(text[pos:], quote=False))
    return "".join(out)


def marked(text: str, lang: str, terms: Iterable[str]) -> str:
    """Escaped HTML of the whole of `text`, words matching `terms` in <mark>.

    >>> marked("Roaming <advice>", "en", {"roam"})
    '<mark>Roaming</mark> &lt;advice&gt;'
    """
    return _mark(text, _matches(text, lang, frozenset(terms)))


def snippet(text: str, lang: str, terms: Iterable[str], size: int = SNIPPET_CHARS) -> str:
    """Escaped HTML of the `size` characters of `text` with the most words matching `terms`;
    `text` is one line with single spaces (see `one_line`), as the index's passages are read.

    >>> snippet("Call <b>the</b> customers back.", "en", {"custom"})
    'Call &lt;b&gt;the&lt;/b&gt; <mark>customers</mark> back.'
    """
    spans = _matches(text, lang, frozenset(terms))
    start, end = _window(text, spans, size)
    inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    html = _mark(text[start:end], inside)
    return ("… " if start else "") + html + (" …" if end < len(text) else "")


def one_line(text: str) -> str:
    """`text` with its runs of white space (line breaks included) made single spaces."""
    return " ".join(text.split())


def _window(text: str, spans: list[tuple[int, int]], size: int) -> tuple[int, int]:
    """Start and end of the window holding the most matches, cut between words."""
    if len(text) <= size:
        return 0, len(text)
    best_start, best_count = 0, -1
    j = 0
    for i, (first, _) in enumerate(spans):
        start = max(0, first - _LEAD)
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] <= start + size:
            j += 1
        if j - i + 1 > best_count:
            best_start, best_count = start, j - i + 1
    start = best_start
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + _LEAD else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def mark_html(html: str, query: str, lang: str) -> str:
    """`html` (safe HTML, e.g. a rendered article) with the words of `query` in <mark>, as a
    `lang` search would match them; tags, attributes and entities are left as they are."""
    terms = frozenset(t for w in words(query) if (t := normalize(w, lang)) is not None)
    if not terms:
        return html
    out, hidden = [], None
    for part in _TAG.split(html):
        if part.startswith("<"):
            name = part[1:].lstrip("/").split(maxsplit=1)[0].rstrip(">").lower() if part[1:] else ""
            if hidden is None and not part.startswith("</") and name in _NO_MARKS:
                hidden = name
            elif hidden == name and part.startswith("</"):
                hidden = None
            out.append(part)
        elif hidden or not part:
            out.append(part)
        else:
            out.append("".join(_mark_escaped(piece, lang, terms) for piece in _ENTITY.split(part)))
    return "".join(out)


def _mark_escaped(piece: str, lang: str, terms: frozenset[str]) -> str:
    """Mark words in a piece of already-escaped text (never an entity)."""
    if piece.startswith("&") and piece.endswith(";"):
        return piece
    out, pos = [], 0
    for start, end in _matches(piece, lang, terms):
        out.append(f"{piece[pos:start]}<mark>{piece[start:end]}</mark>")
        pos = end
    out.append(piece[pos:])
    return "".join(out)
