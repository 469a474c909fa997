"""Search-as-you-type: titles and section headings that start with what was typed, then those
with words that do.

Matches are taken in index order, where article titles come first, alphabetically (see
SearchEngine._documents), and the search stops as soon as it has enough: a two-letter prefix may
be in thousands of headings, and scoring them all would take far longer than the 10 ms allowed.
"""

from __future__ import annotations

from whoosh.query import And, Query, Term

from kb.search import layout
from kb.search.analysis import MAX_PREFIX, MAX_START, typed
from kb.search.reader import Snapshot
from kb.search.results import Suggestion
from kb.search.schema import LANGS, field

CANDIDATES = 4  # matches read per suggestion wanted, before ordering them


def suggest(snapshot: Snapshot, text: str, lang: str, limit: int) -> list[Suggestion]:
    """Suggestions in `lang`, then other-language titles shown by their translation; retyped in
    the other keyboard layout if nothing matches as typed."""
    found = _suggest(snapshot, typed(text), lang, limit)
    if found:
        return found
    for retyped in layout.retyped(text):
        found = _suggest(snapshot, typed(retyped), lang, limit)
        if found:
            return found
    return []


def _suggest(snapshot: Snapshot, text: str, lang: str, limit: int) -> list[Suggestion]:
    if not text:
        return []
    searcher = snapshot.searcher
    out: dict[tuple[str, str, str], tuple[tuple, Suggestion]] = {}
    for rank, each in enumerate([lang] + [other for other in LANGS if other != lang]):
        if len(out) >= limit:
            break
        for place, query in enumerate(_queries(text, each)):
            for docnum in _first(searcher, query, limit * CANDIDATES):
                fields = searcher.stored_fields(docnum)
                if rank:  # another language: its title, as the translation shows it
                    shown = snapshot.catalog.shown(fields["slug"], lang)
                    if shown is None or fields["kind"] != "article":
                        continue
                    fields = {
                        "title": shown.title,
                        "section": "",
                        "slug": shown.slug,
                        "lang": shown.lang,
                        "anchor": "",
                        "kind": "article",
                    }
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
    return [item for _, item in sorted(out.values(), key=lambda pair: pair[0])][:limit]


def _queries(text: str, lang: str) -> list[Query]:
    """Titles and headings starting with `text`, then those with words starting with its words."""
    words = [Term(field("complete", lang), w[:MAX_PREFIX]) for w in dict.fromkeys(text.split())]
    return [
        Term(field("start", lang), text[:MAX_START]),
        words[0] if len(words) == 1 else And(words),
    ]


def _first(searcher, query: Query, count: int) -> list[int]:
    """The first `count` docs matching `query`, in index order, without scoring the rest."""
    matcher = query.matcher(searcher)
    found: list[int] = []
    while matcher.is_active() and len(found) < count:
        found.append(matcher.id())
        matcher.next()
    return found
