"""What agents type, drawn from the generated corpus: plain words, inflected Russian, typos, the
wrong keyboard layout, the other language, phrases, е for ё; and prefixes for search-as-you-type."""

from __future__ import annotations

import random
from dataclasses import dataclass

from harness import lexicon as lx
from harness.corpus import Topic, inflect
from kb.search.layout import to_english, to_russian

CASES = ("gen", "dat", "acc", "ins", "loc")


@dataclass(frozen=True)
class Query:
    text: str
    lang: str  # the reader's language
    kind: str  # plain, inflected, typo, layout, other-language, phrase, yo


def _typo(word: str, rng: random.Random) -> str:
    """One slip: two letters swapped, one dropped or one doubled."""
    i = rng.randrange(1, len(word) - 1)
    how = rng.randrange(3)
    if how == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if how == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def _plain(topic: Topic, rng: random.Random) -> tuple[str, str]:
    """An (English, Russian nominative) query about `topic`."""
    process = (topic.process[0].lower(), topic.process[1].lower())
    choice = rng.randrange(6)
    if choice == 0:
        return process
    if choice == 1:
        return rng.choice(topic.objects)
    if choice == 2:
        return rng.choice(topic.terms)
    if choice == 3:
        en, ru = rng.choice(topic.objects)
        verb = rng.choice(lx.VERBS)
        return f"{verb[0]} {en}", f"{verb[2]} {ru}"
    if choice == 4:
        return f"{process[0]} {topic.segment[0]}", f"{process[1]} {topic.segment[1]}"
    return topic.dept


# The share of each kind of query: mostly plain words, rarely quotes.
MIX = {
    "plain": 30, "inflected": 20, "typo": 15, "other-language": 15, "layout": 10, "phrase": 5,
    "yo": 5,
}  # fmt: skip


def search_queries(topics: list[Topic], count: int, seed: int = 11) -> list[Query]:
    """About `count` distinct queries of the kinds in MIX."""
    rng = random.Random(seed)
    out: dict[tuple[str, str], Query] = {}
    kinds = [kind for kind, share in MIX.items() for _ in range(share)]
    while len(out) < count:
        topic = rng.choice(topics)
        kind = rng.choice(kinds)
        en, ru = _plain(topic, rng)
        lang = rng.choice(("en", "ru"))
        text = en if lang == "en" else ru
        if kind == "inflected":
            lang, text = "ru", inflect(ru, rng.choice(CASES))
        elif kind == "typo":
            words = text.split()
            longest = max(range(len(words)), key=lambda i: len(words[i]))
            if len(words[longest]) < 5:
                continue
            words[longest] = _typo(words[longest], rng)
            text = " ".join(words)
        elif kind == "layout":
            text = to_english(ru) if lang == "ru" else to_russian(en)
            if text in (en, ru):  # IMEI reads the same in both layouts
                continue
        elif kind == "other-language":
            text = ru if lang == "en" else en
        elif kind == "phrase":
            en, ru = rng.choice([topic.process[:2], *topic.objects, *topic.terms])
            text = (en if lang == "en" else ru).lower()
            if " " not in text:
                continue
            text = f'"{text}"'
        elif kind == "yo":
            if "ё" not in ru:
                continue
            lang, text = "ru", ru.replace("ё", "е")
        out.setdefault((text, lang), Query(text, lang, kind))
    return list(out.values())


def suggest_prefixes(topics: list[Topic], count: int, seed: int = 13) -> list[Query]:
    """About `count` distinct prefixes of titles and headings, as typed letter by letter."""
    rng = random.Random(seed)
    out: dict[tuple[str, str], Query] = {}
    headings = _headings()
    while len(out) < count:
        topic = rng.choice(topics)
        lang = rng.choice(("en", "ru"))
        source = topic.process[0] if lang == "en" else topic.process[1]
        if rng.random() < 0.3:
            source = rng.choice(headings)[0 if lang == "en" else 1]
        words = source.split()
        n = rng.randrange(len(words))
        last = words[n][: rng.randint(2, max(2, len(words[n])))]
        text = " ".join(words[:n] + [last]).lower()
        kind = "prefix"
        if rng.random() < 0.1:
            text, kind = (to_english(text) if lang == "ru" else to_russian(text)), "layout"
        out.setdefault((text, lang), Query(text, lang, kind))
    return list(out.values())


def _headings():
    from harness.templates import HEADINGS

    return [h for h in HEADINGS if "{" not in h[0]]
