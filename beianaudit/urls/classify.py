"""Does a link lead to the real filing system, as a browser reads it?

One code path serves ``beianaudit url``, its batch and text modes, and the BA301
check.  The URL is parsed by ada-url (the WHATWG URL standard, as browsers parse
it), never by urllib: the two disagree on backslashes, tabs, percent-encoded and
numeric hosts and full-width dots, and each disagreement is a phishing trick.

``official`` is the narrowest path on purpose (:func:`_official`): https, the
parsed host exactly ``beian.miit.gov.cn`` (a trailing dot allowed), no port but
the default, nothing before an ``@``.  Everything else is something less.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from json.encoder import encode_basestring as json_string
from typing import TYPE_CHECKING, Any

from beianaudit.finding import Finding, Severity
from beianaudit.i18n import N_, _

if TYPE_CHECKING:
    from beianaudit.urls.extract import Found

OFFICIAL_HOST = "beian.miit.gov.cn"
OFFICIAL_DOMAIN = "miit.gov.cn"
OFFICIAL_URL = "https://beian.miit.gov.cn/"
GOV_SUFFIX = "gov.cn"
# Suffixes only government bodies can register under: gov.cn and 政务 (CONAC's IDN
# top-level domain for party and government bodies), in both forms.
GOV_SUFFIXES = (GOV_SUFFIX, "xn--zfr164b", "政务")
# Top-level domains whose registration is restricted to government bodies elsewhere
# (IANA Root Zone Database, https://www.iana.org/domains/root/db: .gov, sponsored by
# the US Cybersecurity and Infrastructure Security Agency for US government bodies;
# .mil, by the US DoD Network Information Center for the US military).  No attacker
# can own a host under them, as none can under gov.cn: a phone's reading of a link
# that backs off to one (请登录beian.miit.gov) reaches no one's site (_reachable).
RESTRICTED_SUFFIXES = ("gov", "mil")
CHECK_ID = "BA301"
# Longer input is judged invalid without parsing; browsers cap URLs near 2 MB, a
# login link is a few dozen characters.
MAX_LENGTH = 65536
# Browsers strip these from both ends of a URL (WHATWG: C0 controls and space).
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_ATTRIBUTES = (
    "href",
    "protocol",
    "username",
    "password",
    "port",
    "hostname",
    "pathname",
    "search",
    "hash",
)
# What ada-url serialises an IP host as: dotted decimal IPv4, bracketed IPv6.
_IP_HOST = re.compile(r"\[.*\]|\d+\.\d+\.\d+\.\d+")
# A domain someone can register: DNS letters, digits and hyphens (punycode for the rest).
_REGISTRABLE = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# What an address bar reads as a host, not a scheme, before a colon: ``host:port``, and a
# dotted name whose colon is followed by userinfo (``beian.miit.gov.cn:443@evil.com``,
# ``…gov.cn:x@evil.com``: http://… opens evil.com); a scheme has no dot in practice.
_HOST_PORT = re.compile(
    r"[A-Za-z0-9.-]+:\d+(?:[/?#\\]|$)|[A-Za-z0-9-]+\.[A-Za-z0-9.-]*:[^/?#\\]*@"
)

OFFICIAL = "official"
OFFICIAL_INSECURE = "official_insecure"
GOV_OTHER = "gov_other"
LOOKALIKE = "lookalike"
OTHER = "other"
INVALID = "invalid"
VERDICTS = (OFFICIAL, OFFICIAL_INSECURE, GOV_OTHER, LOOKALIKE, OTHER, INVALID)

SEVERITY = {
    OFFICIAL: Severity.INFO,
    OFFICIAL_INSECURE: Severity.WARNING,
    GOV_OTHER: Severity.WARNING,
    LOOKALIKE: Severity.ERROR,
    OTHER: Severity.WARNING,
    INVALID: Severity.ERROR,
}

_VERDICT_TEXT = {
    OFFICIAL: N_("official: this link leads to the real filing system (beian.miit.gov.cn)"),
    OFFICIAL_INSECURE: N_(
        "the real filing system, but over plain http: the connection is not protected"
    ),
    GOV_OTHER: N_("a government domain, but not the filing system"),
    LOOKALIKE: N_("LOOK-ALIKE: this link imitates the filing system and is NOT beian.miit.gov.cn"),
    OTHER: N_("not the filing system: this link leads to {host}"),
    INVALID: N_("not a web link"),
}

_HINT = {
    OFFICIAL: "",
    OFFICIAL_INSECURE: N_("type https://beian.miit.gov.cn/ yourself instead"),
    GOV_OTHER: N_("log in to your filing account only at https://beian.miit.gov.cn/"),
    LOOKALIKE: N_(
        "do not open it and enter nothing there; type https://beian.miit.gov.cn/ yourself"
    ),
    OTHER: N_("log in to your filing account only at https://beian.miit.gov.cn/"),
    INVALID: N_("do not open it; the filing system is at https://beian.miit.gov.cn/"),
}

# Reason codes are part of the JSON output; their text is translated when shown.
_REASON_TEXT = {
    "official_host": N_("the host is beian.miit.gov.cn"),
    "host_normalised": N_(
        "the link writes the host in an unusual way ({written}); a browser still reads it "
        "as beian.miit.gov.cn"
    ),
    "no_scheme": N_("no http:// or https:// given: a browser may use plain http"),
    "plain_http": N_("http://, not https://"),
    "nonstandard_port": N_("port {port} instead of the standard one"),
    "gov_host": N_(
        "{host} is under a government domain (gov.cn or 政务), but the filing system is {official}"
    ),
    "gov_lookalike": N_(
        "{host} sits under gov.cn or 政务, but its name imitates {official}: a misspelt "
        "or disguised government name is not the filing system"
    ),
    "userinfo": N_(
        "text before an @ in the link ({userinfo}) is not where it goes: it goes to {host}"
    ),
    "official_name_embedded": N_(
        "the real name appears inside another domain: the link goes to {registered}"
    ),
    "brand_token": N_('"{part}" uses the name "{brand}" outside the real domain miit.gov.cn'),
    "homoglyph": N_('"{part}" imitates "{brand}" with look-alike characters'),
    "typo": N_('"{part}" is a misspelling of "{brand}"'),
    "brand_in_path": N_("the real name appears only in the path; the link goes to {host}"),
    "ip_host": N_("the host is a bare IP address ({host}), never the filing system"),
    "provider_portal": N_(
        "{host} belongs to an access provider, {owner} ({registered}): its own filing "
        "portal, not the filing system"
    ),
    "lookup_site": N_(
        "{host} is a third-party filing lookup site ({registered}), not the filing system: "
        "it holds no filing account"
    ),
    "brand_in_query": N_(
        "the real name appears only in the query or fragment; the link goes to {host}"
    ),
    "not_a_link": N_("no scheme and no dot: not a link"),
    "shortener": N_(
        "a short link ({registered}): cannot be verified offline: expand it with --resolve"
    ),
    "unrelated": N_("{host} has nothing to do with the filing system"),
    "redirected": N_("followed {hops} redirect(s) to the final address"),
    "too_many_redirects": N_("stopped after {hops} redirects"),
    "cloaking": N_(
        "it ends at the real site, but {host} redirected it there and may send a browser "
        "elsewhere than this check"
    ),
    # --resolve could not go on (beianaudit.urls.resolve.failure_reason); each says what
    # a person can act on, never the Python exception (kept as "error" in the JSON).
    "resolve_failed": N_("the connection failed: the link was not followed"),
    "no_network": N_("no network (or no such host): the link was not followed"),
    "resolve_timeout": N_("no answer within {seconds} s: the link was not followed"),
    "resolve_tls": N_("the secure connection failed (certificate): the link was not followed"),
    "shortener_unresolved": N_(
        "a short link ({registered}) that could not be expanded: where it leads is unknown"
    ),
    "runs_into_text": N_(
        "the link runs straight into the text after it ({rest}): read with it, as a phone "
        "may open it, it goes to {host}"
    ),
    "read_by_android": N_(
        "Android's link detection reads the link on into the text after it ({rest}) and "
        "opens {host}"
    ),
    "read_by_space": N_(
        "a reader that runs on to the next space reads the link with the text after it "
        "({rest}) and opens {host}"
    ),
    "read_by_android_from": N_(
        "Android's link detection shows {rest} as a link inside it, which opens {host}"
    ),
    "shown_elsewhere": N_("the link shows {shown} but goes to {host}"),
    "relative_target": N_(
        "the target {target} is relative (no // before its host): a browser opens it on "
        "the page's own site, not at the host it names"
    ),
    "empty": N_("empty"),
    "too_long": N_("too long ({length} characters)"),
    "unparseable": N_("a browser cannot parse it as a URL"),
    "scheme": N_("a {scheme}: link, not http or https"),
    "not_text": N_("not valid UTF-8 text"),
}

Reason = tuple[str, Mapping[str, str]]


@dataclass(frozen=True)
class UrlResult:
    """The verdict on one link, with what a browser would connect to and why."""

    input: str
    verdict: str
    url: str = ""  # the browser's serialisation (ada-url href), "" when invalid
    host: str = ""  # ASCII (punycode) form, what is looked up in DNS
    host_unicode: str = ""
    registered_domain: str = ""
    reasons: tuple[Reason, ...] = ()
    hops: tuple[Mapping[str, Any], ...] = field(default=())

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.verdict]

    @property
    def reason_texts(self) -> list[str]:
        """Translated once: the text report and the JSON fields both show them.  Kept in
        the instance's ``__dict__`` as ``cached_property`` would, without its lock (a
        batch line's cost in Python 3.11)."""
        texts = self.__dict__.get("_reason_texts")
        if texts is None:
            texts = [reason_text(code, params) for code, params in self.reasons]
            self.__dict__["_reason_texts"] = texts
        return texts

    def message(self) -> str:
        text = _(_VERDICT_TEXT[self.verdict]).format(host=display(self.host_unicode or self.host))
        if self.host and self.host_unicode and self.host_unicode != self.host:
            text += " " + _("[host {unicode}, punycode {ascii}]").format(
                unicode=display(self.host_unicode), ascii=self.host
            )
        details = self.reason_texts
        if not details:
            return text
        return _("{verdict}: {reasons}").format(verdict=text, reasons=_("; ").join(details))

    def finding(self, target: str | None = None) -> Finding:
        return Finding(
            check=CHECK_ID,
            severity=self.severity,
            message=self.message(),
            target=target or display(self.input),
            hint=_(_HINT[self.verdict]) if _HINT[self.verdict] else "",
            data={
                "verdict": self.verdict,
                "host": self.host,
                "host_unicode": self.host_unicode,
                "registered_domain": self.registered_domain,
                "reasons": [code for code, _params in self.reasons],
            },
        )

    def extra(self) -> dict[str, Any]:
        """The command's own top-level JSON fields (DESIGN: url, verdict, host…)."""
        fields: dict[str, Any] = {
            "input": clip(self.input),
            "url": self.url,
            "verdict": self.verdict,
            "host": self.host,
            "host_unicode": self.host_unicode,
            "registered_domain": self.registered_domain,
            "reasons": [
                {"code": code, "text": text}
                for (code, _params), text in zip(self.reasons, self.reason_texts, strict=True)
            ],
        }
        if self.hops:
            fields["hops"] = list(self.hops)
        return fields

    def fields_line(self) -> str:
        """``render_fields(self.extra())``, the ``--format compact`` line, filled into a
        fixed template (each string escaped by the encoder's own function) rather than
        built as a dict and walked by the encoder: a third of a batch line's cost.  A
        verdict followed by ``--resolve`` (``hops``) takes the encoder's path.  A test
        holds the two equal."""
        if self.hops:
            from beianaudit.report import render_fields

            return render_fields(self.extra())
        quote = _quote
        reasons = ",".join(
            _REASON_TEMPLATE % (quote(code), quote(text))
            for (code, _params), text in zip(self.reasons, self.reason_texts, strict=True)
        )
        return _FIELDS_TEMPLATE % (
            quote(clip(self.input)),
            quote(self.url),
            quote(self.verdict),
            quote(self.host),
            quote(self.host_unicode),
            quote(self.registered_domain),
            reasons,
        )


# The compact line (UrlResult.fields_line): the keys of UrlResult.extra, in its order,
# as the JSON Lines encoder (separators "," and ":") writes them.
_FIELDS_TEMPLATE = (
    '{"input":%s,"url":%s,"verdict":%s,"host":%s,"host_unicode":%s,'
    '"registered_domain":%s,"reasons":[%s]}'
)
_REASON_TEMPLATE = '{"code":%s,"text":%s}'
_quote = json_string  # the JSON encoder's own string escaping (ensure_ascii=False)


_NEW = object.__new__


def _made(
    text: str,
    verdict: str,
    url: str,
    host: str,
    host_unicode: str,
    registered_domain: str,
    reasons: tuple[Reason, ...],
) -> UrlResult:
    """``UrlResult(...)`` with these fields and no ``hops``, made as fast as a batch line
    needs: a frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``,
    a third of building a verdict.  A test holds it equal to the constructor, field by field."""
    result: UrlResult = _NEW(UrlResult)
    result.__dict__.update(
        input=text,
        verdict=verdict,
        url=url,
        host=host,
        host_unicode=host_unicode,
        registered_domain=registered_domain,
        reasons=reasons,
        hops=(),
    )
    return result


def reason_text(code: str, params: Mapping[str, str]) -> str:
    shown = {k: v if len(v) <= 200 and v.isprintable() else display(v) for k, v in params.items()}
    if "owner" in shown:
        shown["owner"] = provider_name(shown["owner"])
    return _(_REASON_TEXT[code]).format(**shown)


def provider_name(listed: str) -> str:
    """A provider as providers.txt names it, ``Alibaba Cloud (阿里云)``: in Chinese output
    only its Chinese name (阿里云), in English the whole, which a user can search for."""
    from beianaudit.i18n import current_language

    match = re.fullmatch(r".+ \((?P<zh>[^()]+)\)", listed)
    if match and current_language().startswith("zh"):
        return match.group("zh")
    return listed


def clip(text: str, limit: int = 2048) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def display(text: str, limit: int = 200) -> str:
    """``text`` safe for a terminal: control and format characters (bidi overrides,
    escape sequences) shown as ``\\x{…}``, and cut at ``limit`` characters."""
    text = clip(text, limit)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else f"\\x{{{ord(ch):x}}}" for ch in text)


@cache
def _extractor() -> Any:
    """tldextract's bundled Public Suffix List snapshot, read without importing tldextract
    (and requests): no fetch, no cache written (``beianaudit.urls.suffixes``)."""
    from beianaudit.urls.suffixes import Extractor

    return Extractor()


def public_suffix(host: str) -> str:
    """The public suffix of ``host`` ("" when it has none), from the bundled list."""
    return str(_extractor().extract_str(host).suffix)


@cache
def _domain_names(name: str) -> Mapping[str, str]:
    """``data/urls/<name>``: a domain a line, optionally a TAB and whose it is."""
    from beianaudit import data_text

    text = data_text(f"urls/{name}")
    found: dict[str, str] = {}
    for line in text.splitlines():
        domain, _tab, owner = line.split("#", 1)[0].strip().partition("\t")
        if domain:
            found[domain.strip()] = owner.strip() or domain.strip()
    return found


def invalid(text: str, code: str, **params: str) -> UrlResult:
    return UrlResult(input=text, verdict=INVALID, reasons=((code, params),))


def _with_scheme(text: str) -> tuple[str, bool]:
    """Add ``http://`` to a link written without a scheme, as an address bar would."""
    if text.startswith(("https://", "http://")):  # as below, without the two patterns
        return text, False
    if text.startswith("//"):
        return "http:" + text, True
    if _SCHEME.match(text) and not _HOST_PORT.match(text):
        return text, False
    return "http://" + text, True


def parse(candidate: str) -> dict[str, str]:
    """ada-url's WHATWG parse, the attributes :func:`classify` reads (``ValueError``: a
    browser cannot parse it)."""
    import ada_url

    return ada_url.parse_url(candidate, attributes=_ATTRIBUTES)  # type: ignore[return-value]


# A link a browser reads as it is written, bar the case of its scheme and host: http(s)
# and "://"; a host of ASCII letters, digits and hyphens, dotted, whose last label starts
# with a letter (never an IPv4 number, WHATWG "ends in a number"), or an IPv4 address
# written as a browser writes it (four decimal numbers to 255, no leading zero); no
# userinfo, no port;
# then a path, a query and a fragment, each of characters that no WHATWG percent-encode
# set touches, the query and fragment not empty (``?`` alone is kept in href, not in search).
_PLAIN_URL = re.compile(
    r"([hH][tT][tT][pP][sS]?)://((?:[A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*"
    r"|(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}"
    r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]))"
    r"(/[A-Za-z0-9!$%&()*+,\-./:;=@_~]*)?"
    r"(\?[A-Za-z0-9!$%&()*+,\-./:;=?@_~]+)?"
    r"(#[A-Za-z0-9!$%&()*+,\-./:;=?@_~#]+)?"
)


def plain_url(candidate: str) -> dict[str, str] | None:
    """What :func:`parse` returns for a plainly written link, read with one regular
    expression (a batch's most common line, at a fraction of the cost); ``None`` for
    anything else, which ada-url parses.  Also ``None`` for what ada-url would change:
    a punycode label (decoded and checked), a dot segment in the path (``/./``,
    ``/%2e/``: resolved).  ``tests/test_urls_fast.py`` holds it equal to :func:`parse`."""
    m = _PLAIN_URL.fullmatch(candidate)
    if m is None:
        return None
    scheme, host, path, query, fragment = m.groups()
    host = host.lower()
    if "xn--" in host:
        return None
    if path is None:
        path = "/"
    elif "/." in path or "%2" in path:  # %2e, %2E: a dot
        return None
    query = query or ""
    fragment = fragment or ""
    scheme = scheme.lower()
    return {
        "href": f"{scheme}://{host}{path}{query}{fragment}",
        "protocol": scheme + ":",
        "username": "",
        "password": "",
        "port": "",
        "hostname": host,
        "pathname": path,
        "search": query,
        "hash": fragment,
    }


def classify(text: str) -> UrlResult:
    """Judge one link; never raises on any string."""
    if len(text) > MAX_LENGTH:
        return invalid(clip(text), "too_long", length=str(len(text)))
    stripped = text.strip(_C0_AND_SPACE)
    if not stripped:
        return invalid(text, "empty")
    # WHATWG removes every tab and newline before parsing: java<TAB>script: is javascript:.
    joined = stripped
    if "\t" in joined or "\n" in joined or "\r" in joined:
        joined = joined.translate(_TAB_NEWLINE)
    candidate, assumed = _with_scheme(joined)
    url = plain_url(candidate)
    if url is None:
        try:
            url = parse(candidate)
        except ValueError:
            return invalid(text, "unparseable")
    scheme = url["protocol"][:-1]
    if scheme not in ("http", "https"):
        return invalid(text, "scheme", scheme=scheme)
    host = url["hostname"]
    bare = host[:-1] if host.endswith(".") else host
    reasons: list[Reason] = []
    # A password in a link is shown masked, as every secret is.
    userinfo = url["username"] + (":***" if url["password"] else "")
    if _official(bare, url, userinfo):
        if OFFICIAL_HOST not in stripped.lower():
            written = stripped.split("//", 1)[-1][: len(OFFICIAL_HOST) + 16]
            reasons.append(("host_normalised", {"written": written}))
        verdict = OFFICIAL if scheme == "https" else OFFICIAL_INSECURE
        if assumed:
            reasons.append(("no_scheme", {}))
        elif scheme != "https":
            reasons.append(("plain_http", {}))
        reasons.insert(0, ("official_host", {}))
        return _made(text, verdict, url["href"], host, bare, OFFICIAL_DOMAIN, tuple(reasons))
    if _IP_HOST.fullmatch(host):
        judged = HostJudgement(OTHER, (("ip_host", {"host": host}),), "", bare)
    elif assumed and "." not in bare:
        return invalid(text, "not_a_link")  # a word (xxxx), not an address anyone writes
    else:
        judged = judge_host(bare)
    verdict = judged.verdict
    reasons.extend(judged.reasons)
    if bare == OFFICIAL_HOST and url["port"]:
        reasons.append(("nonstandard_port", {"port": url["port"]}))
    trick: Reason | None = None
    if userinfo:
        trick = ("userinfo", {"userinfo": userinfo, "host": judged.unicode})
    elif verdict == OTHER and _brand_in_path(url["pathname"]):
        trick = ("brand_in_path", {"host": judged.unicode})
    elif (
        verdict == OTHER
        and (url["search"] or url["hash"])
        and _brand_in_path(url["search"] + url["hash"])
    ):
        trick = ("brand_in_query", {"host": judged.unicode})
    if trick:
        verdict = LOOKALIKE
        reasons = [r for r in reasons if r[0] != "unrelated"] + [trick]
    return _made(
        text, verdict, url["href"], host, judged.unicode, judged.registered, tuple(reasons)
    )


# A reading of a link in a message that goes elsewhere, by who reads it so (extract.py,
# Found.readings): the reason names the reader.
_READER_REASON = {
    "clause": "runs_into_text",
    "android": "read_by_android",
    "space": "read_by_space",
    "rendered": "runs_into_text",  # text that is HTML, its character references decoded
}


def read_on(result: UrlResult, longer: str | list[tuple[str, str]] | None) -> UrlResult:
    """``result`` unless one of the readings of the link (``Found.readings``: a list of
    ``(reader, text)``; or one reading, :func:`read_one`) goes elsewhere: then that one,
    ``lookalike``, naming its reader.  A link is official only if every reading a phone
    may make of it reaches the official host or none."""
    if not isinstance(longer, list):
        return read_one(result, longer)
    for reader, text in longer:
        judged = read_one(result, text, _READER_REASON[reader])
        if judged is not result:
            return judged
    return result


def judge_found(
    found: Found,
    limit: int = 65536,
    readings: Callable[[Found, int], list[tuple[str, str]]] | None = None,
) -> UrlResult:
    """The verdict on a link found in a message (``url --text``, the fuzz oracles): the
    link, every reading of it if it is official, the links a phone shows across it, and
    the text shown for it.  The one judgement of a found link: the command and the
    tests use it alike.  ``readings(found, limit)`` (default ``found.readings``) lets
    the command count how many links of one message are read on."""
    result = classify(found.link)
    if found.relative:
        return shown_as(relative(result, found.link), found.shown)
    cut = None
    if result.verdict not in (OFFICIAL, OFFICIAL_INSECURE) and not _reachable(result):
        cut = found.at_host_end(parsed=result.verdict != INVALID)
    stops: list[tuple[str, str]] = []
    if cut is not None:
        # A host no one can reach (…gov.cn～～, …gov.cn[强], …gov.cn&nbsp;) that is the
        # official one up to where its host characters end: a phone opens that, and
        # every reading of it on into the text is still judged below, and so is every
        # reading of it ending at a later symbol (…gov.cn①.evil.com～ ends at ～ too).
        shorter = classify(cut.link)
        if shorter.verdict in (OFFICIAL, OFFICIAL_INSECURE):
            stops = [("clause", text) for text in found.symbol_stops(len(cut.written))]
            found, result = cut, shorter
    if result.verdict in (OFFICIAL, OFFICIAL_INSECURE):
        read = readings(found, limit) if readings else found.readings(limit)
        result = read_on(result, [*stops, *read])
    if result.verdict in (OFFICIAL, OFFICIAL_INSECURE, GOV_OTHER):
        result = read_by_phone(result, found.phone, limit)
    return shown_as(result, found.shown)


def relative(result: UrlResult, target: str) -> UrlResult:
    """The verdict on a relative target in markup (extract.relative_target): it opens the
    page's own site, the sender's, never the host it names, so a target judged safe as
    written (``<a href="https:beian.miit.gov.cn">``, ``[登录](beian.miit.gov.cn)``) is
    ``lookalike``; any other keeps its verdict (it is no safe link either way)."""
    if result.verdict not in (OFFICIAL, OFFICIAL_INSECURE, GOV_OTHER):
        return result
    moved = invalid(result.input, "relative_target", target=clip(target, 60))
    return dataclasses.replace(moved, verdict=LOOKALIKE)


def read_by_phone(result: UrlResult, links: tuple[str, ...], limit: int = 65536) -> UrlResult:
    """``result``, unless a link Android shows inside or across it (``Found.phone``:
    where a phone starts a link the reader here does not, as in
    ``请登录https://beian.miit.gov.cn、.evil.com`` read from ``miit``) opens a host
    anyone can register: then that link's verdict, ``lookalike``, naming it."""
    for link in links:
        other = (
            classify(link.encode("utf-8", "replace").decode("utf-8"))
            if len(link) <= limit
            else None
        )
        if other is None:
            reason = ("read_by_android_from", {"rest": clip(link, 40), "host": "?"})
            return dataclasses.replace(result, verdict=LOOKALIKE, reasons=(*result.reasons, reason))
        if not _reachable(other) or other.host.rstrip(".") == result.host.rstrip("."):
            continue
        reason = ("read_by_android_from", {"rest": clip(link, 40), "host": other.host_unicode})
        return dataclasses.replace(other, verdict=LOOKALIKE, reasons=(*other.reasons, reason))
    return result


def _reachable(other: UrlResult) -> bool:
    """Whether a reading's host is one an attacker may own: an IP address, or a host
    with a registrable domain (a label under a public suffix) that is not under a
    suffix only governments register (gov.cn, 政务, RESTRICTED_SUFFIXES)."""
    if _IP_HOST.fullmatch(other.host):
        return True
    domain = other.registered_domain
    restricted = domain.lower().rstrip(".").rsplit(".", 1)[-1] in RESTRICTED_SUFFIXES
    return bool(_REGISTRABLE.fullmatch(domain)) and not is_government(domain) and not restricted


def shown_as(result: UrlResult, shown: str) -> UrlResult:
    """A link in markup whose shown text names the filing system while its target goes
    elsewhere (``<a href="https://evil.com/">https://beian.miit.gov.cn/</a>``) is
    ``lookalike``, with a reason naming both.

    Words that name the ministry or a filing system in general (工信部, 工业和信息化部,
    备案系统, miit.gov.cn) claim a government body, not this site: a target at a real
    government host (``gov_other``: ``<a href="https://www.miit.gov.cn/">工信部</a>``,
    the Ministry of Public Security's 公安备案系统) honours that claim and stays
    ``gov_other``; only the filing system's own host in the shown text (…beian.miit…)
    makes a government target a look-alike.  Any such words on a target anyone can
    register (``<a href="https://evil.com">工信部备案</a>``) make it ``lookalike``."""
    if not shown or not names_official(shown):
        return result
    if result.verdict in (OFFICIAL, OFFICIAL_INSECURE):
        return result
    if result.verdict == GOV_OTHER and not names_official_host(shown):
        return result
    where = result.host_unicode or result.host or clip(result.input, 60)
    reason = ("shown_elsewhere", {"shown": clip(shown, 60), "host": where})
    kept = tuple(r for r in result.reasons if r[0] != "unrelated")
    return dataclasses.replace(result, verdict=LOOKALIKE, reasons=(*kept, reason))


# Words that name the filing system in a link's shown text.
_SHOWN_NAMES = ("备案系统", "备案管理系统", "工信部", "工业和信息化部", "工業和信息化部")


def names_official(shown: str) -> bool:
    """Whether a link's shown text names the filing system (its host, even disguised,
    or its name in Chinese)."""
    from beianaudit.urls.lookalike import brand_skeleton, skeleton

    text = shown[:1024].lower().translate(_DOTS)
    sk = skeleton(text)
    return (
        any(name in text for name in _SHOWN_NAMES)
        or brand_skeleton("beian.miit") in sk
        or brand_skeleton(OFFICIAL_DOMAIN) in sk
    )


def names_official_host(shown: str) -> bool:
    """Whether a link's shown text names the filing system's own host (beian.miit…,
    even disguised), not the ministry or a filing system in general."""
    from beianaudit.urls.lookalike import brand_skeleton, skeleton

    return brand_skeleton("beian.miit") in skeleton(shown[:1024].lower().translate(_DOTS))


def read_one(result: UrlResult, longer: str | None, code: str = "runs_into_text") -> UrlResult:
    """``result``, for a link found in free text that stops short of the end of its
    host (``url_extract``): ``longer`` is the reading on to it, as a phone's link
    detection reads it ("" when too long to parse; ``None`` when the link does not run
    on).  An attacker writes ``https://beian.miit.gov.cn.备案.com`` or
    ``https://beian.miit.gov.cn…@evil.com`` so that a reader stopping early sees the
    real host while a phone opens another: an official verdict stands only if the
    browser's parser, given the longer reading, reaches the same host, a government
    one, or nothing anyone can reach (no public suffix: ``…gov.cn处理``)."""
    if longer is None or result.verdict not in (OFFICIAL, OFFICIAL_INSECURE):
        return result
    if not longer:  # too long to parse: no sentence is; it is not official
        reason = (code, {"rest": "…", "host": "?"})
        return dataclasses.replace(result, verdict=LOOKALIKE, reasons=(*result.reasons, reason))
    other = classify(longer.encode("utf-8", "replace").decode("utf-8"))  # no surrogates
    if not _reachable(other):
        # A host no one reaches (…evil.com-) may hold one a phone cuts it to: judge that.
        from beianaudit.urls.extract import trimmed

        shorter = trimmed(longer)
        if shorter != longer and len(shorter) > len(result.input):
            return read_one(result, shorter, code)
        return result
    if other.host.rstrip(".") == result.host.rstrip("."):
        return result
    rest = longer[len(result.input) :]
    reason = (code, {"rest": clip(rest, 40), "host": other.host_unicode})
    verdict = GOV_OTHER if other.verdict == GOV_OTHER else LOOKALIKE
    return dataclasses.replace(other, verdict=verdict, reasons=(*other.reasons, reason))


_GOV_TAILS = tuple("." + s for s in GOV_SUFFIXES)


def is_government(host: str) -> bool:
    """A host under a suffix only government bodies can register (gov.cn, 政务)."""
    bare = host.lower().rstrip(".")
    return bare in GOV_SUFFIXES or bare.endswith(_GOV_TAILS)


def _official(bare: str, url: Mapping[str, Any], userinfo: str) -> bool:
    """The one path to ``official``/``official_insecure``: keep it this narrow."""
    return bare == OFFICIAL_HOST and url["port"] == "" and userinfo == ""


# What a browser reads as a dot in a host name (UTS #46): a name written with them in a
# path or query is the name all the same.
_DOTS = str.maketrans("。．｡", "...")


def _brand_in_path(path: str) -> bool:
    """The official name inside a path, query or fragment (percent-escapes decoded)."""
    from urllib.parse import unquote

    from beianaudit.urls.lookalike import brand_skeleton, skeleton

    # Both names hold a dot, and of ASCII only "." has a skeleton with one (a test): a
    # path without a dot, an escape or a non-ASCII character (。) cannot hold either.
    if "." not in path and "%" not in path and path.isascii():
        return False
    lowered = unquote(path[:2048]).lower().translate(_DOTS)
    return OFFICIAL_DOMAIN in lowered or brand_skeleton(OFFICIAL_DOMAIN) in skeleton(lowered[:512])


@dataclass(frozen=True)
class HostJudgement:
    verdict: str
    reasons: tuple[Reason, ...]
    registered: str
    unicode: str


@lru_cache(maxsize=1 << 14)
def judge_host(host: str) -> HostJudgement:
    """The verdict a host name earns by itself (never ``official``: see :func:`classify`)."""
    import ada_url

    from beianaudit.urls.lookalike import brand_skeleton, imitations, skeleton

    unicode_host = ada_url.idna_to_unicode(host) if "xn--" in host else host
    ext = _extractor().extract_str(host)
    registered = f"{ext.domain}.{ext.suffix}" if ext.domain and ext.suffix else ""
    labels = unicode_host.split(".")
    outside = labels[: len(labels) - (ext.suffix.count(".") + 1 if ext.suffix else 0)]
    matches = imitations(outside)
    if is_government(host):
        # Only government bodies can register under gov.cn: a plain brand word
        # (beian.gov.cn, miitbeian.gov.cn) is genuine; a disguised one is not, nor is
        # a near-miss of beian.miit (DESIGN: gov.cn is restricted, not infallible).
        disguised = [m for m in matches if m.code != "brand_token"]
        if disguised or _gov_near_miss(host, outside):
            under = ("gov_lookalike", {"host": unicode_host, "official": OFFICIAL_HOST})
            reasons = (*_match_reasons(disguised), under)
            return HostJudgement(LOOKALIKE, reasons, registered, unicode_host)
        reason = ("gov_host", {"host": unicode_host, "official": OFFICIAL_HOST})
        return HostJudgement(GOV_OTHER, (reason,), registered, unicode_host)
    reasons: list[Reason] = []
    sk = skeleton(unicode_host)
    if brand_skeleton(OFFICIAL_DOMAIN) in sk or brand_skeleton("beian.miit") in sk:
        reasons.append(("official_name_embedded", {"registered": registered or host}))
    # An access provider's own filing portal (beian.aliyun.com), or a site that looks
    # filings up (beian.chinaz.com): a real service, named, not the filing system.
    for listed, code in (("providers.txt", "provider_portal"), ("lookups.txt", "lookup_site")):
        names = _domain_names(listed)
        owner = names.get(registered)
        if not owner:
            continue
        excused = {"beian", "icp", ext.domain} & {*ext.subdomain.split("."), ext.domain}
        # The plain word "beian" under the domain, or a host listed itself (a console).
        if (
            (matches or _listed_host(host, names, registered))
            and not reasons
            and all(m.code == "brand_token" and m.part in excused for m in matches)
        ):
            why = (code, {"host": unicode_host, "registered": registered, "owner": owner})
            return HostJudgement(OTHER, (why,), registered, unicode_host)
    reasons.extend(_match_reasons(matches))
    if reasons:
        return HostJudgement(LOOKALIKE, tuple(reasons), registered, unicode_host)
    shorteners = _domain_names("shorteners.txt")
    if registered in shorteners or host in shorteners:
        short = ("shortener", {"registered": registered or host})
        return HostJudgement(OTHER, (short,), registered, unicode_host)
    return HostJudgement(OTHER, (("unrelated", {"host": unicode_host}),), registered, unicode_host)


def _gov_near_miss(host: str, outside: list[str]) -> bool:
    """A host under gov.cn or 政务 whose name imitates beian.miit: any label not in
    plain ASCII (punycode shown in another script), or the labels before the suffix
    within two edits of beian.miit once dots and hyphens are dropped (beian.mit,
    beian-miit, beianmiit, miit.beian, bei.an.miit) or holding it whole
    (beian.miit.gov.cn.gov.cn), or the registrant label one edit
    from miit (rmiit, mitt).  Real, distinct government hosts (www.miit.gov.cn,
    ca.miit.gov.cn, beian.mps.gov.cn, www.gov.cn) are farther than that."""
    from beianaudit.urls.lookalike import distance

    bare = host.lower().rstrip(".")
    if bare == OFFICIAL_HOST or not outside:
        return False
    if not all(label.isascii() and not label.startswith("xn--") for label in outside):
        return True
    words = [w for w in re.split(r"[.\-_]+", ".".join(outside).lower()) if w]
    joined = "".join(words)
    brand = "beianmiit"
    # The official name written whole before the suffix (beian.miit.gov.cn.gz.gov.cn,
    # beian-miit-gov-cn.gov.cn, www.beian.miit.政务): no government body is so named.
    if brand in joined or sorted(words) == ["beian", "miit"]:
        return True
    if distance(joined, brand, 2) <= 2:
        return True
    registrant = outside[-1].lower()
    return registrant != "miit" and len(registrant) >= 3 and distance(registrant, "miit", 1) <= 1


def _listed_host(host: str, names: Mapping[str, str], registered: str) -> bool:
    """Whether a host (a console) or one of its parents is listed itself."""
    return any(host == n or host.endswith("." + n) for n in names if n != registered)


def _match_reasons(matches: list[Any]) -> tuple[Reason, ...]:
    """One reason a brand: the first part that imitates it says enough."""
    if not matches:
        return ()
    first = {m.brand: m for m in reversed(matches)}
    return tuple(
        (m.code, {"part": m.part, "brand": m.brand}) for m in matches if first[m.brand] is m
    )
