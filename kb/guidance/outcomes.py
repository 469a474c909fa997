"""Read the parts that several kinds share: outcomes with their next actions, and options."""

from __future__ import annotations

from kb.guidance.model import ACTION_KINDS, OUTCOME_KINDS, PLAIN_ACTION, Action, Option, Outcome
from kb.guidance.source import Node, Reader

OUTCOME_KEYS = ("id", "title", "kind", "text", "actions", "checklist", "record")


def read_outcome(
    r: Reader,
    node: Node | None,
    what: str,
    *,
    with_id: bool,
    kind_required: bool,
    keys: tuple[str, ...] = (),
) -> Outcome | None:
    """An outcome mapping; `keys` are extra keys the caller reads itself."""
    allowed = OUTCOME_KEYS if with_id else tuple(k for k in OUTCOME_KEYS if k != "id")
    required: tuple[str, ...] = ("id", "title") if with_id else ("title",)
    if kind_required:
        required += ("kind",)
    m = r.mapping(node, what, (*allowed, *keys), required)
    if m is None:
        return None
    return Outcome(
        id=m.ident("id") if with_id else "",
        title=m.text("title"),
        kind=m.choose("kind", OUTCOME_KINDS),
        text=m.text("text"),
        actions=read_actions(r, m.items("actions"), m.what),
        checklist=m.ident("checklist") if m.has("checklist") else "",
        record=m.text("record"),
        line=m.line,
    )


def read_actions(r: Reader, nodes: list[Node], what: str) -> tuple[Action, ...]:
    """Items like `send: <template>` or `notify: Nico`; a plain text item is a PLAIN_ACTION."""
    actions = []
    for node in nodes:
        if isinstance(node.value, str):
            if node.value.strip():
                actions.append(Action(PLAIN_ACTION, node.value.strip()))
            continue
        if not isinstance(node.value, dict) or len(node.value) != 1:
            r.error(
                node.line,
                f"{what}: each action is one 'kind: text' line, such as "
                "'send: <template name>' (kinds: " + ", ".join(ACTION_KINDS) + ")",
            )
            continue
        ((kind, value),) = node.value.items()
        if kind not in ACTION_KINDS:
            r.error(
                node.line,
                f"{what}: unknown action {kind!r} (use one of: " + ", ".join(ACTION_KINDS) + ")",
            )
            continue
        text = r.text(value, f"{what}: action {kind!r}")
        if not text:
            r.error(node.line, f"{what}: action {kind!r} needs a text")
            continue
        actions.append(Action(kind, text))
    return tuple(actions)


def read_options(r: Reader, nodes: list[Node], what: str) -> tuple[Option, ...]:
    """Options written `- {id: vc_partner, label: VC Partner}`; ids must be unique."""
    options, seen = [], set()
    for node in nodes:
        m = r.mapping(node, f"{what}: option", ("id", "label"), ("id", "label"))
        if m is None:
            continue
        option = Option(m.ident("id"), m.text("label"))
        if option.id in seen:
            r.error(m.line, f"{what}: option {option.id!r} is given twice")
        seen.add(option.id)
        options.append(option)
    return tuple(options)
