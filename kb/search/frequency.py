"""How many documents of one index generation have a term in a field, and which of its segments
have it: from the whole field's counts once warming.py has read them (a dict look-up), else asked
of the index (a look-up in each segment's term dictionary, some 5 µs each)."""

from __future__ import annotations


class Frequencies:
    """Document frequencies of one generation; like Whoosh's, they count deleted documents
    until their segment is merged."""

    def __init__(self, reader):
        self.reader = reader
        self._fields: dict[str, dict[str, int]] = {}
        self._segments: dict[str, dict[str, int]] = {}

    def know(self, name: str, counts: dict[str, int], segments: dict[str, int]) -> None:
        """Take every term of field `name` with its count and the segments that have it (bit i
        for the reader's segment i), as warming.py reads them."""
        self._fields[name] = counts
        self._segments[name] = segments

    def __call__(self, name: str, term: str) -> int:
        known = self._fields.get(name)
        if known is not None:
            return known.get(term, 0)
        return int(self.reader.doc_frequency(name, term) or 0)

    def segments(self, name: str, term: str) -> int | None:
        """The segments that have `term` in field `name` (bit i: segment i; 0: none), or None
        when the field is not known whole."""
        known = self._segments.get(name)
        return None if known is None else known.get(term, 0)
