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

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

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
    "，、；！（）「」『』【】〔〕《》〈〉“”‘’…—·"
    # Arrows, pointing hands, shapes, dingbats and emoji pictographs that a message puts
    # before a link (→beian-miit.com, ☞, ▶, 👉), and the CJK symbols and brackets but the
    # full stop.  None that the confusables table makes a letter or digit (APL ⍳ ⍺,
    # 〇, alchemical 🜔): those are letters of a host to a browser; nor the enclosed
    # letters (🄴, ⓒ), which IDNA maps to letters (test_urls_confusables).
    "\u2190-\u21ff\u23e9-\u23f3\u25a0-\u27bf\u2b00-\u2bff\u3001\u3003-\u3006\u3008-\u303f"
    "\U0001f300-\U0001f6ff\U0001f780-\U0001faff]+"
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
_PATH_START = re.compile(r"[/?#\\]")
_PORT_END = re.compile(r":\d*$")
_PORT_DIGITS = re.compile(r"[0-9]*")
_HOST_CHARS = re.compile(r"[^\s:]+")
_DOTTED_QUAD = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_TO_HOST_END = re.compile(r"[^/?#\\\[:@]*")
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
    # For a link in markup (an HTML anchor, a Markdown link): the text shown for it.
    shown: str = ""
    # The links Android shows that overlap this one but start or end elsewhere
    # (android_links): ``请登录https://beian.miit.gov.cn、.evil.com`` is read from ``miit``.
    phone: tuple[str, ...] = ()
    # A link in markup (an anchor's href, a Markdown target): no phone reads it in text.
    markup: bool = False
    # A target in markup that a browser resolves against the page it sits on
    # (relative_target): it opens the page's own site, whatever host it names.
    relative: bool = False

    def reading(self, limit: int) -> str | None:
        """The link read on to the end of its host, to be judged by the browser's parser
        when the link itself is official (read_on): ``None`` when the link ends at the
        end of its host, ``""`` when the reading is longer than ``limit``."""
        if self.stop < 0:
            return None
        if self.stop - self.start > limit:
            return ""
        return _browser_form(self.text[self.start : self.stop])

    def at_host_end(self, parsed: bool) -> Found | None:
        """The link ended where the letters, digits, dots and hyphens of its host end, if
        a phone or a browser ends it there: Android's link ends there (``…gov.cn[强]``,
        ``…gov.cn&nbsp;``, ``…gov.cn~``), or, when the browser ``parsed`` the whole link
        to a host no one can reach (judge_found), after any symbol (``…gov.cn～～``,
        ``…gov.cn①``).  ``None`` otherwise, or if the link ends there already, or is a
        target in markup (the browser opens it whole): a character a browser refuses in
        a host (``…gov.cn﹒evil.com``, a joiner) keeps the whole link invalid.  The host
        is read after a scheme written in full-width forms (``https：／／``) and with the
        dots a browser reads as dots (``beian。miit``); a link with an ``@`` before its
        path is never cut: its host is after the ``@`` (``…gov.cn@evil.com①`` goes to
        evil.com for a reader stopping at ①), nor before a port: it ends after its
        digits (``…gov.cn:8443～`` is another port, ``…gov.cn:99999`` no link at all)."""
        if self.markup or len(self.link) != len(self.written):
            return None
        authority = self.start + _SCHEME_PREFIX.match(self.link).end()
        end = _HOST_LETTERS.match(self.text, authority).end()
        bound = self.start + len(self.written)
        if not authority < end < bound:
            return None
        if "@" in _PATH_START.split(self.text[authority:bound], maxsplit=1)[0]:
            return None
        android = all(android_end(self.text, authority, bound, u) == end for u in (False, True))
        if self.text[end] == ":":  # a port: kept (…cn:8443 another, …cn:99999 none)
            end = _PORT_DIGITS.match(self.text, end + 1).end()
            if not end < bound:
                return None
        invisible = _formatting(self.text[end:bound])  # …gov.cn\u200e: seen as ending there
        if not (parsed or android or invisible or _delimiter_like(self.text[end])):
            return None
        written = self.text[self.start : end]
        stop = self.stop if self.stop > end else -1
        return replace(self, written=written, link=_browser_form(written), stop=stop)

    def symbol_stops(self, after: int) -> list[str]:
        """The link ended before each symbol, punctuation mark or number sign past its
        first ``after`` characters (non-ASCII, Unicode S*, P*, No: where a person or a
        chat program may end it), in the form to judge; ``[""]`` (too long: judged not
        official) past the 32nd.  ``https://beian.miit.gov.cn①.evil.com～`` reaches
        no one whole, but ended at ～ it opens evil.com."""
        import unicodedata

        stops: list[str] = []
        for pos in range(self.start + after + 1, self.start + len(self.written)):
            kind = "" if self.text[pos].isascii() else unicodedata.category(self.text[pos])
            if not (kind[:1] in ("S", "P") or kind == "No"):
                continue
            if len(stops) == 32:
                return [""]
            stops.append(_browser_form(self.text[self.start : pos]))
        return stops

    def readings(self, limit: int) -> list[tuple[str, str]]:
        """Every reading a phone or a chat program may make of the link, as
        ``(reader, text)``, where it is longer than the link: ``clause`` (on to the end of
        its host, stopping at a clause mark, as iOS does), ``android`` (Android's
        Patterns.AUTOLINK_WEB_URL: its label characters take every character from
        U+00A0 on, the clause marks ，、；： too), ``space`` (a greedy reader, on to the
        next white space).  A reading longer than ``limit`` is ``""``."""
        end = self.start + len(self.written)
        if limit < 0:  # past the readings a message may have: any run-on is too long
            runs_on = end < len(self.text) and not self.text[end].isspace()
            return [("space", "")] if runs_on else []
        found: list[tuple[str, int]] = []
        authority = _SCHEME_PREFIX.match(self.text, self.start).end()
        bound = min(len(self.text), self.start + limit + 1)
        for underscore in (False, True):  # Android's framework, then androidx
            stop = android_end(self.text, authority, bound, underscore)
            if stop > end:
                found.append(("android", stop))
        found.append(("space", _NO_SPACE.match(self.text, authority, bound).end()))
        if self.stop >= 0:
            found.insert(0, ("clause", self.stop))
        readings: list[tuple[str, str]] = []
        for reader, stop in found:
            text = self.text[self.start : stop]
            if stop > end and all(text != t for _r, t in readings):
                too_long = stop - self.start > limit
                readings.append((reader, "" if too_long else _browser_form(text)))
        rendered = self._rendered(bound)
        if rendered is not None:
            readings.append(("rendered", rendered))
        return readings

    def _rendered(self, bound: int) -> str | None:
        """The link read on as a mail client or a browser shows text that is HTML: its
        character references decoded (``…gov.cn&#46;evil.com`` is shown, and linked, as
        ``…gov.cn.evil.com``), up to the next tag or white space; ``None`` when the text
        is no HTML or the link is followed by no reference."""
        import html

        if "<" not in self.text or not _HTML_TAG.search(self.text):
            return None
        parts, pos = [], self.start
        while True:  # on across tags that render as nothing (…gov.cn<wbr>.evil.com)
            stop = _RENDERED_RUN.match(self.text, pos, bound).end()
            parts.append(self.text[pos:stop])
            empty = _EMPTY_TAG.match(self.text, stop, bound)
            if empty is None:
                break
            pos = empty.end()
        run = "".join(parts)
        if "&" not in run[len(self.written) :] and len(parts) == 1:
            return None
        shown = html.unescape(run)
        return _browser_form(shown) if shown != self.written else None


def _delimiter_like(ch: str) -> bool:
    """A full-width or small form of a delimiter a browser refuses in a host (``／ ＼ ｜
    ？ ＃``, ``﹨``…): UTS #46 maps it to its ASCII form, a forbidden host code point, so
    the WHATWG parser refuses the whole URL (``https://beian.miit.gov.cn／`` opens
    nothing), and a person reads the host as ending there.  Not ``＠`` nor a dot: a
    person reads those as part of an address (``…gov.cn＠evil.com``, ``…gov.cn﹒evil.com``)."""
    import unicodedata

    return not ch.isascii() and unicodedata.normalize("NFKC", ch) in ("/", "\\", "|", "?", "#")


def _formatting(tail: str) -> bool:
    """Whether ``tail`` is only format characters (Unicode category Cf: LRM, ZWJ, the
    bidi embeddings and isolates, which copy-paste from right-to-left or rich-text apps
    appends): the person sees the link end before them, as before ～, while a browser
    refuses a host holding most of them (``…gov.cn\u200e``)."""
    import unicodedata

    return all(unicodedata.category(ch) == "Cf" for ch in tail)


# Text that is HTML (a start or end tag), and a link's run in it up to a tag or a space.
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:[\s/][^<>]*)?>")
_RENDERED_RUN = re.compile(r"[^<\s]*")
# A tag that renders as nothing between two runs of text: a word-break opportunity, an
# inline element's start or end tag, a comment (not <br>, <p>…: a line apart).
_EMPTY_TAG = re.compile(
    r"(?i)</?(?:wbr|span|b|i|u|s|em|strong|font|small|big|code|mark|sub|sup|ins|del)"
    r"(?:[\s/][^<>]*)?>|<!--.*?-->",
    re.S,
)


# Android's label characters (android.util.Patterns: LABEL_CHAR is a-zA-Z0-9 and
# UCS_CHAR, RFC 3987's characters from U+00A0 up but for surrogates, noncharacters and
# the spaces U+00A0, U+2000-200A, U+2028, U+2029, U+202F, U+3000), with its dots and
# hyphens, and "_" in androidx's PatternsCompat: the host of a phone's reading runs
# while these do (and then backs off: android_end).
_UCS = (
    "\u00a1-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u2fff\u3001-\ud7ff"
    "\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U000dfffd\U000e1000-\U000efffd"
)
_ANDROID_HOST = {
    underscore: f"[a-zA-Z0-9.\\-{'_' if underscore else ''}{_UCS}]*" for underscore in (False, True)
}
_LABEL_CHAR = f"[a-zA-Z0-9{_UCS}]"
# Well-formed labels, one dot between them, each starting and ending with a label
# character ("-" and "_" only inside): android_end's host, matched within its run.
_LABEL = f"[a-zA-Z0-9{_UCS}](?:[a-zA-Z0-9{_UCS}_-]*[a-zA-Z0-9{_UCS}])?"
_LABELS = f"{_LABEL}(?:\\.{_LABEL})*"


@cache
def _compiled(source: str) -> re.Pattern[str]:
    """A pattern over Android's label characters, compiled on first use: some 60 ms for
    all, which only a text's links need (not the batch mode, which imports Found), and
    then looked up faster than through re's own cache."""
    return re.compile(source)


_NO_SPACE = re.compile(r"\S*")


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def android_end(text: str, pos: int, bound: int, underscore: bool) -> int:
    """Where Android's reading of a host starting at ``pos`` ends (AUTOLINK_WEB_URL):
    labels of label characters, with hyphens (and "_") inside but never at either end,
    one dot between labels; then, unless a port or path follows, the match backs off to
    the last label character at a word boundary.  So ``…gov.cn、.evil.com-`` is read
    as ``…gov.cn、.evil.com`` and ``…evil.中国… 谢谢`` as ``…evil.中国``.  Two compiled
    matches over the run, and one step back."""
    run = _compiled(_ANDROID_HOST[underscore]).match(text, pos, bound).end()
    labels = _compiled(_LABELS).match(text, pos, run)  # its labels, to the last label character
    end = labels.end() if labels else pos
    if end == run and end < len(text) and (text[end] == "/" or (underscore and text[end] == "?")):
        return end  # a path follows: the host is whole
    port = _PORT.match(text, end) if end == run else None
    if port and (
        port.end() == len(text) or text[port.end()] in "/?" or _boundary(text, port.end())
    ):
        return end  # and so does a port (…gov.cn。:443｡备案.中国: the 。 is the host's)
    while end > pos and not (
        _compiled(_LABEL_CHAR).match(text, end - 1)
        and (end == len(text) or _word(text[end - 1]) != _word(text[end]))
    ):
        end -= 1
    return end


def trimmed(reading: str) -> str:
    """A reading of a link cut where Android's would end its host (``android_end``):
    ``https://beian.miit.gov.cn、.evil.com-`` is ``…evil.com``, a host a browser
    reaches, where the reading itself names none (``com-`` is no public suffix).  A
    reading with userinfo (``beian.miit.gov.cn@evil.com，…``, ``…gov.cn:443@evil.com）``)
    is cut where the letters of the host after its ``@`` end, as a person copying it
    or any linkifier trims the mark after it: that opens evil.com."""
    authority = _SCHEME_PREFIX.match(reading).end()
    path = _PATH_START.search(reading, authority)
    at = reading.rfind("@", authority, path.start() if path else len(reading))
    if at >= 0:
        return reading[: _HOST_LETTERS.match(reading, at + 1).end()]
    end = android_end(reading, authority, len(reading), True)
    host_end = _compiled(_ANDROID_HOST[True]).match(reading, authority).end()
    return reading if end >= host_end else reading[:end]


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


@lru_cache(maxsize=4096)  # asked of each link several times, and a message repeats its links
def _host_of(link: str) -> str | None:
    """The host a mapped link names (scheme, userinfo, port dropped); ``None`` for an
    email address (a user@host without a path)."""
    scheme = _SCHEME_PREFIX.match(link)  # at the start only: searched, it was quadratic
    link = link[scheme.end() :] if scheme else link
    authority = _PATH_START.split(link, maxsplit=1)[0]
    if "@" in authority and len(authority) == len(link):
        return None
    return _PORT_END.sub("", authority.rsplit("@", 1)[-1]).rstrip(".")


@lru_cache(maxsize=4096)  # a message repeats its links; a crafted one repeats them a lot
def _real_host(host: str | None) -> bool:
    """A dotted host whose last labels are a public suffix, with a label before it."""
    if not host or "." not in host or not _HOST_CHARS.fullmatch(host):
        return False
    if _DOTTED_QUAD.fullmatch(host):
        return True
    suffix = public_suffix(host)
    return bool(suffix) and len(host) > len(suffix) + 1


@lru_cache(maxsize=4096)  # a message repeats its links
def _own_host(link: str) -> str:
    """The host of a link as judged (mapped first), in lower case; ``""`` if none."""
    return (_host_of(link.translate(_TABLE)) or "").lower()


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
        if not scheme and ahead.next_dot(start) >= ahead._host_end(end):
            # The test below, made before trimming: no dot before the host can end (the
            # link's authority is in the token), so no link (a megabyte of "a备": 2.3 s, 0.8 s).
            continue
        if scheme and not _host_before(mapped, start, scheme.start()):
            # A host right before the scheme is a link of its own to a phone, and the
            # only one where an "@" joins them (Linkify skips a link after an "@"):
            # evil.com@https://beian.miit.gov.cn/ shows evil.com.
            lead, tail = _trim(mapped, start, scheme.start())
            while tail > lead and mapped[tail - 1] in "@.":
                tail -= 1
            if lead < tail and _looks_like_host(mapped[lead:tail]):
                found.append(_new(text, lead, tail))
            start = scheme.start()
        start, end = _trim(mapped, start, end)
        runs_on, stop = ahead.runs_on(start, end)
        if not scheme and ahead.next_dot(start) >= max(end, stop):
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
        hosted = False
        if link and not scheme and not _looks_like_host(link):
            # after any underscores of Markdown or chat emphasis (_beian.miit.gov.cn_)
            lo = start + len(link) - len(link.lstrip("_"))
            hosted = _host_then_symbol(mapped, lo, end)
            start = lo if hosted else start
        if link and not scheme and not hosted and not _looks_like_host(link):
            # A host a phone reads inside the token: from its first letter or digit (after
            # an invisible ‍1.2.3.4) to where a label cannot go on (x_y.evil.com-).
            first = _HOST_CHAR.search(mapped, start, end)
            lo = first.start() if first else end
            cut = android_end(mapped, lo, end, True)
            if lo < cut and (lo, cut) != (start, end) and _looks_like_host(mapped[lo:cut]):
                # and what a phone shows in the rest of the token (…CN;&x_y.evil.com%)
                rest = _inner_links(_new(text, lo, end), mapped)
                found.extend(f for f in rest if f.start >= cut)
                start, end = lo, cut
                link = mapped[start:end]
        if not link or not (scheme or hosted or _looks_like_host(link)):
            continue
        written = text[start:end]
        found.append(Found(start, written, _browser_form(written), stop if runs_on else -1, text))
    found = _merge(found, _idn_hosts(text, mapped))
    seen = {f.start for f in found}
    for item in _second_links(found, mapped):
        if item.start not in seen:
            seen.add(item.start)
            found.append(item)
    found.sort(key=lambda f: f.start)
    return _pair_up(_phone_links(found, text), text)


def _host_then_symbol(mapped: str, start: int, end: int) -> bool:
    """Whether the token at ``start:end`` starts with a host (ASCII letters, digits, dots
    and hyphens under a public suffix) that runs into a symbol (``beian.miit.gov.cn•``,
    ``…gov.cn①``, ``…gov.cn｜``) or trailing underscores (``_beian.miit.gov.cn_``,
    Markdown emphasis): such a token is found whole, as it is after a scheme, and
    judged alike (judge_found ends it where a phone or a browser ends it).  Found
    otherwise, the host glued to the words before it (``登录beian.miit.gov.cn``) was
    judged instead, a name no one wrote."""
    import unicodedata

    host_end = _ASCII_HOST.match(mapped, start, end).end()
    if not start < host_end < end:
        return False
    if mapped[host_end] == "_":  # Markdown or chat emphasis ending the token: _beian…cn_
        return not mapped[host_end:end].strip("_") and _real_host(mapped[start:host_end])
    if mapped[host_end].isascii():
        return False
    # A symbol, a punctuation mark or a number sign such as ①; not a letter, a mark or
    # an invisible format character, which a browser may read into the host (judged as
    # a phone reads the token: below in extract).
    kind = unicodedata.category(mapped[host_end])
    return (kind[0] in "SP" or kind == "No") and _real_host(mapped[start:host_end])


def _phone_links(found: list[Found], text: str) -> list[Found]:
    """``found`` with the links Android shows (android_links): one that overlaps a link
    found here but is not it becomes a reading of that link (``Found.phone``); one that
    overlaps none is a link of its own."""
    spans = android_links(text)
    if not spans:
        return found
    starts = [f.start for f in found]
    ends = [f.start + len(f.written) for f in found]
    own = set(zip(starts, ends, strict=True))
    # outer[i]: of the links starting up to the i-th, the one that ends last: a link
    # found here that takes in many others (a long official one) is always looked at.
    outer, last = [], -1
    for i, end in enumerate(ends):
        last = i if last < 0 or end > ends[last] else last
        outer.append(last)
    phone: dict[int, list[str]] = {}
    added: list[Found] = []
    for start, end in spans:
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        before = set(range(max(0, lo - 8), lo)) | ({outer[lo - 1]} if lo else set())
        near = [i for i in sorted(before) if ends[i] > start]
        # A link found here as the phone shows it is judged on its own, and is a reading
        # of any other it overlaps (https://beian.miit.gov.cn#evil.com: evil.com).
        overlapping = [
            i
            for i in near + list(range(lo, hi))
            if (found[i].start, found[i].start + len(found[i].written)) != (start, end)
        ]
        if not overlapping:
            if (start, end) not in own:
                added.append(_new(text, start, end))
            continue
        for i in overlapping:
            phone.setdefault(i, []).append(text[start:end])
    result = [  # built directly: dataclasses.replace costs a field-by-field look-up each
        Found(f.start, f.written, f.link, f.stop, f.text, f.shown, tuple(phone[i]))
        if i in phone
        else f
        for i, f in enumerate(found)
    ]
    return sorted(result + added, key=lambda f: f.start) if added else result


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
        self.dot = -1  # the first "." at or after where it was last searched from

    def next_dot(self, pos: int) -> int:
        """Where the next dot of the mapped text is (its length if none): searched again
        only when ``pos`` is past the last one found, so one pass in all.  Searching to
        the end for every dot-less token was quadratic (5 MB of "a备": 55 s)."""
        if self.dot < pos:
            found = self.mapped.find(".", pos)
            self.dot = found if found != -1 else len(self.mapped)
        return self.dot

    def _host_end(self, pos: int) -> int:
        if self.searched <= pos <= self.stop:
            return self.stop
        if pos < self.searched:  # a step back (within a token): only the gap is searched
            found = _HOST_END.search(self.text, pos, self.searched)
            self.searched, self.stop = pos, found.start() if found else self.stop
            return self.stop
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
        host = _PORT_END.sub("", self.mapped[lo:stop]).rstrip(".")
        reachable = _real_host(host) or (at >= start and _IP_LIKE.fullmatch(host))
        return host if reachable else ""


def _new(text: str, start: int, end: int) -> Found:
    written = text[start:end]
    return Found(start, written, _browser_form(written), -1, text)


# A run of host characters (Unicode letters and digits, dots a browser reads as dots,
# hyphens), after an optional scheme: a host written in Chinese (备案.网址) that the token
# pass cannot see, its ideographs ending every token.
_HOST_RUN = re.compile(
    r"(?i)((?:https?|ftp)://)?(?:[\w.-]|[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a"
    r"\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff\u0e31-\u0e3a\u0e47-\u0e4e\u0eb1-\u0ecd"
    r"\u1000-\u109f\u3099\u309a])+"  # and the combining marks of the scripts of IDN suffixes
)


def _idn_hosts(text: str, mapped: str) -> list[Found]:
    """Hosts with a non-ASCII label ending in a public suffix (备案.网址, 【备案.中国】),
    as Android's pattern reads them: its label characters take ideographs, and its list
    of top-level domains holds the IDN ones.  The suffix must end the run: ``…中国登录``
    is no host (Android's word boundary)."""
    found: list[Found] = []
    for run in _HOST_RUN.finditer(mapped):
        start, end = run.span()
        body = mapped[start:end]
        if body.isascii() or "." not in body:
            continue
        while end > start and mapped[end - 1] in ".-_":
            end -= 1
        host = start + len(run.group(1) or "")
        while host < end and mapped[host] in ".-_":
            host += 1
        if not _real_host(mapped[host:end]):
            continue
        lead = start if run.group(1) else host
        if end < len(mapped) and mapped[end] in "/?#":  # its path, to the end of the token
            token = _TOKEN.match(mapped, end)
            end = _trim(mapped, lead, token.end())[1] if token else end
        found.append(_new(text, lead, end))
    return found


# Where Android's reading of a link ends short of its token (AUTOLINK_WEB_URL: a path
# starts with / or ?, a port is digits): a "#", "[" or ":" right after the host.  What
# follows is linkified on its own: https://beian.miit.gov.cn#evil.com shows two links.
_AFTER_HOST = re.compile(r"[#\[]|:(?!\d)")


# Android's path (AUTOLINK_WEB_URL's PATH_AND_QUERY): androidx adds "$".
_ANDROID_PATH = {
    underscore: re.compile(
        f"(?:[a-zA-Z0-9{_UCS};/?:@&=#~\\-.+!*'(),_{'$' if underscore else ''}]|%[0-9a-fA-F]{{2}})*"
    )
    for underscore in (False, True)
}
_PORT = re.compile(r":\d{1,5}")


def _android_link_end(mapped: str, start: int, end: int, underscore: bool) -> int:
    """Where Android's reading of the link at ``start`` ends, within ``end``: its host
    (``android_end``), a port, a path, backed off to a word boundary."""
    scheme = _ANDROID_SCHEME.match(mapped, start, end)
    authority = scheme.end() if scheme else start
    at = _USERINFO.match(mapped, authority, end) if scheme else None
    if at and not _compiled(_LABEL_CHAR).match(mapped, at.end(), at.end() + 1):
        at = None  # a user and no host: the pattern backs off to read the user as a host
    host = at.end() if at else authority
    return _port_path(mapped, android_end(mapped, host, end, underscore), end, underscore)


def _port_path(mapped: str, stop: int, end: int, underscore: bool) -> int:
    """Where Android's reading ends after a host ending at ``stop``: a port, a path."""
    port = _PORT.match(mapped, stop, end)
    if port and (
        port.end() == len(mapped) or mapped[port.end()] in "/?" or not _word(mapped[port.end()])
    ):
        stop = port.end()  # a port, unless it runs into a word (:443备案: no port)
    if stop < end and (mapped[stop] == "/" or (underscore and mapped[stop] == "?")):
        path = _ANDROID_PATH[underscore].match(mapped, stop, end).end()
        while path > stop and not (
            path == len(mapped) or _word(mapped[path - 1]) != _word(mapped[path])
        ):
            path -= 1
        stop = max(stop, path)
    return stop


# The schemes Android's pattern knows, written as it knows them (no https:/ nor a
# full-width colon: there it reads no scheme, and a host only with ASCII dots).
_ANDROID_SCHEME = re.compile(r"(?i)(?:https?|rtsp|ftp)://")
# (a "%" only as an escape: ``…%2Egov.cn?a+%evil.com:80@…`` holds no user)
_USERINFO = re.compile(
    r"(?:[a-zA-Z0-9$\-_.+!*'(),;?&=]|%[0-9a-fA-F]{2}){1,64}"
    r"(?::(?:[a-zA-Z0-9$\-_.+!*'(),;?&=]|%[0-9a-fA-F]{2}){1,25})?@"
)


def _inner_links(item: Found, mapped: str) -> list[Found]:
    """Links a phone shows inside ``item``, past where its reading of ``item`` ends:
    after a \\ % [ ] or any other character its pattern stops at
    (``https://beian.miit.gov.cn\\evil.com``, ``…/login%evil.com``,
    ``https://beian.miit%2Egov.cn/`` shows ``2Egov.cn/``).  Each host run is read on
    past the end of ``item`` (``#x备案.中国``: the token stopped at the ideograph)."""
    text = item.text  # as a phone reads it: 。 and full-width letters are no dots to it
    end = item.start + len(item.written)
    pos = item.start
    if _ANDROID_SCHEME.match(text, item.start, end):
        readers = (False, True) if _androidx_differs(text) else (False,)  # alike otherwise
        pos = min(_android_link_end(text, item.start, end, u) for u in readers)
    else:  # no scheme to Android: a host only with ASCII dots and a public suffix
        lead = _SCHEME_PREFIX.match(text, item.start, end).end()
        host = _ASCII_HOST.match(text, lead, end).end()
        while host > lead and text[host - 1] in ".-":
            host -= 1
        if _real_host(text[lead:host]) and (host == len(text) or not _word(text[host])):
            pos = _port_path(text, host, end, False)
    own = _own_host(item.link)  # the link's own host, and its letters before a symbol
    letters = _host_letters(own)
    more: list[Found] = []
    while pos < end:
        hit = _HOST_CHAR.search(text, pos, end)
        if not hit:
            break
        # past the link's end by at most a host's length: x.com备x.com备… is one run
        run = _HOST_RUN.match(text, hit.start(), min(len(text), end + _MAX_HOST))
        lead, stop = run.start(), run.end()
        while lead < stop and text[lead] in ".-_":
            lead += 1
        while stop > lead and text[stop - 1] in ".-_":
            stop -= 1
        # Linkify drops a link right after an "@" (the host of an address).
        if (
            lead < stop
            and text[lead - 1] != "@"
            and text[lead:stop].lower() not in (own, letters)
            and _real_host(text[lead:stop])
        ):
            if text[stop : stop + 1] in ("/", "?", "#"):
                token = _TOKEN.match(text, stop)
                stop = token.end() if token else stop
            more.append(_new(item.text, lead, stop))
        pos = max(run.end(), hit.start() + 1)
    return more


def _host_letters(own: str) -> str:
    """A link's own host up to where its ASCII letters, digits, dots and hyphens end
    (``…gov.cn～`` is ``…gov.cn``, as judge_found reads it): a phone's link to that
    host inside the link is the link itself, no second one."""
    return _ASCII_HOST.match(own).group() or own


_HOST_CHAR = re.compile(r"[^\W_]")
# A host's letters, digits, dots and hyphens, in ASCII or full-width forms, and the
# dots a browser reads as dots (UTS #46): where Found.at_host_end ends a link.
_HOST_LETTERS = re.compile(
    "[a-zA-Z0-9.\\-\u3002\uff0d\uff0e\uff61\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]*"
)
_ASCII_HOST = re.compile(r"[a-zA-Z0-9.-]*")


def _second_links(found: list[Found], mapped: str) -> list[Found]:
    """The links a phone shows inside others (the first is judged whole, as written)."""
    more: list[Found] = []
    for item in found:
        more.extend(_inner_links(item, mapped))
        end = item.start + len(item.written)
        authority = _SCHEME_PREFIX.match(mapped, item.start).end()
        host_end = _TO_HOST_END.match(mapped, authority, end).end()
        mark = _AFTER_HOST.match(mapped, host_end, end)
        if not mark or host_end == authority:
            continue
        lead = mark.end()
        while lead < end and mapped[lead] in ".:#[@/":
            lead += 1
        token = _TOKEN.match(mapped, lead, end)
        run = _HOST_RUN.match(mapped, lead, end)
        if run and not run.group(1) and _real_host(run.group().strip(".-_")):  # 备案.中国/x
            path = (
                _TOKEN.match(mapped, run.end(), end)
                if mapped[run.end() : end][:1] in "/?#"
                else None
            )
            more.append(_new(item.text, lead, path.end() if path else run.end()))
        elif token and _looks_like_host(mapped[lead : token.end()]):
            more.append(_new(item.text, lead, token.end()))
    return more


def _merge(found: list[Found], more: list[Found]) -> list[Found]:
    """``found`` with the links of ``more`` that overlap none of it; a link of ``more``
    takes the place of scheme-only links it contains (``(https://备案.网址)``).  The links
    of ``more`` overlap no other; each is placed by bisection, the list built once."""
    if not more:
        return found
    starts = [f.start for f in found]
    removed: set[int] = set()
    added: list[Found] = []
    for item in more:
        end = item.start + len(item.written)
        lo = max(0, bisect.bisect_right(starts, item.start) - 1)
        hi = bisect.bisect_left(starts, end)
        inside = [i for i in range(lo, hi) if found[i].start + len(found[i].written) > item.start]
        if all(
            found[i].start >= item.start
            and found[i].start + len(found[i].written) <= end
            and not (_host_of(found[i].link.translate(_TABLE)) or "")
            for i in inside
        ):
            removed.update(inside)
            added.append(item)
    kept = [f for i, f in enumerate(found) if i not in removed]
    return sorted(kept + added, key=lambda f: f.start)


# A link in markup: an HTML anchor or a Markdown link, as (target, shown text).  An
# anchor is its start tag (quoted values taken whole, so a ">" or an "href=" inside
# another attribute's value is no end and no target), its content (inline tags allowed)
# and its end tag; each part is bounded, so a text of many "<a" costs one pass.
_ANCHOR = re.compile(
    r"""(?is)<a(?=[\s/])((?:[^<>"']|"[^"]{0,4096}"|'[^']{0,4096}'){0,4096})>"""
    r"""((?:[^<]|<(?!/?a[\s/>])){0,1024}?)</a\s*>"""
)
# One attribute of a start tag, read in order from where the last one ended (as the
# HTML tokenizer does): its name, and its value, quoted or not.
_ATTRIBUTE = re.compile(
    r"""[\s/]*([^\s/>=][^\s/>=]*|=[^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?"""
)
_TAG = re.compile(r"<[^<>]*>")
# A Markdown link (CommonMark): its text (one level of brackets inside it, as in
# ``[[text]](…)``), its destination (in ``<…>`` or not) and a title in any of the three
# quotings (``"…"``, ``'…'``, ``(…)``).
_MARKDOWN = re.compile(
    r"""\[((?:[^\[\]\n]|\[[^\[\]\n]{0,512}\]){1,512})\]\(\s{0,8}<?([^()\s<>]{1,4096})>?"""
    r"""(?:\s{1,8}(?:"[^"\n]{0,256}"|'[^'\n]{0,256}'|\([^()\n]{0,256}\)))?\s{0,8}\)"""
)
# A reference link's definition (``[1]: https://…``, at the start of a line, up to three
# spaces in), and a reference to it: full ``[text][label]``, collapsed ``[text][]`` or
# shortcut ``[text]`` (not followed by ``(``, ``[`` or ``:``, which make it something else).
_DEFINITION = re.compile(r"(?m)^ {0,3}\[([^\[\]\n]{1,999})\]:[ \t]*\n?[ \t]*(<?)([^\s<>]{1,4096})")
_REFERENCE = re.compile(
    r"""\[((?:[^\[\]\n]|\[[^\[\]\n]{0,512}\]){1,512})\](?:\[([^\[\]\n]{0,999})\]|(?![(\[:]))"""
)


def _href(m: re.Match[str], name: str = "href") -> tuple[int, int] | None:
    """Where the value of the anchor's first ``href`` (or ``name``) attribute is, as
    written."""
    pos, end = m.start(1), m.end(1)
    while pos < end:
        attr = _ATTRIBUTE.match(m.string, pos, end)
        if not attr or attr.end() == pos:
            return None
        group = next((g for g in (2, 3, 4) if attr.group(g) is not None), 0)
        if attr.group(1).lower() == name and group:
            return attr.start(group), attr.end(group)
        pos = attr.end()
    return None


def _pairs(text: str) -> list[tuple[int, int, int, int, str, str, tuple[int, int] | None]]:
    """(start, end, target start, target end, target, shown, definition) of every link
    in markup (an anchor spans its tags: a link in another attribute is no link); the
    target and shown text are decoded as a browser or a Markdown renderer decodes them
    (character references, which CommonMark decodes too; tags in the shown text
    dropped; a title naming the filing system appended to it: _titled).  A Markdown
    reference link (``[shown][1]`` … ``[1]: https://…``) spans the reference, its
    target is in the definition, whose span is ``definition``."""
    import html

    found: list[tuple[int, int, int, int, str, str, tuple[int, int] | None]] = []
    if "<" in text:
        for m in _ANCHOR.finditer(text):
            where = _href(m)
            if where is None:
                continue
            target = html.unescape(text[where[0] : where[1]])
            shown = html.unescape(_TAG.sub("", m.group(2)))
            title = _href(m, "title")
            if title is not None:
                shown = _titled(shown, html.unescape(text[title[0] : title[1]]))
            found.append((m.start(), m.end(), where[0], where[1], target, shown, None))
    if "](" in text:
        for m in _MARKDOWN.finditer(text):
            target, shown = _commonmark(m.group(2)), _commonmark(m.group(1))
            title = text[m.end(2) : m.end() - 1].lstrip(">").strip()[1:-1]  # "…", '…', (…)
            shown = _titled(shown, _commonmark(title))
            found.append((m.start(), m.end(), m.start(2), m.end(2), target, shown, None))
    if "]:" in text:
        found.extend(_references(text))
    return found


def _titled(shown: str, title: str) -> str:
    """A link's shown text with its title (the tooltip a browser shows on hover), when
    the title names the filing system: the same claim as shown text naming it."""
    from beianaudit.urls.classify import names_official

    return f"{shown} {title}" if title and names_official(title) else shown


def _relative_shown_official(target: str, shown: str) -> bool:
    """A relative target (relative_target: ``/login``, ``#``, ``beian.miit.gov.cn@x``)
    under shown text, or itself, naming the filing system's host: it opens the page's
    own site, or nothing in a mail, never the filing system, so it is judged as a
    target (classify.relative, shown_as: lookalike).  Other relative links are no
    links at all."""
    if not relative_target(target):
        return False
    from beianaudit.urls.classify import names_official_host

    return names_official_host(shown) or names_official_host(target)


_SCHEME_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_AUTHORITY = re.compile(r"[/\\]{2}")


def relative_target(target: str) -> bool:
    """Whether a browser resolves a target in markup against the page it sits on
    (WHATWG URL parsing, as ada-url does it): a target with no scheme, or with http: or
    https: (the schemes a page has) not followed by two slashes of either kind (the
    "special relative or authority state": ``https:beian.miit.gov.cn`` under an https
    page is https://<the page's site>/…/beian.miit.gov.cn).  Two slashes (``//host``,
    ``https:\\\\host``) start an authority; any other scheme makes it absolute."""
    scheme = _SCHEME_LIKE.match(target)
    if scheme and scheme.group()[:-1].lower() not in ("http", "https"):
        return False
    return not _AUTHORITY.match(target, scheme.end() if scheme else 0)


def _commonmark(text: str) -> str:
    """A Markdown link's text or destination as CommonMark reads it: its character
    references decoded."""
    import html

    return html.unescape(text)


def _label(name: str) -> str:
    """A reference label as CommonMark matches it: case folded, white space collapsed."""
    return " ".join(name.split()).casefold()


def _references(text: str) -> list[tuple[int, int, int, int, str, str, tuple[int, int] | None]]:
    """Markdown reference links, each paired with its definition (the first of a label)."""

    definitions: dict[str, re.Match[str]] = {}
    for m in _DEFINITION.finditer(text):
        definitions.setdefault(_label(m.group(1)), m)
    found: list[tuple[int, int, int, int, str, str, tuple[int, int] | None]] = []
    if not definitions:
        return found
    spans = [(m.start(), m.end()) for m in definitions.values()]
    for m in _REFERENCE.finditer(text):
        if any(lo <= m.start() < hi for lo, hi in spans):
            continue  # the definition itself
        name = m.group(2) or m.group(1)  # full, else collapsed ([text][]) or shortcut
        d = definitions.get(_label(name))
        if d is None:
            continue
        target, shown = _commonmark(d.group(3)), _commonmark(m.group(1))
        found.append((m.start(), m.end(), d.start(3), d.end(3), target, shown, d.span()))
    return found


# What a browser strips around a URL, and drops inside it (WHATWG).
_SPACES = "".join(chr(c) for c in range(0x21))
_NO_TAB = str.maketrans("", "", "\t\n\r")


def _pair_up(found: list[Found], text: str) -> list[Found]:
    """A link in markup is its target, carrying the text shown for it: a link written in
    the shown text is no link of its own (the user sees it, the target is opened)."""
    targets: list[tuple[int, int, Found | None]] = []
    for lo, hi, target, target_end, href, shown_text, definition in _pairs(text):
        link = replace(_new(text, target, target_end), link=_browser_form(href))
        mapped = href.strip(_SPACES).translate(_TABLE)
        if (
            _SCHEMED.match(mapped.translate(_NO_TAB))
            or _looks_like_host(mapped)
            or _relative_shown_official(mapped.translate(_NO_TAB), shown_text)
        ):
            relative = relative_target(mapped.translate(_NO_TAB))
            link = replace(link, shown=shown_text, markup=True, relative=relative)
            targets.append((lo, hi, link))
            if definition is not None:  # its target is judged with the text shown for it
                targets.append((*definition, None))
    if not targets:
        return found
    # The markup replaces every link found inside it; spans found by bisection.
    targets.sort(key=lambda t: t[0])
    starts = [t[0] for t in targets]
    result = [t[2] for t in targets if t[2] is not None]
    for item in found:
        at = bisect.bisect_right(starts, item.start + len(item.written) - 1) - 1
        if at >= 0 and item.start < targets[at][1]:
            continue
        result.append(item)
    return sorted(result, key=lambda f: f.start)


# Where Android's Linkify STARTS a link (Patterns.AUTOLINK_WEB_URL, framework and
# androidx): a scheme it knows (any case) after a word boundary, or else, after a word
# boundary and not right after "://", a label character from which a host of labels
# ends in a top-level domain (its list is lower case: ``BEIAN.MIIT.GOV.CN`` is no host
# to it) or an IPv4 address.  So in ``请登录https://beian.miit.gov.cn、.evil.com`` it
# starts at ``miit`` (no boundary between 录 and h; the lookbehind skips ``beian``), in
# ``https:/BEIAN.MIIT.GOV.CN/#％evil.cn`` at ``evil``.  The tool's own readings start
# where a person sees a link start; these are the phone's, judged as well (android_links).
_ANDROID_START = re.compile(rf"(?:\b|^)(?:(?i:https?|rtsp|ftp)://|(?<!://)(?=[a-zA-Z0-9{_UCS}]))")
_ANDROID_IP = re.compile(
    r"(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
)


_PUNY = re.compile(r"xn--[\w-]{0,58}\w")  # Android's PUNYCODE_TLD


@lru_cache(maxsize=1)
def _top_labels() -> frozenset[str]:
    """The top-level domains (the Public Suffix List's top labels, as the test oracle
    approximates Android's IANA list), and their punycode forms."""
    from beianaudit.urls.suffixes import rules

    return frozenset(r.split(".")[-1].lstrip("*!") for r in rules())


def _boundary(text: str, pos: int) -> bool:
    return pos == 0 or pos == len(text) or _word(text[pos - 1]) != _word(text[pos])


class _Hosts:
    """Android's hosts without a scheme (AUTOLINK_WEB_URL's STRICT_DOMAIN), over one
    window of the text read once: its run of host characters, its dots, whether the
    label before each dot is well formed, and where a top-level domain may follow each.
    Every start in the first ``_STEP`` characters of the window is answered from it, so
    a text of short hosts one after another (``1.2.1.2.…``) is read once, not once per
    host."""

    _STEP = 1024

    def __init__(self, text: str, underscore: bool) -> None:
        self.text, self.underscore = text, underscore
        self.base = self.run = self.dot = -1  # dot: the next "." from where last asked

    def _load(self, pos: int) -> None:
        text = self.text
        bound = min(len(text), pos + _MAX_HOST + 64 + self._STEP)
        run = _compiled(_ANDROID_HOST[self.underscore]).match(text, pos, bound).end()
        dots = []
        dot = text.find(".", pos, run)
        while dot >= 0:
            dots.append(dot)
            dot = text.find(".", dot + 1, run)
        # good[j]: the label ending at dots[j] (from the dot before) is well formed;
        # block[j]: the rightmost j' >= j in j's stretch of well-formed labels whose
        # dot a top-level domain follows (-1: none), and where that stretch ends.
        good = [j > 0 and self._label(dots[j - 1] + 1, dots[j]) for j in range(len(dots))]
        tld = [
            self._tld(dots[j] + 1, dots[j + 1] if j + 1 < len(dots) else run)
            for j in range(len(dots))
        ]
        best, stop = [-1] * len(dots), [len(dots)] * len(dots)
        right, end = -1, len(dots)
        for j in range(len(dots) - 1, -1, -1):
            if j + 1 < len(dots) and not good[j + 1]:
                right, end = -1, j + 1  # the label after dots[j] is not: a stretch ends
            if right < 0 and tld[j] >= 0:
                right = j
            best[j], stop[j] = right, end
        self.base, self.run, self.dots, self.tld, self.best, self.stop = (
            pos,
            run,
            dots,
            tld,
            best,
            stop,
        )

    def _label(self, lo: int, hi: int) -> bool:
        part = self.text[lo:hi]
        return (
            bool(part)
            and part[0] not in "-_"
            and part[-1] not in "-_"
            and len(part) <= 63
            and (self.underscore or "_" not in part)
        )

    def _tld(self, seg: int, last: int) -> int:
        """Where a top-level domain starting at ``seg`` may end (the longest), or -1."""
        tops = _top_labels()
        label = self.text[seg:last]
        if label.isalnum():
            # Letters and digits only (most labels, 中国 too): no word boundary inside, so
            # only the whole label can be a top-level domain, and no punycode (no "-").
            if len(label) <= 63 and label in tops and _ends_host(self.text, last, self.underscore):
                return last
            return -1
        for end in range(min(last, seg + 63), seg, -1):
            top = self.text[seg:end]
            if (top in tops or _PUNY.fullmatch(top)) and _ends_host(
                self.text, end, self.underscore
            ):
                return end
        return -1

    def host(self, pos: int) -> tuple[int, int]:
        """(end of the host at ``pos``, or -1 if none; where the chain of well-formed
        labels read from ``pos`` ends, past which no later start reads a host but at an
        address)."""
        if self.dot < pos:
            found = self.text.find(".", pos)
            self.dot = found if found >= 0 else len(self.text)
        if self.dot - pos > 63:  # no label from here reaches a dot: nor from 63 before it
            return -1, self.dot - 63
        if not (self.base <= pos < self.base + self._STEP and pos < self.run):
            self._load(pos)
        dots = self.dots
        k = bisect.bisect_left(dots, pos)
        if k == len(dots) or dots[k] - pos > _MAX_HOST or not self._label(pos, dots[k]):
            chain = pos + 1
        else:
            last = self.stop[k] - 1  # the last dot of the stretch from dots[k]
            chain = dots[last] + 1
            right = self.best[k]
            if right >= 0 and dots[right] - pos <= _MAX_HOST + 64:
                return self.tld[right], chain
        ip = _ANDROID_IP.match(self.text, pos, self.run)
        if ip and _ends_host(self.text, ip.end(), self.underscore):
            return ip.end(), max(chain, ip.end())
        return -1, chain


def _ends_host(text: str, end: int, underscore: bool) -> bool:
    """Whether Android's host may end at ``end``: a word boundary, a path or a port."""
    follows = text[end : end + 1]
    return (
        _boundary(text, end)
        or follows == "/"
        or (underscore and follows == "?")
        or bool(_PORT.match(text, end))
    )


def android_links(text: str) -> list[tuple[int, int]]:
    """The spans of the web links Android shows in ``text`` (framework and androidx:
    their union), found in one pass each: a scheme's link runs on over its host
    (``android_end``), port and path; a start without a scheme that reads no host skips
    the rest of its chain of labels, no later start in it reading one either.  An
    approximation of the regular expression, read the way it reads (leftmost, then on
    from the end of each link); the test oracle (tests/android_linkify.py) checks it.
    The two patterns differ only on "_", "?" and "$": a text without them is read once."""
    if not _androidx_differs(text):
        return sorted(set(_android_spans(text, False)))
    return sorted(set(_android_spans(text, False)) | set(_android_spans(text, True)))


@lru_cache(maxsize=8)  # asked once per link of a text (_inner_links): the text's hash is kept
def _androidx_differs(text: str) -> bool:
    """Whether androidx's pattern may read ``text`` otherwise than the framework's."""
    return "_" in text or "?" in text or "$" in text


def _android_spans(text: str, underscore: bool) -> list[tuple[int, int]]:
    """android_links for one of the two patterns."""
    spans: list[tuple[int, int]] = []
    hosts = _Hosts(text, underscore)
    pos = 0
    while True:
        m = _ANDROID_START.search(text, pos)
        if not m:
            break
        start = m.start()
        if m.end() > start:  # a scheme
            end = _android_link_end(text, start, len(text), underscore)
            if text[start - 1 : start] != "@":
                spans.append((start, end))
            pos = max(end, m.end())
            continue
        host, chain = hosts.host(start)
        if host < 0:
            # No later start in the chain reads a host, but one at an address:
            # ‍c\u2060n\u20601.2.3.4 fails at c, not at 1.
            reach = min(len(text), chain + 16)  # an address may end past the chain
            ip = _ANDROID_IP.search(text, start + 1, reach)
            while ip and not (_boundary(text, ip.start()) and _boundary(text, ip.end())):
                ip = _ANDROID_IP.search(text, ip.start() + 1, reach)
            pos = ip.start() if ip else chain
            continue
        end = _port_path(text, host, len(text), underscore)
        if text[start - 1 : start] != "@":
            spans.append((start, end))
        pos = max(end, start + 1)
    return spans
