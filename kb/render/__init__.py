"""Markdown to safe HTML, with the outline, sections and links the rest of the product needs."""

from kb.render.markdown import Block, Heading, Hooks, Link, Rendered, Section, render, slugify

__all__ = ["Block", "Heading", "Hooks", "Link", "Rendered", "Section", "render", "slugify"]
