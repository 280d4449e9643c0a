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
from dataclasses import dataclass, field
from functools import lru_cache

from beianaudit.urls.classify import is_government, public_suffix

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
_SCHEME_PREFIX = re.compile(r"(?i)(?:(?:https?|ftp|wss?|file):)?[/\\]*")
# Where the host of a link read on (as a phone may read it) ends, in the text as
# written: white space (not C0 controls: a browser keeps those inside), the start of
# a path, query or fragment, and the marks that end a Chinese clause (a full-width
# ： too, which mapping would make a port colon).  A full stop 。 is no end: it is a
# dot to a browser.
_HOST_END = re.compile(
    "[/?#\\\\ \t\n\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000，、；：！？]"
)
# No DNS name is longer: a host past this cannot be reached, whatever it says.
_MAX_HOST = 253
_IP_LIKE = re.compile(r"(?i)(?=.*\d)[0-9a-fx.]+|\[.*\]")


@dataclass(frozen=True)
class Found:
    """One link in the text: where, as written, and in the form to judge."""

    start: int
    written: str  # the original characters
    link: str  # as written, but for a full-width scheme prefix: what is judged
    # Where the link's host ends when read on, as a phone's link detection reads it,
    # if that is past the link's own end (-1 otherwise): see reading() and read_on.
    stop: int = -1
    text: str = field(default="", repr=False, compare=False)  # the whole text, shared

    def reading(self, limit: int) -> str | None:
        """The link read on to the end of its host, to be judged by the browser's parser
        when the link itself is official (read_on): ``None`` when the link ends at the
        end of its host, ``""`` when the reading is longer than ``limit``."""
        if self.stop < 0:
            return None
        if self.stop - self.start > limit:
            return ""
        return _browser_form(self.text[self.start : self.stop])


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


@lru_cache(maxsize=4096)  # a message repeats its links; a crafted one repeats them a lot
def _real_host(host: str | None) -> bool:
    """A dotted host whose last labels are a public suffix, with a label before it."""
    if not host or "." not in host or not re.fullmatch(r"[^\s:]+", host):
        return False
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){3}", host):
        return True
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
    ahead = _Ahead(text, mapped)
    covered = 0  # a link read on through later tokens takes them in
    for token in _TOKEN.finditer(mapped):
        start, end = token.span()
        if start < covered:
            continue
        scheme = _SCHEMED.search(mapped, start, end)
        if scheme and not _host_before(mapped, start, scheme.start()):
            start = scheme.start()
        start, end = _trim(mapped, start, end)
        runs_on, stop = ahead.runs_on(start, end)
        if not scheme and mapped.find(".", start, max(end, stop)) == -1:
            continue  # no scheme and no dot, read on or not: no link
        cut = _host_of(mapped[start:end]) if runs_on else None
        if runs_on and (cut or "").lower().rstrip(".") != _OFFICIAL:
            # An official-looking link is never extended: its reading is judged by the
            # browser's parser if the link is official (read_on), whatever it holds.
            host = ahead.host(start, stop)
            if host and host != cut and not is_government(host):
                end = covered = _token_end(mapped, start, stop)  # beian-miit.中国/login
                runs_on = False
        link = mapped[start:end]
        if not link or not (scheme or _looks_like_host(link)):
            continue
        written = text[start:end]
        found.append(Found(start, written, _browser_form(written), stop if runs_on else -1, text))
    return found


_OFFICIAL = "beian.miit.gov.cn"


def _host_before(mapped: str, start: int, scheme: int) -> bool:
    """Whether the token names a host before the scheme found inside it:
    ``evil.com/https://beian.miit.gov.cn`` goes to evil.com, the rest is its path."""
    lead, _ = _trim(mapped, start, scheme)
    return lead < scheme and _real_host(_host_of(mapped[lead:scheme]))


def _token_end(mapped: str, start: int, at: int) -> int:
    """The end of the link read on to ``at`` and on through the token there (its path)."""
    token = _TOKEN.match(mapped, at)
    return _trim(mapped, start, token.end() if token else at)[1]


class _Ahead:
    """Where a link read on ends: the end of its host (the next ``_HOST_END`` of the
    text as written: a full-width ： ends a clause, a mapped one would be a port) and
    the last ``@`` before it.  Both searches go forward only and are remembered, so a
    megabyte without white space costs one pass, not one per link."""

    def __init__(self, text: str, mapped: str) -> None:
        self.text, self.mapped = text, mapped
        self.searched = self.stop = -1  # no host end in [searched, stop)
        self.at_to = 0  # "@"s are known up to here…
        self.last_at = -1  # …and this is the last of them

    def _host_end(self, pos: int) -> int:
        if not (self.searched <= pos <= self.stop):
            found = _HOST_END.search(self.text, pos)
            self.searched, self.stop = pos, found.start() if found else len(self.text)
        return self.stop

    def _last_at(self, before: int) -> int:
        if before > self.at_to:
            at = self.text.rfind("@", self.at_to, before)
            self.last_at, self.at_to = (at if at != -1 else self.last_at), before
        return self.last_at

    def runs_on(self, start: int, end: int) -> tuple[bool, int]:
        """Whether the link at ``start:end`` stops short of the end of its host, and
        where that is."""
        authority = _SCHEME_PREFIX.match(self.mapped, start).end()  # an index, not a length
        stop = self._host_end(authority)
        return stop > end, stop

    def host(self, start: int, stop: int) -> str:
        """The host named by the link at ``start`` read on to ``stop``, when it can be
        reached (a public suffix, or an IP address); ``""`` otherwise."""
        authority = _SCHEME_PREFIX.match(self.mapped, start).end()
        at = self._last_at(stop)
        lo = at + 1 if at >= authority else authority
        if stop - lo > _MAX_HOST + 6 or self.mapped.find(".", lo, stop) == -1:
            return ""
        host = re.sub(r":\d*$", "", self.mapped[lo:stop]).rstrip(".")
        reachable = _real_host(host) or (at >= start and _IP_LIKE.fullmatch(host))
        return host if reachable else ""
