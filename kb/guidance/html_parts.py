"""The pieces of HTML every kind of block is built from: headings, Markdown, scripts, outcomes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from kb.guidance.labels import FIELD_TYPE_LABELS, Translate
from kb.guidance.model import (
    ACTION_KINDS,
    OUTCOME_KINDS,
    PLAIN_ACTION,
    Checklist,
    Field,
    Outcome,
    Spec,
)
from kb.guidance.text import anchor, markdown_html

Link = Callable[[str], str] | None


class Parts:
    """What every part of one rendering needs: the labels, the locale and the Markdown."""

    def __init__(self, _: Translate, locale: str, link: Link, specs: Sequence[Spec]):
        self._ = _
        self.locale = locale
        self.link = link
        self.checklists = {s.id: s for s in specs if isinstance(s, Checklist)}
        self.specs = tuple(specs)

    def md(self, text: str, css: str = "guidance-text") -> str:
        return f'<div class="{css}">{markdown_html(text, self.link)}</div>' if text else ""

    def head(self, spec: Spec, extra: str = "") -> str:
        return (
            f'<section class="guidance guidance-{spec.kind}" id="{anchor(spec)}" '
            f'data-kind="{spec.kind}" data-block="{escape(spec.id)}">'
            f'<p class="guidance-title">{escape(spec.title)}</p>{self.md(spec.text)}{extra}'
        )

    def script(self, text: str) -> str:
        """Words to read out, as the renderer's `::: script` shows them, copy button included."""
        if not text:
            return ""
        _ = self._
        caption, copy = escape(_("Script")), escape(_("Copy"))
        body = "<br>".join(escape(line) for line in text.splitlines())
        return (
            f'<figure class="script"><figcaption>{caption}</figcaption>'
            f'<blockquote class="script-text"><p>{body}</p></blockquote>'
            f'<button type="button" class="copy-button" data-copy-from=".script-text" hidden>'
            f"{copy}</button></figure>"
        )

    def badge(self, css: str, label: str) -> str:
        return f'<span class="badge {css}">{escape(label)}</span>'

    def outcome(self, outcome: Outcome, css: str = "guidance-outcome") -> str:
        kind = ""
        if outcome.kind:
            kind = " " + self.badge(f"kind-{outcome.kind}", self._(OUTCOME_KINDS[outcome.kind]))
        return (
            f'<div class="{css}"><p class="outcome-title"><strong>{escape(outcome.title)}</strong>'
            f"{kind}</p>{self.md(outcome.text)}{self.actions(outcome)}"
            f"{self.checklist_ref(outcome.checklist)}</div>"
        )

    def actions(self, outcome: Outcome) -> str:
        if not outcome.actions:
            return ""
        _ = self._
        title = escape(_("Next actions"))
        items = []
        for action in outcome.actions:
            label = ""
            if action.kind != PLAIN_ACTION:
                label = f'<span class="action-kind">{escape(_(ACTION_KINDS[action.kind]))}:</span> '
            items.append(f'<li class="action-{action.kind}">{label}{escape(action.text)}</li>')
        return (
            f'<p class="guidance-actions-title">{title}</p>'
            f'<ul class="guidance-actions">{"".join(items)}</ul>'
        )

    def checklist_ref(self, ref: str) -> str:
        """A link to the checklist block `ref`, named by its title when the article has it."""
        if not ref:
            return ""
        target = self.checklists.get(ref)
        name = target.title if target else ref
        label = escape(self._("Fill in"))
        href = escape(self.href(f"#cl-{ref}"))
        return f'<p class="guidance-ref">{label}: <a href="{href}">{escape(name)}</a></p>'

    def href(self, fragment: str) -> str:
        """A link to a part of the article: `#part` there, the article's page#part elsewhere."""
        return self.link(fragment) if self.link else fragment

    def calculator_ref(self, ref: str) -> str:
        """A link to the calculator block `ref` that a step works out."""
        if not ref:
            return ""
        target = next((s for s in self.specs if s.id == ref), None)
        name = target.title if target else ref
        label = escape(self._("Work out"))
        href = escape(self.href(f"#calc-{ref}"))
        return f'<p class="guidance-ref">{label}: <a href="{href}">{escape(name)}</a></p>'

    def fields(self, fields: Sequence[Field], owner: str) -> str:
        """Fields marked required or desirable, with their type, help and options."""
        _ = self._
        marks = {True: ("cl-required", _("Required")), False: ("cl-desirable", _("Desirable"))}
        items = []
        for field in fields:
            css, mark = marks[field.required]
            kind = FIELD_TYPE_LABELS.get(field.type)
            options = "".join(f"<li>{escape(o.label)}</li>" for o in field.options)
            items.append(
                f'<li class="cl-field {css}" id="{escape(owner)}-{escape(field.id)}">'
                f'<span class="cl-label">{escape(field.label)}</span> {self.badge(css, mark)}'
                + (f' <span class="cl-type">{escape(_(kind))}</span>' if kind else "")
                + (f' <span class="cl-help">{escape(field.help)}</span>' if field.help else "")
                + (f'<ul class="cl-options">{options}</ul>' if options else "")
                + "</li>"
            )
        return f'<ul class="cl-fields">{"".join(items)}</ul>'
