"""What an agent gets from search(): hits, corrections, languages, filters, pages, snippets."""

import pytest

from kb.search import SearchResults


def slugs(found: SearchResults) -> list[str]:
    return [h.slug for h in found.hits]


def test_plain_words_find_the_article_in_the_page_language(built):
    found = built.search("roaming", "en")
    assert slugs(found)[0] == "mobile/roaming"
    assert found.hits[0].lang == "en"
    assert found.hits[0].title == "Roaming activation"
    assert found.correction is None and found.suggestion is None


def test_inflected_russian_finds_the_dictionary_form(built):
    for query in ("роумингом", "подключению роуминга", "задолженностью"):
        assert slugs(built.search(query, "ru"))[:1] == ["mobile/roaming"], query


def test_yo_and_ye_are_the_same_letter(built):
    assert slugs(built.search("счет", "ru")) == slugs(built.search("счёт", "ru")) != []


def test_every_word_must_match_before_any_word_does(built):
    assert slugs(built.search("refund supervisor", "en")) == ["billing/refund"]
    # no article has both: the one with either still comes back
    assert "billing/refund" in slugs(built.search("refund zebra", "en"))


def test_section_that_answers_is_linked(built):
    hit = built.search("roaming disputes charge billing", "en").hits[0]
    assert (hit.slug, hit.kind, hit.anchor) == (
        "mobile/roaming",
        "section",
        "transferring-the-call",
    )
    assert hit.section == "Transferring the call"
    # the title alone answers: the article itself is the hit
    hit = built.search("roaming activation", "en").hits[0]
    assert (hit.kind, hit.anchor, hit.section) == ("article", "", "")


def test_quotes_make_a_phrase(built):
    assert slugs(built.search('"recording disclosure"', "en")) == ["billing/refund"]
    assert slugs(built.search('"disclosure recording"', "en")) == []
    assert slugs(built.search('"отдел звонок"', "ru")) == []
    # stop words do not count: "в" stands between the two in the text
    assert slugs(built.search('"звонок отдел"', "ru")) == ["mobile/roaming"]


def test_other_language_query_shows_the_translation(built):
    found = built.search("roaming", "ru")
    assert [(h.slug, h.lang, h.title) for h in found.hits][:1] == [
        ("mobile/roaming", "ru", "Подключение роуминга")
    ]
    found = built.search("возврат", "en")
    assert [(h.slug, h.lang) for h in found.hits] == [("billing/refund", "en")]


def test_one_hit_per_article(built):
    found = built.search("roaming роуминг", "ru")
    assert slugs(found).count("mobile/roaming") == 1


def test_untranslated_articles_are_shown_in_their_own_language(built):
    hit = built.search("мошенничество", "en").hits[0]
    assert (hit.slug, hit.lang) == ("security/fraud", "ru")
    hit = built.search("password", "ru").hits[0]
    assert (hit.slug, hit.lang) == ("security/passwords", "en")


def test_typo_is_corrected_when_nothing_matches(built):
    found = built.search("roamnig", "en")
    assert (found.corrected, found.correction) == ("roaming", "spelling")
    assert slugs(found)[:1] == ["mobile/roaming"]
    found = built.search("руоминг", "ru")
    assert found.correction == "spelling" and slugs(found)[:1] == ["mobile/roaming"]


def test_short_words_get_no_typo_tolerance(built):
    assert built.search("sym", "en").total == 0


def test_unknown_word_among_known_ones_is_corrected(built):
    found = built.search("desk overflw", "en")
    assert (found.corrected, found.correction) == ("desk overflow", "spelling")


def test_did_you_mean_when_few_articles_match(built):
    # one article misspells "receive"; twelve spell it right: a suggestion, not a correction
    found = built.search("recieve", "en")
    assert slugs(found) == ["security/passwords"]
    assert (found.suggestion, found.corrected, found.correction) == ("receive", None, None)


def test_wrong_layout_is_searched_as_meant(built):
    found = built.search("hjevbyu", "ru")
    assert (found.corrected, found.correction) == ("роуминг", "layout")
    assert slugs(found)[:1] == ["mobile/roaming"]
    found = built.search("кщфьштп", "en")
    assert (found.corrected, found.correction) == ("roaming", "layout")


def test_right_layout_is_left_alone(built):
    for query, lang in (("roaming", "ru"), ("роуминг", "en"), ("HubSpot", "ru"), ("refund", "en")):
        assert built.search(query, lang).correction is None, query


def test_filters_and_facets(built):
    found = built.search("", "en", category="Queues")
    assert found.total == 12
    found = built.search("customer", "en")
    facets = dict(found.facets["category"])
    assert facets["Mobile"] == 1 and facets["Billing"] == 1
    filtered = built.search("customer", "en", category="billing")  # case does not matter
    assert slugs(filtered) == ["billing/refund"]
    # a facet's counts ignore its own filter, so the agent can switch to another value
    assert dict(filtered.facets["category"]) == facets
    assert dict(filtered.facets["audience"]) == {"agents": 1, "supervisors": 1}
    assert built.search("customer", "en", tag="sim", audience="trainees").total == 1
    assert built.search("customer", "en", tag="nothing").total == 0


def test_facets_are_counted_in_the_page_language(built):
    found = built.search("roaming", "ru")
    assert ("Мобильная связь", 1) in found.facets["category"]


def test_pages(built):
    first = built.search("escalation queue", "en", limit=5)
    second = built.search("escalation queue", "en", limit=5, offset=5)
    last = built.search("escalation queue", "en", limit=5, offset=10)
    assert first.total == second.total == 12
    assert len(first.hits) == len(second.hits) == 5 and len(last.hits) == 2
    assert len(set(slugs(first) + slugs(second) + slugs(last))) == 12


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 7])
def test_pages_of_any_size_follow_one_order(built, limit):
    """The first articles are ordered by their passages, the rest by article score: a page that
    straddles the two, or lies past both, continues the same list."""
    whole = built.search("escalation queue", "en", limit=20)
    paged = [
        (hit.slug, hit.anchor)
        for offset in range(0, 14, limit)
        for hit in built.search("escalation queue", "en", limit=limit, offset=offset).hits
    ]
    assert paged == [(hit.slug, hit.anchor) for hit in whole.hits]


def test_snippets_are_escaped_with_matches_marked(built):
    hit = built.search("paste script alert", "en").hits[0]
    assert "<script>" not in hit.snippet_html
    assert "&lt;<mark>script</mark>&gt;" in hit.snippet_html
    assert "&amp;" in hit.snippet_html


def test_terms_for_highlighting_are_the_page_language_terms(built):
    assert built.search("Transferring calls", "en").terms == ("call", "transfer")


def test_repeated_query_comes_from_the_cache(built):
    assert built.search("roaming", "en") is built.search("roaming", "en")


@pytest.mark.parametrize(
    "query",
    ["", "   ", "the", '"', "AND OR NOT", "*", "?~^()[]{}:", "🙂", "\x00\x07", "a" * 5000],
)
def test_odd_input_gives_empty_or_sane_results(built, query):
    found = built.search(query, "en")
    assert isinstance(found, SearchResults)
    assert found.total == len(found.hits) == 0


def test_query_syntax_is_just_words(built):
    found = built.search("title:roaming AND (charges OR debt)^2~", "en")
    assert slugs(found)[:1] == ["mobile/roaming"]


def test_bad_arguments_are_tolerated(built):
    assert built.search("roaming", "xx").hits  # unknown language: the default
    assert built.search("roaming", "en", limit=-5, offset=-1).hits
    assert built.search("roaming", "en", limit="ten").hits  # type: ignore[arg-type]
    assert built.search("roaming", "en", category=" ").total == built.search("roaming", "en").total


def test_layout_and_typo_together(built):
    found = built.search("hjekbyu", "ru")  # роулинг: wrong layout and a wrong letter
    assert (found.corrected, found.correction) == ("роуминг", "layout")
    assert [h.slug for h in found.hits][:1] == ["mobile/roaming"]


def test_an_error_code_is_found_whole_or_by_its_parts(engine, articles):
    (articles / "en/errors.md").write_text(
        "---\ntitle: ERR.DS_API.DB.CHYT.INVALID_SORTED_JOIN.NOT_KEY_PREFIX_COLUMN error\n---\n"
        "The join of sorted tables needs the key columns.\n"
    )
    (articles / "en/other.md").write_text(
        "---\ntitle: ERR.DS_API.FORMULA.PARSE.UNEXPECTED_TOKEN error\n---\nA formula is wrong.\n"
    )
    for query in (
        "ERR.DS_API.DB.CHYT.INVALID_SORTED_JOIN.NOT_KEY_PREFIX_COLUMN",
        "INVALID_SORTED_JOIN",
        '"invalid sorted join"',
    ):
        assert slugs(engine.search(query, "en"))[:1] == ["errors"], query


def test_a_page_named_by_the_query_comes_first(engine, articles):
    """A known page asked for by its title comes before pages that only talk about it, also
    when the title is typed in the other language."""
    overview = (
        "---\ntitle: Overview\n---\nThe main menu and the main menu settings.\n\n"
        "## Main menu\n\nThe main menu opens from the main menu button.\n"
    )
    (articles / "en/overview.md").write_text(overview)
    (articles / "en/main-menu.md").write_text("---\ntitle: Main menu\n---\nWhat it holds.\n")
    (articles / "ru/main-menu.md").write_text("---\ntitle: Главное меню\n---\nЧто в нём есть.\n")
    assert slugs(engine.search("main menu", "en"))[0] == "main-menu"
    assert [(h.slug, h.lang) for h in engine.search("Main menu", "ru").hits][0] == (
        "main-menu",
        "ru",
    )


def test_a_page_named_by_the_query_is_found_among_many_that_talk_about_it(engine, articles):
    """The title counts when articles are found, not only when their passages are ranked: the
    page named by the query is among the few whose passages are looked at."""
    for n in range(12):
        (articles / f"en/app-{n}.md").write_text(
            f"---\ntitle: Main menu of app {n}\ntags: [main menu]\n---\n"
            + "Open the main menu. The main menu lists the main menu items.\n" * 3
            + "\n## Main menu\n\nThe main menu of the app.\n"
        )
    (articles / "en/main-menu.md").write_text(
        "---\ntitle: Main menu\n---\nWhat it holds, and where.\n"
    )
    assert slugs(engine.search("main menu", "en"))[0] == "main-menu"
