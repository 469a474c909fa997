"""Russian word formation: a noun and the verb it is made from match each other (переключение
and переключить, расторжение and расторгнуть, отказ and отказать), which lemmas alone do not do.

A small table of productive suffix pairs is applied to lemmas; the search keeps only the related
words the index has, and a list of known false friends (отдел is not отделить) stays apart.
"""

from __future__ import annotations

from functools import lru_cache

# (noun suffix, verb suffix): the noun's lemma ends in the first, the verb's in the second.
PAIRS = (
    ("ение", "ить"),
    ("ение", "ять"),
    ("ение", "еть"),
    ("ение", "ать"),
    ("щение", "тить"),
    ("жение", "зить"),
    ("жение", "гнуть"),
    ("ание", "ать"),
    ("яние", "ять"),
    ("тие", "ть"),
    ("ация", "ировать"),
    ("ирование", "ировать"),
    ("ование", "овать"),
    ("ка", "ить"),
    ("ка", "ать"),
    ("а", "ить"),
    ("", "ить"),  # отказ, запрос, возврат: a noun with no suffix
    ("", "ать"),
    ("", "ировать"),
)
MIN_STEM = 3
VOWELS = frozenset("аеиоуыэюяйь")
# Pairs that look derived but mean different things: never joined.
APART = frozenset(
    {
        "отдел",
        "отделение",
        "договор",
        "разговор",
        "положение",
        "состояние",
        "значение",
        "отношение",
        "выражение",
        "представление",
        "лист",
        "мир",
        "справка",
        "ставка",
        "сдача",
        "пара",
        "вид",
        "род",
    }
)


@lru_cache(maxsize=50_000)
def related(lemma: str) -> tuple[str, ...]:
    """Nouns and verbs that may be made from `lemma` or it from them (not all are words).

    >>> "переключить" in related("переключение"), "расторжение" in related("расторгнуть")
    (True, True)
    >>> related("отдел")
    ()
    """
    if lemma in APART or not lemma.isalpha():
        return ()
    word = lemma[:-2] if lemma.endswith(("ться", "тись")) else lemma
    out: list[str] = []
    consonant = lemma[-1] not in VOWELS
    for noun, verb in PAIRS:
        stem = len(lemma) - len(noun)
        if lemma.endswith(noun) and stem >= MIN_STEM and (noun or consonant) and not _verb(lemma):
            out.append(lemma[:stem] + verb)
        if word.endswith(verb) and len(word) - len(verb) >= MIN_STEM:
            made = word[: len(word) - len(verb)] + noun
            if noun or made[-1] not in VOWELS:
                out.append(made)
    return tuple(w for w in dict.fromkeys(out) if w != lemma and w not in APART)


def _verb(lemma: str) -> bool:
    return lemma.endswith(("ть", "ться", "чь", "чься", "ти", "тись"))
