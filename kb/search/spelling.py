"""Typo tolerance and "did you mean", from the unstemmed words of the index's spelling field.

Close words are found by RapidFuzz's optimal-string-alignment distance (a swap of neighbours is
one edit) over the known words that share the typo's first letter and whose length is within the
edits allowed: the first letter is rarely the one mistyped, and a word of another length is as
many edits away at least. A few thousand words are measured in C in some 50 µs. Each letter's
words are read from the index the first time a typo needs them, once per index generation, or
all of them at once with their counts when the generation is warmed (warming.py).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from rapidfuzz import process
from rapidfuzz.distance import OSA

from kb.search.analysis import normalize, spelling_word
from kb.search.frequency import Frequencies
from kb.search.schema import ARTICLE_FIELDS, LANGS, field

MAX_COUNTS = 100_000  # word counts remembered per generation (then forgotten at once)
CANDIDATES = 3  # corrections searched for one unknown word
STEM_START = 3  # an inflected form starts with these letters of a form the index knows
RARE = 2  # a word found in fewer articles than this may be a typo of a common one
COMMONER = 10  # ... if the correction is found this many times more often
COMPLETIONS = 3  # known words tried for a word being typed
COMPLETIONS_READ = 64  # words read to choose them (a two-letter start may have thousands)


def max_distance(word: str) -> int:
    """Edits allowed: none below 4 letters, 1 up to 7, 2 beyond."""
    return 0 if len(word) < 4 else 1 if len(word) <= 7 else 2


def distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) between two words."""
    return int(OSA.distance(a, b))


class Lexicon:
    """The spelling words of one index generation, by first letter, and how many articles each
    is in; read from the index as typos need them. Not thread-safe (nor is the searcher)."""

    def __init__(self, reader):
        self.reader = reader
        self._deletions = reader.has_deletions()
        self._by_letter: dict[str, list[str]] = {}
        # Each letter's words by length, and their lengths: the words `near` measures.
        self._by_length: dict[str, tuple[list[str], list[int]]] = {}
        self._counts: dict[str, int] = {}
        self.frequencies: dict[str, int] = {}  # Vocabulary.frequency's answers
        self.terms: dict[str, bool] = {}  # Vocabulary.indexed's answers
        self._starts: dict[str, bool] = {}
        # Every word's count, deleted articles counted (as Whoosh counts them), once
        # warming.py has read them all.
        self._read: dict[str, int] | None = None

    def know(self, counts: dict[str, int]) -> None:
        """Take the count of every spelling word (read by warming.py): typos and word counts
        are then answered from memory."""
        by_letter: dict[str, list[str]] = {}
        for word in sorted(counts):
            by_letter.setdefault(word[:1], []).append(word)
        self._by_letter, self._read = by_letter, counts
        self._by_length = {}

    def starting(self, start: str, limit: int) -> list[tuple[str, int]] | None:
        """The first `limit` known words that start with `start`, in order, with their counts
        (deleted articles counted); None until know() has been told them."""
        if self._read is None:
            return None
        words = self._by_letter.get(start[:1], [])
        at = bisect_left(words, start)
        found = []
        for word in words[at : at + limit]:
            if not word.startswith(start):
                break
            found.append((word, self._read[word]))
        return found

    def count(self, word: str) -> int:
        """Articles whose spelling field has `word` (a folded word); 0 for a word that only
        deleted articles had (Whoosh counts them until their segment is merged)."""
        if self._read is not None and not self._deletions:
            return self._read.get(word, 0)
        found = self._counts.get(word)
        if found is None:
            self.make_room()
            found = self.reader.doc_frequency("spell", word)
            if found and self._deletions and not self.reader.postings("spell", word).is_active():
                found = 0
            self._counts[word] = found
        return found

    def make_room(self) -> None:
        """Forget every remembered answer once one kind holds MAX_COUNTS: queries of made-up
        words must not grow a worker's memory without end."""
        memos = (self._counts, self.frequencies, self.terms, self._starts)
        if any(len(memo) >= MAX_COUNTS for memo in memos):
            for memo in memos:
                memo.clear()

    def starts(self, start: str) -> bool:
        """Whether any known word starts with `start` (deleted articles' words may count)."""
        known = self.starting(start, 1)
        if known is not None:
            return bool(known)
        found = self._starts.get(start)
        if found is None:
            self.make_room()
            found = self._starts[start] = any(
                True for _ in self.reader.expand_prefix("spell", start)
            )
        return found

    def near(self, word: str, edits: int) -> dict[str, int]:
        """Known words with `word`'s first letter at most `edits` edits from it, with their
        distance; words only deleted articles had are left out."""
        letter = word[:1]
        words = self._by_letter.get(letter)
        if words is None:
            words = self._by_letter[letter] = [
                term.decode("utf-8") if isinstance(term, bytes) else term
                for term in self.reader.expand_prefix("spell", letter)
            ]
        by_length = self._by_length.get(letter)
        if by_length is None:
            ordered = sorted(words, key=len)
            by_length = self._by_length[letter] = ordered, [len(w) for w in ordered]
        ordered, lengths = by_length
        # A word of another length is as many edits away at least: those are not measured.
        start = bisect_left(lengths, len(word) - edits)
        end = bisect_right(lengths, len(word) + edits)
        found = process.extract(
            word, ordered[start:end], scorer=OSA.distance, score_cutoff=edits, limit=None
        )
        return {w: int(d) for w, d, _ in found if self.count(w)}


class Vocabulary:
    """How often the index has seen a word, and the likeliest words meant by an unknown one."""

    def __init__(
        self, searcher, lexicon: Lexicon | None = None, frequencies: Frequencies | None = None
    ):
        self.reader = searcher.reader()
        self.lexicon = lexicon if lexicon is not None else Lexicon(self.reader)
        self.frequencies = frequencies if frequencies is not None else Frequencies(self.reader)
        self._completions: dict[str, list[str]] = {}  # for this one search

    def frequency(self, word: str) -> int:
        """Articles that contain `word` as written, or failing that as a stem or lemma."""
        known = self.lexicon.frequencies.get(word)
        if known is None:
            self.lexicon.make_room()
            known = self.lexicon.frequencies[word] = self._frequency(word)
        return known

    def _frequency(self, word: str) -> int:
        folded = spelling_word(word)
        if folded is None:
            return 0
        found = self.lexicon.count(folded)
        if found or not self.lexicon.starts(folded[:STEM_START]):
            # No known word starts as this one does: it is no form of one (what the wrong
            # keyboard layout makes of a word is usually such), and no lemma is worked out.
            return found
        terms = [(lang, normalize(word, lang)) for lang in LANGS]
        return max(
            (
                self.frequencies(field(name, lang), term)
                for lang, term in terms
                if term
                for name in ARTICLE_FIELDS
            ),
            default=0,
        )

    def indexed(self, term: str, lang: str) -> bool:
        """Whether the index term `term` of `lang` is in any article."""
        key = f"{lang}:{term}"
        known = self.lexicon.terms.get(key)
        if known is None:
            self.lexicon.make_room()
            known = self.lexicon.terms[key] = any(
                self.frequencies(field(name, lang), term) for name in ARTICLE_FIELDS
            )
        return known

    def started(self, start: str) -> int:
        """How often the index has seen the commonest word that starts with `start`."""
        words = self.completions(start)
        return self.lexicon.count(words[0]) if words else 0

    def completions(self, start: str) -> list[str]:
        """The commonest known words that start with `start` (two letters at least)."""
        folded = spelling_word(start)
        if folded is None:
            return []
        if folded in self._completions:
            return self._completions[folded]
        # The terms' own counts come with them: no look-up per word (words only deleted
        # articles had may be counted here; a completion is only a guess at what is typed).
        known = self.lexicon.starting(folded, COMPLETIONS_READ)
        if known is not None:
            found = [(-count, word) for word, count in known]
        else:
            found = []
            for i, (term, info) in enumerate(self.reader.iter_prefix("spell", folded)):
                if i >= COMPLETIONS_READ:
                    break
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                found.append((-info.doc_frequency(), word))
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
        found = {
            w: (edits, -self.lexicon.count(w))
            for w, edits in self.lexicon.near(folded, limit).items()
        }
        # The first two letters swapped is one edit too (the first letter is otherwise held).
        swapped = folded[1::-1] + folded[2:]
        if swapped not in found and (count := self.lexicon.count(swapped)):
            found[swapped] = (1, -count)
        found.pop(folded, None)
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
