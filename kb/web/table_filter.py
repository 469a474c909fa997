"""Finding a decision table's rows as an agent types, with the search's own analysis.

Query words and each row's scenario and keywords go through the same analysis as the search
index (Russian lemmas, English stems), so "переводить клиента" finds a row that says
"перевод клиентов". A word of five letters or more also matches with one typo, and any word
of three letters or more matches the beginning of a longer one, for words still being typed.

>>> from kb.guidance.model import Row
>>> rows = [Row("cancel", "Customer wants to cancel the contract.", "transfer", "Retention")]
>>> [r.id for r in matching_rows(rows, "cancelling contrcat", "en")]
['cancel']
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from kb.guidance import plain_text
from kb.guidance.model import Row
from kb.search.analysis import WORD, fold, normalize
from kb.search.spelling import distance

MIN_TYPO = 5  # letters a word needs before one typo is forgiven
MIN_PREFIX = 3  # letters a word needs to match the beginning of a longer one
MAX_QUERY = 200


@lru_cache(maxsize=4096)
def _row_words(text: str, lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(index terms, folded words) of a row's text."""
    words = WORD.findall(text)
    terms = {t for w in words if (t := normalize(w, lang)) is not None}
    return frozenset(terms), frozenset(fold(w) for w in words)


def row_text(row: Row) -> str:
    return f"{plain_text(row.scenario)}\n{' '.join(row.keywords)}"


def _near(word: str, candidates: frozenset[str]) -> bool:
    if word in candidates:
        return True
    if len(word) >= MIN_TYPO:
        for other in candidates:
            if abs(len(other) - len(word)) <= 1 and distance(word, other) <= 1:
                return True
    if len(word) >= MIN_PREFIX:
        return any(other.startswith(word) and len(other) > len(word) for other in candidates)
    return False


def _matches(query: list[tuple[str, str]], terms: frozenset[str], words: frozenset[str]) -> bool:
    return all(_near(term, terms) or _near(word, words) for term, word in query)


def matching_rows(rows: Sequence[Row], query: str, lang: str) -> list[Row]:
    """The rows that every searched word (stop words aside) matches, in table order."""
    wanted = [
        (term, fold(w))
        for w in WORD.findall(query[:MAX_QUERY])
        if (term := normalize(w, lang)) is not None
    ]
    if not wanted:
        return list(rows)
    return [r for r in rows if _matches(wanted, *_row_words(row_text(r), lang))]
