"""Guidance expressions: type-checked before use, evaluated on Decimal, described in words.

Numbers are Decimal, so 59.99 < 60 < 60.01 compare exactly. The syntax is in `syntax`.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from kb.guidance.labels import N_
from kb.guidance.syntax import COMPARE, ExprError, parse_tree

Value = Decimal | str | bool
NUMBER, TEXT, BOOL = "number", "text", "true/false"

MAX_ROUND = 12
TOO_LARGE = N_("The numbers are too large to calculate.")
DIVISION_BY_ZERO = N_("Division by zero: check the inputs.")

_CONTEXT = decimal.Context(
    prec=28,
    Emax=10**6,
    Emin=-(10**6),
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


@dataclass(frozen=True)
class Expression:
    """A parsed expression; `tree` is nested tuples such as ("bin", "+", left, right)."""

    text: str
    tree: tuple

    def names(self) -> frozenset[str]:
        """Every variable the expression reads."""
        return frozenset(_names(self.tree))

    def check(
        self, types: Mapping[str, str], values: Mapping[str, frozenset[str]] | None = None
    ) -> str:
        """Return the type of the result; raise ExprError on a type mistake.

        `types` maps each known variable to NUMBER or TEXT; `values` lists the only texts
        some variables can hold, so `customer_type == "vc_partnr"` is caught as a typo.
        """
        return _check(self.tree, types, values or {})

    def evaluate(self, values: Mapping[str, Value]) -> Value:
        """The value for these variables; raises ExprError (division by zero, too large...)."""
        try:
            with decimal.localcontext(_CONTEXT):
                return _eval(self.tree, values)
        except decimal.DivisionByZero:
            raise ExprError("division by zero", DIVISION_BY_ZERO) from None
        except (decimal.Overflow, decimal.InvalidOperation):
            raise ExprError("number out of range", TOO_LARGE) from None

    def describe(
        self,
        name: Callable[[str], str],
        value: Callable[[str, str], str],
        word: Callable[[str], str],
    ) -> str:
        """The expression in words: labels for names, option labels for texts, words for and/or/not.

        `name(variable)` and `value(variable, text)` give labels; `word` translates
        "and", "or", "not", "true" and "false".
        """
        return _describe(self.tree, name, value, word, 0)


def parse(text: str) -> Expression:
    """Parse `text` or raise ExprError saying what is wrong and where."""
    return Expression(text.strip(), parse_tree(text))


def _names(node: tuple):
    match node:
        case ("var", name):
            yield name
        case ("neg" | "not", x):
            yield from _names(x)
        case ("bin", _, left, right) | ("and" | "or", left, right):
            yield from _names(left)
            yield from _names(right)
        case ("call", _, args):
            for arg in args:
                yield from _names(arg)


def _check(node: tuple, types: Mapping[str, str], values: Mapping[str, frozenset[str]]) -> str:
    def need(sub: tuple, want: str, what: str) -> None:
        got = _check(sub, types, values)
        if got != want:
            raise ExprError(f"{what} needs {want}, not {got}")

    match node:
        case ("num", _):
            return NUMBER
        case ("str", _):
            return TEXT
        case ("bool", _):
            return BOOL
        case ("var", name):
            if name not in types:
                raise ExprError(f"unknown variable {name!r}")
            return types[name]
        case ("neg", x):
            need(x, NUMBER, "'-'")
            return NUMBER
        case ("not", x):
            need(x, BOOL, "'not'")
            return BOOL
        case ("and" | "or" as op, left, right):
            need(left, BOOL, f"'{op}'")
            need(right, BOOL, f"'{op}'")
            return BOOL
        case ("bin", op, left, right) if op in ("==", "!="):
            lt, rt = _check(left, types, values), _check(right, types, values)
            if lt != rt:
                raise ExprError(f"'{op}' compares {lt} with {rt}")
            _check_value(left, right, values)
            _check_value(right, left, values)
            return BOOL
        case ("bin", op, left, right):
            need(left, NUMBER, f"'{op}'")
            need(right, NUMBER, f"'{op}'")
            return BOOL if op in COMPARE else NUMBER
        case ("call", "round", args):
            need(args[0], NUMBER, "round()")
            if len(args) == 2:
                digits = args[1]
                if digits[0] != "num" or digits[1] != digits[1].to_integral_value():
                    raise ExprError("round() takes its number of decimals as a whole number")
                if digits[1] > MAX_ROUND:
                    raise ExprError(f"round() keeps at most {MAX_ROUND} decimals")
            return NUMBER
        case ("call", name, args):
            for arg in args:
                need(arg, NUMBER, f"{name}()")
            return NUMBER
    raise ExprError(f"cannot check {node[0]!r}")


def _check_value(var: tuple, text: tuple, values: Mapping[str, frozenset[str]]) -> None:
    if var[0] == "var" and text[0] == "str" and var[1] in values:
        allowed = values[var[1]]
        if text[1] not in allowed:
            known = ", ".join(f'"{v}"' for v in sorted(allowed)) or "nothing"
            raise ExprError(f'{var[1]} is never "{text[1]}" (it can be {known})')


def _eval(node: tuple, values: Mapping[str, Value]) -> Value:
    match node:
        case ("num" | "str" | "bool", constant):
            return constant
        case ("var", name):
            if name not in values:
                raise ExprError(f"no value for {name!r}")
            return values[name]
        case ("neg", x):
            return -_number(_eval(x, values))
        case ("not", x):
            return not _bool(_eval(x, values))
        case ("and", left, right):
            return _bool(_eval(left, values)) and _bool(_eval(right, values))
        case ("or", left, right):
            return _bool(_eval(left, values)) or _bool(_eval(right, values))
        case ("bin", "==" | "!=" as op, left, right):
            a, b = _eval(left, values), _eval(right, values)
            if type(a) is not type(b):
                raise ExprError(f"'{op}' compares values of different kinds")
            return (a == b) == (op == "==")
        case ("bin", op, left, right):
            return _arithmetic(op, _number(_eval(left, values)), _number(_eval(right, values)))
        case ("call", name, args):
            numbers = [_number(_eval(arg, values)) for arg in args]
            return _call(name, numbers)
    raise ExprError(f"cannot evaluate {node[0]!r}")


def _arithmetic(op: str, a: Decimal, b: Decimal) -> Decimal | bool:
    match op:
        case "+":
            return a + b
        case "-":
            return a - b
        case "*":
            return a * b
        case "/":
            if b.is_zero():  # 0 / 0 too, which Decimal calls an invalid operation, not this
                raise ExprError("division by zero", DIVISION_BY_ZERO)
            return a / b
        case "<":
            return a < b
        case "<=":
            return a <= b
        case ">":
            return a > b
        case ">=":
            return a >= b
    raise ExprError(f"unknown operator {op!r}")


def _call(name: str, args: list[Decimal]) -> Decimal:
    match name:
        case "min":
            return min(args)
        case "max":
            return max(args)
        case "abs":
            return abs(args[0])
        case "round":
            places = int(args[1]) if len(args) == 2 else 0
            return args[0].quantize(Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP)
    raise ExprError(f"unknown function {name!r}")


def _number(value: Value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal):
        raise ExprError(f"expected a number, got {value!r}")
    return value


def _bool(value: Value) -> bool:
    if not isinstance(value, bool):
        raise ExprError(f"expected true or false, got {value!r}")
    return value


# How tightly each node binds, for putting back only the parentheses that are needed.
_BINDING = {"or": 1, "and": 2, "not": 3, "cmp": 4, "+": 5, "-": 5, "*": 6, "/": 6, "neg": 7}
_SYMBOLS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠", "-": "−", "*": "×"}


def _describe(node: tuple, name, value, word, outer: int) -> str:
    def sub(x: tuple, binding: int) -> str:
        return _describe(x, name, value, word, binding)

    match node:
        case ("num", n):
            return str(n)
        case ("str", s):
            return f"“{s}”"
        case ("bool", b):
            return word("true" if b else "false")
        case ("var", v):
            return name(v)
        case ("neg", x):
            text, binding = f"−{sub(x, 7)}", 7
        case ("not", x):
            text, binding = f"{word('not')} {sub(x, 3)}", 3
        case ("and" | "or" as op, left, right):
            binding = _BINDING[op]
            text = f"{sub(left, binding)} {word(op)} {sub(right, binding + 1)}"
        case ("bin", op, left, right) if op in COMPARE:
            binding = _BINDING["cmp"]
            if op in ("==", "!=") and left[0] == "var" and right[0] == "str":
                rendered = f"“{value(left[1], right[1])}”"
            else:
                rendered = sub(right, binding + 1)
            text = f"{sub(left, binding + 1)} {_SYMBOLS[op]} {rendered}"
        case ("bin", op, left, right):
            binding = _BINDING[op]
            text = f"{sub(left, binding)} {_SYMBOLS.get(op, op)} {sub(right, binding + 1)}"
        case ("call", fn, args):
            return f"{fn}({', '.join(sub(a, 0) for a in args)})"
        case _:
            raise ExprError(f"cannot describe {node[0]!r}")
    return f"({text})" if binding < outer else text
