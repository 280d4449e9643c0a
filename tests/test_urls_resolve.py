"""Redirect following with an injected fetch: HEAD then GET, ten hops at most."""

from __future__ import annotations

from beianaudit.url_classify import classify
from beianaudit.url_resolve import MAX_HOPS, resolve


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
