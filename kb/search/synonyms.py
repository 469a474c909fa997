"""Synonyms that knowledge managers edit: `synonyms.en.txt` and `synonyms.ru.txt` beside the
articles, one group of words or phrases that mean the same per line.

    # the words agents use, then the words the procedures use
    refund, money back, reimbursement
    supervisor, manager, team lead

They are applied when searching, not when indexing: an edit takes effect at the next search,
with no rebuild. A word or phrase typed finds its group's other members too, weighted below the
words typed (query.EXPANDED).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kb import LANGUAGES
from kb.search.analysis import WORD, normalize

MAX_WORDS = 4  # words in one phrase of a group
MAX_LINE = 500
MAX_GROUPS = 5000
Version = tuple[tuple[int, int] | None, ...]  # each file's modification time and size


def file_name(lang: str) -> str:
    return f"synonyms.{lang}.txt"


@dataclass(frozen=True)
class Problem:
    """A line of a synonyms file that cannot be used as written."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Table:
    """The groups of one language, looked up by the index terms of their phrases."""

    lang: str
    # terms of a phrase → the other phrases of its groups, as words
    phrases: dict[tuple[str, ...], list[tuple[str, ...]]] = field(default_factory=dict)
    longest: int = 0

    def add(self, group: list[tuple[str, ...]]) -> None:
        for phrase in group:
            terms = self.terms(phrase)
            others = self.phrases.setdefault(terms, [])
            for other in group:
                if self.terms(other) != terms and other not in others:
                    others.append(other)
            self.longest = max(self.longest, len(terms))

    def terms(self, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(t for w in words if (t := normalize(w, self.lang)) is not None)


def parse(text: str, lang: str, path: str = "") -> tuple[Table, list[Problem]]:
    """The table of one synonyms file, and the problems of its lines (those lines are skipped)."""
    table, problems = Table(lang), []
    seen: dict[tuple[tuple[str, ...], ...], int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if len(line) > MAX_LINE:
            problems.append(Problem(path, number, f"a line of more than {MAX_LINE} characters"))
            continue
        group: list[tuple[str, ...]] = []
        bad: str | None = None
        for item in (i.strip() for i in line.split(",")):
            words = tuple(WORD.findall(item))
            if not item:
                bad = "an empty entry: a comma too many?"
            elif not words or not table.terms(words):
                bad = f"{item!r} has no word that search keeps (only stop words or signs)"
            elif len(words) > MAX_WORDS:
                bad = f"{item!r} has more than {MAX_WORDS} words"
            elif table.terms(words) in {table.terms(g) for g in group}:
                bad = f"{item!r} is the same word as another in this line"
            else:
                group.append(words)
                continue
            break
        if bad is None and len(group) < 2:
            bad = "a group needs at least two words or phrases, separated by commas"
        if bad is None and len(seen) >= MAX_GROUPS:
            bad = f"more than {MAX_GROUPS} groups"
        if bad is not None:
            problems.append(Problem(path, number, bad))
            continue
        key = tuple(sorted(table.terms(g) for g in group))
        if key in seen:
            problems.append(Problem(path, number, f"the same group as line {seen[key]}"))
            continue
        seen[key] = number
        table.add(group)
    return table, problems


def check(folder: Path) -> list[Problem]:
    """Every problem of the synonyms files in the articles folder (`make check`)."""
    problems = []
    for lang in LANGUAGES:
        path = folder / file_name(lang)
        if path.is_file():
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                problems.append(Problem(path.name, 1, f"cannot be read: {error}"))
                continue
            problems += parse(text, lang, path.name)[1]
    return problems


class SynonymFiles:
    """The tables of the synonyms files in a folder, read again when a file changes (a stat
    per file and search)."""

    def __init__(self, folder: Path | str | None):
        self.folder = None if folder is None else Path(folder)
        self._version: Version = ()
        self._tables: list[Table] = []

    def current(self) -> tuple[Version, list[Table]]:
        """(a version that changes with the files, the tables)."""
        if self.folder is None:
            return (), []
        version = tuple(_stamp(self.folder / file_name(lang)) for lang in LANGUAGES)
        if version != self._version:
            tables = []
            for lang, stamp in zip(LANGUAGES, version, strict=True):
                if stamp is not None:
                    try:
                        text = (self.folder / file_name(lang)).read_text(encoding="utf-8")
                    except (OSError, UnicodeDecodeError):
                        continue  # `make check` says why; search goes on without it
                    tables.append(parse(text, lang)[0])
            self._version, self._tables = version, tables
        return self._version, self._tables


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)
