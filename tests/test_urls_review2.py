"""The second adversarial review of ``url --text`` (its findings A-E): the reviewer's own
inputs, and a small generator over each shape (wrappers x forms x trailing context).

Every expected verdict comes from how a browser (WHATWG URL parsing, as ada-url does it)
or a phone opens the link, never from this code's output."""

from __future__ import annotations

import functools
import itertools

from beianaudit.urls.classify import judge_found
from beianaudit.urls.extract import extract
from tests.test_urls_edges import SHOWN_FORMS, _html_wrappers, _markdown_wrappers

SAFE = ("official", "official_insecure", "gov_other")


def _worst(text: str) -> str:
    from beianaudit.commands.url import _worst_verdict

    return _worst_verdict([judge_found(f) for f in extract(text)])


def _verdicts(text: str) -> list[tuple[str, str, str]]:
    return [(f.written, (r := judge_found(f)).verdict, r.host) for f in extract(text)]


# A. A target in markup without two slashes after http(s): (or with no scheme at all) is
# relative: a browser resolves it against the page it sits on (WHATWG "special relative
# or authority state": ``https:`` then anything but two slashes, under a base of the same
# scheme, is relative; ada: URL('https:beian.miit.gov.cn', base='https://evil.com/x/') is
# https://evil.com/x/beian.miit.gov.cn).  It opens the sender's site whatever host it
# names, so it is never safe.  Two slashes of either kind (``https:\\``, ``//``) are an
# authority: absolute, the host it names.
RELATIVE_TARGETS = [
    "https:beian.miit.gov.cn",
    "https:/beian.miit.gov.cn/#/Integrated/index",
    "https:\\beian.miit.gov.cn",
    "http:beian.miit.gov.cn",
    "beian.miit.gov.cn",
    "beian.miit.gov.cn/#/Integrated/index",
    "beian.miit.gov.cn@evil.com",
    "www.miit.gov.cn",
]
ABSOLUTE_OFFICIAL = [
    "https://beian.miit.gov.cn/",
    "https:\\\\beian.miit.gov.cn/",
    "https:/\\beian.miit.gov.cn/",
    "//beian.miit.gov.cn/",
]

REVIEW_A = [
    '<p>您的备案即将注销，请<a href="https:beian.miit.gov.cn">登录https://beian.miit.gov.cn/</a>核验。</p>',
    '<a href="https:/beian.miit.gov.cn/#/Integrated/index">登录备案系统</a>',
    '<a href="https:\\beian.miit.gov.cn">登录</a>',
    "[https://beian.miit.gov.cn/](https:beian.miit.gov.cn)",
    '<a href="beian.miit.gov.cn">https://beian.miit.gov.cn/</a>',
    "[登录备案系统](beian.miit.gov.cn)",
    "[登录][1]\n\n[1]: beian.miit.gov.cn",
    '<a href="beian.miit.gov.cn/#/Integrated/index">https://beian.miit.gov.cn/</a>',
    '<a href="beian.miit.gov.cn@evil.com">登录</a>',
    "[登录](beian.miit.gov.cn@evil.com)",
]


def test_review_a_relative_targets_are_lookalike() -> None:
    wrong = [(t, _verdicts(t)) for t in REVIEW_A if _worst(t) != "lookalike"]
    assert not wrong, wrong


def test_a_relative_target_is_never_safe_in_any_wrapper() -> None:
    wrong = []
    shown_texts = [*SHOWN_FORMS[:4], "登录", "点击这里"]
    for shown, target in itertools.product(shown_texts, RELATIVE_TARGETS):
        for text in _html_wrappers(shown, target) + _markdown_wrappers(shown, target):
            if _worst(text) != "lookalike":
                wrong.append((text, _verdicts(text)))
    assert not wrong, (len(wrong), wrong[:12])


def test_an_absolute_target_without_a_scheme_or_with_backslashes_stays_official() -> None:
    wrong = []
    for shown, target in itertools.product([SHOWN_FORMS[0], "登录"], ABSOLUTE_OFFICIAL):
        for text in _html_wrappers(shown, target)[:5] + _markdown_wrappers(shown, target)[:3]:
            if _worst(text) not in ("official", "official_insecure"):
                wrong.append((text, _verdicts(text)))
    assert not wrong, (len(wrong), wrong[:12])


def test_an_address_bar_reads_https_colon_host_as_absolute() -> None:
    """Without a page (plain text, no base) ``https:beian.miit.gov.cn`` is absolute."""
    assert _worst("请登录 https:beian.miit.gov.cn 处理") in ("official", "official_insecure")


# B. A link without a scheme whose userinfo is the official host (``beian.miit.gov.cn@evil.com``,
# ``beian.miit.gov.cn:443@evil.com``): typed into an address bar it is http:// + the text
# (ada: http://beian.miit.gov.cn:443@evil.com/ has host evil.com), and every reader and
# person copying it trims a trailing mark, so whatever follows it, it opens evil.com.
REVIEW_B = [
    "【阿里云】请登录 beian.miit.gov.cn@evil.com，完成核验。",
    "（beian.miit.gov.cn@evil.com）",
    "【beian.miit.gov.cn@evil.com】",
    "“beian.miit.gov.cn@evil.com”",
    "<beian.miit.gov.cn@evil.com>",
    "请登录beian.miit.gov.cn@evil.com处理",
    "请登录beian.miit.gov.cn@evil.com😊",
    "请登录beian.miit.gov.cn@evil.com[微笑]",
    "请登录beian.miit.gov.cn@evil.com！！",
    "请登录 beian.miit.gov.cn:@evil.com",
    "请登录 beian.miit.gov.cn:443@evil.com",
    "请登录 beian.miit.gov.cn:x@evil.com",
    "请登录 beian.miit.gov.cn:a:b@evil.com",
    "请登录 beian.miit.gov.cn:@1.2.3.4",
]
USERINFO_LINKS = [
    "beian.miit.gov.cn@evil.com",
    "beian.miit.gov.cn@1.2.3.4",
    "beian.miit.gov.cn@evil.cn",
    "beian.miit.gov.cn:@evil.com",
    "beian.miit.gov.cn:443@evil.com",
    "beian.miit.gov.cn:x@evil.com",
]
USERINFO_LEADS = ["请登录 ", "请登录", "（", "【", "“"]
USERINFO_TAILS = [
    *["", " 谢谢", "，完成核验。", "）", "！", "处理", "😊"],
    *["[微笑]", "】", "”", "、", "～", ">"],
]


def test_review_b_userinfo_without_a_scheme_is_lookalike() -> None:
    wrong = [(t, _verdicts(t)) for t in REVIEW_B if _worst(t) != "lookalike"]
    assert not wrong, wrong


def test_userinfo_without_a_scheme_is_lookalike_whatever_follows() -> None:
    wrong = []
    for link, lead, tail in itertools.product(USERINFO_LINKS, USERINFO_LEADS, USERINFO_TAILS):
        text = f"{lead}{link}{tail}"
        if _worst(text) != "lookalike":
            wrong.append((text, _verdicts(text)))
    assert not wrong, (len(wrong), wrong[:12])


def test_a_host_and_port_without_a_scheme_is_still_the_host() -> None:
    from beianaudit.urls.classify import classify

    assert classify("beian.miit.gov.cn:443@evil.com").host == "evil.com"
    assert classify("beian.miit.gov.cn:8080").host == "beian.miit.gov.cn"
    assert classify("mailto:x@evil.com").verdict == "invalid"  # a scheme, not a host


# C. The official host on a port other than its scheme's, in a message: the port is part
# of the link (Android's AUTOLINK_WEB_URL keeps ``:\d{1,5}``, a browser opens it), so it
# is judged as the link alone is: another port is gov_other, a port a browser refuses
# (99999, a full-width digit: ada "Invalid input") opens nothing: invalid.
REVIEW_C = {
    "请登录 https://beian.miit.gov.cn:8443/ 核验": "gov_other",
    "https://beian.miit.gov.cn:1/#/Integrated/index": "gov_other",
    "请登录 https://beian.miit.gov.cn:80/ 处理": "gov_other",
    "请登录 http://beian.miit.gov.cn:8080/ 处理": "gov_other",
    "请登录 beian.miit.gov.cn:8080 查看": "gov_other",
    "请登录 http://beian.miit.gov.cn:443/ 处理": "gov_other",
    "请登录 https://beian.miit.gov.cn:99999/ 处理": "invalid",
    "请登录 https://beian.miit.gov.cn:44３/": "invalid",
}
PORTS = {":8443/": "gov_other", ":1/#/Integrated/index": "gov_other", ":8080": "gov_other"}
PORTS.update({":99999/": "invalid", ":70000": "invalid", ":44３/": "invalid"})


def test_review_c_a_port_in_a_message_is_kept() -> None:
    wrong = [(t, _verdicts(t)) for t, want in REVIEW_C.items() if _worst(t) != want]
    assert not wrong, wrong


def test_a_port_is_kept_in_any_sentence() -> None:
    wrong = []
    for (port, want), scheme, lead, tail in itertools.product(
        PORTS.items(), ["https://", "http://", ""], ["", "请登录 ", "网址："], ["", " 处理", "。"]
    ):
        text = f"{lead}{scheme}beian.miit.gov.cn{port}{tail}"
        if _worst(text) != want:
            wrong.append((text, want, _verdicts(text)))
    assert not wrong, (len(wrong), wrong[:12])


def test_a_port_then_a_chat_symbol_is_read_as_a_phone_reads_it() -> None:
    """Android ends ``…gov.cn:443～～`` after the port: the default port is the filing
    system, another port is not."""
    assert _worst("https://beian.miit.gov.cn:443～～") == "official"
    assert _worst("https://beian.miit.gov.cn:8443～～") not in ("official", "official_insecure")


# D. Markdown or chat emphasis around a link (``_beian.miit.gov.cn_``, ``__…__``) and an
# underscore glued after it: CommonMark renders the host in italics and a linkifier opens
# beian.miit.gov.cn; Android backs off to ``beian.miit.gov``, a name under .gov that
# reaches no one (README: 请登录beian.miit.gov.cn处理 stays official).  Honest.
REVIEW_D = [
    "请登录 _beian.miit.gov.cn_ 处理",
    "_beian.miit.gov.cn_",
    "请登录 __beian.miit.gov.cn__",
    "请登录beian.miit.gov.cn_处理",
    "打开beian.miit.gov.cn_",
]
EMPHASES = ["_{}_", "__{}__", "{}_", "*{}*"]


def test_review_d_underscore_emphasis_is_honest() -> None:
    wrong = [(t, _verdicts(t)) for t in REVIEW_D if _worst(t) != "official_insecure"]
    assert not wrong, wrong


def test_underscore_emphasis_in_any_sentence_is_honest() -> None:
    wrong = []
    for wrap, (scheme, want), lead, tail in itertools.product(
        EMPHASES,
        [("", "official_insecure"), ("https://", "official")],
        ["", "请登录 ", "请登录", "打开"],
        ["", " 处理", "处理", "。"],
    ):
        text = lead + wrap.format(scheme + "beian.miit.gov.cn") + tail
        if _worst(text) != want:
            wrong.append((text, want, _verdicts(text)))
    assert not wrong, (len(wrong), wrong[:12])


def test_an_underscore_is_no_way_past_the_host() -> None:
    for text in ["请登录 _beian.miit.gov.cn_@evil.com", "请登录 beian.miit.gov.cn_.evil.com_"]:
        assert _worst(text) not in SAFE, (text, _verdicts(text))


# E. An invisible format character (Unicode category Cf: LRM, ZWJ, PDF, isolates…) that
# copy-paste from right-to-left or rich-text apps appends after a link: the person sees
# the link end at the host, as after ～ (README: a host no one can reach ends where the
# host's letters end); U+200B and U+FEFF, which a browser drops, are official already.
REVIEW_E = [
    "打开 https://beian.miit.gov.cn\u200e",
    "打开 https://beian.miit.gov.cn\u200d",
    "请登录 https://beian.miit.gov.cn\u202c",
]


@functools.cache  # a scan of every code point, asked by two tests
def _format_characters() -> list[str]:
    import sys
    import unicodedata

    return [c for c in map(chr, range(sys.maxunicode + 1)) if unicodedata.category(c) == "Cf"]


def test_review_e_a_trailing_format_character_is_invisible() -> None:
    wrong = [(t, _verdicts(t)) for t in REVIEW_E if _worst(t) != "official"]
    assert not wrong, wrong


def test_every_trailing_format_character_is_invisible() -> None:
    wrong = []
    for c, (link, want) in itertools.product(
        _format_characters(),
        [("https://beian.miit.gov.cn", "official"), ("beian.miit.gov.cn", "official_insecure")],
    ):
        text = f"请登录 {link}{c}"
        if _worst(text) != want:
            wrong.append((f"U+{ord(c):04X}", want, _verdicts(text)))
    assert not wrong, (len(wrong), wrong[:12])


def test_a_format_character_is_no_way_past_the_host() -> None:
    wrong = []
    for c in _format_characters():
        text = f"请登录 https://beian.miit.gov.cn{c}.evil.com"
        if _worst(text) in SAFE:
            wrong.append((f"U+{ord(c):04X}", _verdicts(text)))
    assert not wrong, (len(wrong), wrong[:12])


# F. A link's title (the tooltip a browser shows on hover: Markdown's ``"…"`` after the
# destination, an anchor's title attribute) naming the filing system while the target
# goes elsewhere is the same claim as shown text naming it.
TITLED = [
    '[登录](https://evil.com "https://beian.miit.gov.cn")',
    "[登录](https://evil.com 'beian.miit.gov.cn')",
    "[登录](https://evil.com (https://beian.miit.gov.cn/))",
    '<a href="https://evil.com" title="https://beian.miit.gov.cn">登录</a>',
    "<a title='beian.miit.gov.cn' href=https://evil.com>登录</a>",
]


def test_a_title_naming_the_filing_system_for_a_target_elsewhere_is_lookalike() -> None:
    wrong = [(t, _verdicts(t)) for t in TITLED if _worst(t) != "lookalike"]
    assert not wrong, wrong


def test_a_title_on_the_real_target_stays_official() -> None:
    for text in [
        '[登录](https://beian.miit.gov.cn/ "https://beian.miit.gov.cn")',
        '<a href="https://beian.miit.gov.cn/" title="工信部备案系统">登录</a>',
    ]:
        assert _worst(text) == "official", (text, _verdicts(text))


# F. Tags that render as nothing inside a link's text (``<wbr>``, an empty ``<span>``,
# a comment): the page shows, and a mail client links, the text joined across them.
JOINED = [
    "<p>https://beian.miit.gov.cn<wbr>.evil.com</p>",
    "<p>https://beian.miit.gov.cn<span></span>.evil.com</p>",
    "<p>https://beian.miit.gov.cn<!-- -->.evil.com</p>",
    "<p>请登录 beian.miit.gov.cn<b></b>.evil.com 处理</p>",
]
JOINED_HONEST = [
    "<p>请登录 <span>https://beian.miit.gov.cn</span> 处理</p>",
    "<p>https://beian.miit.gov.cn<br>谢谢</p>",
    "<p>https://beian.miit.gov.cn/<wbr>#/Integrated/index</p>",
]


def test_text_joined_across_empty_tags_is_read_as_rendered() -> None:
    wrong = [(t, _verdicts(t)) for t in JOINED if _worst(t) != "lookalike"]
    assert not wrong, wrong
    wrong = [(t, _verdicts(t)) for t in JOINED_HONEST if _worst(t) != "official"]
    assert not wrong, wrong
