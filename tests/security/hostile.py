"""A hostile articles folder, as text: raw HTML, script URLs, attribute-breaking quotes in every
front matter field, `</script>` in YAML, HTML in callout titles, guidance blocks whose texts carry
HTML and Jinja syntax, a huge line, deep nesting, alias bombs and ten thousand links."""

from __future__ import annotations

from tests.security.audit import PROBE

JINJA = "{{ 7*7*7*7*7*7 }}"
EVALUATED = "117649"  # what the line above would become if a template ran it
SECRET = "hostile-test-secret"
# One line of hostility: breaks out of text, attributes (both quotes) and script, runs templates.
H = (
    f'<{PROBE} onclick="alert(1)">x</{PROBE}> "><{PROBE} x=" \'><{PROBE} x=\' '
    f"x\" {PROBE}=\"1 x' {PROBE}='1 </script><script>alert(1)</script> "
    f"{JINJA} {{% if true %}}J{{% endif %}} {{{{ config }}}} javascript:alert(1)"
)
MD_H = (  # the same in Markdown fields, with links and images that try script URLs
    f"{H} [a](javascript:alert(1)) [b](vbscript:msgbox(1)) "
    "![i](javascript:alert(1)) ![j](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(1)>"
)


def yaml_text(text: str, indent: int) -> str:
    """`text` as a YAML block scalar at `indent`, so no quoting can go wrong."""
    pad = " " * indent
    return "|-\n" + "\n".join(pad + line for line in text.splitlines())


def front(**fields: str) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items()) + "---\n"


RAW_HTML = f"""# Raw HTML

<script>alert(1)</script>

<{PROBE} onclick="alert(1)">a block of HTML</{PROBE}>

Inline <img src=x onerror=alert(1)> and <{PROBE}>inline</{PROBE}>
and <a href="javascript:alert(1)">a</a>.

<iframe src="javascript:alert(1)"></iframe>
<object data="x.swf"></object><embed src="x.swf">
<svg onload=alert(1)><script>alert(1)</script></svg>
<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>
<style>body {{ display: none }}</style>
<base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=https://evil.example">
<link rel="stylesheet" href="https://evil.example/x.css">
<form action="https://evil.example"><button formaction="javascript:alert(1)">x</button></form>
<!-- <script>alert(1)</script> -->
<![CDATA[<script>alert(1)</script>]]>
<details open ontoggle=alert(1)><summary>s</summary></details>
<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>

| head <{PROBE}> | <script>alert(1)</script> |
| --- | --- |
| <img src=x onerror=alert(1)> | {H} |

`</code><{PROBE}>` and

```"><{PROBE} x="
</code></pre><script>alert(1)</script>
```

    indented <script>alert(1)</script>

## <{PROBE}> heading "quotes" 'single' {JINJA}

- [ ] <{PROBE}> a task
- [x] {H}
"""

LINKS = """# Links

[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [spaced](<java script:alert(1)>)
[entity](&#106;avascript:alert(1)) [colon](javascript&colon;alert(1))
[hex](&#x6A;avascript&#x3A;alert(1)) [tab](java&#9;script:alert(1)) [nl](java&#10;script:alert(1))
[pct](%6Aavascript:alert(1)) [vb](vbscript:msgbox(1)) [file](file:///etc/passwd)
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[datasvg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)
[quote](x" onmouseover="alert(1)) [title](https://example.com "t\\" onmouseover=\\"alert(1)")
[single](https://example.com 't\\' onmouseover=alert(1)')
<javascript:alert(1)> <vbscript:msgbox(1)> <https://example.com/"onmouseover="alert(1)>
![img](javascript:alert(1)) ![svg](data:image/svg+xml,<svg/onload=alert(1)>)
![png](data:image/png;base64,iVBORw0KGgo=) ![alt "><kbprobe x="](x.png "t\\"><kbprobe>")
[ref][r1] [ref2][r2] ![ref3][r3]
[deep](../../../../../../etc/passwd.md) [dots](..%2F..%2Fapp.py.md) [abs](/etc/passwd.md)
[other](raw-html.md#%22%3E%3Ckbprobe%3E) [anchor](#%22%3E%3Ckbprobe%3E)
[nul](raw-html%00.md) [back](..\\..\\app.md)

[r1]: javascript:alert(1)
[r2]: <javascript:alert(1)> "x\\" onclick=\\"alert(1)"
[r3]: javascript:alert(1)
"""

CALLOUTS = f"""# Callouts

::: warning <{PROBE} onclick=alert(1)>Title</{PROBE}> "quoted" {JINJA}
Body <script>alert(1)</script>
:::

::: note "><{PROBE} x="
{H}
:::

::: tip </p><script>alert(1)</script>
tip
:::

::: script
Say <script>alert(1)</script> and {H}
:::
"""


def guidance() -> str:
    md, t = (lambda n: yaml_text(MD_H, n)), (lambda n: yaml_text(H, n))
    return f"""# Guidance

```walkthrough
id: hostile-walk
title: {t(2)}
text: {md(2)}
steps:
  - id: first
    title: {t(6)}
    text: {md(6)}
    why: {md(6)}
    notes: {md(6)}
    script: {t(6)}
    fields:
      - id: account
        label: {t(10)}
        help: {t(10)}
        required: true
      - id: kind
        label: {t(10)}
        type: choice
        options:
          - id: one
            label: {t(14)}
          - id: two
            label: {t(14)}
    choices:
      - id: go
        label: {t(10)}
        set: {{answer: "<{PROBE}>"}}
        next: second
      - id: stop
        label: {t(10)}
        next: done
  - id: second
    title: {t(6)}
    checklist: hostile-form
    next:
      - when: answer == "<{PROBE}>"
        go: done
      - go: other
outcomes:
  - id: done
    title: {t(6)}
    kind: resolved
    text: {md(6)}
    checklist: hostile-form
    actions:
      - send: {t(10)}
      - add-tag: {t(10)}
      - {t(8)}
  - id: other
    title: {t(6)}
    kind: escalated
```

```checklist
id: hostile-form
title: {t(2)}
text: {md(2)}
fields:
  - id: company
    label: {t(6)}
    help: {t(6)}
    required: true
  - id: phone
    label: {t(6)}
    type: phone
  - id: segment
    label: {t(6)}
    type: choice
    options:
      - id: vip
        label: {t(10)}
note: |
  Company: {{company}} <{PROBE}> {{{{ 7*7*7*7*7*7 }}}} </script>
  Phone: {{phone}} {{segment}}
fallback:
  label: {t(4)}
  required: [company]
  note: {yaml_text(H.replace("{", "{{").replace("}", "}}"), 4)}
```

```decision-table
id: hostile-table
title: {t(2)}
script: {t(2)}
text: {md(2)}
columns:
  scenario: {t(4)}
  decision: {t(4)}
  do: {t(4)}
rows:
  - id: one
    scenario: {md(6)}
    decision: transfer
    to: {t(6)}
    keywords: ["<{PROBE}>", "{JINJA}"]
  - id: two
    scenario: {md(6)}
    decision: do-not-transfer
    do: {md(6)}
  - id: three
    scenario: {md(6)}
    decision: escalate
    to: {t(6)}
```

```calculator
id: hostile-calc
title: {t(2)}
text: {md(2)}
inputs:
  - id: amount
    label: {t(6)}
    unit: {t(6)}
  - id: kind
    label: {t(6)}
    type: choice
    options:
      - id: a
        label: {t(10)}
formulas:
  - id: total
    label: {t(6)}
    unit: {t(6)}
    formula: amount * 2
rules:
  - id: big
    when: total >= 10 and kind == "a"
    title: {t(6)}
    kind: notified
    text: {md(6)}
    checklist: hostile-form
    actions:
      - notify: {t(10)}
  - id: small
    title: {t(6)}
    kind: no-action
```

```routing
id: hostile-route
title: {t(2)}
text: {md(2)}
timezone: Europe/Moscow
hours:
  mon-fri: 09:00-18:00
in-hours:
  title: {t(4)}
  kind: transferred
  text: {md(4)}
  actions:
    - transfer: {t(8)}
out-of-hours:
  title: {t(4)}
  kind: case-created
  text: {md(4)}
  checklist: hostile-form
```
"""


def alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines)


def hostile_front(**extra: str) -> str:
    return front(
        title=yaml_text(H, 2),
        summary=yaml_text(H, 2),
        category=yaml_text(f'"><{PROBE} x=" Hostile', 2),
        tags=f'["\\"><{PROBE} x=\\"", "javascript:alert(1)", "</script>", "{JINJA}"]',
        audience=f'["<{PROBE}>", "agents", "\\" {PROBE}=\\"1"]',
        owner=yaml_text(H, 2),
        updated="2026-01-01",
        **{"review-by": "2026-01-02"},
        **extra,
    )


CORPUS = {
    "en/raw-html.md": hostile_front() + RAW_HTML,
    "ru/raw-html.md": hostile_front() + "# Сырой HTML\n\nТекст по-русски.\n\n" + RAW_HTML,
    "en/links.md": front(title="Links") + LINKS,
    "en/script-in-yaml.md": front(
        title='"</script><script>alert(1)</script>"',
        summary="'</title><script>alert(1)</script>'",
        category="'</script>'",
        tags="['</script><script>alert(1)</script>']",
    )
    + "# Body\n\nwords\n",
    "en/callouts.md": front(title="Callouts", category="Hostile") + CALLOUTS,
    "en/guidance.md": front(title="Guidance", category="Hostile") + guidance(),
    "en/huge-line.md": front(title="Huge line")
    + "# Huge line\n\n"
    + f"hugeword <{PROBE}> [x](javascript:alert(1)) " * 20_000
    + "\n",
    "en/nested.md": front(title="Nested")
    + "# Nested\n\n"
    + "> " * 1000
    + f"<{PROBE}> deep quote\n\n"
    + "".join("  " * i + f"- <{PROBE}> level {i}\n" for i in range(200))
    + "\n"
    + "*" * 5000
    + "x"
    + "*" * 5000
    + "\n\n"
    + "[" * 5000
    + "x"
    + "](javascript:alert(1))" * 50
    + "\n",
    "en/many-links.md": front(title="Many links")
    + "# Many links\n\n"
    + " ".join(
        ("[x](javascript:alert(1))", "[y](links.md)", "<https://example.com>")[i % 3]
        for i in range(10_000)
    )
    + "\n",
    # Left out and reported: these must not stop the rest from loading.
    "en/alias-bomb.md": "---\n" + alias_bomb() + "\ntitle: Bomb\nupdated: *a8\n---\n# Bomb\n",
    "en/alias-tags.md": "---\n" + alias_bomb() + "\ntags: *a8\n---\n# Tags bomb\n",
    "en/deep-yaml.md": "---\ntags: " + "[" * 20_000 + "]" * 20_000 + "\n---\n# Deep\n",
    # Loaded, with the block shown as an error box.
    "en/block-bomb.md": front(title="Block bomb")
    + "# Block bomb\n\n```walkthrough\n"
    + alias_bomb()
    + "\nid: bomb\ntitle: Bomb\nsteps: *a8\n```\n\n```checklist\nid: deep\ntitle: Deep\nfields: "
    + "[" * 5000
    + "]" * 5000
    + "\n```\n",
    "en/odd \"name' <kbprobe>.md": hostile_front() + "# Odd name\n\nwords\n",
}
REJECTED = {"alias-bomb", "alias-tags", "deep-yaml"}
SEARCHES = [
    PROBE,
    "hugeword",
    "alert script",
    "javascript",
    "onclick onerror",
    "hostile",
    f"<{PROBE}>",
    f'"><{PROBE} x="',
    JINJA,
    "{% if true %}",
    "</script><script>alert(1)</script>",
    "javascript:alert(1)",
    '=HYPERLINK("https://evil.example")',
]
