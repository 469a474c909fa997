"""The decision-table kind: scenario -> transfer or not, to whom -> what to do instead."""

from __future__ import annotations

from types import MappingProxyType

from kb.guidance.model import DECISIONS, DECISIONS_WITH_TARGET, DecisionTable, Row
from kb.guidance.source import Map, Node, Reader

KEYS = ("id", "title", "text", "script", "columns", "rows")
REQUIRED = ("id", "title", "rows")
ROW_KEYS = ("id", "scenario", "decision", "to", "do", "keywords")
COLUMNS = ("scenario", "decision", "do")


def read_table(m: Map, r: Reader) -> DecisionTable:
    """A decision-table block; problems go to `r`."""
    rows: list[Row] = []
    for node in m.items("rows"):
        row = _read_row(r, node)
        if row is None:
            continue
        if any(other.id == row.id for other in rows):
            r.error(row.line, f"row {row.id!r} is given twice")
        rows.append(row)
    if not rows and m.has("rows"):
        r.error(m.key_line("rows"), "decision table: 'rows' lists no row")
    columns = r.mapping(m.get("columns"), "decision table: columns", COLUMNS)
    headers = {key: columns.text(key) for key in COLUMNS if columns.has(key)} if columns else {}
    return DecisionTable(
        id=m.ident("id"),
        title=m.text("title"),
        rows=tuple(rows),
        columns=MappingProxyType(headers),
        text=m.text("text"),
        script=m.text("script"),
        line=m.line,
    )


def _read_row(r: Reader, node: Node) -> Row | None:
    m = r.mapping(node, "row", ROW_KEYS, ("id", "scenario", "decision"))
    if m is None:
        return None
    row_id = m.ident("id")
    decision = m.choose("decision", DECISIONS)
    to, do = m.text("to"), m.text("do")
    if decision in DECISIONS_WITH_TARGET and not to:
        r.error(m.line, f"{m.what}: {decision!r} needs 'to' (whom the call goes to)")
    if decision == "do-not-transfer":
        if not do:
            r.error(m.line, f"{m.what}: say in 'do' what to do instead of transferring")
        if to:
            r.warn(m.key_line("to"), f"{m.what}: 'to' is ignored when the call is not transferred")
            to = ""
    return Row(row_id, m.text("scenario"), decision, to, do, m.texts("keywords"), m.line)
