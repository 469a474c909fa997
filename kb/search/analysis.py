"""Text analysis per language: words become index terms the same way in documents and in queries.

Each language has its own analyzer, and both handle both alphabets: Latin words are stemmed with
the English Snowball stemmer, Cyrillic words are reduced to their pymorphy3 lemma, and only words
in the analyzer's own alphabet go through its stop list (a Latin "IT" or "ON" in a Russian text is
a name, not a pronoun). The README records the measurements behind these choices.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from whoosh.analysis import Filter, IDTokenizer, RegexTokenizer
from whoosh.lang.snowball.english import EnglishStemmer

from kb.search import stopwords

WORD = re.compile(r"\w+(?:['.]\w+)*")
_PARTS = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # a compound word's parts: ERR, DS, API, ...
MAX_WORD = 40  # longer "words" are hashes, URLs and keyboard mashing
MAX_PREFIX = 20  # search-as-you-type matches the first 20 letters of a word...
MAX_START = 40  # ... and the first 40 characters of a title or heading

_CYRILLIC = re.compile("[а-я]")
_RUSSIAN = re.compile(r"[а-я0-9_'.]+")  # a word pymorphy3 can take (it fails on some others)
_LATIN = re.compile("[a-z]")
# Lower-case letters whose capitals look alike in both alphabets (A/А, B/В, ... Y/У): a word that
# mixes alphabets was usually typed or pasted with such a look-alike.
_LATIN_LOOKALIKES = "abcehkmoptxy"
_CYRILLIC_LOOKALIKES = "авсенкмортху"
_TO_CYRILLIC = str.maketrans(_LATIN_LOOKALIKES, _CYRILLIC_LOOKALIKES)
_TO_LATIN = str.maketrans(_CYRILLIC_LOOKALIKES, _LATIN_LOOKALIKES)
_STOP = {"en": stopwords.ENGLISH, "ru": stopwords.RUSSIAN}


def fold(word: str) -> str:
    """Lower-case, ё→е, one apostrophe, and one alphabet for words that mix look-alikes.

    >>> fold("Счёт"), fold("PОУМИНГ"), fold("HubSpot")
    ('счет', 'роуминг', 'hubspot')
    """
    word = word.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")
    if _CYRILLIC.search(word) and _LATIN.search(word):
        word = _unmix(word)
    return word


def _unmix(word: str) -> str:
    latin = [c for c in word if "a" <= c <= "z"]
    cyrillic = [c for c in word if "а" <= c <= "я"]
    if len(cyrillic) >= len(latin) and all(c in _LATIN_LOOKALIKES for c in latin):
        return word.translate(_TO_CYRILLIC)
    if all(c in _CYRILLIC_LOOKALIKES for c in cyrillic):
        return word.translate(_TO_LATIN)
    return word


def lookalikes(letter: str) -> set[str]:
    """`letter` and the letter of the other alphabet that looks like it, if any.

    >>> sorted(lookalikes("р")), lookalikes("ж")
    (['p', 'р'], {'ж'})
    """
    return {letter, letter.translate(_TO_CYRILLIC), letter.translate(_TO_LATIN)}


@lru_cache(maxsize=200_000)
def normalize(word: str, lang: str) -> str | None:
    """The index term for one word of a `lang` text, or None if the word is not indexed.

    >>> normalize("Клиентам", "ru"), normalize("счёта", "ru"), normalize("transfers", "ru")
    ('клиент', 'счет', 'transfer')
    >>> normalize("для", "ru"), normalize("для", "en"), normalize("the", "en")
    (None, 'для', None)
    """
    word = fold(word)
    if len(word) > MAX_WORD or (len(word) < 2 and not word.isdigit()):
        return None
    if _CYRILLIC.search(word):
        if lang == "ru" and word in _STOP["ru"]:
            return None
        return lemma(word) if _RUSSIAN.fullmatch(word) else word
    if _LATIN.search(word):
        return None if lang == "en" and word in _STOP["en"] else stem(word)
    return word


def parts(word: str) -> list[str]:
    """The words a WORD token is searched by: itself, or for a compound of dots and underscores
    (an error code, a host name, a setting) each of its parts.

    >>> parts("ERR.DS_API.FORMULA"), parts("don't"), parts("3.14")
    (['ERR', 'DS', 'API', 'FORMULA'], ["don't"], ['3', '14'])
    """
    if "." not in word and "_" not in word:
        return [word]
    return _PARTS.findall(word) or [word]


def words(text: str) -> list[str]:
    """The words of `text` as they are searched (see `parts`), in order."""
    return [part for word in WORD.findall(text) for part in parts(word)]


def terms(text: str, lang: str) -> list[str]:
    """Index terms of `text` in order, stop words left out."""
    return [t for w in words(text) if (t := normalize(w, lang)) is not None]


@cache
def _morph():
    import pymorphy3  # loads dictionaries (~50 ms, ~20 MB): only once, and only when needed

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Dictionary form of a lower-case Cyrillic word, ё folded: клиентам → клиент."""
    return _morph().parse(word)[0].normal_form.replace("ё", "е").replace("’", "'").replace("ʼ", "'")


_english = EnglishStemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """English Snowball stem of a lower-case Latin word: transferring → transfer."""
    return _english.stem(word)


def spelling_word(word: str) -> str | None:
    """A word as the spelling field keeps it: folded, not stemmed; None for numbers and noise."""
    word = fold(word)
    if len(word) < 2 or len(word) > MAX_WORD or not (_CYRILLIC.search(word) or _LATIN.search(word)):
        return None
    return word


class TermFilter(Filter):
    """Turns each token into its index terms for `lang` (see `normalize`): a compound word into
    those of its parts, one position each. Stop words are dropped and the positions after them
    close up: "call the customer" is the phrase "call customer"."""

    def __init__(self, lang: str):
        self.lang = lang

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.lang == other.lang

    def __call__(self, tokens):
        shift = 0  # positions added by parts, less those of the words dropped
        for t in tokens:
            position, kept = (t.pos if t.positions else 0), 0
            for part in parts(t.text):
                term = normalize(part, self.lang)
                if term is None:
                    continue
                t.text = term
                if t.positions:
                    t.pos = position + shift + kept
                kept += 1
                yield t
            shift += kept - 1


class WordFilter(Filter):
    """Keeps each word as the spelling dictionary does (see `spelling_word`)."""

    def __call__(self, tokens):
        for t in tokens:
            word = spelling_word(t.text)
            if word is not None:
                t.text = word
                yield t


class PrefixFilter(Filter):
    """Emits every prefix of each word (up to MAX_PREFIX letters), for search-as-you-type."""

    def __call__(self, tokens):
        for t in tokens:
            word = t.text[:MAX_PREFIX]
            for end in range(1, len(word) + 1):
                t.text = word[:end]
                yield t


def analyzer(lang: str):
    """Analyzer of the text fields of `lang`: words to stemmed (en) or lemmatized (ru) terms."""
    return RegexTokenizer(WORD) | TermFilter(lang)


def typed(text: str) -> str:
    """Text as search-as-you-type compares it: folded words, one space apart.

    >>> typed("  Смена  ТАРИФА, для")
    'смена тарифа для'
    """
    return " ".join(w for w in map(spelling_word, words(text)) if w)


class StartFilter(Filter):
    """Emits every prefix (from 2 characters) of the `typed` form of a whole title or heading."""

    def __call__(self, tokens):
        for t in tokens:
            text = typed(t.text)[:MAX_START]
            for end in range(2, len(text) + 1):
                if text[end - 1] != " ":
                    t.text = text[:end]
                    yield t


def word_analyzer():
    """Analyzer of the spelling field: folded words, nothing stemmed or dropped but noise."""
    return RegexTokenizer(WORD) | WordFilter()


def prefix_analyzer():
    """Analyzer of the search-as-you-type fields: every prefix of every folded word."""
    return RegexTokenizer(WORD) | WordFilter() | PrefixFilter()


def start_analyzer():
    """Analyzer of the "starts with" fields: prefixes of a whole title or heading."""
    return IDTokenizer() | StartFilter()
