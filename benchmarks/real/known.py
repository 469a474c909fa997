"""Known-item queries drawn from the pages themselves, and the file format that stores them.

For a sample of pages with a title no other page of their language shares, an agent looking for
that page types: its whole title (`title`), two or three of its words (`words`), those words with
one slip (`typo`), those words with the wrong keyboard layout on (`layout`), or the title of its
translation (`other-language`: the reader's language is the page's, the words the other's). The
answer is the page's slug: parallel pages share it, and both engines count a hit on either.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.real.corpus import Page
from kb.search.layout import to_english, to_russian

KINDS = ("title", "words", "typo", "layout", "other-language")
_WORD = re.compile(r"[^\W\d_]{2,}(?:[-'][^\W\d_]+)*")
_SHORT = 3  # words of up to this many letters are mostly function words: not picked alone


@dataclass(frozen=True)
class Query:
    text: str
    lang: str  # the reader's language
    kind: str
    slug: str  # the page that answers


def known_items(pages: list[Page], per_lang: int, seed: int = 15) -> list[Query]:
    """Up to `per_lang` pages per language, each with a query of every kind it allows."""
    rng = random.Random(seed)
    by_key = {(p.lang, p.slug): p for p in pages}
    titles = Counter((p.lang, p.title.casefold()) for p in pages)
    queries: list[Query] = []
    for lang in ("en", "ru"):
        usable = [
            p
            for p in pages
            if p.lang == lang and titles[(lang, p.title.casefold())] == 1 and _WORD.search(p.title)
        ]
        for page in rng.sample(usable, min(per_lang, len(usable))):
            other = by_key.get(("ru" if lang == "en" else "en", page.slug))
            queries += _for_page(page, other, rng)
    return queries


def _for_page(page: Page, other: Page | None, rng: random.Random) -> list[Query]:
    def query(text: str, kind: str) -> Query:
        return Query(" ".join(text.split()), page.lang, kind, page.slug)

    out = [query(page.title, "title")]
    words = _some_words(page.title, rng)
    if words:
        out.append(query(" ".join(words), "words"))
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        if len(words[longest]) >= 5:
            slipped = words[:longest] + [_typo(words[longest], rng)] + words[longest + 1 :]
            out.append(query(" ".join(slipped), "typo"))
        wrong = to_english if page.lang == "ru" else to_russian
        out.append(query(wrong(" ".join(words).lower()), "layout"))
    if other is not None and other.title.casefold() != page.title.casefold():
        out.append(query(other.title, "other-language"))
    return out


def _some_words(title: str, rng: random.Random) -> list[str]:
    """Two or three neighbouring words of the title, at least one of them not a short one."""
    words = _WORD.findall(title)
    if len(words) < 2:
        return []
    size = rng.choice((2, 3)) if len(words) >= 3 else 2
    starts = [
        i for i in range(len(words) - size + 1) if any(len(w) > _SHORT for w in words[i : i + size])
    ]
    if not starts:
        return []
    start = rng.choice(starts)
    return words[start : start + size]


def _typo(word: str, rng: random.Random) -> str:
    """One slip inside the word: two letters swapped, one dropped, doubled or replaced."""
    i = rng.randrange(1, len(word) - 1)
    how = rng.randrange(4)
    if how == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if how == 1:
        return word[:i] + word[i + 1 :]
    if how == 2:
        return word[:i] + word[i] + word[i:]
    alphabet = "абвгдеиклмнопрст" if re.search("[а-яё]", word, re.I) else "abcdeiklmnoprst"
    return word[:i] + rng.choice([c for c in alphabet if c != word[i]]) + word[i + 1 :]


def save(queries: Iterable[Query], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for q in queries:
            out.write(json.dumps(asdict(q), ensure_ascii=False) + "\n")


def read(path: Path) -> list[Query]:
    """Queries from a JSON-lines file: {"text", "lang", "kind", "slug"} a line."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(Query(**json.loads(line)))
            except (TypeError, ValueError) as error:
                raise SystemExit(f"{path}:{n}: not a query ({error})") from None
    return out
