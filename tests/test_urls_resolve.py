"""Redirect following with an injected fetch: HEAD then GET, ten hops at most."""

from __future__ import annotations

from beianaudit.urls.classify import classify
from beianaudit.urls.resolve import MAX_HOPS, resolve


def test_head_refused_then_get() -> None:
    calls: list[tuple[str, str]] = []

    def fetch(method: str, url: str) -> tuple[int, str | None]:
        calls.append((method, url))
        if method == "HEAD":
            return 405, None
        if url.startswith("https://dwz.cn"):
            return 302, "https://beian.miit.gov.cn/"
        return 200, None

    result = resolve(classify("https://dwz.cn/abc"), fetch)
    assert result.verdict == "official"
    assert calls[:2] == [("HEAD", "https://dwz.cn/abc"), ("GET", "https://dwz.cn/abc")]
    assert result.reasons[-1][0] == "redirected"


def test_a_redirect_to_the_real_site_through_an_unknown_host_is_not_official() -> None:
    chain = {
        "https://bit.ly/x": (301, "https://beian-miit.top/"),
        "https://beian-miit.top/": (302, "https://beian.miit.gov.cn/"),
        "https://beian.miit.gov.cn/": (200, None),
    }
    result = resolve(classify("https://bit.ly/x"), lambda m, u: chain[u])
    assert result.url == "https://beian.miit.gov.cn/"
    assert result.verdict == "lookalike"  # it may cloak: show us one thing, a browser another
    assert result.reasons[-1][0] == "cloaking"
    plain = resolve(
        classify("https://example.com/"),
        lambda m, u: chain.get(u, (302, "https://beian.miit.gov.cn/")),
    )
    assert plain.verdict == "other"


def test_redirect_loop_stops() -> None:
    result = resolve(classify("https://bit.ly/x"), lambda m, u: (302, u))
    assert len(result.hops) == MAX_HOPS
    assert result.reasons[-1][0] == "too_many_redirects"


def test_redirect_to_javascript_is_invalid() -> None:
    result = resolve(classify("https://bit.ly/x"), lambda m, u: (302, "javascript:alert(1)"))
    assert result.verdict == "invalid"


def test_invalid_input_is_not_fetched() -> None:
    def fetch(method: str, url: str) -> tuple[int, str | None]:
        raise AssertionError("fetched")

    assert resolve(classify("mailto:a@b.cn"), fetch).verdict == "invalid"


def test_http_fetch_reads_one_hop_only_on_loopback() -> None:
    """The real fetch against a server on 127.0.0.1: no redirect followed, no body sent."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from beianaudit.urls.resolve import http_fetch

    seen: list[tuple[str, str, str | None]] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            seen.append((self.command, self.path, self.headers.get("Cookie")))
            if self.command == "HEAD":
                self.send_response(405)
            else:
                self.send_response(302)
                self.send_header("Location", "https://beian-miit.com/next")
                self.send_header("Set-Cookie", "session=1")
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_HEAD = do_GET = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        start = classify(f"http://127.0.0.1:{server.server_port}/s?x=1")
        result = resolve(
            start,
            lambda method, url: http_fetch(method, url) if "127.0.0.1" in url else (200, None),
        )
    finally:
        server.shutdown()
        server.server_close()
    assert seen == [("HEAD", "/s?x=1", None), ("GET", "/s?x=1", None)]
    assert [hop["status"] for hop in result.hops] == [302, 200]
    assert result.verdict == "lookalike"
