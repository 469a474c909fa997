"""Reading the site with the test client, in both languages."""

import pytest

SLUGS = [
    "retention-did-porting",
    "post-turn-up-customer-care",
    "transfer-to-retention",
    "call-next-process",
    "key-client-switching",
]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("slug", SLUGS)
def test_every_shipped_article_is_served_in_both_languages(client, shipped_app, lang, slug):
    article = shipped_app.extensions["kb_content"].library.get(lang, slug)
    response = client.get(f"/{lang}/{slug}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{article.title}</h1>" in html
    other = "ru" if lang == "en" else "en"
    assert f'href="/{other}/{slug}"' in html  # the language switch stays on the article


def test_root_redirects_by_cookie_then_accept_language_then_english(client):
    assert client.get("/").headers["Location"].endswith("/en/")
    ru = client.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"})
    assert ru.headers["Location"].endswith("/ru/")
    client.set_cookie("kb_lang", "en")
    chosen = client.get("/", headers={"Accept-Language": "ru"})
    assert chosen.headers["Location"].endswith("/en/")


def test_visiting_a_language_remembers_it(client):
    response = client.get("/ru/")
    assert "kb_lang=ru" in response.headers["Set-Cookie"]
    assert client.get("/").headers["Location"].endswith("/ru/")


def test_russian_interface_is_translated(client):
    html = client.get("/ru/transfer-to-retention").get_data(as_text=True)
    for russian in ("Поиск", "Главная", "Содержание", "Обновлено"):
        assert russian in html
    for english in (">Search<", ">Home<", ">Contents<", ">Updated<"):
        assert english not in html


def test_updated_date_is_formatted_for_the_locale(client):
    en = client.get("/en/transfer-to-retention").get_data(as_text=True)
    ru = client.get("/ru/transfer-to-retention").get_data(as_text=True)
    assert "November 22, 2026" in en
    assert "22 ноября 2026" in ru


def test_home_lists_categories_with_russian_plurals(client):
    html = client.get("/ru/").get_data(as_text=True)
    assert "Удержание клиентов" in html
    assert "2 статьи" in html  # Babel's Russian plural: 1 статья, 2 статьи, 5 статей


def test_category_page_and_breadcrumbs(client):
    article = client.get("/en/transfer-to-retention").get_data(as_text=True)
    assert 'href="/en/category/retention"' in article
    category = client.get("/en/category/retention").get_data(as_text=True)
    assert "Transferring a call to Retention" in category
    assert client.get("/en/category/no-such-thing").status_code == 404


def test_article_has_table_of_contents_and_anchors(client):
    html = client.get("/en/transfer-to-retention").get_data(as_text=True)
    assert 'class="toc"' in html
    assert 'href="#recording-disclosure"' in html and 'id="recording-disclosure"' in html


def test_script_blocks_are_marked_and_have_a_copy_button(client):
    html = client.get("/en/transfer-to-retention").get_data(as_text=True)
    assert '<figure class="script">' in html
    assert "This call may be recorded for quality assurance and training purposes." in html
    assert 'class="copy-button"' in html


def test_missing_translation_says_so_and_offers_the_other_language(app, articles_dir):
    (articles_dir / "en" / "only-english.md").write_text("# Only in English\n\nText\n")
    app.extensions["kb_content"].refresh()
    client = app.test_client()
    response = client.get("/ru/only-english")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "не переведена" in html
    assert 'href="/en/only-english"' in html
    assert 'lang="ru"' in html


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_not_found_page_is_in_the_active_language(client, lang):
    response = client.get(f"/{lang}/no/such/article")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert ("Page not found" if lang == "en" else "Страница не найдена") in html


def test_unknown_language_prefix_is_not_found(client):
    assert client.get("/de/transfer-to-retention").status_code == 404


def test_path_traversal_through_slugs_finds_nothing(client):
    for path in ("/en/../app.py", "/en/..%2F..%2Fapp.py", "/en/%2e%2e/README", "/static/../app.py"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"create_app" not in response.data


def test_all_articles_index_paginates(app, articles_dir):
    for i in range(120):
        (articles_dir / "en" / f"bulk-{i:03}.md").write_text(f"# Bulk {i:03}\n\ntext\n")
    app.extensions["kb_content"].refresh()
    client = app.test_client()
    first = client.get("/en/articles").get_data(as_text=True)
    assert "Page 1 of 3" in first and 'rel="next" href="/en/articles?page=2"' in first
    last = client.get("/en/articles?page=99").get_data(as_text=True)
    assert "Page 3 of 3" in last


def test_a_broken_article_is_left_out_and_the_rest_still_works(app, articles_dir):
    (articles_dir / "en" / "broken.md").write_bytes(b"---\ntitle: [oops\n---\n")
    app.extensions["kb_content"].refresh()
    client = app.test_client()
    assert client.get("/en/broken").status_code == 404
    assert client.get("/en/").status_code == 200
    assert client.get("/en/transfer-to-retention").status_code == 200


def test_print_stylesheet_and_narrow_layout_rules_are_served(client):
    with client.get("/static/css/site.css") as response:
        css = response.get_data(as_text=True)
    assert "@media print" in css and "max-width: 30rem" in css
