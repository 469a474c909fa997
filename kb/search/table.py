"""The article docs of one index generation as NumPy arrays, so that the articles a search
matches (thousands, for a common word) are scored, ranked and counted a whole array at a time
rather than one Python object each.

An article doc has a *position*: its rank among the generation's article docs by docnum, so that
positions and docnums sort alike. Slugs have ids in the order of the slugs themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt

from kb.search.results import FACETS

if TYPE_CHECKING:
    from kb.search.reader import ArticleInfo, Catalog

Ints = npt.NDArray[np.intp]


def members(values: Ints, of: Ints) -> npt.NDArray[np.bool_]:
    """Which of `values` are in `of` (ascending, each once): a binary search each, where
    np.isin sorts both, at several times the cost for the few a search has."""
    if not of.size:
        return np.zeros(values.shape, dtype=bool)
    return of[np.minimum(np.searchsorted(of, values), of.size - 1)] == values


class FacetTable(NamedTuple):
    """One facet's values, and which of them each article position has (rows of a sparse
    matrix: the values of position p are `values[columns[starts[p]:starts[p + 1]]]`)."""

    values: tuple[str, ...]
    starts: Ints
    columns: Ints
    single: Ints | None = None  # when no article has two values: each one's, or len(values)

    @classmethod
    def of(cls, rows: list[tuple[str, ...]]) -> FacetTable:
        """The table of `rows`, each position's values."""
        values = tuple(sorted({v for row in rows for v in row}))
        column = {v: i for i, v in enumerate(values)}
        starts = np.zeros(len(rows) + 1, dtype=np.intp)
        starts[1:] = np.cumsum([len(row) for row in rows])
        columns = np.array([column[v] for row in rows for v in row], dtype=np.intp)
        single = None
        if all(len(row) <= 1 for row in rows):
            single = np.array([column[r[0]] if r else len(values) for r in rows], np.intp)
        return cls(values, starts, columns, single)

    def counts(self, positions: Ints) -> tuple[tuple[str, int], ...]:
        """Each value's number of articles among `positions`, commonest first."""
        if not self.values:
            return ()
        if self.single is not None:  # a value at most per article: no rows to gather
            counted = np.bincount(self.single[positions], minlength=len(self.values) + 1)
            return self._sorted(counted[:-1])
        first = self.starts[positions]
        lengths = self.starts[positions + 1] - first
        total = int(lengths.sum())
        if not total:
            return ()
        # Where each chosen row's entries are: the row's start, moved to its place end to end.
        moved = first - (np.cumsum(lengths) - lengths)
        entries = np.repeat(moved, lengths) + np.arange(total, dtype=np.intp)
        return self._sorted(np.bincount(self.columns[entries], minlength=len(self.values)))

    def _sorted(self, counted: Ints) -> tuple[tuple[str, int], ...]:
        found = [(self.values[i], int(counted[i])) for i in np.flatnonzero(counted)]
        return tuple(sorted(found, key=lambda kv: (-kv[1], kv[0].casefold())))


class ArticleTable:
    """Positions, docnums, slugs and facet values of one generation's article docs."""

    def __init__(self, catalog: Catalog, size: int):
        self._catalog = catalog
        docnums = sorted(catalog.by_docnum)
        self.infos: list[ArticleInfo] = [catalog.by_docnum[d] for d in docnums]
        self.docnums: Ints = np.array(docnums, dtype=np.intp)  # position → docnum
        self.position: Ints = np.full(size, -1, dtype=np.intp)  # docnum → position, or -1
        self.position[self.docnums] = np.arange(len(docnums), dtype=np.intp)
        self.slugs = sorted({info.slug for info in self.infos})
        ids = {slug: i for i, slug in enumerate(self.slugs)}
        self.slug: Ints = np.array([ids[i.slug] for i in self.infos], dtype=np.intp)
        self._shown: dict[str, Ints] = {}
        self._facets: dict[str, FacetTable] = {}

    def __len__(self) -> int:
        return len(self.infos)

    def shown(self, lang: str) -> Ints:
        """Position → the position of the article a `lang` reader sees for it."""
        if lang not in self._shown:
            by_docnum = self._catalog.shown_by_docnum(lang)
            self._shown[lang] = self.position[[by_docnum[int(d)].docnum for d in self.docnums]]
        return self._shown[lang]

    def facet(self, name: str) -> FacetTable:
        """The values each article has of facet `name` (one of results.FACETS)."""
        if name not in self._facets:
            self._facets[name] = FacetTable.of([facet_values(i, name) for i in self.infos])
        return self._facets[name]

    def facet_counts(self, positions: Ints) -> dict[str, tuple[tuple[str, int], ...]]:
        """Each facet's values among the articles at `positions`, counted."""
        return {name: self.facet(name).counts(positions) for name in FACETS}


def facet_values(info: ArticleInfo, facet: str) -> tuple[str, ...]:
    """The values `info` has of `facet`."""
    if facet == "category":
        return (info.category,) if info.category else ()
    return info.tags if facet == "tag" else info.audience
