"""The article table: facet counts and membership, the same as worked out one by one."""

from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.search.table import FacetTable, members

VALUES = st.sampled_from(["Billing", "billing", "Mobile", "SIM", "Роуминг", "роуминг", "x"])


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4), st.data())
def test_counts_are_each_chosen_rows_values_counted(most, data):
    """With at most one value an article (a category) and with several (tags)."""
    rows = data.draw(st.lists(st.lists(VALUES, max_size=most), min_size=1, max_size=30))
    chosen = data.draw(st.lists(st.integers(0, len(rows) - 1), unique=True))
    expected = Counter(v for p in chosen for v in rows[p])
    counts = FacetTable.of([tuple(row) for row in rows]).counts(np.array(chosen, dtype=np.intp))
    assert dict(counts) == expected
    assert [n for _, n in counts] == sorted(expected.values(), reverse=True)
    for (value, count), (after, then) in zip(counts, counts[1:], strict=False):
        assert count > then or value.casefold() <= after.casefold()  # equal: by value


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 50), unique=True), st.lists(st.integers(0, 50), unique=True))
def test_members_are_the_values_found_in_the_other_array(values, of):
    found = members(np.array(values, dtype=np.intp), np.array(sorted(of), dtype=np.intp))
    assert found.tolist() == [v in of for v in values]
