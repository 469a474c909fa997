"""Query expansion: the synonyms knowledge managers list, and Russian nouns and verbs made from
one another. Expanded words are matched besides the words typed and weigh less (query.EXPANDED)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kb.search import derivation
from kb.search.analysis import normalize
from kb.search.query import Unit
from kb.search.spelling import Vocabulary
from kb.search.synonyms import Table

MAX_EXPANSIONS = 8  # per unit
Words = tuple[tuple[str, ...], ...]


def expand(units: list[Unit], tables: list[Table], vocabulary: Vocabulary) -> list[Unit]:
    """`units` with their synonyms from `tables`, and their related Russian words the index
    has; the words of a phrase found in a table become one unit."""
    for table in tables:
        units = _synonyms(units, table)
    return [_related(u, vocabulary) for u in units]


def _synonyms(units: list[Unit], table: Table) -> list[Unit]:
    if not table.phrases:
        return units
    # The units that carry a term, with it: stop words neither match nor break a phrase.
    keyed = [
        (i, terms) for i, u in enumerate(units) if not u.phrase and (terms := table.terms(u.words))
    ]
    out: dict[int, Unit] = {}
    merged: set[int] = set()
    at = 0
    while at < len(keyed):
        for size in range(min(table.longest, len(keyed) - at), 0, -1):
            window = keyed[at : at + size]
            terms = tuple(t for _, ts in window for t in ts)
            others = table.phrases.get(terms)
            if others:
                first = window[0][0]
                group = [units[i] for i, _ in window]
                unit = group[0] if size == 1 else _joined(group)
                out[first] = replace(unit, expansions=_more(unit.expansions, others))
                merged.update(i for i, _ in window if i != first)
                at += size
                break
        else:
            at += 1
    return [out.get(i, u) for i, u in enumerate(units) if i not in merged]


def _joined(group: list[Unit]) -> Unit:
    """One unit for the words of a phrase the synonyms list (money back → refund)."""
    words = tuple(w for u in group for w in u.words)
    return Unit(words, False, " ".join(u.text for u in group))


def _more(have: Words, new: Iterable[tuple[str, ...]]) -> Words:
    return tuple(dict.fromkeys([*have, *new]))[:MAX_EXPANSIONS]


def _related(unit: Unit, vocabulary: Vocabulary) -> Unit:
    if unit.phrase or len(unit.words) != 1 or unit.alternatives:
        return unit
    lemma = normalize(unit.words[0], "ru")
    if lemma is None or not ("а" <= lemma[:1] <= "я" or lemma[:1] == "ё"):
        return unit
    found = [(w,) for w in derivation.related(lemma) if vocabulary.indexed(w, "ru")]
    return replace(unit, expansions=_more(unit.expansions, found)) if found else unit
