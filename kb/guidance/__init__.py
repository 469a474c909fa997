"""Interactive guidance authored as fenced YAML blocks in articles: parse, check, run, show.

Knows nothing of the web: the caller passes the locale and a gettext-like `_`.
"""

from kb.guidance.article import (
    KINDS,
    Parsed,
    article_blocks,
    parse_block,
    parse_blocks,
    validate_article_blocks,
)
from kb.guidance.calculator import Calculation, calculate
from kb.guidance.checklist import Form, fill, note_text
from kb.guidance.compare import compare_articles, compare_specs
from kb.guidance.engine import Position, Taken, join_path, split_path, walk
from kb.guidance.expr import ExprError, Expression
from kb.guidance.expr import parse as parse_expression
from kb.guidance.fields import clean_value
from kb.guidance.html import render_html
from kb.guidance.labels import N_
from kb.guidance.model import (
    ACTION_KINDS,
    DECISIONS,
    OUTCOME_KINDS,
    PLAIN_ACTION,
    ROUTING_REASONS,
    Problem,
    Spec,
)
from kb.guidance.numeric import NumberError, format_number, parse_number
from kb.guidance.routing import Route, in_zone, route
from kb.guidance.summary import calculator_summary, routing_summary, walkthrough_summary
from kb.guidance.text import anchor, block_text, markdown_html, plain_text

__all__ = [
    "ACTION_KINDS",
    "DECISIONS",
    "KINDS",
    "N_",
    "OUTCOME_KINDS",
    "PLAIN_ACTION",
    "ROUTING_REASONS",
    "Calculation",
    "ExprError",
    "Expression",
    "Form",
    "NumberError",
    "Parsed",
    "Position",
    "Problem",
    "Route",
    "Spec",
    "Taken",
    "anchor",
    "article_blocks",
    "block_text",
    "calculate",
    "calculator_summary",
    "clean_value",
    "compare_articles",
    "compare_specs",
    "fill",
    "format_number",
    "join_path",
    "markdown_html",
    "note_text",
    "parse_block",
    "parse_blocks",
    "parse_expression",
    "parse_number",
    "plain_text",
    "render_html",
    "in_zone",
    "route",
    "routing_summary",
    "split_path",
    "validate_article_blocks",
    "walk",
    "walkthrough_summary",
]
