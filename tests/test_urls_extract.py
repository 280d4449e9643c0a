"""Finding links in free text: Chinese around them, full-width punctuation inside."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beianaudit.url_classify import classify
from beianaudit.url_extract import extract
from tests.conftest import SAMPLES


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


@settings(max_examples=150, deadline=None)
@given(_CJK, _LINKS, _CJK, st.sampled_from(["", "，", "。", "：", "！", " ", "（"]))
def test_link_between_chinese_is_found_whole(before: str, link: str, after: str, p: str) -> None:
    text = before + p + link + p + after
    found = extract(text)
    assert [f.link for f in found] == [link]
    assert text[found[0].start :].startswith(found[0].written)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_extract_never_raises_and_spans_point_into_the_text(text: str) -> None:
    for found in extract(text):
        assert text[found.start : found.start + len(found.written)] == found.written
        assert len(found.link) == len(found.written)
        # What is judged is what was written, but for a scheme prefix (https：／／).
        same = next((i for i in range(len(found.link)) if found.link[i:] == found.written[i:]), 0)
        assert same <= 15
        assert classify(found.link).verdict
