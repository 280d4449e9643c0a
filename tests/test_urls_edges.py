"""The URL verdict's edge cases left open by review (issue 16's follow-up), as generated
tables: honest messages written as notices and providers write the link, attacks written
as a phisher writes them, and every pairing of a shown link with its target in markup.

Each expected verdict comes from how a browser (WHATWG URL, ada-url) and a phone
(Android's Linkify, a reader stopping where the link visibly ends) open the link, never
from this code's output: see the comment on each table."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from beianaudit.urls.classify import judge_found
from beianaudit.urls.extract import extract
from tests.fuzzing import budget

OFFICIAL = "https://beian.miit.gov.cn"


def _worst(text: str) -> str:
    from beianaudit.commands.url import _worst_verdict

    return _worst_verdict([judge_found(f) for f in extract(text)])


def _verdicts(text: str) -> list[str]:
    return [judge_found(f).verdict for f in extract(text)]


# 1. A link without a scheme, glued to Chinese text and followed by a chat symbol: the
# same link as with a scheme.  A browser maps ① to 1 and • stays a letter of the last
# label, so the whole names a host no one can reach (cn1, cn•: no public suffix);
# Android reads 登录beian.miit.gov.cn or 登录beian.miit.gov (under gov.cn or .gov:
# no one's site); a reader stopping where the link visibly ends opens the official host.
GLUED_SYMBOLS = [*"•①②⑩★▲✔ⓘ№﹏～~", "～～", "^_^", "[强]", "ーー"]
GLUED_LEADS = ["登录", "请登录", "备案官网", "网址："]
GLUED_TAILS = ["查询", "", " 谢谢", "处理。"]


def test_a_link_without_a_scheme_before_a_chat_symbol_reads_as_with_one() -> None:
    wrong = []
    for lead, mark, tail in itertools.product(GLUED_LEADS, GLUED_SYMBOLS, GLUED_TAILS):
        for form, verdict in ((OFFICIAL, "official"), ("beian.miit.gov.cn", "official_insecure")):
            text = f"{lead}{form}{mark}{tail}"
            if _worst(text) != verdict:
                wrong.append((text, _verdicts(text)))
    assert not wrong, (len(wrong), wrong[:10])


# 2. A full-width ／ ｜ ＼ ？ ＃ right after the official host.  A browser maps each to
# its ASCII form (UTS #46), a forbidden host code point, and refuses the whole URL
# (WHATWG host parser: failure; ada-url alike), so the reading that takes it in opens
# nothing; a person, and a reader that stops at full-width punctuation, reads the end of
# the host there: the link opens the official host or nothing.
FULL_WIDTH_ENDS = ["／", "｜", "＼", "？", "＃", "／／", "／#／Integrated／index"]


def test_a_full_width_delimiter_after_the_official_host_ends_it() -> None:
    wrong = []
    for mark, (lead, tail) in itertools.product(
        FULL_WIDTH_ENDS, [("", ""), ("请登录", "处理"), ("官网：", " 谢谢"), ("【", "】")]
    ):
        for form, verdict in ((OFFICIAL, "official"), ("beian.miit.gov.cn", "official_insecure")):
            text = f"{lead}{form}{mark}{tail}"
            if _worst(text) != verdict:
                wrong.append((text, _verdicts(text)))
    assert not wrong, (len(wrong), wrong[:10])


def test_a_full_width_delimiter_is_no_way_past_the_host() -> None:
    # …but one that a browser parses to another host, or that joins a host a phone
    # reads, still goes there.
    for text in (
        f"{OFFICIAL}／@evil.com",  # userinfo: the browser opens evil.com
        f"{OFFICIAL}＠evil.com",
        f"{OFFICIAL}﹒evil.com",
        f"{OFFICIAL}／ evil.com",
    ):
        assert not _worst(text).startswith("official"), (text, _verdicts(text))


# 3. Markup that shows one link and opens another.  A browser, a mail client and a
# Markdown renderer open the target (character references decoded in an anchor, and in
# a Markdown link's text and destination as CommonMark does); the person sees the shown
# text.  Shown text naming the filing system's host with any other target is a phishing
# mismatch: lookalike, whatever the wrapper.
SHOWN_FORMS = [
    "https://beian.miit.gov.cn",
    "https://beian.miit.gov.cn/",
    "beian.miit.gov.cn",
    "http://beian.miit.gov.cn/#/Integrated/index",
    "https://beian.miit.gov.cn/ ",
    "工信部备案系统",
]
ELSEWHERE = [
    "https://beian-miit.top",
    "http://evil.com",
    "https://evil.com/beian.miit.gov.cn",
    "https://beian.miit.gov.cn.evil.com/",
    "http://1.2.3.4/",
    "https://www.baidu.com/",
    "https://t.cn/A6x",
]


def _html_wrappers(shown: str, target: str) -> list[str]:
    entity = "".join(f"&#{ord(c)};" if c in ".:/" else c for c in target)
    shown_entity = shown.replace(".", "&#46;")
    return [
        f'<a href="{target}">{shown}</a>',
        f"<a href='{target}'>{shown}</a>",
        f"<a href={target}>{shown}</a>",
        f'<A HREF="{target}" target="_blank">{shown}</A>',
        f'<a class="btn" href="{target}"><span>{shown}</span></a>',
        f'<a href="{entity}">{shown}</a>',
        f'<a href="{target}">{shown_entity}</a>',
        f'<p>请登录<a href="{target}">{shown}</a>处理</p>',
    ]


def _markdown_wrappers(shown: str, target: str) -> list[str]:
    return [
        f"[{shown}]({target})",
        f"[{shown}](<{target}>)",
        f'[{shown}]({target} "官网")',
        f"[{shown}]({target} '官网')",
        f"[{shown}]({target} (官网))",
        f"[[{shown}]]({target})",
        f"[**{shown}**]({target})",
        f"[`{shown}`]({target})",
        f"请登录[{shown}]({target})处理",
        f"[{shown.replace('.', '&#46;')}]({target})",
        f"[{shown}]({target.replace('.', '&#46;')})",
        f"[{shown}][1]\n\n[1]: {target}",
        f'[{shown}][备案]\n\n[备案]: <{target}> "官网"',
    ]


def test_every_pairing_that_shows_the_filing_system_and_opens_elsewhere_is_lookalike() -> None:
    wrong = []
    for shown, target in itertools.product(SHOWN_FORMS, ELSEWHERE):
        for text in _html_wrappers(shown, target) + _markdown_wrappers(shown, target):
            if _worst(text) != "lookalike":
                wrong.append((text, _verdicts(text)))
    assert not wrong, (len(wrong), wrong[:12])


def test_every_pairing_that_opens_the_filing_system_is_official() -> None:
    wrong = []
    for shown in [*SHOWN_FORMS, "点击这里", "官网"]:
        for text in _html_wrappers(shown, OFFICIAL + "/") + _markdown_wrappers(
            shown, OFFICIAL + "/"
        ):
            if _worst(text) not in ("official", "official_insecure"):
                wrong.append((text, _verdicts(text)))
    assert not wrong, (len(wrong), wrong[:12])


# 4. Honest messages, as filing notices and access providers write the link, and attacks
# written into the same messages.
HONEST_FORMS = [
    (OFFICIAL, "official"),
    (OFFICIAL + "/", "official"),
    (OFFICIAL + "/#/Integrated/index", "official"),
    ("HTTPS://BEIAN.MIIT.GOV.CN/", "official"),
    ("https：／／beian.miit.gov.cn", "official"),
    ("https://beian。miit。gov。cn", "official"),
    ("https://beian.miit.gov.cn:443/", "official"),
    ("https://beian.miit.gov.cn./", "official"),
    ("https://beian.miit.gov.cn/#/Integrated/recordQuery", "official"),
    ("https://beian.miit.gov.cn／", "official"),
    ("beian.miit.gov.cn", "official_insecure"),
    ("beian.miit.gov.cn/#/Integrated/index", "official_insecure"),
    ("http://beian.miit.gov.cn/", "official_insecure"),
]
HONEST_WRAPS = [
    "【工信部】您的备案信息需要核验，请登录{}处理。",
    "【阿里云】请于7日内登录{}完成核验，退订回T",
    "备案系统网址：“{}”，请勿点击其他链接。",
    "请登录「{}」查询",
    "官网（{}）",
    "官网({})",
    "网址：《{}》",
    "请访问\n{}\n进行核验",
    "👉{}👈 点击登录",
    "登录入口：{}，谢谢！",
    "登录入口：{}；客服电话010-12381",
    "登录{}…",
    "请复制{} 到浏览器打开",
    "地址:{}！",
    "→{}←",
    "'{}'",
    '"{}"',
    "<{}>",
    "【{}】",
    "（{}）请尽快处理",
    "请登录{}😊",
    "请登录{}⚠️请勿泄露验证码",
    "✅官网：{}✅",
    "网址：{}～",
    "网址：{}•客服热线12381",
    "备案网址{}\r\n工信部",
    "请登录{}\t办理",
]


def test_honest_messages_are_official() -> None:
    wrong = []
    for wrap, (form, verdict) in itertools.product(HONEST_WRAPS, HONEST_FORMS):
        text = wrap.format(form)
        if _worst(text) != verdict:
            wrong.append((text, _verdicts(text)))
    assert not wrong, (len(wrong), wrong[:10])


# Each opens a host that is not the filing system, in a browser (ada-url's WHATWG
# parse): look-alike names, the real name as a subdomain or userinfo of another domain,
# punycode of a homoglyph, a backslash or percent-escape that moves the host, an IP.
ATTACKS = [
    "https://beian.miit.gov.cn.evil.com/",
    "https://beian.miit.gov.cn.cn/",
    "https://beian-miit-gov.cn/",
    "https://beian.miit.gov.com.cn/",
    "https://beian.mitt.gov.cn.evil.top/",
    "https://beian.miit.gov.cn@evil.com/",
    "https://beian.miit.gov.cn:443@evil.com/",
    "https://beian.miit.gov.cn%40evil.com@evil.com/",
    "https://xn--bian-63d.miit.gov.cn.evil.com/",  # Cyrillic е
    "https://bеian.miit.gov.cn/",
    "https://evil.com\\beian.miit.gov.cn/",
    "https:\\\\evil.com\\beian.miit.gov.cn",
    "https://evil.com/\\\\beian.miit.gov.cn",
    "https://beian.miit.gov.cn%2eevil.com/",
    "https://beian%2emiit%2egov%2ecn.evil.com/",
    "https://evil.com#https://beian.miit.gov.cn",
    "https://evil.com?https://beian.miit.gov.cn",
    "https://0x7f.1/beian.miit.gov.cn",
    "http://3232235777/beian.miit.gov.cn/",
    "beian.miit.gov.cn.evil.com",
    "beian-miit.cn/login",
    "evil.com/https://beian.miit.gov.cn",
    "https://beian.miit.gov.cn%2f@evil.com",
    "https://beian.miit.gov.cn&@evil.com",
    "https://beian.miit.gov.cn:evil@evil.com",
    "https://beian.miit.gov.cn／@evil.com",
    "https://beian.miit.gov.cn。evil.com",
    "https://ｂｅｉａｎ.miit.gov.cn.evil.com",
    "https://bei\u00adan.miit.gov.cn.evil.com",
    "https://beian.miit.gov.cn.evil.com•",
    "beian.miit.gov.cn.evil.com①",
    "https://beian.miit.gov.cn@evil.com①",
    "http://[::ffff:7f00:1]/beian.miit.gov.cn",
    "https://beian-miit.gov.cn.cn/",
    "https://xn--beian-miit-gov-cn-xx1a.com/",
    "https://beian.miit.gov.cn？@evil.com",  # ？ is no delimiter: userinfo
    "https://beian.miit.gov.cn／@evil.com①",
    "https://beian.miit.gov.cn:443@evil.com•",
    "beian.miit.gov.cn•evil.com",
    "beian.miit.gov.cn①.evil.com",
    "https://beian.miit.gov.cn＃evil.com",  # a reader ending the link at ＃ shows evil.com
    "https://beian.miit.gov.cn①.evil.com～",  # ended at ～ it opens evil.com
    "https://beian.miit.gov.cn•.evil.com★",
]


def test_attacks_in_honest_wrappers_are_never_official() -> None:
    wrong = []
    for wrap, attack in itertools.product(HONEST_WRAPS, ATTACKS):
        text = wrap.format(attack)
        if _worst(text) not in ("lookalike", "other"):
            wrong.append((text, _verdicts(text)))
    assert not wrong, (len(wrong), wrong[:10])


_CJK = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=4)
_SYMBOLS = st.characters(categories=("So", "Sm", "Po", "No"), min_codepoint=0x80).filter(
    lambda c: c not in "。．｡"  # a browser's dots: the host goes on
)


@budget(40)
@given(_CJK, _SYMBOLS, _CJK)
def test_with_or_without_a_scheme_a_link_is_read_alike(lead: str, mark: str, tail: str) -> None:
    """The one rule of point 1: a link and the same link with https:// in front are
    found and ended alike, whatever symbol follows the host."""
    with_scheme = _worst(f"{lead}{OFFICIAL}{mark}{tail}")
    without = _worst(f"{lead}beian.miit.gov.cn{mark}{tail}")
    assert (with_scheme == "official") == (without == "official_insecure"), (
        mark,
        with_scheme,
        without,
    )


@budget(40)
@given(
    st.sampled_from(SHOWN_FORMS),
    st.sampled_from(ELSEWHERE),
    st.sampled_from(range(len(_html_wrappers("a", "b")) + len(_markdown_wrappers("a", "b")))),
    _CJK,
    _CJK,
)
def test_a_pairing_in_any_sentence_is_lookalike(
    shown: str, target: str, wrapper: int, before: str, after: str
) -> None:
    text = (_html_wrappers(shown, target) + _markdown_wrappers(shown, target))[wrapper]
    assert _worst(before + text + after) == "lookalike", text


# A relative target opens the page's own site (or, in a mail, nothing), never the filing
# system, whatever the shown text says.
RELATIVE = ["/login", "#", "login.html", "?from=sms", "./#/Integrated/index"]


def test_the_filing_systems_host_shown_for_a_relative_target_is_lookalike() -> None:
    wrong = []
    for shown, target in itertools.product(SHOWN_FORMS[:5], RELATIVE):
        for text in _html_wrappers(shown, target)[:5] + _markdown_wrappers(shown, target)[:3]:
            if _worst(text) != "lookalike":
                wrong.append((text, _verdicts(text)))
    assert not wrong, (len(wrong), wrong[:12])
