"""The shipped articles: what agents type, and the article that must be among the first three."""

import pytest

from kb.content import load_library
from kb.search_engine import build_engine

from ..conftest import SHIPPED_ARTICLES

RETENTION = "transfer-to-retention"
CALL_NEXT = "call-next-process"
KEY = "key-client-switching"
PORTING = "retention-did-porting"
TURN_UP = "post-turn-up-customer-care"

CASES = [
    # plain English
    ("transfer to retention", "en", RETENTION),
    ("recording disclosure", "en", RETENTION),
    ("calls that should not be transferred", "en", RETENTION),
    ("zip code change", "en", RETENTION),
    ("refund for a Service Job", "en", RETENTION),
    ("call a customer back", "en", CALL_NEXT),
    ("voicemail", "en", CALL_NEXT),
    ("customer hangs up", "en", CALL_NEXT),
    ("login help", "en", CALL_NEXT),
    ("KEY clients switching", "en", KEY),
    ("telesales", "en", KEY),
    ("CASE parameters", "en", KEY),
    ("PNV Balance", "en", PORTING),
    ("account porting away large number of DIDs", "en", PORTING),
    ("notify Megan and Anton", "en", PORTING),
    ("carrier liaison", "en", TURN_UP),
    ("disconnect process", "en", TURN_UP),
    ("call customers quarterly", "en", TURN_UP),
    # plain and inflected Russian
    ("перевод звонка в отдел удержания", "ru", RETENTION),
    ("уведомление о записи разговора", "ru", RETENTION),
    ("звонки которые не нужно переводить", "ru", RETENTION),
    ("отделом удержания", "ru", RETENTION),
    ("звонок клиенту", "ru", CALL_NEXT),
    ("клиент бросил трубку", "ru", CALL_NEXT),
    ("голосовой почтой", "ru", CALL_NEXT),
    ("переключение KEY-клиентов", "ru", KEY),
    ("телепродажам", "ru", KEY),
    ("параметры CASE", "ru", KEY),
    ("уход аккаунта к другому оператору", "ru", PORTING),
    ("предложения по удержанию", "ru", PORTING),
    ("запуск услуг", "ru", TURN_UP),
    ("посредником между клиентом и оператором", "ru", TURN_UP),
    # е for ё
    ("расчет PNV Balance", "ru", PORTING),
    ("учет данных клиента", "ru", TURN_UP),
    # typos
    ("trasnfer to retention", "en", RETENTION),
    ("voicemial", "en", CALL_NEXT),
    ("телепродаджи", "ru", KEY),
    ("уведомлние о записи", "ru", RETENTION),
    # wrong keyboard layout
    ("ntktghjlf;b", "ru", KEY),
    ("ujkjcjdfz gjxnf", "ru", CALL_NEXT),
    ("еудуыфдуы", "en", KEY),
    ("зтм ифдфтсу", "en", PORTING),
    # the other language
    ("recording disclosure", "ru", RETENTION),
    ("telesales", "ru", KEY),
    ("удержание", "en", RETENTION),
    ("голосовая почта", "en", CALL_NEXT),
]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    engine = build_engine(tmp_path_factory.mktemp("shipped") / "index", synonyms=SHIPPED_ARTICLES)
    engine.rebuild(load_library(SHIPPED_ARTICLES))
    yield engine
    engine.close()


@pytest.mark.parametrize("query, lang, slug", CASES)
def test_the_article_is_in_the_first_three(shipped, query, lang, slug):
    hits = shipped.search(query, lang, limit=3).hits
    assert slug in [h.slug for h in hits]
    assert all(h.lang == lang for h in hits)  # every shipped article is translated


@pytest.mark.parametrize("key", sorted(load_library(SHIPPED_ARTICLES).articles))
def test_a_title_typed_finds_the_article_itself_first(shipped, key):
    article = load_library(SHIPPED_ARTICLES).articles[key]
    (first, *_) = shipped.search(article.title, article.lang).hits
    assert (first.slug, first.anchor) == (article.slug, "")


ANSWERS = [
    # the row or step that answers, not the article's summary or a neighbouring row
    ("customer wants to reinstate their contract", "en", "dt-retention-transfer-reinstate"),
    ("add an authorised user to the contract", "en", "dt-retention-transfer-authorized-user"),
    ("customer wants to talk to a manager", "en", "dt-retention-transfer-supervisor-request"),
    ("клиент хочет восстановить договор", "ru", "dt-retention-transfer-reinstate"),
    ("блокировка номера после кражи", "ru", "dt-key-client-topics-block-number"),
    ("клиент возражает против записи", "ru", "wt-call-back-consent"),
]


@pytest.mark.parametrize("query, lang, anchor", ANSWERS)
def test_the_passage_that_answers_comes_first(shipped, query, lang, anchor):
    (first, *_) = shipped.search(query, lang).hits
    assert first.anchor == anchor
