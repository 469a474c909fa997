"""One search, start to finish: wrong layout, synonyms, exact words, typo tolerance, any word;
then the passages of the articles found, ranked by how well each answers, grouped under their
article, with highlighted snippets and, when one passage clearly wins, the answer card."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from kb.search import layout
from kb.search.passages import Passage, Scored, rank
from kb.search.query import Chunk, Unit, join, split, unit_terms, units
from kb.search.ranking import (
    Match,
    Matches,
    apply_filters,
    browse,
    facets,
    find,
)
from kb.search.reader import ArticleInfo, Snapshot
from kb.search.results import Answer, Hit, SearchResults
from kb.search.schema import LANGS
from kb.search.snippets import marked, snippet
from kb.search.spelling import Vocabulary

FEW = 3  # with fewer articles found than this, offer "did you mean"
CANDIDATES = 8  # articles whose passages are ranked (the rest follow by article score)
TYPING_CANDIDATES = 6  # the same for suggestions, which show eight passages at most
LOOSE_FROM = 3  # a question of this many words also looks at articles with most of them
ALSO = 0.6  # another passage of an article is shown under it if it scores this share of the best
MAX_ALSO = 2
MARGIN = 1.75  # the best passage gets the answer card if it scores this many times the next

Expand = Callable[[list[Unit], Vocabulary], list[Unit]]


def run(
    snapshot: Snapshot,
    text: str,
    lang: str,
    filters: Mapping[str, str],
    limit: int,
    offset: int,
    expand: Expand | None = None,
    typing: bool = False,
    counted: bool = True,
) -> SearchResults:
    """Search `text` (already cleaned) for a reader of `lang`; `expand` adds synonyms and
    related words to the units. `typing`: the text is still being typed, so a last word the
    index does not know is taken as the start of the words it knows. `counted`: count the
    facets' values among the matches (only the results page shows them)."""
    vocabulary = Vocabulary(snapshot.searcher, snapshot.lexicon, snapshot.frequencies)
    chunks = split(text)
    corrected = correction = suggestion = None
    typed = [c.text for c in chunks]
    frequency = vocabulary.frequency
    if typing:  # a word being typed is as common as the words it starts

        def frequency(word: str) -> int:
            return vocabulary.frequency(word) or vocabulary.started(word)

    retyped = layout.correct(typed, frequency, vocabulary.nearly) if chunks else None
    if retyped is not None:
        chunks = [Chunk(t, c.phrase) for t, c in zip(retyped, chunks, strict=True)]
        corrected, correction = join(chunks), "layout"
    wanted = units(chunks)
    if typing and wanted:
        wanted = wanted[:-1] + [_completed(wanted[-1], vocabulary)]
    if expand is not None and wanted:
        wanted = expand(wanted, vocabulary)

    if not wanted:
        matches: Sequence[Match] = browse(snapshot, lang) if filters else []
    else:
        matches, used = _cascade(snapshot, wanted, lang, vocabulary)
        if used is not wanted:
            wanted = used
            corrected, correction = _text(used), correction or "spelling"
        elif 0 < len(matches) < FEW and correction is None:
            suggestion = _did_you_mean(wanted, vocabulary)

    kept = apply_filters(matches, filters)
    # Suggestions show no highlights: they are not worked out for them.
    marks = {
        each: set() if typing else {t for u in wanted for o in unit_terms(u, each) for t in o}
        for each in LANGS
    }
    candidates = TYPING_CANDIDATES if typing else CANDIDATES if wanted else 0
    head, best = _grouped(snapshot, wanted, list(kept[:candidates])) if candidates else ([], [])
    # The other articles follow as the article search ordered them; only the page is made.
    start, end = max(offset - len(head), 0), max(offset + limit - len(head), 0)
    page = head[offset : offset + limit] + [
        (m, []) for m in kept[candidates + start : candidates + end]
    ]
    hits = tuple(
        _hit(snapshot, match, scored, marks[match.shown.lang], first=offset + i == 0)
        for i, (match, scored) in enumerate(page)
    )
    answer = hits[0] if hits and offset == 0 and _clear(best) else None
    return SearchResults(
        query=text,
        corrected=corrected,
        correction=correction,
        suggestion=suggestion,
        total=len(kept),
        hits=hits,
        facets=facets(matches, filters) if counted else {},
        terms=tuple(sorted(marks[lang])),
        answer=answer,
        found_by=_found_by(best, correction, lang) if hits else "",
    )


def _cascade(
    snapshot: Snapshot, wanted: list[Unit], lang: str, vocabulary: Vocabulary
) -> tuple[Matches, list[Unit]]:
    """Articles with every word; else with typos corrected; else with any word. A question of
    several words also takes the articles with most of its words after those with all. Returns
    the matches and the units that found them."""
    matches = find(snapshot, wanted, lang, every=True)
    used = wanted
    if not matches:
        fixed = _corrected(wanted, vocabulary)
        if fixed is not None:
            matches = find(snapshot, fixed, lang, every=True)
            if matches:
                used = fixed
        if not matches:
            used = fixed or wanted
    if len(used) >= LOOSE_FROM and len(matches) < CANDIDATES or not matches and len(used) > 1:
        matches = matches.then(find(snapshot, used, lang, every=False))
    return matches, used


def _grouped(
    snapshot: Snapshot, wanted: list[Unit], head: list[Match]
) -> tuple[list[tuple[Match, list[Scored]]], list[Scored]]:
    """The articles `head` ordered by their best passage, each with its passages that match,
    best first; and every passage ranked, best first."""
    ranked = rank(snapshot.passages, wanted, [(m.found, m.score) for m in head])
    by_key = {m.found.key: m for m in head}
    groups: dict[str, tuple[Match, list[Scored]]] = {}
    for scored in ranked:
        match = by_key[scored.info.key]
        groups.setdefault(match.slug, (match, []))[1].append(scored)
    ordered = list(groups.values())
    ordered += [(m, []) for m in head if m.slug not in groups]
    return ordered, ranked


def _clear(ranked: list[Scored]) -> bool:
    """Whether the best passage clearly answers: a part of an article (not the article as a
    whole) that matches every word and scores MARGIN times the next passage."""
    if not ranked or not ranked[0].covered or not ranked[0].passage.anchor:
        return False
    return len(ranked) == 1 or ranked[0].score >= MARGIN * ranked[1].score


def _found_by(ranked: list[Scored], correction: str | None, lang: str) -> str:
    if not ranked or not ranked[0].covered:
        return "weak"
    top = ranked[0]
    if correction or not top.exact or top.info.lang != lang:
        return "expanded"
    return "exact"


def _completed(unit: Unit, vocabulary: Vocabulary) -> Unit:
    """A word being typed, matched by the commonest known words it starts (never a word the
    index knows as it is)."""
    if unit.phrase or len(unit.words) != 1 or vocabulary.frequency(unit.words[0]):
        return unit
    words = vocabulary.completions(unit.words[0])
    return Unit(unit.words, False, unit.text, tuple(words)) if words else unit


def _corrected(wanted: list[Unit], vocabulary: Vocabulary) -> list[Unit] | None:
    """The units with unknown single words matched by close known words, or None if none was."""
    out, changed = [], False
    for unit in wanted:
        if len(unit.words) == 1 and vocabulary.frequency(unit.words[0]) == 0:
            close = vocabulary.corrections(unit.words[0])
            if close:
                unit, changed = Unit(unit.words, False, unit.text, tuple(close)), True
        out.append(unit)
    return out if changed else None


def _did_you_mean(wanted: list[Unit], vocabulary: Vocabulary) -> str | None:
    out, changed = [], False
    for unit in wanted:
        better = vocabulary.did_you_mean(unit.words[0]) if len(unit.words) == 1 else None
        if better:
            unit, changed = Unit((better,), False, better), True
        out.append(unit)
    return _text(out) if changed else None


def _text(wanted: list[Unit]) -> str:
    """Units as a query string, each by its first alternative if it has any."""
    return " ".join(u.alternatives[0] if u.alternatives else u.text for u in wanted)


def _shown_passage(snapshot: Snapshot, scored: Scored, shown: ArticleInfo) -> Passage | None:
    """The passage to show a `shown`-language reader for one scored in the other language:
    the same step or row of the translation (their anchors match), else the article (None if
    the translation has no passages in the index)."""
    if scored.info.key == shown.key:
        return scored.passage
    passages, _ = snapshot.passages.of(shown)
    if scored.passage.kind == "step":
        for passage in passages:
            if passage.kind == "step" and passage.anchor == scored.passage.anchor:
                return passage
    return passages[0] if passages else None


def _hit(
    snapshot: Snapshot, match: Match, scored: list[Scored], marks: set[str], first: bool
) -> Hit:
    info = match.shown
    if not scored:
        return _passage_hit(info, None, match.score, marks, covers=False)
    best = scored[0]
    also: list[Hit] = []
    shown = _shown_passage(snapshot, best, info)
    seen = {shown.anchor if shown else ""}
    for other in scored[1:]:
        if len(also) >= MAX_ALSO or other.score < ALSO * best.score:
            break
        passage = _shown_passage(snapshot, other, info)
        # Under the first result any close passage; under the others only those that match
        # every word: partial ones under every result are noise.
        if (first or other.covered) and passage and passage.anchor and passage.anchor not in seen:
            seen.add(passage.anchor)
            also.append(_passage_hit(info, passage, other.score, marks, other.covered))
    return _passage_hit(info, shown, best.score, marks, best.covered, tuple(also))


def _passage_hit(
    info: ArticleInfo,
    passage,
    score: float,
    marks: set[str],
    covers: bool = True,
    also: tuple[Hit, ...] = (),
) -> Hit:
    if passage is None or not passage.anchor:
        return Hit(
            slug=info.slug,
            lang=info.lang,
            title=info.title,
            section="",
            section_html="",
            anchor="",
            snippet_html=snippet(info.snippet, info.lang, marks),
            score=score,
            kind="article",
            covers=covers,
            also=also,
        )
    answer = Answer(*passage.answer) if passage.answer else None
    return Hit(
        slug=info.slug,
        lang=info.lang,
        title=info.title,
        section=passage.section,
        section_html=marked(passage.section, info.lang, marks),
        anchor=passage.anchor,
        snippet_html=snippet(passage.snippet or info.snippet, info.lang, marks),
        score=score,
        kind=passage.kind,
        answer=answer,
        covers=covers,
        also=also,
    )
