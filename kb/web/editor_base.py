"""What the editor's pages share: the editing set-up of an app (publishing to this instance's
articles folder, changes on disk into history), the article a URL names, previews and checks."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path

from flask import abort, current_app, flash, url_for
from flask_babel import format_datetime, gettext, lazy_gettext
from sqlalchemy.exc import SQLAlchemyError

from kb import LANGUAGES
from kb.check import check_article
from kb.content import Article, ContentError
from kb.content.loader import MAX_FILE_BYTES, ArticleError, parse_article
from kb.editing import records
from kb.editing.paths import PathError, article_file, clean_slug, read_text
from kb.editing.sync import DiskRecorder, FolderSync
from kb.faults import describe
from kb.guidance import KINDS
from kb.render import render
from kb.store.db import Store
from kb.web.auth import current_editor
from kb.web.blocks import block_validator
from kb.web.content import WebHooks, library

log = logging.getLogger(__name__)
MAX_TEXT = MAX_FILE_BYTES  # the largest article the loader reads
FORM_BYTES = 2 * MAX_TEXT + 256 * 1024  # the side-by-side form carries two articles
# Seconds between two looks for what other instances published: one indexed query.
PUBLISH_POLL = 0.25
# Seconds a publish waits for the poll's look in progress, which may predate its revision.
CATCH_UP_WAIT = 10.0


def init_app(app) -> None:
    """Publish to this instance's folder what any instance published, now and after every look
    at the folder; record changes made on disk as revisions by the file system."""
    content = app.extensions["kb_content"]
    store: Store = app.extensions["kb_store"]
    sync = FolderSync(store, content.root, Path(app.instance_path) / "published-revision")
    app.extensions["kb_folder_sync"] = sync

    def follow(_library) -> None:
        try:
            if sync.apply():
                content.refresh()  # nested: this follower returns at once while it runs
        except Exception as error:  # the database may be down: the site serves what it has
            trace = not isinstance(error, OSError | SQLAlchemyError)  # not the environment's
            store.faults.failed("publishing", error, "published changes wait", trace=trace)
        else:
            store.faults.recovered("publishing")

    follow(content.library)
    # Every look, not only a changed one: a change the database could not take is retried.
    content.after_refresh(DiskRecorder(store, content.library, sync))
    content.after_refresh(follow)
    if app.config["KB_WATCH_INTERVAL"] > 0:  # publishes are looked for more often than files
        interval = min(app.config["KB_WATCH_INTERVAL"], PUBLISH_POLL)
        content.every(interval, lambda: follow(None), "kb-publish-poll")

    @app.context_processor
    def approval_setting():
        return {"require_approval": app.config["KB_REQUIRE_APPROVAL"]}

    @app.template_filter("datetime")
    def datetime_filter(value, style: str = "medium"):
        return format_datetime(value, style) if value else ""

    app.jinja_env.globals.update(action_label=action_label, revision_message=revision_message)


ACTIONS = {
    "publish": lazy_gettext("published"),
    "approve": lazy_gettext("approved and published"),
    "submit": lazy_gettext("sent for approval"),
    "discard": lazy_gettext("discarded a draft"),
    "restore": lazy_gettext("restored a revision"),
    "move": lazy_gettext("moved"),
    "archive": lazy_gettext("archived"),
    "unarchive": lazy_gettext("restored from the archive"),
    "in-line": lazy_gettext("marked as brought in line"),
    "upload": lazy_gettext("uploaded an image"),
    "delete-image": lazy_gettext("deleted an image"),
}


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))


# The messages kb.editing writes on revisions it makes itself, shown in the reader's language.
_MESSAGES = [
    (
        re.compile(r"^restored revision (\d+)$"),
        lambda m: gettext("restored revision %(id)s", id=m[1]),
    ),
    (re.compile(r"^moved from (.+)$"), lambda m: gettext("moved from %(path)s", path=m[1])),
    (re.compile(r"^moved to (.+)$"), lambda m: gettext("moved to %(path)s", path=m[1])),
    (re.compile(r"^from (.+)$"), lambda m: gettext("from %(path)s", path=m[1])),
    (re.compile(r"^revision (\d+)$"), lambda m: gettext("revision %(id)s", id=m[1])),
    (re.compile(r"^archived$"), lambda m: gettext("archived")),
    (re.compile(r"^unarchived$"), lambda m: gettext("restored from the archive")),
]


def revision_message(message: str) -> str:
    """A revision's message or an audit entry's detail; those the system wrote, translated."""
    for pattern, translate in _MESSAGES:
        if found := pattern.match(message):
            return translate(found)
    return message


def store() -> Store:
    return current_app.extensions["kb_store"]


def editor_name() -> str:
    editor = current_editor()
    assert editor is not None  # every view here is login_required
    return editor.name


def catch_up() -> OSError | None:
    """Bring this instance's folder up to what was published; the disk's error, if it cannot."""
    try:
        current_app.extensions["kb_folder_sync"].apply(wait=CATCH_UP_WAIT)
    except OSError as error:
        store().faults.failed("publishing", error, "published changes wait", trace=False)
        return error
    return None


def published_now() -> None:
    """Write what was just published into this instance's folder and reload it (the search
    index follows the reload); the other instances do the same on their next look.

    The revision is kept whatever happens here: a folder that cannot be written now (a full or
    read-only disk) gets it on a later look, and the editor is told so."""
    error = catch_up()
    if error is not None:
        flash(
            gettext(
                "Kept in the history, but this server could not write the file yet (%(error)s): "
                "it keeps trying, and agents see the change once it is written.",
                error=describe(error),
            )
        )
    current_app.extensions["kb_content"].refresh()
    _index_in_step()


def _index_in_step(seconds: float = 10.0) -> None:
    """Return once the search index has what was just published: the refresh above may have
    found the index being written by another thread (the folder's watcher, the publish poll),
    whose sync it does not wait for; the editor is told "Published" only when it is searchable."""
    engine = current_app.extensions.get("kb_search")
    if engine is None:
        return
    library = current_app.extensions["kb_content"].library
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if engine.sync(library) is not None:  # None: another writer still at it
                return
        except Exception:  # the watcher's follower reports index faults
            return


def root() -> Path:
    return current_app.extensions["kb_content"].root


@dataclass(frozen=True)
class Target:
    """The article a URL names: its language and path, and its file."""

    lang: str
    slug: str
    path: Path

    @property
    def key(self) -> str:
        return f"{self.lang}/{self.slug}"

    def disk_text(self) -> str | None:
        """The file as it is; None while this folder misses a publish (a file that missed one
        is not a change made on disk, and must never be recorded as one)."""
        if catch_up() is not None:
            return None
        return read_text(self.path) if self.path.is_file() else None


def target(key: str) -> Target:
    """`en/billing/refunds` to its Target; 404 for a path an article cannot have."""
    lang, _, slug = key.partition("/")
    if lang not in LANGUAGES:
        abort(404)
    try:
        slug = clean_slug(slug)
        return Target(lang, slug, article_file(root(), lang, slug))
    except PathError:
        abort(404)


def disk_texts(slug: str) -> dict[str, str | None]:
    """The article's files as they are, by language (None where there is none, and for every
    language while this folder misses a publish)."""
    texts: dict[str, str | None] = dict.fromkeys(LANGUAGES)
    if catch_up() is not None:
        return texts
    for lang in LANGUAGES:
        try:
            texts[lang] = read_text(article_file(root(), lang, slug))
        except PathError:
            texts[lang] = None
    return texts


def edit_url(lang: str, slug: str, **kw) -> str:
    return url_for("editor.edit", lang=_ui(), key=f"{lang}/{slug}", **kw)


def _ui() -> str:
    from kb.web.templating import current_lang

    return current_lang()


@dataclass(frozen=True)
class Preview:
    """An editor's text as the published page would show it, and what `make check` would say."""

    html: str
    problems: list[ContentError]
    title: str


def preview(t: Target, text: str) -> Preview:
    """Render and check `text` with the renderer and checks of published pages."""
    display = f"{t.lang}/{t.slug}.md"
    if len(text.encode()) > MAX_TEXT:
        message = gettext("The text is larger than %(size)d KiB.", size=MAX_TEXT // 1024)
        return Preview("", [ContentError(display, 1, message)], t.slug)
    try:
        article, warnings = parse_article(text, t.path, t.lang, t.slug, display)
    except ArticleError as error:
        return Preview("", [error.error], t.slug)
    html = render_page(article)
    problems = check_article(library(), article, KINDS, block_validator(library()))
    return Preview(html, sorted(set(problems) | set(warnings)), article.title)


def unloadable(t: Target, text: str) -> ContentError | None:
    """Why the text could not be loaded as an article (bad front matter, a NUL...), or None:
    such a text is never published, as it would take the article off the site."""
    try:
        parse_article(text, t.path, t.lang, t.slug, f"{t.lang}/{t.slug}.md")
    except ArticleError as error:
        return error.error
    return None


def render_page(article: Article) -> str:
    return render(
        article.body, article.slug, WebHooks(article), article.body_line, article.title
    ).html


def redirect_target(lang: str, slug: str) -> str | None:
    """Where a moved article now lives, or None."""
    try:
        with store().engine.connect() as conn:
            return records.redirect_target(conn, lang, slug)
    except SQLAlchemyError:  # a 404 must not become a 500 because the database is down
        log.exception("looking up a redirect failed")
        return None
