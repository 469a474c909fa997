"""Marking msgids, and the labels of words that are not content (field types, and/or/not).

Nothing here is translated: every function that shows a label takes the caller's `_`.
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[[str], str]


def N_(msgid: str) -> str:
    """Mark a string for the message catalogue; the caller's `_` translates it when shown."""
    return msgid


# Field types as a form shows them; plain text needs no label.
FIELD_TYPE_LABELS = {
    "multiline": N_("Several lines"),
    "phone": N_("Phone"),
    "email": N_("Email"),
    "date": N_("Date"),
    "number": N_("Number"),
    "choice": N_("Choice"),
}

# The words that conditions are written with, as a reader sees them.
CONDITION_WORDS = {
    "and": N_("and"),
    "or": N_("or"),
    "not": N_("not"),
    "true": N_("true"),
    "false": N_("false"),
}
