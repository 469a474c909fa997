"""Read one article file into an Article, or say precisely why it cannot be read."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from kb.content import frontmatter
from kb.content.model import Article, ContentError

MAX_FILE_BYTES = 2 * 1024 * 1024
# What rendering costs, in units of some 10 µs of markdown-it's time (measured on shapes of
# 200 KB: a line of a list, a heading or a table row costs four times a line of prose, an inline
# mark as much as one). Over the limit (a few seconds), an article is left out: a page must
# never keep a worker busy past its time-out. Plain prose of 2 MiB costs about half of it.
MAX_MARKUP_COST = 250_000
_STRUCTURE = re.compile(r"^[ \t>]*(?:[-+*][ \t]|\d{1,9}[.)][ \t]|#{1,6}[ \t]|\|)", re.M)
_NONBLANK = re.compile(r"\S[^\n]*$", re.M)
_MARKS = "*_`[]|<>&\\!~"
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
        raw, mtime = _read_regular(path)
    except OSError as exc:
        raise fail(1, f"cannot be read: {exc.strerror or exc}") from None
    if raw is None:
        raise fail(1, "not a regular file")
    if len(raw) > MAX_FILE_BYTES:
        raise fail(1, f"file is larger than {MAX_FILE_BYTES // 1024} KiB")
    text = _decode(raw, fail)
    return parse_article(text, path, lang, slug, display, mtime)


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
    cost = markup_cost(text)
    if cost > MAX_MARKUP_COST:
        raise fail(
            1,
            f"has too much markup to show quickly ({cost:,} units, at most "
            f"{MAX_MARKUP_COST:,}: some 20,000 list items or 80,000 lines); split the article",
        )

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


def _read_regular(path: Path) -> tuple[bytes | None, float]:
    """(at most MAX_FILE_BYTES + 1 bytes of the file, its mtime), or (None, 0) if `path` is not
    a regular file. Opened without blocking, so that a FIFO or a device put in place of a file
    after the folder was scanned is never waited on."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None, 0.0
        chunks, left = [], MAX_FILE_BYTES + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks), st.st_mtime
    finally:
        os.close(fd)


def markup_cost(text: str) -> int:
    """Roughly what rendering `text` costs, linear in it and quick to count (regular
    expressions and str.count run in C): lines, structural lines weighted more, inline marks."""
    lines = len(_NONBLANK.findall(text))
    structural = len(_STRUCTURE.findall(text))
    return 3 * (lines + sum(map(text.count, _MARKS))) + 9 * structural


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
