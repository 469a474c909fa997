"""Whatever an agent types, search and suggest answer and log no error."""

import logging

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.search import SearchResults

PIECES = st.sampled_from(
    ['"', "'", "AND", "OR", "NOT", "title:", "*", "?", "~2", "^3", "(", ")", "[", "]", "{", "}",
     "\\", "-", "+", "&&", "||", "!", ":", "/", "роуминг", "roaming", "hjevbyu", "ё", "\x00",
     "\u200b", "\u00ad", "🙂", "👍🏽", "\t", "\n", " ", "a" * 300, "e-mail", "SIM-карта"]
)  # fmt: skip
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join),
)


class Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def watching():
    handler = Errors()
    logging.getLogger("kb.search").addHandler(handler)
    return handler


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    query=TEXT,
    lang=st.sampled_from(["en", "ru", "xx", ""]),
    offset=st.integers(-5, 50),
    category=st.one_of(st.none(), st.sampled_from(["Mobile", "Биллинг", ""]), st.text(max_size=5)),
)
def test_search_never_raises(built, query, lang, offset, category):
    handler = watching()
    try:
        found = built.search(query, lang, offset=offset, category=category)
    finally:
        logging.getLogger("kb.search").removeHandler(handler)
    assert isinstance(found, SearchResults)
    assert found.total >= len(found.hits)
    assert handler.records == []


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=TEXT, lang=st.sampled_from(["en", "ru", "xx"]))
def test_suggest_never_raises(built, prefix, lang):
    handler = watching()
    try:
        items = built.suggest(prefix, lang)
    finally:
        logging.getLogger("kb.search").removeHandler(handler)
    assert isinstance(items, list) and len(items) <= 8
    assert handler.records == []
