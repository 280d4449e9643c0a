"""Follow a link's redirects: the only network code of the URL feature (``--resolve``).

HEAD first, GET when the server refuses HEAD; at most ten hops, short timeouts, no
cookies, no body read and nothing ever submitted.  Every hop is judged with the
same :func:`~beianaudit.urls.classify.classify`, and the final address carries the
verdict.  Each URL handed to the network is ada-url's serialisation, so the
connection goes where a browser's would, whatever urllib would make of the input.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from beianaudit import __version__
from beianaudit.urls.classify import (
    GOV_OTHER,
    INVALID,
    LOOKALIKE,
    OFFICIAL,
    OFFICIAL_INSECURE,
    OTHER,
    UrlResult,
    classify,
)

MAX_HOPS = 10
TIMEOUT = 5.0
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# (method, url) -> (status, Location header or None)
Fetch = Callable[[str, str], tuple[int, str | None]]


def http_fetch(method: str, url: str) -> tuple[int, str | None]:
    """One request, no redirect followed, no cookie kept, the body left unread."""
    import http.client

    import ada_url

    parts = ada_url.URL(url)
    port = int(parts.port) if parts.port else None
    connection_class = (
        http.client.HTTPSConnection if parts.protocol == "https:" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname, port, timeout=TIMEOUT)
    try:
        connection.request(
            method,
            (parts.pathname or "/") + parts.search,
            headers={"User-Agent": f"beianaudit/{__version__} (link check)", "Accept": "*/*"},
        )
        response = connection.getresponse()
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def _request(fetch: Fetch, url: str) -> tuple[int, str | None]:
    status, location = fetch("HEAD", url)
    if status in (400, 403, 404, 405, 501):
        status, location = fetch("GET", url)
    return status, location


def resolve(result: UrlResult, fetch: Fetch | None = None) -> UrlResult:
    """``result`` judged at the end of its redirect chain, with every hop listed."""
    import ada_url

    fetch = fetch or http_fetch
    if result.verdict == INVALID:
        return result
    hops: list[dict[str, Any]] = []
    passed: list[UrlResult] = []  # the addresses that redirected
    current = result
    problem: tuple[str, dict[str, str]] | None = None
    for _ in range(MAX_HOPS + 1):
        if current.verdict == INVALID:
            break
        if len(hops) == MAX_HOPS:
            problem = ("too_many_redirects", {"hops": str(MAX_HOPS)})
            break
        hop: dict[str, Any] = {"url": current.url, "verdict": current.verdict}
        hops.append(hop)
        try:
            status, location = _request(fetch, current.url)
        except Exception as exc:  # the network's failures are many; name the type only
            hop["error"] = type(exc).__name__
            problem = failure_reason(exc)
            break
        hop["status"] = status
        if status not in REDIRECTS or not location:
            break
        try:
            target = ada_url.join_url(current.url, location)
        except ValueError:
            target = location
        passed.append(current)
        current = classify(target)
    reasons = list(current.reasons)
    verdict = current.verdict
    if passed:
        reasons.append(("redirected", {"hops": str(len(passed))}))
    cloaker = _cloaker(passed) if verdict in (OFFICIAL, OFFICIAL_INSECURE) else None
    if cloaker:
        verdict = LOOKALIKE if cloaker.verdict == LOOKALIKE else OTHER
        reasons.append(("cloaking", {"host": cloaker.host_unicode or cloaker.host}))
    if problem:
        # "expand it with --resolve" is no advice to someone who gave --resolve.
        reasons = [
            ("shortener_unresolved", params) if code == "shortener" else (code, params)
            for code, params in reasons
        ]
        reasons.append(problem)
    return dataclasses.replace(
        current, input=result.input, verdict=verdict, reasons=tuple(reasons), hops=tuple(hops)
    )


# Reason codes of a link that could not be followed (see classify's texts).
FAILURES = frozenset({"resolve_failed", "no_network", "resolve_timeout", "resolve_tls"})


def failure_reason(exc: Exception) -> tuple[str, dict[str, str]]:
    """Why a request failed, as a reason a person can act on; the exception's type stays
    in the data (``error``) for a bug report, its message nowhere."""
    import errno
    import socket
    import ssl

    params = {"error": type(exc).__name__}
    if isinstance(exc, socket.gaierror) or getattr(exc, "errno", None) in (
        errno.ENETUNREACH,
        errno.ENETDOWN,
        errno.EHOSTUNREACH,
    ):
        # Name resolution fails alike with no network and with no such host.
        return "no_network", params
    if isinstance(exc, TimeoutError):
        return "resolve_timeout", {**params, "seconds": f"{TIMEOUT:g}"}
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return "resolve_tls", params
    return "resolve_failed", params


def failed(result: UrlResult) -> bool:
    """``--resolve`` could not follow ``result`` to its end (a failed side action)."""
    return any(code in FAILURES for code, _params in result.reasons)


def _cloaker(passed: list[UrlResult]) -> UrlResult | None:
    """The first redirecting address that could send a browser elsewhere than it sent us.

    A site may redirect a checker to the real filing system and a browser to a
    phishing page (cloaking); only link shorteners and government hosts are trusted
    to redirect everyone alike, so only through them does a link end ``official``.
    """
    for hop in passed:
        trusted = hop.verdict in (OFFICIAL, OFFICIAL_INSECURE, GOV_OTHER)
        if not trusted and not any(code == "shortener" for code, _params in hop.reasons):
            return hop
    return None
