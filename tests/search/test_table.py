"""The article table's facet counts: the same as counting each article's values one by one."""

from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.search.table import FacetTable

VALUES = st.sampled_from(["Billing", "billing", "Mobile", "SIM", "Роуминг", "роуминг", "x"])


def _table(rows: list[list[str]]) -> FacetTable:
    values = tuple(sorted({v for row in rows for v in row}))
    starts = np.zeros(len(rows) + 1, dtype=np.intp)
    starts[1:] = np.cumsum([len(row) for row in rows])
    columns = np.array([values.index(v) for row in rows for v in row], dtype=np.intp)
    return FacetTable(values, starts, columns)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(VALUES, max_size=4), min_size=1, max_size=30), st.data())
def test_counts_are_each_chosen_rows_values_counted(rows, data):
    chosen = data.draw(st.lists(st.integers(0, len(rows) - 1), unique=True))
    expected = Counter(v for p in chosen for v in rows[p])
    counts = _table(rows).counts(np.array(chosen, dtype=np.intp))
    assert dict(counts) == expected
    assert [n for _, n in counts] == sorted(expected.values(), reverse=True)
    for (value, count), (after, then) in zip(counts, counts[1:], strict=False):
        assert count > then or value.casefold() <= after.casefold()  # equal: by value
