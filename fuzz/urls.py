"""atheris harness for the URL parsers: ``classify`` and ``extract`` (see fuzz/README.md).

    python fuzz/urls.py [-runs=N] [libFuzzer options] [CORPUS_DIR…]

Beyond "no exception": a link judged ``official`` must, as the browser's URL
parser (ada-url) reads the URL beianaudit serialised, be https to exactly
beian.miit.gov.cn, and judging that serialisation again must say ``official``
too; every link found in a text is a slice of it; and a link in a text judged
``official`` (as ``url --text`` judges it, every reading of it) must not, read on
to the next white space (a greedy reader) or as Android's pattern reads its host,
lead to another host someone can register.  Issue 16's rules too: a host whose
skeleton is the official host's, but is not it, is ``lookalike`` or ``invalid``;
``gov_other`` is never a host with a non-ASCII label; a link in markup whose shown
text names the filing system is ``official`` only if its target is.  And wherever
Android STARTS a link (tests/android_linkify.py, the port of Patterns.AUTOLINK_WEB_URL
and Linkify used as the test oracle: a scheme glued to an ideograph, upper case, one
slash, full width), a link of its to a foreign host overlaps a link ``url --text``
does not call safe, and the message is not safe overall (texts up to 512 characters:
the oracle's regular expression backtracks as Android's does).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import run, text_of

ROOT = Path(__file__).resolve().parent.parent
OFFICIAL_HOST = "beian.miit.gov.cn"


def one_input(data: bytes) -> None:
    import ada_url

    from beianaudit.urls.classify import VERDICTS, classify, judge_found, names_official
    from beianaudit.urls.extract import extract, trimmed
    from beianaudit.urls.lookalike import skeleton

    text = text_of(data)
    result = classify(text)
    assert result.verdict in VERDICTS, result.verdict
    json.dumps(result.extra())
    if result.verdict == "official":
        parsed = ada_url.parse_url(result.url)
        assert parsed["protocol"] == "https:", (text, result.url)
        assert parsed["hostname"].rstrip(".") == OFFICIAL_HOST, (text, result.url)
        assert classify(result.url).verdict == "official", (text, result.url)
    bare = result.host.rstrip(".")
    if bare and bare != OFFICIAL_HOST and skeleton(result.host_unicode) == skeleton(OFFICIAL_HOST):
        assert result.verdict in ("lookalike", "invalid"), (text, result.verdict)
    if result.verdict == "gov_other":
        labels = result.host_unicode.rstrip(".").split(".")
        assert all(label.isascii() for label in labels[:-2]), (text, result.host_unicode)
    found_links = extract(text)
    if len(text) <= 512:
        _phone_starts_judged(text, found_links)
    for found in found_links:
        assert text[found.start : found.start + len(found.written)] == found.written
        judged = judge_found(found)
        assert judged.verdict in VERDICTS
        if found.shown and names_official(found.shown) and judged.verdict == "official":
            assert judged.host.rstrip(".") == OFFICIAL_HOST, (text, found.shown)
        if judged.verdict == "official":
            rest = text[found.start :]
            _phone_agrees(re.split(r"\s", rest, maxsplit=1)[0], text)
            authority = re.match(r"(?i)(?:(?:https?):)?[/\\]*", rest).end()
            reading = rest[: _ANDROID_HOST.match(rest, authority).end()]
            _phone_agrees(reading, text)
            # Android's match backs off where a label cannot end (…evil.com-): the
            # reading cut where its pattern cuts it must agree too.
            _phone_agrees(trimmed(reading), text)


# Android's host characters (android.util.Patterns: LABEL_CHAR, a-zA-Z0-9 and RFC 3987's
# UCS_CHAR but its spaces), with dots, hyphens and androidx's "_".
_ANDROID_HOST = re.compile(
    "[a-zA-Z0-9._\\-\u00a1-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u2fff\u3001-\ud7ff"
    "\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U000dfffd\U000e1000-\U000efffd]*"
)


def _phone_agrees(token: str, text: str) -> None:
    """The link read on to the end of the reading, as a browser opens it, reaches the
    real host, a government one, or a host no one can register (no public suffix, not
    letters-digits-hyphens)."""
    from beianaudit.urls.classify import classify

    phone = classify(token.encode("utf-8", "replace").decode("utf-8"))
    registrable = re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", phone.registered_domain)
    ip = re.fullmatch(r"\d+\.\d+\.\d+\.\d+|\[.*\]", phone.host)
    government = phone.registered_domain.endswith("gov.cn")
    if phone.verdict != "invalid" and (registrable or ip) and not government:
        assert phone.host.rstrip(".") == OFFICIAL_HOST, (text, token, phone.host)


SAFE = ("official", "official_insecure", "gov_other")


def _phone_starts_judged(text: str, found: list) -> None:
    """Every link Android shows to a foreign host overlaps a link judged not safe, and
    the message's worst verdict is not safe."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from beianaudit.commands.url import _worst_verdict
    from beianaudit.urls.classify import judge_found
    from tests.android_linkify import foreign_links

    bad = foreign_links(text)
    if not bad:
        return
    results = [judge_found(f) for f in found]
    assert results, (text, bad)
    assert _worst_verdict(results) not in SAFE, (text, bad, results)
    for _variant, start, end, host in bad:
        assert any(
            f.start < end and start < f.start + len(f.written) and r.verdict not in SAFE
            for f, r in zip(found, results, strict=True)
        ), (text, text[start:end], host)


def seeds() -> Iterator[str]:
    corpus = ROOT / "tests" / "data" / "urls" / "corpus.jsonl"
    if corpus.exists():
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)["url"]
    yield "您的备案信息异常，请登录 beian-miit.cn/login 处理。"
    yield "https://beian.miit.gov.cn\\@evil.example/"
    yield "请登录https://beian.miit.gov.cn.备案.中国/login处理"
    yield "https://beian.miit.gov.cn…@evil.com 谢谢"
    # Issue 16: clause marks Android reads through, symbols, IDN hosts, markup.
    yield "官方入口: https://beian.miit.gov.cn、.evil.com 谢谢"
    yield "请点击→beian.miit.gov.cn.evil.com← 处理"
    yield "请登录 备案.网址 处理 (https://备案.网址)"
    yield "https://beian.miit.gov.cn#.备案.中国/login"
    yield '<a href="https://evil.com/">https://beian.miit.gov.cn/</a>'
    yield "[工信部备案系统](https://beian-miit.com/)"
    # The review of issue 16: tails a label cannot end with, "_", markup attributes,
    # second links inside a link, the official name before a government suffix.
    yield "https://beian.miit.gov.cn、.evil.com- 谢谢"
    yield "请登录 https://beian.miit.gov.cn、x_y.evil.com% 完成"
    yield "请登录 https://beian.miit.gov.cn备案.evil.中国… 谢谢"
    yield '<a data-href="https://beian.miit.gov.cn/" href="&#104;ttps://evil.com/">备案系统</a>'
    yield "https://beian.miit.gov.cn/login%evil.com https://beian.miit%2Egov.cn/"
    yield "evil.com@https://beian.miit.gov.cn/ https://beian.miit.gov.cn.gz.gov.cn/"
    yield "https://beӏᎪ𝔑.com/ https://beian.xn--lit-2vb.gov.cn/ https://mɪɪt.com"
    # Where a phone starts a link and a reader of the sentence does not.
    yield "请登录https://beian.miit.gov.cn、.evil.com"
    yield "→https:/BEIAN.MIIT.GOV.CN/#％evil.cn<"
    yield "「beian.miit.gov.c\u200bn\u20601.2.3.4%"
    yield "👉http://beian.miit.gov.cn。:443｡备案.中国 谢谢"
    yield "请登录 https:/BEIAN.MIIT.GOV.CN/?a=b(evil.xn--fiqs8s，谢谢"


if __name__ == "__main__":
    run(
        one_input,
        seeds(),
        ["beianaudit.urls.classify", "beianaudit.urls.extract", "beianaudit.urls.lookalike"],
    )
