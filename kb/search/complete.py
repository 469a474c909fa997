"""Search-as-you-type: the passages the results page would show first, found the same forgiving
way (typos, the wrong layout, ё/е, Russian word forms, the other language, words inside rows and
steps, synonyms), the last word taken as the start of a word; and titles and headings that start
with what was typed.

Title and heading matches are taken in index order, where article titles come first,
alphabetically (see SearchEngine._documents), and stop as soon as there are enough: a two-letter
prefix may be in thousands of headings, and scoring them all would take far longer than the
10 ms allowed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from whoosh.matching import IntersectionMatcher

from kb.search import layout
from kb.search.analysis import MAX_PREFIX, MAX_START, typed
from kb.search.reader import ArticleInfo, Snapshot
from kb.search.results import Hit, SearchResults, Suggestion
from kb.search.schema import LANGS, field

CANDIDATES = 3  # matches read per suggestion wanted, before ordering them
_TAGS = re.compile(r"<[^>]*>")


SHORT = 4  # below this many letters, titles that start with them come first
ANSWER_LINE = 90  # characters of a suggestion's answer line
LOOSE = 3  # passages suggested when none matches every word typed


def suggest(
    snapshot: Snapshot,
    text: str,
    lang: str,
    limit: int,
    search: Callable[[str], SearchResults] | None = None,
) -> list[Suggestion]:
    """Suggestions in `lang`: the passages `search` (the results page's search, as typed) finds
    first, and titles and headings that start with the text; for a text of a few letters the
    titles come first."""
    starts, whole = _starting(snapshot, text, lang, limit)
    short = len(typed(text)) < SHORT
    # A few letters, or the start of enough titles and headings: they say what is meant.
    if search is None or len(starts) >= limit and (short or whole >= limit):
        return starts
    found = _passages(search(text), lang)
    first, then = (starts, found) if short else (found, starts)
    out: dict[tuple[str, str, str], Suggestion] = {}
    for item in first + then:
        out.setdefault((item.lang, item.slug, item.anchor), item)
    return list(out.values())[:limit]


def _passages(found: SearchResults, lang: str) -> list[Suggestion]:
    """The passages of a search's results that match every word, in the order the results
    page shows them; if none does, the first few it shows."""
    shown = [each for hit in found.hits for each in (hit, *hit.also)]
    chosen = [each for each in shown if each.covers] or shown[:LOOSE]
    return [
        Suggestion(each.title, each.section, each.slug, each.lang, each.anchor, _line(each))
        for each in chosen
    ]


def _line(hit: Hit) -> str:
    """A short line of what the passage says to do: whom to transfer to and how, or its text."""
    answer = hit.answer
    parts = [answer.to, answer.do] if answer else []
    text = " — ".join(p for p in parts if p) or html.unescape(_TAGS.sub("", hit.snippet_html))
    text = " ".join(text.split())
    if len(text) > ANSWER_LINE:
        text = text[: ANSWER_LINE - 1].rsplit(" ", 1)[0] + "…"
    return text


def _starting(snapshot: Snapshot, text: str, lang: str, limit: int) -> tuple[list[Suggestion], int]:
    """Titles and headings in `lang`, then other-language titles shown by their translation;
    retyped in the other keyboard layout if nothing matches as typed. Also says how many of
    them start with the whole text."""
    found = _suggest(snapshot, typed(text), lang, limit)
    if found[0]:
        return found
    for retyped in layout.retyped(text):
        found = _suggest(snapshot, typed(retyped), lang, limit)
        if found[0]:
            return found
    return [], 0


def _suggest(snapshot: Snapshot, text: str, lang: str, limit: int) -> tuple[list[Suggestion], int]:
    if not text:
        return [], 0
    searcher = snapshot.searcher
    out: dict[tuple[str, str, str], tuple[tuple, Suggestion]] = {}
    for rank, each in enumerate([lang] + [other for other in LANGS if other != lang]):
        if len(out) >= limit:
            break
        for place, terms in enumerate(_queries(text, each)):
            for docnum in _first(searcher.reader(), terms, limit * CANDIDATES):
                info = snapshot.catalog.by_docnum.get(docnum)
                # An article's fields are in the catalog; a section's or step's are read.
                fields = _fields(info) if info is not None else searcher.stored_fields(docnum)
                if rank:  # another language: its title, as the translation shows it
                    shown = snapshot.catalog.shown(fields["slug"], lang)
                    if shown is None or fields["kind"] != "article":
                        continue
                    fields = _fields(shown)
                item = Suggestion(
                    fields["title"],
                    fields["section"],
                    fields["slug"],
                    fields["lang"],
                    fields["anchor"],
                )
                named = item.section or item.title
                order = (rank, place, fields["kind"] != "article", len(named), named.casefold())
                key = (item.lang, item.slug, item.anchor)
                if key not in out or order < out[key][0]:
                    out[key] = (order, item)
    ordered = sorted(out.values(), key=lambda pair: pair[0])[:limit]
    return [item for _, item in ordered], sum(1 for order, _ in ordered if order[1] == 0)


def _fields(info: ArticleInfo) -> dict[str, str]:
    return {
        "title": info.title,
        "section": "",
        "slug": info.slug,
        "lang": info.lang,
        "anchor": "",
        "kind": "article",
    }


def _queries(text: str, lang: str) -> list[list[tuple[str, bytes]]]:
    """Titles and headings starting with `text`, then those with words starting with its words:
    each as the terms a doc must have."""
    words = [(field("complete", lang), w[:MAX_PREFIX]) for w in dict.fromkeys(text.split())]
    wanted = [[(field("start", lang), text[:MAX_START])], words]
    return [[(name, term.encode("utf-8")) for name, term in terms] for terms in wanted]


def _first(reader, terms: list[tuple[str, bytes]], count: int) -> list[int]:
    """The first `count` docs with every one of `terms`, in index order, scoring none (the
    reader's own postings: a searcher's would set up BM25 for each term and segment)."""
    if not terms or any(term not in reader for term in terms):
        return []
    matcher = reader.postings(*terms[0])
    for term in terms[1:]:
        # whoosh3 marks value() abstract on it, though it runs (and only ids are read here).
        matcher = IntersectionMatcher(matcher, reader.postings(*term))  # type: ignore[abstract]
    found: list[int] = []
    while matcher.is_active() and len(found) < count:
        found.append(matcher.id())
        matcher.next()
    return found
