"""Finding links in free text: Chinese around them, full-width punctuation inside."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.urls.classify import classify, judge_found
from beianaudit.urls.extract import extract
from tests.conftest import SAMPLES
from tests.fuzzing import budget


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("请登录beian-miit.cn/login处理", ["beian-miit.cn/login"]),
        ("官网：https：／／beian。miit。gov。cn，谢谢", ["https://beian。miit。gov。cn"]),
        ("（https://beian.miit.gov.cn/x）详询", ["https://beian.miit.gov.cn/x"]),
        ("see (https://a.example/wiki/Foo_(bar)).", ["https://a.example/wiki/Foo_(bar)"]),
        ("链接:https://t.cn/A6x！", ["https://t.cn/A6x"]),
        ("点击javascript:alert(1)领取", ["javascript:alert(1)"]),
        ("登录ｂｅｉａｎ．ｍｉｉｔ．ｇｏｖ．ｃｎ。", ["ｂｅｉａｎ．ｍｉｉｔ．ｇｏｖ．ｃｎ"]),
        ("bеian.miit.gov.cn/登录", ["bеian.miit.gov.cn/"]),
        ("https://evil.com\\@beian.miit.gov.cn/ 中", ["https://evil.com\\@beian.miit.gov.cn/"]),
        ("两个：a.example.cn、b.example.com；", ["a.example.cn", "b.example.com"]),
        # A host that goes on through ideographs to an internationalised suffix.
        ("请登录 beian-miit.中国/login 处理", ["beian-miit.中国/login"]),
        ("请登录https://beian-miit.中国/login处理", ["https://beian-miit.中国/login"]),
        ("点击 https://备案.网址/x", ["https://备案.网址/x"]),
        # …and one that does not: the ideographs after it are the sentence.
        ("请登录https://beian.miit.gov.cn处理", ["https://beian.miit.gov.cn"]),
    ],
)
def test_links_found(text: str, links: list[str]) -> None:
    assert [f.link for f in extract(text)] == links


@pytest.mark.parametrize(
    "text",
    [
        "邮箱 zhangwei@example.com 电话 13912345678",
        "版本 3.14，价格 12.50 元",
        "metadata:foo 不是链接",
        "没有链接的一句话。",
        "",
    ],
)
def test_no_false_links(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # A full-width slash, question mark or hash is no delimiter to a browser:
        # what follows the @ is the host.  Mapping them first would say "official".
        ("请登录https://beian.miit.gov.cn／@evil.example处理", "lookalike"),
        ("请登录https://beian.miit.gov.cn？@evil.example处理", "lookalike"),
        ("请登录https://beian.miit.gov.cn＃@evil.example处理", "lookalike"),
        ("请登录beian.miit.gov.cn／@evil.example处理", "lookalike"),
        ("官网：https：／／beian。miit。gov。cn，谢谢", "official"),
        # A symbol right after the host does not end the link: ending there would
        # call the part before it official, whatever the browser makes of the rest.
        ("请登录https://beian.miit.gov.cn﹒evil.example处理", "invalid"),
        ("请登录https://beian.miit.gov.cn\u2024evil.example处理", "invalid"),
        ("请登录https://beian.miit.gov.cn⁄evil.example处理", "lookalike"),
        # A browser cannot open this one either:
        ("官网 ｈｔｔｐｓ：／／ｂｅｉａｎ．ｍｉｉｔ．ｇｏｖ．ｃｎ／ 谢谢", "invalid"),
    ],
)
def test_full_width_delimiters_are_judged_as_a_browser_reads_them(text: str, verdict: str) -> None:
    (found,) = extract(text)
    assert classify(found.link).verdict == verdict


def test_sample_sms_has_every_kind() -> None:
    found = extract((SAMPLES / "sms.txt").read_text("utf-8"))
    verdicts = [classify(f.link).verdict for f in found]
    assert verdicts.count("lookalike") == 2
    assert "official" in verdicts
    assert "other" in verdicts  # the short link


_CJK = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=8)
_LINKS = st.sampled_from(
    [
        "https://beian.miit.gov.cn/",
        "beian-miit.cn/login",
        "http://t.cn/A6xKq9Z",
        "https://bеian.miit.gov.cn/#/x?a=1&b=2",
        "miitbeian.com",
    ]
)


@budget(40)
@given(_CJK, _LINKS, _CJK, st.sampled_from(["", "，", "。", "：", "！", " ", "（"]))
def test_link_between_chinese_is_found_whole(before: str, link: str, after: str, p: str) -> None:
    text = before + p + link + p + after
    found = extract(text)
    assert [f.link for f in found] == [link]
    assert text[found[0].start :].startswith(found[0].written)


@budget(75)
@given(st.text(max_size=200))
def test_extract_never_raises_and_spans_point_into_the_text(text: str) -> None:
    for found in extract(text):
        assert text[found.start : found.start + len(found.written)] == found.written
        assert len(found.link) == len(found.written)
        # What is judged is what was written, but for a scheme prefix (https：／／).
        same = next((i for i in range(len(found.link)) if found.link[i:] == found.written[i:]), 0)
        assert same <= 15
        assert classify(found.link).verdict


def _judged(text: str) -> list[str]:
    """The verdicts ``beianaudit url --text`` gives: each link, read on where it may."""
    return [judge_found(f).verdict for f in extract(text)]


@pytest.mark.parametrize(
    "text",
    [
        # A reader stopping at the first ideograph sees the real host; a phone's link
        # detection reads on and opens a host the attacker registered.
        "https://beian.miit.gov.cn.備案.com/",
        "请登录https://beian.miit.gov.cn.备案.中国/login处理",
        "登录https://beian.miit.gov.cn。备案。中国/login",
        "https://beian.miit.gov.cn.ドメイン.com/",
        "登录https://beian.miit.gov.cn.한국/login",
        "请登录beian.miit.gov.cn.政务.cn/login",
        # Userinfo behind a character that ends a link here: the host is after the @.
        "https://beian.miit.gov.cn…@evil.com",
        'https://beian.miit.gov.cn"@evil.com/',
        "https://beian.miit.gov.cn…@1.2.3.4",
        "https://beian.miit.gov.cn{x}.evil.com",
        # A numeric host only a browser's parser sees as one (0x7f.1 is 127.0.0.1).
        "https://beian.miit.gov.cn…@0x7f.1/",
        "https://beian.miit.gov.cn…@2130706433/",
        # Found by review: a host before the scheme, padding past any fixed look-ahead,
        # a control character (no white space to a browser), a clause mark after the @.
        "evil.com/https://beian.miit.gov.cn",
        "//evil.com/https://beian.miit.gov.cn",
        "https://beian.miit.gov.cn备" + "a" * 5000 + "@evil.com",
        "https://beian.miit.gov.cn备\x1f@evil.com",
        "https://beian.miit.gov.cn备@evil.com，谢谢",
        # Found by a second review: a full-width colon ends a clause (mapped, it was a
        # port), and whatever the browser's parser maps or decodes in a host.
        "https://beian.miit.gov.cn备@evil.com：登录",
        "https://beian.miit.gov.cn.备案.evil.com：立即登录",
        "请访问https://beian.miit.gov.cn.备案.evil.%63om，尽快完成备案",
        "https://beian.miit.gov.cn.备案.evil.𝐜𝐨𝐦",
        "https://beian.miit.gov.cn.备案.evil.ⓒⓞⓜ",
        "https://beian.miit.gov.cn.备案.evil.co\u00adm",
        "https://beian.miit.gov.cn备@%31%32%37.0.0.1",
        "https://beian.miit.gov.cn备" + "\u00ad" * 300 + "@evil.com",
        "https://beian%2Emiit.gov.cn.备案.evil.%63om",
        "Https://Beian.Miit.Gov.Cn.备案.evil.com",
        # Issue 16: Android does not stop at a clause mark (its label characters take
        # them); a greedy reader runs on to the next space, through an @ too.
        "官方入口: https://beian.miit.gov.cn、.evil.com 谢谢",
        "官方入口: https://beian.miit.gov.cn，.evil.com 谢谢",
        "官方入口: https://beian.miit.gov.cn→.evil.com 谢谢",
        "登录https://beian.miit.gov.cn核验，联系人邮箱：a@qq.com",
    ],
)
def test_a_link_cut_short_is_not_official(text: str) -> None:
    verdicts = _judged(text)
    assert "official" not in verdicts
    assert "official_insecure" not in verdicts
    assert "lookalike" in verdicts


@pytest.mark.parametrize(
    "text",
    [
        "请登录https://beian.miit.gov.cn/处理",
        "请访问https://beian.miit.gov.cn，谢谢",
        "请登录https://beian.miit.gov.cn。",
        "请登录https://beian.miit.gov.cn。谢谢",  # beian.miit.gov.cn.谢谢: no such suffix
        "网址：https://beian.miit.gov.cn（工信部）",
        "点此https://beian.miit.gov.cn.中国登录",  # .中国登录 is no suffix either
        # A clause mark ends the host; a government host after it holds no attacker.
        "请于3日内登录https://beian.miit.gov.cn。客服电话请见www.miit.gov.cn",
        "【工信部】请登录https://beian.miit.gov.cn处理。详情请访问www.miit.gov.cn",
    ],
)
def test_the_real_link_in_a_sentence_stays_official(text: str) -> None:
    assert _judged(text)[0] == "official"


# Where the greediest reading of a link ends: white space (no C0 controls: a browser
# keeps those); Android's and iOS's readings are shorter.
_READING_ENDS = r"\s"
_PIECES = (
    *(".", "。", "．", "@", "备案", "中国", "com", "cn", "evil", "1.2", "…", "，"),
    *("/", "x", "{", '"', "（", "）", "-", ":", "443", "\\", "?", "#"),
    *("%63", "𝐜", "\u00ad", "：", "%2E", "0x7f", "＠"),  # what a browser maps or decodes
)


@budget(125)
@given(
    st.sampled_from(["", "请登录", "点此 "]),
    st.one_of(
        st.text(st.characters(codec="utf-8", exclude_categories=["Zs", "Cc"]), max_size=12),
        # Pieces of the tricks above, in any order.
        st.lists(
            st.sampled_from(_PIECES),
            max_size=8,
        ).map("".join),
    ),
)
def test_official_means_the_phone_reading_goes_there_too(before: str, after: str) -> None:
    """Whatever follows the real link without a space, "official" holds only if the
    link read on to the next white space reaches the same host or no one's."""
    text = before + "https://beian.miit.gov.cn" + after
    for found in extract(text):
        result = judge_found(found)
        if result.verdict != "official":
            continue
        whole = re.split(_READING_ENDS, text[found.start :], maxsplit=1)[0]
        phone = classify(whole)
        someone_else = phone.verdict != "invalid" and (
            re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", phone.registered_domain)
            or re.fullmatch(r"\d+\.\d+\.\d+\.\d+|\[.*\]", phone.host)
        )
        government = phone.registered_domain.endswith("gov.cn")
        assert not someone_else or government or phone.host == "beian.miit.gov.cn", (text, phone)


def test_too_many_official_links_reading_on_are_not_official(run_cli) -> None:
    """Each reading is parsed; past a message's worth, the rest are not official."""
    text = "https://beian.miit.gov.cn备" * 100
    out = run_cli("url", "--text", "-", "--format", "jsonl", input=text).stdout
    verdicts = [json.loads(line)["verdict"] for line in out.splitlines()]
    assert len(verdicts) == 100
    assert "official" not in verdicts[64:]
