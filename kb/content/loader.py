"""Read one article file into an Article, or say precisely why it cannot be read."""

from __future__ import annotations

import re
from pathlib import Path

from kb.content import frontmatter
from kb.content.model import Article, ContentError

MAX_FILE_BYTES = 2 * 1024 * 1024
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE_OPEN = re.compile(r"^ {0,3}(```|~~~)")


class ArticleError(Exception):
    """The file cannot become an article; carries a ContentError."""

    def __init__(self, error: ContentError):
        super().__init__(str(error))
        self.error = error


def read_article(path: Path, lang: str, slug: str, display: str) -> tuple[Article, list]:
    """Load `path` as the article `slug` in `lang`; return it with its warnings.

    `display` is how errors name the file (a path relative to the articles folder).
    Raises ArticleError when the file must be left out.
    """

    def fail(line: int, message: str) -> ArticleError:
        return ArticleError(ContentError(display, line, message))

    try:
        stat = path.stat()
        if stat.st_size > MAX_FILE_BYTES:
            raise fail(1, f"file is larger than {MAX_FILE_BYTES // 1024} KiB")
        raw = path.read_bytes()
    except OSError as exc:
        raise fail(1, f"cannot be read: {exc.strerror or exc}") from None
    text = _decode(raw, fail)
    return parse_article(text, path, lang, slug, display, stat.st_mtime)


def parse_article(
    text: str, path: Path, lang: str, slug: str, display: str, mtime: float = 0.0
) -> tuple[Article, list]:
    """The article that `text` (newlines already plain) makes, with its warnings; the same
    rules as for a file, so that an editor's preview says what the published page will.
    Raises ArticleError when the text cannot be an article."""

    def fail(line: int, message: str) -> ArticleError:
        return ArticleError(ContentError(display, line, message))

    if "\x00" in text:
        raise fail(text[: text.index("\x00")].count("\n") + 1, "contains a NUL character")
    if not text.strip():
        raise fail(1, "file is empty")

    try:
        meta_source, body, body_line = frontmatter.split(text)
        fields, meta_warnings = (
            frontmatter.parse(meta_source) if meta_source is not None else ({}, [])
        )
    except frontmatter.FrontMatterError as exc:
        raise fail(exc.line, str(exc)) from None

    warnings = [ContentError(display, line, msg, "warning") for line, msg in meta_warnings]
    title = fields.get("title") or first_heading(body) or _title_from_slug(slug)
    if not body.strip():
        warnings.append(ContentError(display, body_line, "article has no body", "warning"))
    article = Article(
        lang=lang,
        slug=slug,
        path=path,
        title=title,
        body=body,
        body_line=body_line,
        summary=fields.get("summary", ""),
        category=fields.get("category") or _category_from_slug(slug),
        tags=fields.get("tags", ()),
        audience=fields.get("audience", ()),
        owner=fields.get("owner", ""),
        updated=fields.get("updated"),
        review_by=fields.get("review-by"),
        mtime=mtime,
    )
    return article, warnings


def _decode(raw: bytes, fail) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(line, f"is not valid UTF-8 (byte {exc.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def first_heading(body: str) -> str:
    """The text of the first heading outside code fences, or ''."""
    lines = body.splitlines()
    in_fence = False
    for i, line in enumerate(lines):
        if _FENCE_OPEN.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        m = _ATX_HEADING.match(line)
        if m:
            return _strip_inline(m.group(1))
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and _SETEXT_UNDERLINE.match(nxt) and not line.startswith("    "):
            return _strip_inline(line.strip())
    return ""


def _strip_inline(text: str) -> str:
    """Drop the commonest inline Markdown so a heading reads as a plain title."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]+", "", text).strip()


def _title_from_slug(slug: str) -> str:
    name = slug.rsplit("/", 1)[-1]
    return re.sub(r"[-_]+", " ", name).strip().capitalize() or slug


def _category_from_slug(slug: str) -> str:
    if "/" not in slug:
        return ""
    return _title_from_slug(slug.split("/", 1)[0])
