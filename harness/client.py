"""A minimal browser for load and fault runs: its own cookies, the CSRF token of the last form
it saw, plain http.client (gunicorn's sync workers close every connection anyway)."""

from __future__ import annotations

import html
import http.client
import re
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str
    seconds: float

    @property
    def location(self) -> str:
        """The path of a redirect's target."""
        target = urlsplit(self.headers.get("location", ""))
        return target.path + (f"?{target.query}" if target.query else "")

    def csrf(self) -> str | None:
        found = _CSRF.search(self.text)
        return html.unescape(found.group(1)) if found else None


class Browser:
    """One visitor: cookies kept between requests, redirects left to the caller. Given several
    servers it sends each request to the next one, as a load balancer without stickiness does."""

    def __init__(self, base: str | list[str], timeout: float = 60):
        bases = [base] if isinstance(base, str) else base
        self.servers = [(urlsplit(b).hostname, urlsplit(b).port) for b in bases]
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self._sent = 0

    def get(self, path: str, **headers: str) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, form: dict[str, str] | list[tuple[str, str]], **headers) -> Response:
        return self.request("POST", path, body=urlencode(form), headers=headers)

    def request(self, method: str, path: str, body: str | None = None, headers=None) -> Response:
        """Send one request; connection errors (refused, reset, timed out) are raised as OSError
        or http.client.HTTPException."""
        sent = {"Accept": "text/html", **(headers or {})}
        sent = {k.replace("_", "-"): v for k, v in sent.items()}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        host, port = self.servers[self._sent % len(self.servers)]
        self._sent += 1
        start = time.perf_counter()
        conn = http.client.HTTPConnection(host, port, timeout=self.timeout)
        try:
            conn.request(
                method, path, body=body.encode() if body is not None else None, headers=sent
            )
            answer = conn.getresponse()
            data = answer.read()
        finally:
            conn.close()
        seconds = time.perf_counter() - start
        for header in answer.headers.get_all("Set-Cookie") or ():
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        headers_out = {k.lower(): v for k, v in answer.headers.items()}
        return Response(answer.status, headers_out, data.decode("utf-8", "replace"), seconds)
