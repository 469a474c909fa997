"""The checklist kind: a case-field form whose values become a note to paste into the CRM."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kb.guidance.fields import MISSING, clean_value, read_fields
from kb.guidance.labels import N_, Translate
from kb.guidance.model import Checklist, Fallback
from kb.guidance.source import Map, Reader

KEYS = ("id", "title", "text", "fields", "note", "require-any", "fallback")
REQUIRED = ("id", "title", "fields")
FALLBACK_KEYS = ("label", "required", "note")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z0-9_-]*)\}|[{}]")
ONE_OF = N_("Fill in at least one of these fields.")


@dataclass(frozen=True)
class Form:
    """A checklist filled in: values as shown, what is wrong per field, and the CRM note."""

    values: Mapping[str, str]  # field id -> value as shown ('' when empty)
    errors: Mapping[str, str]  # field id -> translated message
    note: str
    fallback: bool

    @property
    def complete(self) -> bool:
        return not self.errors


def read_checklist(m: Map, r: Reader) -> Checklist:
    """A checklist block; problems go to `r`."""
    fields = read_fields(r, m.items("fields"), "checklist")
    if not fields and m.has("fields"):
        r.error(m.key_line("fields"), "checklist: 'fields' lists no field")
    ids = {f.id for f in fields}
    note = m.text("note")
    _check_template(r, note, ids, m.value_line("note"), "checklist: note")
    groups = []
    for node in m.items("require-any"):
        group = tuple(r.text(n, "checklist: 'require-any' item") for n in r.items(node, "group"))
        _check_ids(r, group, ids, node.line, "checklist: 'require-any'")
        if len(group) < 2:
            r.error(node.line, "checklist: each 'require-any' group names two fields or more")
        groups.append(group)
    return Checklist(
        id=m.ident("id"),
        title=m.text("title"),
        fields=fields,
        note=note,
        require_any=tuple(groups),
        fallback=_read_fallback(r, m, ids),
        text=m.text("text"),
        line=m.line,
    )


def _read_fallback(r: Reader, parent: Map, ids: set[str]) -> Fallback | None:
    m = r.mapping(
        parent.get("fallback"), "checklist: fallback", FALLBACK_KEYS, ("label", "required")
    )
    if m is None:
        return None
    required = m.texts("required")
    _check_ids(r, required, ids, m.key_line("required"), "checklist: fallback 'required'")
    note = m.text("note")
    _check_template(r, note, ids, m.value_line("note"), "checklist: fallback note")
    return Fallback(m.text("label"), required, note, m.line)


def _check_ids(r: Reader, names: Iterable[str], ids: set[str], line: int, what: str) -> None:
    for name in names:
        if name not in ids:
            r.error(line, f"{what} names unknown field {name!r}")


def _check_template(r: Reader, template: str, ids: set[str], line: int, what: str) -> None:
    for i, text in enumerate(template.splitlines()):
        for m in _PLACEHOLDER.finditer(text):
            if m.group(0) in ("{{", "}}"):
                continue
            if not m.group(1):
                r.error(
                    line + i, f"{what}: a lone '{{' or '}}' (write '{{{{' or '}}}}' for a brace)"
                )
            elif m.group(1) not in ids:
                r.error(line + i, f"{what}: {{{m.group(1)}}} is not a field of this checklist")


def fill(
    spec: Checklist, raw: Mapping[str, str], *, locale: str, _: Translate, fallback: bool = False
) -> Form:
    """Check the typed values of `spec` and build its note; `fallback` uses the reduced form."""
    values, errors = {}, {}
    required = set(spec.fallback.required) if fallback and spec.fallback else None
    for field in spec.fields:
        shown, problem = clean_value(field, raw.get(field.id, ""), locale)
        values[field.id] = shown
        needed = field.required if required is None else field.id in required
        if problem:
            errors[field.id] = _(problem)
        elif needed and not shown:
            errors[field.id] = _(MISSING)
    if required is None:
        for group in spec.require_any:
            if not any(values.get(f) for f in group) and not any(f in errors for f in group):
                errors[group[0]] = _(ONE_OF)
    note = note_text(spec, values, fallback)
    return Form(values, errors, note, fallback and spec.fallback is not None)


def note_text(spec: Checklist, values: Mapping[str, str], fallback: bool = False) -> str:
    """The CRM note from `values` as shown (see `fill`): the template filled in, or
    "Label: value" lines when there is none.

    A template line whose placeholders are all empty is left out, so the note holds no
    "Profile: " lines for the desirable fields nobody asked about.
    """
    if spec.note:
        lines = [_fill_line(line, values) for line in spec.note.splitlines()]
    else:
        lines = [f"{f.label}: {values[f.id]}" for f in spec.fields if values.get(f.id)]
    if fallback and spec.fallback and spec.fallback.note:
        lines.extend(_fill_line(line, values) for line in spec.fallback.note.splitlines())
    return "\n".join(line for line in lines if line is not None).strip()


def placeholders(template: str) -> set[str]:
    """The field ids a note template uses."""
    return {m.group(1) for m in _PLACEHOLDER.finditer(template) if m.group(1)}


def _fill_line(line: str, values: Mapping[str, str]) -> str | None:
    names = placeholders(line)
    if names and not any(values.get(n) for n in names):
        return None

    def put(m: re.Match) -> str:
        if m.group(0) in ("{{", "}}"):
            return m.group(0)[0]
        return values.get(m.group(1) or "", "")

    return _PLACEHOLDER.sub(put, line).rstrip()
