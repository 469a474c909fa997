"""Snowball stems against pymorphy3 lemmas on Russian procedure words.

Run `python -m benchmarks.morphology`. For each method it prints how many inflected forms reach the
term of their dictionary form, how many related words (noun and verb, aspect pairs) meet, how many
unrelated pairs are wrongly merged, and the cost per word. The README records the
figures and the choice.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable

from whoosh.lang.snowball.russian import RussianStemmer

from kb.search.analysis import fold

# Inflected forms of one word; the first is the dictionary form.
INFLECTIONS = [
    "переключение переключения переключению переключением переключении",
    "переключить переключите переключил переключила переключу переключим переключён переключена",
    "переключать переключает переключаем переключайте переключал переключая",
    "клиент клиента клиенту клиентом клиенте клиенты клиентов клиентам клиентами клиентах",
    "номер номера номеру номером номере номеров номерам номерами",
    "роуминг роуминга роуминге роумингом роумингу",
    "счёт счет счёта счета счету счётом счетов",
    "блокировка блокировки блокировку блокировкой блокировок",
    "заблокировать заблокируйте заблокировал заблокирован заблокирована заблокировав",
    "кейс кейса кейсы кейсов кейсе",
    "звонок звонка звонку звонки звонков звонком звонке",
    "звонить звонит звонил звоните звонят звонила",
    "перезвонить перезвоните перезвоним перезвонил перезвоню",
    "удержание удержания удержанию удержании",
    "перевод перевода переводе переводом переводы переводов",
    "перевести переведите перевёл перевела переведу переведён переведена",
    "оператор оператора операторы операторов оператору оператором",
    "услуга услуги услугу услуг услугами услугах услугой",
    "тариф тарифа тарифы тарифов тарифе тарифом",
    "абонент абонента абоненту абонентов абонентом",
    "заявка заявки заявку заявок заявкой",
    "обращение обращения обращений обращении обращением",
    "линия линии линию линий линией",
    "договор договора договоре договоров договором",
    "портирование портирования портировании портированием",
    "ключевой ключевого ключевому ключевых ключевые ключевым",
    "отключить отключите отключил отключен отключена",
    "возврат возврата возвраты возвратов возвратом",
]

# Related words a search might hope to join (noun and verb, the two aspects of a verb).
RELATED = [
    ("переключение", "переключить"),
    ("переключить", "переключать"),
    ("блокировка", "заблокировать"),
    ("звонок", "звонить"),
    ("звонить", "перезвонить"),
    ("перевод", "перевести"),
    ("перевести", "переводить"),
    ("удержание", "удержать"),
    ("подключение", "подключить"),
    ("оплата", "оплатить"),
    ("обращение", "обратиться"),
    ("возврат", "вернуть"),
]

# Unrelated words that must keep apart.
APART = [
    ("почта", "почти"),
    ("стать", "статья"),
    ("вести", "весть"),
    ("сталь", "стали"),
    ("оператор", "операция"),
    ("перевод", "переводчик"),
    ("номер", "номинал"),
    ("счёт", "счётчик"),
    ("роуминг", "роутер"),
    ("линия", "линейка"),
    ("блокировка", "блок"),
    ("время", "временный"),
    ("ответ", "ответственный"),
    ("карта", "картина"),
    ("сообщение", "сообщество"),
    ("заявка", "заявление"),
    ("минута", "минус"),
    ("связь", "связка"),
    ("код", "кодекс"),
    ("пароль", "паром"),
    ("услуга", "услужливый"),
    ("тариф", "тара"),
    ("звонок", "звонкий"),
    ("ключ", "ключевой"),
    ("доступ", "доступный"),
]


def _snowball() -> Callable[[str], str]:
    stemmer = RussianStemmer()
    return lambda word: stemmer.stem(fold(word))


def _lemmas() -> Callable[[str], str]:
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    return lambda word: fold(morph.parse(fold(word))[0].normal_form)


def score(method: Callable[[str], str]) -> dict[str, tuple[int, int]]:
    """(hits, out of) for inflections, related pairs and wrongly merged unrelated pairs."""
    forms = joined = 0
    for line in INFLECTIONS:
        base, *rest = line.split()
        forms += len(rest)
        joined += sum(method(w) == method(base) for w in rest)
    related = sum(method(a) == method(b) for a, b in RELATED)
    merged = sum(method(a) == method(b) for a, b in APART)
    return {
        "inflections": (joined, forms),
        "related": (related, len(RELATED)),
        "false merges": (merged, len(APART)),
    }


def _words() -> list[str]:
    words = [w for line in INFLECTIONS for w in line.split()]
    words += [w for pair in RELATED + APART for w in pair]
    return words


def cost(factory: Callable[[], Callable[[str], str]]) -> tuple[float, float, float]:
    """(load ms, µs a word, MB added) for a fresh instance of the method."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    method = factory()
    load = (time.perf_counter() - start) * 1000
    words = _words()
    start = time.perf_counter()
    for word in words:
        method(word)
    per_word = (time.perf_counter() - start) * 1e6 / len(words)
    added = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) / 1024
    return load, per_word, added


def main() -> None:
    for name, factory in (("Snowball", _snowball), ("pymorphy3", _lemmas)):
        load, per_word, added = cost(factory)
        method = factory()
        figures = ", ".join(f"{k} {a}/{b}" for k, (a, b) in score(method).items())
        print(f"{name:10} {figures}")
        print(f"{'':10} load {load:.0f} ms, {per_word:.1f} µs a word uncached, +{added:.0f} MB")


if __name__ == "__main__":
    main()
