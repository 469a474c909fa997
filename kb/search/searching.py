"""One search, start to finish: wrong layout, exact words, typo tolerance, any word; then one hit
per article with the section that answers and a highlighted snippet."""

from __future__ import annotations

from collections.abc import Mapping

from kb.search import layout
from kb.search.query import Chunk, Unit, join, split, unit_terms, units
from kb.search.ranking import Match, Part, apply_filters, browse, facets, find, parts
from kb.search.reader import Snapshot
from kb.search.results import Hit, SearchResults
from kb.search.schema import LANGS
from kb.search.snippets import has_match, marked, snippet
from kb.search.spelling import Vocabulary

FEW = 3  # with fewer articles found than this, offer "did you mean"


def run(
    snapshot: Snapshot,
    text: str,
    lang: str,
    filters: Mapping[str, str],
    limit: int,
    offset: int,
) -> SearchResults:
    """Search `text` (already cleaned) for a reader of `lang`."""
    vocabulary = Vocabulary(snapshot.searcher)
    chunks = split(text)
    corrected = correction = suggestion = None
    typed = [c.text for c in chunks]
    retyped = layout.correct(typed, vocabulary.frequency, vocabulary.nearly) if chunks else None
    if retyped is not None:
        chunks = [Chunk(t, c.phrase) for t, c in zip(retyped, chunks, strict=True)]
        corrected, correction = join(chunks), "layout"
    wanted = units(chunks)

    if not wanted:
        matches = browse(snapshot, lang) if filters else []
    else:
        matches, used = _cascade(snapshot, wanted, lang, vocabulary)
        if used is not wanted:
            wanted = used
            corrected, correction = _text(used), correction or "spelling"
        elif 0 < len(matches) < FEW and correction is None:
            suggestion = _did_you_mean(wanted, vocabulary)

    kept = apply_filters(matches, filters)
    page = kept[offset : offset + limit]
    answering = parts(snapshot, wanted, page) if wanted else {}
    marks = {each: {t for u in wanted for o in unit_terms(u, each) for t in o} for each in LANGS}
    return SearchResults(
        query=text,
        corrected=corrected,
        correction=correction,
        suggestion=suggestion,
        total=len(kept),
        hits=tuple(_hit(m, answering.get(m.shown.key), marks[m.shown.lang]) for m in page),
        facets=facets(matches, filters),
        terms=tuple(sorted(marks[lang])),
    )


def _cascade(
    snapshot: Snapshot, wanted: list[Unit], lang: str, vocabulary: Vocabulary
) -> tuple[list[Match], list[Unit]]:
    """Articles with every word; else with typos corrected; else with any word. Returns the
    matches and the units that found them."""
    matches = find(snapshot, wanted, lang, every=True)
    if matches:
        return matches, wanted
    fixed = _corrected(wanted, vocabulary)
    if fixed is not None:
        matches = find(snapshot, fixed, lang, every=True)
        if matches:
            return matches, fixed
    loose = fixed or wanted
    if len(loose) > 1:
        matches = find(snapshot, loose, lang, every=False)
    return matches, loose


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


def _hit(match: Match, part: Part | None, marks: set[str]) -> Hit:
    info = match.shown
    text = info.snippet
    if part is not None and (part.answers or not has_match(info.snippet, info.lang, marks)):
        text = part.snippet
    answering = part if part is not None and part.answers else None
    section = answering.section if answering else ""
    return Hit(
        slug=info.slug,
        lang=info.lang,
        title=info.title,
        section=section,
        section_html=marked(section, info.lang, marks),
        anchor=answering.anchor if answering else "",
        snippet_html=snippet(text, info.lang, marks),
        score=match.score,
        kind=answering.kind if answering else "article",
    )
