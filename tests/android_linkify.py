"""A test oracle, not product code: Android's link detection ported to Python.

``Patterns.AUTOLINK_WEB_URL`` and ``Patterns.AUTOLINK_EMAIL_ADDRESS`` as the AOSP
framework (android.util.Patterns, "aosp") and androidx (PatternsCompat, "compat":
``_`` in labels, ``ftp``, a path may start with ``?``) write them, and Linkify's
gathering: a web link right after an ``@`` is skipped, web and email links are pruned
together (pruneOverlaps: the longer of two overlapping links wins).  The list of
top-level domains is approximated by the bundled Public Suffix List's top labels.
Python's ``re`` backtracks as Java's regex does for these patterns; the port is for
short messages only (the label pattern backtracks exponentially on long runs, as
Android's does)."""

from __future__ import annotations

import re
from functools import cache

import ada_url

from beianaudit.urls.classify import OFFICIAL_HOST, is_government, public_suffix

# RFC 3987 ucschar minus the spaces (Patterns.UCS_CHAR, intersected with non-space).
UCS = (
    "\u00a1-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u2fff\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
    + "".join(f"\\U{p:04x}0000-\\U{p:04x}fffd" for p in range(1, 14))
    + "\U000e1000-\U000efffd"
)
LABEL_CHAR = "a-zA-Z0-9" + UCS
TLD_CHAR = "a-zA-Z" + UCS
IP = (
    r"(?:(?:25[0-5]|2[0-4][0-9]|[0-1][0-9]{2}|[1-9][0-9]|[1-9])\.(?:25[0-5]|2[0-4][0-9]|"
    r"[0-1][0-9]{2}|[1-9][0-9]|[1-9]|0)\.(?:25[0-5]|2[0-4][0-9]|[0-1][0-9]{2}|[1-9][0-9]|"
    r"[1-9]|0)\.(?:25[0-5]|2[0-4][0-9]|[0-1][0-9]{2}|[1-9][0-9]|[0-9]))"
)
PUNY = r"xn\-\-[\w\-]{0,58}\w"
USER_INFO = (
    r"(?:[a-zA-Z0-9\$\-\_\.\+\!\*\'\(\)\,\;\?\&\=]|(?:\%[a-fA-F0-9]{2})){1,64}(?:\:(?:"
    r"[a-zA-Z0-9\$\-\_\.\+\!\*\'\(\)\,\;\?\&\=]|(?:\%[a-fA-F0-9]{2})){1,25})?\@"
)
PORT = r"\:\d{1,5}"
WORD_BOUNDARY = r"(?:\b|$|^)"
VARIANTS = ("aosp", "compat")
SCHEMES = ("http://", "https://", "rtsp://", "ftp://")


def _tlds() -> str:
    from beianaudit.urls.suffixes import rules

    tlds = sorted({r.split(".")[-1].lstrip("*!") for r in rules()}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(t) for t in tlds if t and not t.startswith("xn--")) + ")"


def _label(compat: bool) -> str:
    underscore = "_" if compat else ""
    return f"[{LABEL_CHAR}](?:[{LABEL_CHAR}{underscore}\\-]{{0,61}}[{LABEL_CHAR}])?"


@cache
def web_pattern(variant: str) -> re.Pattern[str]:
    compat = variant == "compat"
    label = _label(compat)
    path_start = "[/\\?]" if compat else "/"
    dollar = "\\$" if compat else ""
    path = (
        path_start
        + f"(?:(?:[{LABEL_CHAR};/\\?:@&=#~\\-\\.\\+!\\*'\\(\\),_{dollar}])|(?:%[a-fA-F0-9]{{2}}))*"
    )
    relaxed = f"(?:(?:{label}(?:\\.(?=\\S))?)+|{IP})"
    strict = f"(?:(?:(?:{label}\\.)+(?:{_tlds()}|{PUNY}))|{IP})"
    proto = "(?i:http|https|rtsp|ftp)://" if compat else "(?i:http|https|rtsp)://"
    with_scheme = (
        f"({WORD_BOUNDARY}(?:(?:{proto}(?:{USER_INFO})?)(?:{relaxed})?(?:{PORT})?)"
        f"(?:{path})?{WORD_BOUNDARY})"
    )
    lead = WORD_BOUNDARY if compat else r"(?:\b|$|^|www\.)"
    no_cjk_www = "" if compat else r"(?!.*[\u4e00-\u9fff]www\.)"
    without = f"({lead}(?<!://)({no_cjk_www}(?:{strict})(?:{PORT})?)(?:{path})?{WORD_BOUNDARY})"
    return re.compile(f"({with_scheme}|{without})")


@cache
def email_pattern(variant: str) -> re.Pattern[str]:
    chars = LABEL_CHAR + "\\+\\-_%'"
    host = f"(?:{_label(variant == 'compat')}\\.)+(?:{PUNY}|[{TLD_CHAR}]{{2,63}})"
    local = f"[{chars}](?:[{chars}\\.]{{0,62}}[{chars}])?"
    return re.compile(
        f"({WORD_BOUNDARY}(?:{local}@(?=.{{1,255}}(?:\\s|$|^)){host}){WORD_BOUNDARY})"
    )


def _make_url(link: str) -> str:
    for scheme in SCHEMES:
        if link.lower().startswith(scheme):
            return scheme + link[len(scheme) :]
    return "http://" + link


def linkify(text: str, variant: str = "aosp") -> list[tuple[int, int, str]]:
    """The web links Android shows in ``text``: (start, end, url opened)."""
    links: list[tuple[int, int, str, bool]] = []
    for m in web_pattern(variant).finditer(text):
        s, e = m.span()
        if s != e and not (s > 0 and text[s - 1] == "@"):
            links.append((s, e, _make_url(m.group()), True))
    for m in email_pattern(variant).finditer(text):
        s, e = m.span()
        if s != e:
            links.append((s, e, "mailto:" + m.group(), False))
    links.sort(key=lambda link: (link[0], -link[1]))
    i = 0
    while i < len(links) - 1:
        a, b = links[i], links[i + 1]
        if a[1] > b[0]:
            remove = -1
            if b[1] <= a[1] or a[1] - a[0] > b[1] - b[0]:
                remove = i + 1
            elif a[1] - a[0] < b[1] - b[0]:
                remove = i
            if remove != -1:
                links.pop(remove)
                continue
        i += 1
    return [(s, e, url) for s, e, url, web in links if web]


def opened_host(url: str) -> str | None:
    """The host a browser goes to for ``url`` (None when it cannot parse it)."""
    try:
        return str(ada_url.parse_url(url)["hostname"])
    except ValueError:
        return None


def foreign(host: str | None) -> bool:
    """A host someone other than the government can register and reach."""
    if not host:
        return False
    bare = host.rstrip(".")
    if bare == OFFICIAL_HOST:
        return False
    if bare.startswith("[") or re.fullmatch(r"\d+\.\d+\.\d+\.\d+", bare):
        return True
    if is_government(bare):
        return False
    suffix = public_suffix(bare)
    if not suffix or len(bare) <= len(suffix) + 1 or suffix in ("gov", "mil", "edu"):
        return False
    label = bare[: -len(suffix) - 1].split(".")[-1]
    return bool(re.fullmatch(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", label))


def foreign_links(text: str) -> list[tuple[str, int, int, str]]:
    """Every link Android (either variant) shows in ``text`` that opens a foreign host:
    (variant, start, end, host)."""
    found = []
    for variant in VARIANTS:
        for s, e, url in linkify(text, variant):
            host = opened_host(url)
            if foreign(host):
                found.append((variant, s, e, str(host)))
    return found
