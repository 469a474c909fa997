"""How many documents of one index generation have a term in a field: from the whole field's
counts once warming.py has read them (a dict look-up), else asked of the index (a look-up in
each segment's term dictionary, some 5 µs each)."""

from __future__ import annotations


class Frequencies:
    """Document frequencies of one generation; like Whoosh's, they count deleted documents
    until their segment is merged."""

    def __init__(self, reader):
        self.reader = reader
        self._fields: dict[str, dict[str, int]] = {}

    def know(self, name: str, counts: dict[str, int]) -> None:
        """Take every term of field `name` with its count, as warming.py reads them."""
        self._fields[name] = counts

    def __call__(self, name: str, term: str) -> int:
        known = self._fields.get(name)
        if known is not None:
            return known.get(term, 0)
        return int(self.reader.doc_frequency(name, term) or 0)
