"""A generated knowledge base sized like the real one: Markdown procedures in English and Russian.

Each slug gets the same random choices in both languages, so the Russian article is a translation
of the English one (a few articles exist in one language only). Russian words are inflected with
pymorphy3; about half the Russian articles write е for ё, as many authors do.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from harness import lexicon as lx
from harness import templates
from kb.render.markdown import slugify

_CASES = {"nom": "nomn", "gen": "gent", "dat": "datv", "acc": "accs", "ins": "ablt", "loc": "loct"}
_SLOT = re.compile(r"\{(\w+)(?::(\w+)| ([^}]+))?\}")


@cache
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _parse(word: str, pos: str, gender: str | None = None, first: bool = False):
    """A nominative reading of `word` as `pos`; with `first`, only if `pos` is its likeliest."""
    parses = _morph().parse(word)
    if first and parses[0].tag.POS != pos:
        return None
    for p in parses:
        if p.tag.POS == pos and "nomn" in p.tag and (gender is None or gender in p.tag):
            return p
    return None


@cache
def inflect(phrase: str, case: str) -> str:
    """A Russian nominative phrase in `case` (nom, gen, ...): adjectives agree with the first
    noun, words after it stay as they are (отдел удержания → отдела удержания)."""
    if case == "nom":
        return phrase
    words = phrase.split()
    head_at, head = None, None
    for first in (True, False):  # a word that is most likely a noun, else any that may be one
        for i, word in enumerate(words):
            head = _parse(word.rsplit("-", 1)[-1].lower(), "NOUN", first=first)
            if head is not None:
                head_at = i
                break
        if head is not None:
            break
    if head is None:
        return phrase
    wanted = {_CASES[case], head.tag.number or "sing"}
    out = []
    for i, word in enumerate(words):
        if i > head_at:
            out.append(word)
            continue
        if i == head_at:
            stem, _, tail = word.rpartition("-")
            form = head.inflect(wanted)
            new = form.word if form else tail
            out.append(f"{stem}-{_case_like(tail, new)}" if stem else _case_like(word, new))
            continue
        adjective = _parse(word.lower(), "ADJF", head.tag.gender) or _parse(
            word.lower(), "PRTF", head.tag.gender
        )
        grammemes = set(wanted)
        if "sing" in wanted and head.tag.gender:
            grammemes.add(head.tag.gender)
        if case == "acc" and head.tag.animacy and head.tag.gender != "femn":
            grammemes.add(head.tag.animacy)
        form = adjective.inflect(grammemes) if adjective else None
        out.append(_case_like(word, form.word) if form else word)
    return " ".join(out)


def _case_like(original: str, word: str) -> str:
    if original.isupper():
        return original
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def counted(number: int, phrase: str) -> str:
    """'5 минут', '21 рабочий день': a Russian phrase agreeing with a number."""
    words = []
    for word in phrase.split():
        form = _parse(word, "NOUN") or _parse(word, "ADJF")
        agreed = form.make_agree_with_number(number) if form else None
        words.append(agreed.word if agreed else word)
    return f"{number} {' '.join(words)}"


@dataclass
class Topic:
    """Everything an article is about, chosen once per slug and shared by both languages."""

    slug: str
    process: tuple[str, str, str]
    subject: tuple[str, str]  # (English, Russian genitive) for the title
    segment: tuple[str, str]
    plan: str
    city: tuple[str, str]
    dept: tuple[str, str]
    system: str
    seed: int
    objects: tuple  # the objects and terms this topic's text mostly talks about
    terms: tuple
    tags: tuple
    langs: tuple[str, ...] = ("en", "ru")


def topics(count: int, seed: int = 7) -> list[Topic]:
    """`count` distinct topics; each language ends up with `count` articles."""
    rng = random.Random(seed)
    plans = sorted(
        {
            f"{a}{b} {c}"
            for a in lx.PLAN_PARTS[0]
            for b in lx.PLAN_PARTS[1]
            for c in lx.PLAN_PARTS[2]
        }
    )
    rng.shuffle(plans)
    subjects = [(f"{en}", ru) for en, ru in lx.SEGMENTS]
    subjects += [(f"the {p} plan", f"тарифа {p}") for p in plans[:40]]
    subjects += [(f"customers in {en}", f"клиентов в {inflect(ru, 'loc')}") for en, ru in lx.CITIES]
    # Like a real knowledge base, each process has its own vocabulary: a word such as "roaming"
    # is frequent in a few articles, not spread evenly over all of them.
    vocabulary = {
        p: (
            tuple(rng.sample(lx.OBJECTS, 6)),
            tuple(rng.sample(lx.TERMS, 10)),
            tuple(rng.sample(lx.TAGS, 3)),
        )
        for p in lx.PROCESSES
    }
    combos = [(p, s) for p in lx.PROCESSES for s in subjects]
    rng.shuffle(combos)
    one_language = count // 50
    out = []
    for i, (process, subject) in enumerate(combos[: count + one_language]):
        title = f"{process[0]} for {subject[0]}"
        category = slugify(process[2])
        langs = ("en", "ru")
        if i >= count - one_language:  # the last few exist in one language only
            langs = ("en",) if (i - count + one_language) % 2 == 0 else ("ru",)
        out.append(
            Topic(
                slug=f"{category}/{slugify(title)}",
                process=process,
                subject=subject,
                segment=rng.choice(lx.SEGMENTS),
                plan=rng.choice(plans),
                city=rng.choice(lx.CITIES),
                dept=rng.choice(lx.DEPARTMENTS),
                system=rng.choice(lx.SYSTEMS),
                seed=rng.randrange(1 << 30),
                objects=vocabulary[process][0],
                terms=vocabulary[process][1],
                tags=vocabulary[process][2],
                langs=langs,
            )
        )
    return out


class Writer:
    """Writes one topic in one language: same choices, different words."""

    def __init__(self, topic: Topic, lang: str):
        self.topic = topic
        self.lang = lang
        self.rng = random.Random(topic.seed)
        self.ru = lang == "ru"

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def topical(self, own, everything):
        """Mostly the topic's own words, now and then any."""
        return self.pick(own if self.rng.random() < 0.9 else everything)

    def fill(self, template: tuple[str, str]) -> str:
        t = self.topic
        values = {
            "obj": self.topical(t.objects, lx.OBJECTS),
            "obj2": self.topical(t.objects, lx.OBJECTS),
            "verb": self.pick(lx.VERBS),
            "term": self.topical(t.terms, lx.TERMS),
            "n": self.rng.randint(2, 30),
            "code": f"{self.pick(('REQ', 'INC', 'ERR', 'CASE'))}-{self.rng.randint(1000, 99999)}",
            "dept": t.dept if self.rng.random() < 0.6 else self.pick(lx.DEPARTMENTS),
            "sys": t.system if self.rng.random() < 0.7 else self.pick(lx.SYSTEMS),
            "city": t.city,
            "plan": t.plan,
            "segment": t.segment,
        }
        text = template[1] if self.ru else template[0]
        return _SLOT.sub(lambda m: self._slot(m, values), text)

    def _slot(self, m: re.Match, values: dict) -> str:
        name, case, noun = m.group(1), m.group(2), m.group(3)
        key = name.lower()
        value = values[key]
        if key == "n":
            return counted(value, noun) if (self.ru and noun) else str(value)
        if key == "verb":
            en, imperative, infinitive = value
            word = en if not self.ru else infinitive if case == "inf" else imperative
        elif key in ("code", "plan", "sys"):
            word = value
        elif isinstance(value, tuple):
            word = value[1] if self.ru else value[0]
            if self.ru and case and key != "segment":
                word = inflect(word, case)
        else:
            word = str(value)
        return word[:1].upper() + word[1:] if name[:1].isupper() else word

    def sentence(self, pool=templates.SENTENCES) -> str:
        text = self.fill(self.pick(pool))
        return text[:1].upper() + text[1:]

    def paragraph(self, low: int = 3, high: int = 5) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def section_body(self) -> str:
        blocks = [self.paragraph()]
        shape = self.rng.random()
        if shape < 0.25:
            blocks.append(
                "\n".join(f"{i}. {self.sentence()}" for i in range(1, self.rng.randint(3, 6)))
            )
        elif shape < 0.40:
            head = (
                "| Ситуация | Что делать |" if self.ru else "| Scenario | What to do |"
            ) + "\n| --- | --- |"
            rows = [
                f"| {self.sentence()} | {self.sentence()} |" for _ in range(self.rng.randint(2, 4))
            ]
            blocks.append("\n".join([head, *rows]))
        elif shape < 0.55:
            blocks.append(f"::: script\n{self.sentence(templates.SCRIPTS)}\n:::")
        elif shape < 0.65:
            blocks.append(f"::: warning\n{self.sentence()}\n:::")
        if self.rng.random() < 0.5:
            blocks.append(self.paragraph(1, 3))
        return "\n\n".join(blocks)

    def article(self) -> str:
        t = self.topic
        en_process, ru_process, category = t.process
        title = (
            f"{ru_process} для {t.subject[1]}" if self.ru else f"{en_process} for {t.subject[0]}"
        )
        headings = list(templates.HEADINGS)
        self.rng.shuffle(headings)
        tags = [self.topical(t.tags, lx.TAGS) for _ in range(self.rng.randint(2, 4))]
        audience = sorted({self.pick(lx.AUDIENCES) for _ in range(self.rng.randint(1, 2))})
        parts = [self.paragraph(2, 3)]
        for heading in headings[: self.rng.randint(3, 8)]:
            name = self.fill(heading)
            parts.append(f"## {name[:1].upper() + name[1:]}\n\n{self.section_body()}")
        tag_names = list(dict.fromkeys(tag[1] if self.ru else tag[0] for tag in tags))
        front = [
            "---",
            f"title: {json.dumps(title, ensure_ascii=False)}",
            f"summary: {json.dumps(self.sentence(), ensure_ascii=False)}",
            f"category: {lx.CATEGORIES[category] if self.ru else category}",
            f"tags: {json.dumps(tag_names, ensure_ascii=False)}",
            f"audience: [{', '.join(audience)}]",
            f"updated: 2026-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}",
            "---",
        ]
        text = "\n".join(front) + f"\n\n# {title}\n\n" + "\n\n".join(parts) + "\n"
        if self.ru and t.seed % 2:
            text = text.replace("ё", "е").replace("Ё", "Е")
        return text


def generate(root: Path, per_lang: int, seed: int = 7) -> list[Topic]:
    """Write `per_lang` articles per language under root/en and root/ru; return the topics."""
    found = topics(per_lang, seed)
    for topic in found:
        for lang in topic.langs:
            path = root / lang / f"{topic.slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(Writer(topic, lang).article(), encoding="utf-8")
    return found
