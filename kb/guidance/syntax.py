"""The syntax of guidance expressions: text to a tree of tuples, by hand, never by eval.

Grammar, loosest first:

    or  ->  and ('or' and)*          and ->  not ('and' not)*        not ->  'not' not | cmp
    cmp ->  sum (('<'|'<='|'>'|'>='|'=='|'!=') sum)?                 sum ->  term (('+'|'-') term)*
    term -> unary (('*'|'/') unary)*  unary -> '-' unary | atom
    atom -> number | "text" | true | false | name | name '(' args ')' | '(' or ')'
"""

from __future__ import annotations

import re
from decimal import Decimal

from kb.guidance.labels import N_

MAX_LENGTH = 1000
MAX_TOKENS = 250
MAX_DEPTH = 40
MAX_DIGITS = 30
FUNCTIONS = {"min": (1, MAX_TOKENS), "max": (1, MAX_TOKENS), "abs": (1, 1), "round": (1, 2)}
COMPARE = ("<", "<=", ">", ">=", "==", "!=")
KEYWORDS = ("and", "or", "not", "true", "false")
_TOKEN = re.compile(
    r"""\s*(?:
      (?P<num>\d+(?:\.\d+)?|\.\d+)
    | (?P<str>"[^"\n]*"|'[^'\n]*')
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<op><=|>=|==|!=|=>|=<|[-+*/()<>,=])
    )""",
    re.X,
)
_MISTAKES = {"=>": "write '>=' instead of '=>'", "=<": "write '<=' instead of '=<'"}


class ExprError(ValueError):
    """The expression cannot be parsed, checked or evaluated; `msgid` is the message for users."""

    def __init__(
        self, message: str, msgid: str = N_("This cannot be calculated from these inputs.")
    ):
        super().__init__(message)
        self.msgid = msgid


def parse_tree(text: str) -> tuple:
    """Parse `text` or raise ExprError saying what is wrong and where."""
    text = text.strip()
    if not text:
        raise ExprError("the expression is empty")
    if len(text) > MAX_LENGTH:
        raise ExprError(f"the expression is longer than {MAX_LENGTH} characters")
    parser = _Parser(_tokenize(text))
    tree = parser.parse_or()
    if parser.peek() is not None:
        raise parser.unexpected()
    return tree


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):  # `text` is stripped, so every round finds a token or fails
        m = _TOKEN.match(text, pos)
        if not m:
            at = len(text) - len(text[pos:].lstrip())
            raise ExprError(f"unexpected character {text[at]!r} at column {at + 1}")
        kind = m.lastgroup or ""  # every alternative of _TOKEN is a named group
        value = m.group(kind)
        at = m.start(kind)
        if value in _MISTAKES:
            raise ExprError(f"{_MISTAKES[value]} (column {at + 1})")
        if value == "=":
            raise ExprError(f"write '==' to compare (column {at + 1})")
        if kind == "num" and len(value) > MAX_DIGITS:
            raise ExprError(f"the number at column {at + 1} has more than {MAX_DIGITS} digits")
        if kind == "name" and value in KEYWORDS:
            kind = "kw"
        tokens.append((kind, value, at))
        pos = m.end()
        if len(tokens) > MAX_TOKENS:
            raise ExprError(f"the expression has more than {MAX_TOKENS} parts")
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str, int]]):
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def accept(self, *values: str) -> str | None:
        token = self.peek()
        if token is not None and token[0] in ("op", "kw") and token[1] in values:
            self.i += 1
            return token[1]
        return None

    def unexpected(self) -> ExprError:
        token = self.peek()
        if token is None:
            return ExprError("the expression ends too early")
        return ExprError(f"unexpected {token[1]!r} at column {token[2] + 1}")

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"the expression is nested more than {MAX_DEPTH} levels deep")

    def parse_or(self) -> tuple:
        left = self.parse_and()
        while self.accept("or"):
            left = ("or", left, self.parse_and())
        return left

    def parse_and(self) -> tuple:
        left = self.parse_not()
        while self.accept("and"):
            left = ("and", left, self.parse_not())
        return left

    def parse_not(self) -> tuple:
        if self.accept("not"):
            self.nest()
            node = ("not", self.parse_not())
            self.depth -= 1
            return node
        return self.parse_compare()

    def parse_compare(self) -> tuple:
        left = self.parse_sum()
        op = self.accept(*COMPARE)
        if op is None:
            return left
        node = ("bin", op, left, self.parse_sum())
        if self.accept(*COMPARE):
            raise ExprError("join two comparisons with 'and' (a < b and b < c)")
        return node

    def parse_sum(self) -> tuple:
        left = self.parse_term()
        while op := self.accept("+", "-"):
            left = ("bin", op, left, self.parse_term())
        return left

    def parse_term(self) -> tuple:
        left = self.parse_unary()
        while op := self.accept("*", "/"):
            left = ("bin", op, left, self.parse_unary())
        return left

    def parse_unary(self) -> tuple:
        if self.accept("-"):
            self.nest()
            node = ("neg", self.parse_unary())
            self.depth -= 1
            return node
        return self.parse_atom()

    def parse_atom(self) -> tuple:
        token = self.peek()
        if token is None:
            raise self.unexpected()
        kind, value, at = token
        if kind == "num":
            self.i += 1
            return ("num", Decimal(value))
        if kind == "str":
            self.i += 1
            return ("str", value[1:-1])
        if kind == "kw" and value in ("true", "false"):
            self.i += 1
            return ("bool", value == "true")
        if kind == "name":
            self.i += 1
            if self.accept("("):
                return self.parse_call(value, at)
            return ("var", value)
        if self.accept("("):
            self.nest()
            node = self.parse_or()
            if not self.accept(")"):
                raise ExprError(f"missing ')' for the '(' at column {at + 1}")
            self.depth -= 1
            return node
        raise self.unexpected()

    def parse_call(self, name: str, at: int) -> tuple:
        if name not in FUNCTIONS:
            known = ", ".join(FUNCTIONS)
            raise ExprError(f"unknown function {name!r} at column {at + 1} (known: {known})")
        self.nest()
        args = []
        if not self.accept(")"):
            args.append(self.parse_or())
            while self.accept(","):
                args.append(self.parse_or())
            if not self.accept(")"):
                raise ExprError(f"missing ')' after the arguments of {name}()")
        self.depth -= 1
        low, high = FUNCTIONS[name]
        if not low <= len(args) <= high:
            count = str(low) if low == high else f"{low} to {high}"
            raise ExprError(f"{name}() takes {count} argument(s), not {len(args)}")
        return ("call", name, tuple(args))
