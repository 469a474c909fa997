"""How many documents of one index generation have a term in a field: from the whole field's
counts once warming.py has read them (a dict look-up), else asked of the index (a look-up in
each segment's term dictionary, some 5 µs each)."""

from __future__ import annotations


class Frequencies:
    """Document frequencies of one generation; like Whoosh's, they count deleted documents
    until their segment is merged."""

    def __init__(self, reader):
        self.reader = reader
        self._fields: dict[str, tuple[dict[str, int], list[int]]] = {}

    def know(self, name: str, terms: dict[str, int], counts: list[int]) -> None:
        """Take every term of field `name` (term → its row) and each row's count, as
        postings.read_field reads them."""
        self._fields[name] = terms, counts

    def __call__(self, name: str, term: str) -> int:
        known = self._fields.get(name)
        if known is not None:
            row = known[0].get(term)
            return 0 if row is None else known[1][row]
        return int(self.reader.doc_frequency(name, term) or 0)
