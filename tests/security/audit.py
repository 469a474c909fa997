"""Reading a page as a browser would run it: every element, attribute and URL that could run
script or let content act as markup, listed as a problem."""

from __future__ import annotations

import re
from html.parser import HTMLParser

PROBE = "kbprobe"  # an element or attribute of this name in any page means an injection worked
FORBIDDEN = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "template",
    "animate", "set", "animatetransform", "foreignobject", "use", "noscript", "portal",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "poster", "data", "background",
    "cite", "ping", "srcset", "lowsrc", "dynsrc", "longdesc", "manifest", "codebase",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
SAFE_DATA = re.compile(r"^data:image/(png|gif|jpeg|webp)[;,]", re.I)
SAFE_META = {("charset", None), ("name", "viewport"), ("name", "robots")}
SAFE_LINKS = {"stylesheet", "icon", "search", "alternate", "next", "prev"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


class Audit(HTMLParser):
    """Everything in a page that a browser would run or that lets content act as markup."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)
        if tag == "script":
            self._script = False

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False

    def handle_data(self, data):
        if self._script and data.strip():
            self.problems.append(f"inline script: {data[:60]!r}")

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if PROBE in tag or tag in FORBIDDEN:
            self.problems.append(f"<{tag}>")
        if tag == "script":
            self._script = True
            if not (found.get("src") or "").startswith("/static/js/"):
                self.problems.append(f"<script src={found.get('src')!r}>")
        elif tag == "meta":
            key = "charset" if "charset" in found else "name"
            if (key, None if key == "charset" else found.get("name")) not in SAFE_META:
                self.problems.append(f"<meta {found}>")
        elif tag == "link":
            rel = set((found.get("rel") or "").split())
            if not rel <= SAFE_LINKS or not (found.get("href") or "").startswith("/"):
                self.problems.append(f"<link {found}>")
        elif tag == "form" and not (found.get("action") or "/").startswith("/"):
            self.problems.append(f"<form action={found.get('action')!r}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc") or PROBE in name:
                self.problems.append(f"<{tag} {name}={value!r}>")
            elif name in URL_ATTRIBUTES and value and not self._safe_url(tag, name, value):
                self.problems.append(f"<{tag} {name}={value!r}>")

    @staticmethod
    def _safe_url(tag: str, name: str, value: str) -> bool:
        """As a browser reads it: control characters and spaces dropped, scheme lower-cased."""
        url = _CONTROL.sub("", value).replace("\\", "/")
        scheme = re.match(r"^([a-z][a-z0-9+.-]*):", url, re.I)
        if scheme is None:
            return True  # relative: on this site
        if scheme.group(1).lower() == "data":
            return tag == "img" and name == "src" and bool(SAFE_DATA.match(url))
        return scheme.group(1).lower() in SAFE_SCHEMES
