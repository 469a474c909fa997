"""The calculator kind: numeric and choice inputs, named formulas, and ordered rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from kb.guidance import expr
from kb.guidance.fields import BAD_CHOICE
from kb.guidance.labels import N_, Translate
from kb.guidance.model import INPUT_TYPES, Calculator, Formula, Input, Rule
from kb.guidance.numeric import NumberError, format_number, parse_number
from kb.guidance.outcomes import read_options, read_outcome
from kb.guidance.source import Map, Node, Reader

KEYS = ("id", "title", "text", "inputs", "formulas", "rules")
REQUIRED = ("id", "title", "inputs")
INPUT_KEYS = ("id", "label", "type", "unit", "min", "max", "options", "help")
FORMULA_KEYS = ("id", "label", "unit", "formula", "decimals")
MAX_DECIMALS = 10
Choices = dict[str, frozenset[str]]  # choice input -> its option ids
MAX_RESULT = Decimal(10) ** 18
TOO_LOW = N_("Enter %(value)s or more.")
TOO_HIGH = N_("Enter %(value)s or less.")


@dataclass(frozen=True)
class Calculation:
    """A calculator worked out for some typed inputs; `rule` is the first rule that holds."""

    values: Mapping[str, expr.Value]  # input and formula id -> value, for those worked out
    shown: Mapping[str, str]  # input and formula id -> value as `locale` writes it
    errors: Mapping[str, str]  # input id -> translated message
    error: str  # translated reason the formulas or rules could not be worked out, or ''
    rule: Rule | None

    @property
    def complete(self) -> bool:
        return not self.errors and not self.error


def read_calculator(m: Map, r: Reader) -> Calculator:
    """A calculator block; problems go to `r`."""
    inputs = tuple(i for i in (_read_input(r, n) for n in m.items("inputs")) if i is not None)
    if not inputs and m.has("inputs"):
        r.error(m.key_line("inputs"), "calculator: 'inputs' lists no input")
    types = {i.id: expr.NUMBER if i.type == "number" else expr.TEXT for i in inputs}
    values = {i.id: frozenset(o.id for o in i.options) for i in inputs if i.type == "choice"}
    seen: set[str] = set()
    for item in inputs:
        if item.id in seen:
            r.error(item.line, f"input {item.id!r} is given twice")
        seen.add(item.id)
    formulas = []
    later = {_id_of(n) for n in m.items("formulas")}
    for node in m.items("formulas"):
        formula = _read_formula(r, node, types, values, later)
        if formula is None:
            continue
        if formula.id in seen:
            r.error(
                formula.line, f"formula {formula.id!r}: an input or formula already has this id"
            )
        seen.add(formula.id)
        types[formula.id] = expr.NUMBER
        formulas.append(formula)
    rules: list[Rule] = []
    for node in m.items("rules"):
        rule = _read_rule(r, node, types, values)
        if rule is None:
            continue
        if rules and rules[-1].when is None:
            r.error(
                rule.line,
                f"rule {rule.outcome.id!r} never applies: "
                f"rule {rules[-1].outcome.id!r} before it has no 'when'",
            )
        if any(other.outcome.id == rule.outcome.id for other in rules):
            r.error(rule.line, f"rule {rule.outcome.id!r} is given twice")
        elif rule.outcome.id in seen:  # they would share an anchor on the page
            r.error(rule.line, f"rule {rule.outcome.id!r}: an input or formula has this id")
        rules.append(rule)
    return Calculator(
        id=m.ident("id"),
        title=m.text("title"),
        inputs=inputs,
        formulas=tuple(formulas),
        rules=tuple(rules),
        text=m.text("text"),
        line=m.line,
    )


def _read_input(r: Reader, node: Node) -> Input | None:
    m = r.mapping(node, "input", INPUT_KEYS, ("id", "label"))
    if m is None:
        return None
    input_id = m.ident("id", name=True)
    kind = m.choose("type", INPUT_TYPES, "number")
    low, high = _bound(r, m, "min"), _bound(r, m, "max")
    if low is not None and high is not None and low > high:
        r.error(m.key_line("max"), f"{m.what}: 'max' is below 'min'")
    options = read_options(r, m.items("options"), m.what)
    if kind == "choice" and not options:
        r.error(m.line, f"{m.what}: a 'choice' input needs 'options'")
    if kind != "number" and (low is not None or high is not None):
        r.warn(m.line, f"{m.what}: 'min' and 'max' only apply to numbers")
    return Input(
        input_id, m.text("label"), kind, m.text("unit"), low, high, options, m.text("help"), m.line
    )


def _bound(r: Reader, m: Map, key: str) -> Decimal | None:
    text = m.text(key)
    if not text:
        return None
    try:
        return parse_number(text)
    except NumberError:
        r.error(m.key_line(key), f"{m.what}: {key!r} must be a number, not {text!r}")
        return None


def _id_of(node: Node) -> str:
    """The id a formula is written with, read ahead so a use before it can be named as such."""
    found = node.value.get("id") if isinstance(node.value, dict) else None
    return found.value if found is not None and isinstance(found.value, str) else ""


def _read_formula(
    r: Reader, node: Node, types: dict[str, str], values: Choices, later: set[str]
) -> Formula | None:
    m = r.mapping(node, "formula", FORMULA_KEYS, ("id", "label", "formula"))
    if m is None:
        return None
    formula_id = m.ident("id", name=True)
    decimals = 2
    if m.has("decimals"):
        text = m.text("decimals")
        if text.isascii() and text.isdigit() and int(text) <= MAX_DECIMALS:
            decimals = int(text)
        else:
            r.error(m.key_line("decimals"), f"{m.what}: 'decimals' must be 0 to {MAX_DECIMALS}")
    try:
        parsed = expr.parse(m.text("formula"))
        for name in sorted(parsed.names() - types.keys()):
            if name in later:
                raise expr.ExprError(f"{name!r} is used before its formula")
        if parsed.check(types, values) != expr.NUMBER:
            raise expr.ExprError("a formula must give a number")
    except expr.ExprError as exc:
        r.error(m.key_line("formula"), f"{m.what}: {exc}")
        parsed = expr.Expression("", ("num", Decimal(0)))  # a stand-in: the block has failed
    return Formula(formula_id, m.text("label"), parsed, m.text("unit"), decimals, m.line)


def _read_rule(r: Reader, node: Node, types: dict[str, str], values: Choices) -> Rule | None:
    outcome = read_outcome(r, node, "rule", with_id=True, kind_required=False, keys=("when",))
    if outcome is None:
        return None
    when = None
    when_node = node.value.get("when") if isinstance(node.value, dict) else None
    if when_node is not None:
        try:
            when = expr.parse(r.text(when_node, f"rule {outcome.id!r}: 'when'"))
            if when.check(types, values) != expr.BOOL:
                raise expr.ExprError("'when' must be a test such as pnv_balance >= 60")
        except expr.ExprError as exc:
            r.error(when_node.key_line, f"rule {outcome.id!r}: 'when': {exc}")
    return Rule(when, outcome, outcome.line)


def calculate(
    spec: Calculator, raw: Mapping[str, str], *, locale: str, _: Translate
) -> Calculation:
    """Work out `spec` for the typed inputs `raw`; problems come back as messages, never raised."""
    values: dict[str, expr.Value] = {}
    shown: dict[str, str] = {}
    errors: dict[str, str] = {}
    for item in spec.inputs:
        text = raw.get(item.id, "").strip()
        shown[item.id] = text
        if item.type == "choice":
            if text in {o.id for o in item.options}:
                values[item.id], shown[item.id] = text, item.option_label(text)
            else:
                errors[item.id] = _(BAD_CHOICE)
            continue
        try:
            number = parse_number(text, locale)
        except NumberError as exc:
            errors[item.id] = _(exc.msgid)
            continue
        if item.min is not None and number < item.min:
            errors[item.id] = _(TOO_LOW) % {"value": format_number(item.min, locale)}
        elif item.max is not None and number > item.max:
            errors[item.id] = _(TOO_HIGH) % {"value": format_number(item.max, locale)}
        else:
            values[item.id], shown[item.id] = number, format_number(number, locale)
    if errors:
        return Calculation(values, shown, errors, "", None)
    try:
        for formula in spec.formulas:
            result = formula.expr.evaluate(values)
            if not isinstance(result, Decimal):  # reading the spec checked that it is a number
                raise TypeError(f"formula {formula.id!r} gave {result!r}, not a number")
            if abs(result) >= MAX_RESULT:
                raise expr.ExprError("result out of range", expr.TOO_LARGE)
            values[formula.id] = result
            shown[formula.id] = format_number(result, locale, formula.decimals)
        rule = next(
            (rule for rule in spec.rules if rule.when is None or rule.when.evaluate(values)), None
        )
    except expr.ExprError as exc:
        return Calculation(values, shown, errors, _(exc.msgid), None)
    return Calculation(values, shown, errors, "", rule)
