"""Typo tolerance and "did you mean", from the unstemmed words of the index's spelling field."""

from __future__ import annotations

from whoosh.codec.base import Automata

from kb.search.analysis import normalize, spelling_word
from kb.search.schema import ARTICLE_FIELDS, LANGS, field

CANDIDATES = 3  # corrections searched for one unknown word
RARE = 2  # a word found in fewer articles than this may be a typo of a common one
COMMONER = 10  # ... if the correction is found this many times more often
COMPLETIONS = 3  # known words tried for a word being typed
COMPLETIONS_READ = 64  # words read to choose them (a two-letter start may have thousands)


def max_distance(word: str) -> int:
    """Edits allowed: none below 4 letters, 1 up to 7, 2 beyond."""
    return 0 if len(word) < 4 else 1 if len(word) <= 7 else 2


def distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) between two words."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            row.append(cost)
        previous2, previous = previous, row
    return previous[-1]


class Vocabulary:
    """How often the index has seen a word, and the likeliest words meant by an unknown one."""

    def __init__(self, searcher):
        self.reader = searcher.reader()
        self._completions: dict[str, list[str]] = {}  # for this one search

    def frequency(self, word: str) -> int:
        """Articles that contain `word` as written, or failing that as a stem or lemma."""
        folded = spelling_word(word)
        if folded is None:
            return 0
        found = self.reader.doc_frequency("spell", folded)
        if found:
            return found
        terms = [(lang, normalize(word, lang)) for lang in LANGS]
        return max(
            (
                self.reader.doc_frequency(field(name, lang), term)
                for lang, term in terms
                if term
                for name in ARTICLE_FIELDS
            ),
            default=0,
        )

    def indexed(self, term: str, lang: str) -> bool:
        """Whether the index term `term` of `lang` is in any article."""
        return any(self.reader.doc_frequency(field(name, lang), term) for name in ARTICLE_FIELDS)

    def started(self, start: str) -> int:
        """How often the index has seen the commonest word that starts with `start`."""
        words = self.completions(start)
        return self.reader.doc_frequency("spell", words[0]) if words else 0

    def completions(self, start: str) -> list[str]:
        """The commonest known words that start with `start` (two letters at least)."""
        folded = spelling_word(start)
        if folded is None:
            return []
        if folded in self._completions:
            return self._completions[folded]
        found = []
        for i, term in enumerate(self.reader.expand_prefix("spell", folded)):
            if i >= COMPLETIONS_READ:
                break
            word = term.decode("utf-8") if isinstance(term, bytes) else term
            found.append((-self.reader.doc_frequency("spell", word), word))
        self._completions[folded] = out = [term for _, term in sorted(found)[:COMPLETIONS]]
        return out

    def corrections(self, word: str) -> list[str]:
        """Known words close to `word`, closest and commonest first; [] for short words."""
        folded = spelling_word(word)
        if folded is None:
            return []
        limit = max_distance(folded)
        if not limit:
            return []
        # The first letter is rarely the one mistyped; holding it keeps the walk short. One
        # automaton walks the words of each segment: asked of several segments at once (after a
        # shared build or a sync), Whoosh would measure every word in Python instead.
        dfa = Automata.levenshtein_dfa(folded, limit, prefix=1)
        candidates = {
            word
            for leaf, _ in self.reader.leaf_readers()
            for word in Automata.find_matches(dfa, leaf.cursor("spell"))
        }
        # Whoosh's automaton counts a swap of neighbours as two edits; we count one.
        candidates.update(_swaps(folded))
        found: dict[str, tuple[int, int]] = {}
        for candidate in candidates - {folded}:
            count = self.reader.doc_frequency("spell", candidate)
            edits = distance(candidate, folded) if count else limit + 1
            if edits <= limit:
                found[candidate] = (edits, -count)
        return sorted(found, key=lambda w: (found[w], w))[:CANDIDATES]

    def nearly(self, word: str) -> int:
        """How often the index has seen `word`, or else the commonest word a typo away."""
        return self.frequency(word) or max(map(self.frequency, self.corrections(word)), default=0)

    def did_you_mean(self, word: str) -> str | None:
        """A much commoner word close to a rare `word`, or None."""
        count = self.frequency(word)
        if count >= RARE:
            return None
        needed = count * COMMONER if count else 1
        for candidate in self.corrections(word):
            if self.frequency(candidate) >= needed:
                return candidate
        return None


def _swaps(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
