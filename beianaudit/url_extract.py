"""Find every link-like thing in free text: an SMS, an email, a chat message.

Chinese text puts links right next to ideographs, with no space, often with
full-width punctuation around or inside them (``https：／／beian。miit。gov。cn``),
and often without a scheme (``beian-miit.cn/login``).  The text is first mapped
character for character (full-width ASCII to ASCII, ideographic full stops to dots)
so that offsets still point into the original; a link then runs until whitespace,
an ideograph or CJK punctuation.

The mapped form only finds where a link starts and ends.  What gets judged is the
link as written, with only its scheme prefix mapped (``https：／／`` → ``https://``):
a browser itself maps full-width dots and letters in a host name, but a full-width
slash is no delimiter to it, so ``https://beian.miit.gov.cn／@evil.com`` goes to
evil.com, and judging the mapped form would call it official.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Full-width forms that a link may be written with; full-width commas, brackets,
# quotes and the like are left alone: they end a link.
_MAPPED = {0x3002: ".", 0xFF61: ".", 0xFF0E: ".", 0xFF1A: ":", 0xFF0F: "/", 0xFF3C: "\\"}
_MAPPED.update({c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)})  # digits
_MAPPED.update({c: chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # upper case
_MAPPED.update({c: chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # lower case
_MAPPED.update({ord(c): chr(ord(c) - 0xFEE0) for c in "－＿～？＃＝＆％"})
_TABLE = str.maketrans(_MAPPED)

# What ends a link: white space, ASCII that never occurs in a link as people write
# it, ideographs, kana and hangul, and the punctuation of a Chinese sentence.  Any
# other character stays inside and the URL parser decides: a symbol such as ﹒
# (small full stop) is a dot to a browser, so a link must not end there; an
# invisible format character (a zero-width space) is a trick worth judging.
_TOKEN = re.compile(
    '[^\\s\x00-\x1f\x7f<>"`{}|^'
    "\u2e80-\u2fff\u3040-\u31ff\u3400-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
    "\U00020000-\U0003ffff"
    "，、；！（）「」『』【】〔〕《》〈〉“”‘’…—·]+"
)
_SCHEMED = re.compile(
    r"(?i)(?<![a-z0-9])(?:(?:https?|ftp|file|wss?)://|(?:https?):[\\/]|(?:javascript|vbscript|data|mailto):)"
)
_PREFIX = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]{1,12}[:：][/／\\＼]{0,2}")
_LEAD = "([{<'\":,;.!?*-"
_TRAIL = ".,;:!?'\"*>]}"
_SPACE = re.compile(r"\s")
_SCHEME_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[/\\]*")
# A longer reading is cut here: a link is judged up to 64 KiB anyway, and a long
# run without white space must not make each link in it read to its far end.
_LONGER_MAX = 4096


@dataclass(frozen=True)
class Found:
    """One link in the text: where, as written, and in the form to judge."""

    start: int
    written: str  # the original characters
    link: str  # as written, but for a full-width scheme prefix: what is judged
    # The link read on to the next white space, when the text runs straight on after
    # it: a phone's link detection may take that longer reading (see read_on in
    # url_classify).  "" when the link ends at white space or at a sentence's end.
    longer: str = ""


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _LEAD:
        start += 1
    # Counted once and kept up to date: counting again at each step was quadratic
    # (a link followed by 40,000 ")" took half a second, a 10 MB message hours).
    opened, closed = text.count("(", start, end), text.count(")", start, end)
    while end > start:
        last = text[end - 1]
        unbalanced = last == ")" and opened < closed
        if last in _TRAIL or unbalanced:
            end -= 1
            if last == ")":
                closed -= 1
        else:
            break
    return start, end


def _host_of(link: str) -> str | None:
    """The host a mapped link names (scheme, userinfo, port dropped); ``None`` for an
    email address (a user@host without a path)."""
    scheme = _SCHEME_PREFIX.match(link)  # at the start only: searched, it was quadratic
    link = link[scheme.end() :] if scheme else link
    authority = re.split(r"[/?#\\]", link, maxsplit=1)[0]
    if "@" in authority and len(authority) == len(link):
        return None
    return re.sub(r":\d*$", "", authority.rsplit("@", 1)[-1]).rstrip(".")


def _real_host(host: str | None) -> bool:
    """A dotted host whose last labels are a public suffix, with a label before it."""
    if not host or "." not in host or not re.fullmatch(r"[^\s:]+", host):
        return False
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){3}", host):
        return True
    from beianaudit.url_classify import public_suffix

    suffix = public_suffix(host)
    return bool(suffix) and len(host) > len(suffix) + 1


def _looks_like_host(link: str) -> bool:
    """A link without a scheme: a dotted host whose last labels are a public suffix."""
    return _real_host(_host_of(link))


def _browser_form(written: str) -> str:
    """``written`` with a full-width scheme prefix mapped, and nothing else."""
    prefix = _PREFIX.match(written)
    if not prefix:
        return written
    return prefix.group().translate(_TABLE) + written[prefix.end() :]


def extract(text: str) -> list[Found]:
    """Every link-like thing in ``text``, in order."""
    mapped = text.translate(_TABLE)
    found: list[Found] = []
    for token in _TOKEN.finditer(mapped):
        start, end = token.span()
        scheme = _SCHEMED.search(mapped, start, end)
        if scheme:
            start = scheme.start()
        start, end = _trim(mapped, start, end)
        far = _read_on(mapped, start, end)
        if far > end and _longer_host(mapped, start, end, far):
            end = far  # beian-miit.中国/login: the host goes on through the ideographs
        link = mapped[start:end]
        if not link or not (scheme or _looks_like_host(link)):
            continue
        written = text[start:end]
        longer = _browser_form(text[start:far]) if far > end else ""
        found.append(Found(start, written, _browser_form(written), longer))
    return found


def _read_on(mapped: str, start: int, end: int) -> int:
    """Where the link at ``start:end`` ends when read on to the next white space, as a
    phone's link detection may read it (``end`` when it ends at white space)."""
    limit = min(len(mapped), start + _LONGER_MAX)
    if end >= limit or mapped[end].isspace():
        return end
    space = _SPACE.search(mapped, end, limit)
    return max(end, _trim(mapped, start, space.start() if space else limit)[1])


def _longer_host(mapped: str, start: int, end: int, far: int) -> bool:
    """Whether reading on names another host, and a real one (a public suffix such as
    中国 or 网址 at its end): then the ideographs belong to the host, as they do to a
    browser.  ``…gov.cn处理`` or ``…gov.cn，谢谢`` names no such host and ends as before."""
    host = _host_of(mapped[start:far])
    return host != _host_of(mapped[start:end]) and _real_host(host)
