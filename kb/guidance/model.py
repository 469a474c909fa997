"""The parsed guidance specs: immutable data that the rest of the package reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from kb.guidance.expr import Expression
from kb.guidance.labels import N_

# The fixed vocabularies of the spec format; label values are msgids for the caller's `_`.

# The outcome kinds an author may use; the values are msgids for their labels. The labels are
# nouns, not past participles: an outcome is an instruction ("Issue the refund"), and a badge
# saying "Refund issued" above it would claim the work is done before the agent has done it.
OUTCOME_KINDS = {
    "resolved": N_("Resolution"),
    "retained": N_("Retention"),
    "ported-away": N_("Port-out"),
    "transferred": N_("Transfer"),
    "escalated": N_("Escalation"),
    "email-sent": N_("Email"),
    "voicemail-left": N_("Voicemail"),
    "callback-scheduled": N_("Call-back"),
    "case-created": N_("CASE"),
    "notified": N_("Notification"),
    "refunded": N_("Refund"),
    "no-action": N_("No action"),
}

# Next actions after an outcome, as `{kind: text}` in the spec. A plain text item is an
# action of kind PLAIN_ACTION, shown without a label.
PLAIN_ACTION = "do"
ACTION_KINDS = {
    "send": N_("Send template"),
    "add-tag": N_("Add tag"),
    "remove-tag": N_("Remove tag"),
    "notify": N_("Notify"),
    "transfer": N_("Transfer to"),
}

# Decisions in a decision table; "transfer" and "escalate" need a target (`to`).
DECISIONS = {
    "transfer": N_("Transfer"),
    "do-not-transfer": N_("Do not transfer"),
    "escalate": N_("Escalate"),
}
DECISIONS_WITH_TARGET = frozenset({"transfer", "escalate"})


# Reasons a routing block gives for its answer; the values are msgids.
ROUTING_REASONS = {
    "working-hours": N_("Within working hours"),
    "outside-hours": N_("Outside working hours"),
    "day-off": N_("Day off"),
    "holiday": N_("Public holiday"),
}

FIELD_TYPES = ("text", "multiline", "phone", "email", "date", "number", "choice")
INPUT_TYPES = ("number", "choice")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Problem(NamedTuple):
    """Something wrong in a spec, at a line of the article file."""

    line: int
    message: str
    severity: str = "error"  # "error" means the block cannot be used; "warning" does not


@dataclass(frozen=True)
class Action:
    """One next action: `kind` says what to do, `text` with what."""

    kind: str  # a key of ACTION_KINDS, or PLAIN_ACTION
    text: str


@dataclass(frozen=True)
class Outcome:
    """Where a procedure ends: a walkthrough outcome, a calculator rule, a routing output."""

    id: str
    title: str
    kind: str = ""  # a key of OUTCOME_KINDS, or '' where the spec gives none
    text: str = ""  # Markdown
    actions: tuple[Action, ...] = ()
    checklist: str = ""  # id of a checklist block to fill in here
    record: str = ""  # what the summary says was done ("Refund issued"); the title if ''
    line: int = 0


@dataclass(frozen=True)
class Option:
    """One option of a choice field or input: a stable id and a label."""

    id: str
    label: str


@dataclass(frozen=True)
class Field:
    """One case field of a form."""

    id: str
    label: str
    type: str = "text"  # one of FIELD_TYPES
    required: bool = False  # otherwise desirable
    help: str = ""
    options: tuple[Option, ...] = ()
    line: int = 0

    def option_label(self, value: str) -> str:
        """The label of the option `value`, or `value` itself."""
        return next((o.label for o in self.options if o.id == value), value)


@dataclass(frozen=True)
class Branch:
    """One way out of a choice: go to `go` when `when` holds (always, when None)."""

    when: Expression | None
    go: str
    line: int = 0


@dataclass(frozen=True)
class Choice:
    """One answer to a step; `next` says where it leads, `set` what it records."""

    id: str
    label: str  # '' for the single implicit choice of a step written with `next`
    next: tuple[Branch, ...]
    set: Mapping[str, str]
    line: int = 0


@dataclass(frozen=True)
class Step:
    """One step of a walkthrough."""

    id: str
    title: str
    text: str = ""  # Markdown
    script: str = ""  # read word for word
    why: str = ""  # training view only
    notes: str = ""  # training view only
    choices: tuple[Choice, ...] = ()
    fields: tuple[Field, ...] = ()
    checklist: str = ""  # id of a checklist block to fill in at this step
    calculator: str = ""  # id of a calculator block worked out at this step
    line: int = 0

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)


@dataclass(frozen=True)
class Walkthrough:
    """A procedure walked one step at a time, to one of its outcomes."""

    id: str
    title: str
    start: str
    steps: Mapping[str, Step]  # in the order written
    outcomes: Mapping[str, Outcome]
    text: str = ""
    line: int = 0
    kind: str = "walkthrough"

    def node(self, node_id: str) -> Step | Outcome | None:
        return self.steps.get(node_id) or self.outcomes.get(node_id)


@dataclass(frozen=True)
class Fallback:
    """A reduced form for when the customer gives less: its own required set and an extra note."""

    label: str
    required: tuple[str, ...]
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class Checklist:
    """A case-field form and the template of its CRM note."""

    id: str
    title: str
    fields: tuple[Field, ...]
    note: str = ""  # template with {field} placeholders; '' means "Label: value" lines
    require_any: tuple[tuple[str, ...], ...] = ()  # groups of which at least one is needed
    fallback: Fallback | None = None
    text: str = ""
    line: int = 0
    kind: str = "checklist"

    def field(self, field_id: str) -> Field | None:
        return next((f for f in self.fields if f.id == field_id), None)


@dataclass(frozen=True)
class Row:
    """One scenario of a decision table and what to do about it."""

    id: str
    scenario: str  # Markdown
    decision: str  # a key of DECISIONS
    to: str = ""
    do: str = ""  # Markdown: what to do (instead)
    keywords: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class DecisionTable:
    """Scenarios, each with a decision: transfer or not, to whom, what instead."""

    id: str
    title: str
    rows: tuple[Row, ...]
    columns: Mapping[str, str]  # header overrides for "scenario", "decision", "do"
    text: str = ""
    script: str = ""
    line: int = 0
    kind: str = "decision-table"


@dataclass(frozen=True)
class Input:
    """One value a calculator asks for: a number, or a choice of options."""

    id: str
    label: str
    type: str = "number"  # one of INPUT_TYPES
    unit: str = ""
    min: Decimal | None = None
    max: Decimal | None = None
    options: tuple[Option, ...] = ()
    help: str = ""
    line: int = 0

    def option_label(self, value: str) -> str:
        return next((o.label for o in self.options if o.id == value), value)


@dataclass(frozen=True)
class Formula:
    """A named result worked out from inputs and earlier formulas."""

    id: str
    label: str
    expr: Expression
    unit: str = ""
    decimals: int = 2  # shown with exactly this many decimals
    line: int = 0


@dataclass(frozen=True)
class Rule:
    """The first rule whose `when` holds gives the result; a rule without `when` always holds."""

    when: Expression | None
    outcome: Outcome
    line: int = 0


@dataclass(frozen=True)
class Calculator:
    """Inputs, formulas, and rules tried in order."""

    id: str
    title: str
    inputs: tuple[Input, ...]
    formulas: tuple[Formula, ...]
    rules: tuple[Rule, ...]
    text: str = ""
    line: int = 0
    kind: str = "calculator"


@dataclass(frozen=True)
class Holiday:
    """A day or a range of days off; `yearly` ones repeat each year (their year is ignored)."""

    first: date
    last: date
    yearly: bool = False

    def covers(self, day: date) -> bool:
        if not self.yearly:
            return self.first <= day <= self.last
        key, first, last = (day.month, day.day), _md(self.first), _md(self.last)
        if first <= last:
            return first <= key <= last
        return key >= first or key <= last  # a range across the new year


def _md(day: date) -> tuple[int, int]:
    return (day.month, day.day)


@dataclass(frozen=True)
class Routing:
    """One outcome in working hours and another outside them, by a zone's clock."""

    id: str
    title: str
    timezone: str
    hours: Mapping[int, tuple[tuple[int, int], ...]]  # weekday (0 = Monday) -> (from, to) minutes
    holidays: tuple[Holiday, ...]
    in_hours: Outcome
    out_of_hours: Outcome
    text: str = ""
    line: int = 0
    kind: str = "routing"


Spec = Walkthrough | Checklist | DecisionTable | Calculator | Routing
