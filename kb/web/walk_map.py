"""The map of a walkthrough on the site: on its article, during a run, and in insights."""

from __future__ import annotations

from flask_babel import gettext, ngettext
from markupsafe import Markup

from kb.guidance.diagram import Marks, render_svg
from kb.guidance.model import Walkthrough

NO_MARKS = Marks()


def walkthrough_map(spec: Walkthrough, marks: Marks = NO_MARKS) -> Markup:
    """The walkthrough drawn as an SVG map, with its title and a description in words."""
    description = gettext(
        "%(steps)d steps and %(outcomes)d outcomes, from the first step at the top to the "
        "outcomes at the bottom. The same steps are listed in full in the text.",
        steps=len(spec.steps),
        outcomes=len(spec.outcomes),
    )
    if marks.current:
        node = spec.node(marks.current)
        if node is not None:
            description += " " + gettext("You are at: %(title)s.", title=node.title)
    return Markup(
        render_svg(
            spec,
            title=gettext("Map of the walkthrough: %(title)s", title=spec.title),
            description=description,
            marks=marks,
            label=_runs,
        )
    )


def _runs(reached: int, left: int) -> str:
    runs = ngettext("%(num)d run", "%(num)d runs", reached)
    if not left:
        return runs
    return gettext("%(runs)s, %(left)d stopped", runs=runs, left=left)
