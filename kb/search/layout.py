"""Wrong keyboard layout: retype QWERTY as ЙЦУКЕН and back, and tell from the index vocabulary
whether a query was typed with the wrong layout switched on."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kb.search.analysis import WORD

# The same keys on the two layouts (Windows Russian), unshifted then shifted; the last five are
# shifted digits whose symbols differ (Shift+2 is @ on one and " on the other).
_QWERTY = "`qwertyuiop[]asdfghjkl;'zxcvbnm,./" + '~QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?' + "@#$^&"
_JCUKEN = "ёйцукенгшщзхъфывапролджэячсмитьбю." + "ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ," + '"№;:?'
_TO_RUSSIAN = str.maketrans(_QWERTY, _JCUKEN)
_TO_ENGLISH = str.maketrans(_JCUKEN, _QWERTY)

# The corrected words must be found this many times more often than the typed ones.
FACTOR = 10
MIN_LETTERS = 3  # too little typed to judge below this


def to_russian(text: str) -> str:
    """What `text` typed on QWERTY keys reads as with the Russian layout on: ghbdtn → привет."""
    return text.translate(_TO_RUSSIAN)


def to_english(text: str) -> str:
    """What `text` typed on ЙЦУКЕН keys reads as with the English layout on: кфешщ → ratio."""
    return text.translate(_TO_ENGLISH)


def _alphabets(text: str) -> tuple[bool, bool]:
    latin = any("a" <= c <= "z" for c in text.lower())
    cyrillic = any("а" <= c <= "я" or c == "ё" for c in text.lower())
    return latin, cyrillic


def retyped(chunk: str) -> list[str]:
    """Ways `chunk` may have been meant: the other layout, or for a word that mixes alphabets
    (the layout was switched mid-word) each alphabet throughout."""
    latin, cyrillic = _alphabets(chunk)
    if latin and cyrillic:
        return [to_russian(chunk), to_english(chunk)]
    if latin:
        return [to_russian(chunk)]
    if cyrillic:
        return [to_english(chunk)]
    return []


def _score(chunk: str, frequency: Callable[[str], int]) -> int:
    """How often the rarest word of `chunk` occurs in the index (0 if any is unknown)."""
    words = WORD.findall(chunk)
    return min((frequency(w) for w in words), default=0)


def correct(
    chunks: Sequence[str],
    frequency: Callable[[str], int],
    nearly: Callable[[str], int] | None = None,
) -> list[str] | None:
    """`chunks` (the words or phrases of a query) with those typed in the wrong layout retyped,
    or None when nothing was. `frequency(word)` says how often the index has seen a word;
    `nearly(word)`, how often it has seen the word or one a typo away, for a chunk that is
    unknown both as typed and as retyped (a wrong layout and a typo at once).

    A chunk is retyped when its retyped form is found far more often than what was typed (so a
    chunk found FACTOR times as typed never is); a chunk that is unknown either way follows the
    others typed in the same alphabet.
    """
    result: list[str | None] = []
    switched: set[tuple[bool, bool]] = set()
    kept: set[tuple[bool, bool]] = set()
    for chunk in chunks:
        typed = _score(chunk, frequency)
        best, best_score = None, 0
        for candidate in retyped(chunk) if typed < FACTOR else ():
            score = _score(candidate, frequency)
            if not score and not typed and nearly is not None:
                score = _score(candidate, nearly)
            if score > best_score:
                best, best_score = candidate, score
        alphabet = _alphabets(chunk)
        if best is not None and best_score > typed * FACTOR:
            result.append(best)
            switched.add(alphabet)
        else:
            result.append(None)
            if typed:
                kept.add(alphabet)
    if not switched:
        return None
    out = []
    for chunk, fixed in zip(chunks, result, strict=True):
        alphabet = _alphabets(chunk)
        if fixed is None and alphabet in switched and alphabet not in kept:
            fixed = retyped(chunk)[0] if retyped(chunk) else None
        out.append(fixed or chunk)
    if sum(c.isalpha() for c in "".join(out)) < MIN_LETTERS:
        return None
    return out
