"""Links as a phone finds them in a message: after symbols and arrows, inside brackets
and quotes, hosts written wholly in Chinese with an IDN suffix from the Public Suffix
List, a second link after # : [, and links in markup read as (shown text, target)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.urls.classify import _extractor, judge_found
from beianaudit.urls.extract import extract
from tests.fuzzing import budget
from tests.tables import check_rows

# What a message puts around a link (pairs of opening and closing marks).
MARKS = [
    *("→←", "☞ ", "▶ ", "👉 ", "➡ ", "⇒ ", "★ ", "● ", "※ ", "✅ "),
    *("【】", "()", "（）", "「」", "『』", "“”", "‘’", "《》", "〖〗", "〔〕", '""', "''"),
    *("[]", "<>", "： ", ": ", "，，", "、、"),
]
SPOOFS = [
    ("beian-miit.com", "beian-miit.com"),
    ("miit-beian.cn/login", "miit-beian.cn"),
    ("beian.miit.gov.cn.evil.com", "beian.miit.gov.cn.evil.com"),
    ("https://beian-miit.com/x", "beian-miit.com"),
    ("备案.网址", "备案.网址"),
    ("https://备案.中国/login", "备案.中国"),
    ("工信部备案.在线", "工信部备案.在线"),
]
CONTEXTS = [("请点击{}处理", True), ("请点击 {} 处理", True), ("{}", True)]


def _cases() -> list[tuple[str, str]]:
    cases = []
    for (lead, trail), (spoof, host), (context, _) in itertools.product(
        [(m[0], m[1:]) for m in MARKS], SPOOFS, CONTEXTS
    ):
        cases.append((context.format(lead + spoof + trail), host))
    return cases


def _found_and_judged(case: tuple[str, str]) -> None:
    text, host = case
    found = extract(text)
    assert [f for f in found if host in f.link.translate({0x3002: "."})], (text, found)
    verdicts = [judge_found(f).verdict for f in found]
    assert "lookalike" in verdicts, (text, verdicts)
    assert "official" not in verdicts, (text, verdicts)


def test_a_link_between_symbols_is_found_and_judged() -> None:
    """Every mark x spoof x context, each failing text named (one test for the table)."""
    check_rows(_cases(), _found_and_judged)


def _idn_suffixes() -> list[str]:
    """Every single-label IDN top-level domain of the bundled Public Suffix List."""
    return sorted(t for t in _extractor().tlds if not t.isascii() and "." not in t)


def test_the_idn_suffixes_are_the_lists() -> None:
    suffixes = _idn_suffixes()
    assert len(suffixes) > 100
    assert {"中国", "网址", "政务", "公司", "在线"} <= set(suffixes)


def _found_with_suffix(suffix: str) -> None:
    host = f"备案.{suffix}"
    for text in (
        f"请登录 {host} 处理",
        f"【{host}】",
        f"({host})",
        f"▶{host}",
        f"请登录 {host}/login 处理",
    ):
        found = extract(text)
        assert len(found) == 1, (text, found)
        assert found[0].link.startswith(host)
        assert judge_found(found[0]).verdict == "lookalike", text
    (found,) = extract(f"(https://{host})")
    assert found.link == f"https://{host}"


def test_a_chinese_host_with_any_idn_suffix_is_found() -> None:
    """Every IDN suffix of the list, each failing one named."""
    check_rows(_idn_suffixes(), _found_with_suffix)


@pytest.mark.parametrize(
    "text", ["请登录备案.网址处理", "点此https://beian.miit.gov.cn.中国登录", "备案.网址处理"]
)
def test_a_suffix_that_runs_into_a_word_is_no_host(text: str) -> None:
    assert [f.link for f in extract(text) if "备案" in f.link] == []


@pytest.mark.parametrize(
    ("mark", "second"),
    list(
        itertools.product(
            ["#", "#.", "#@", ":", "[", "#/"],
            ["evil.com", "beian-miit.com/login", "备案.中国/login"],
        )
    ),
)
def test_a_second_link_a_phone_linkifies_on_its_own(mark: str, second: str) -> None:
    text = f"https://beian.miit.gov.cn{mark}{second}"
    found = extract(text)
    if mark == "#/":  # a fragment route: Android's path, one link
        return
    host = second.split("/")[0]
    assert any(f.link.startswith(host) for f in found), (text, [f.link for f in found])
    worst = [judge_found(f).verdict for f in found]
    assert set(worst) & {"lookalike", "other"}, worst


SHOWN = [
    "https://beian.miit.gov.cn/",
    "beian.miit.gov.cn",
    "bеian.miit.gov.cn",  # Cyrillic е
    "工信部备案系统",
    "ICP/IP地址/域名信息备案管理系统（工业和信息化部）",
    "https://beian。miit。gov。cn",
]
TARGETS = ["https://evil.com/", "http://beian-miit.com/login", "https://t.cn/A6x", "evil.cn"]


def _markup(shown: str, target: str) -> list[str]:
    return [
        f'<a href="{target}">{shown}</a>',
        f"<a class='x' href='{target}' target=_blank>{shown}</a>",
        f"<A HREF={target}>{shown}</A>",
        f"[{shown}]({target})",
        f'请点击[{shown}]({target} "官网")处理',
    ]


@pytest.mark.parametrize(("shown", "target"), list(itertools.product(SHOWN, TARGETS)))
def test_markup_that_shows_the_filing_system_and_goes_elsewhere(shown: str, target: str) -> None:
    for text in _markup(shown, target):
        found = extract(text)
        assert len(found) == 1, (text, [f.link for f in found])
        result = judge_found(found[0])
        assert result.verdict == "lookalike", (text, result.reasons)
        reason = dict(result.reasons)["shown_elsewhere"]
        assert reason["shown"] == shown
        assert result.host_unicode in reason["host"]


@pytest.mark.parametrize("shown", [*SHOWN[:2], "官网", "点击这里"])
def test_markup_to_the_filing_system_is_official(shown: str) -> None:
    for text in _markup(shown, "https://beian.miit.gov.cn/"):
        (found,) = extract(text)
        assert judge_found(found).verdict == "official", text


def test_markup_that_shows_something_else_is_judged_by_its_target() -> None:
    (found,) = extract('<a href="https://example.com/">example</a>')
    assert judge_found(found).verdict == "other"


_CJK = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=6)


@budget(50)
@given(
    _CJK,
    st.sampled_from(MARKS),
    st.sampled_from(SPOOFS),
    st.sampled_from(MARKS),
    _CJK,
    st.sampled_from(["", " ", "\n"]),
)
def test_any_spoof_between_any_marks_in_chinese_is_never_official(
    before: str, lead: str, spoof: tuple[str, str], trail: str, after: str, space: str
) -> None:
    """Whatever a message puts around a look-alike, it is found, and nothing in the
    message is official."""
    link, host = spoof  # every mark is a non-word character: a host's run ends there
    text = before + space + lead[0] + link + trail[-1] + space + after
    found = extract(text)
    verdicts = [judge_found(f).verdict for f in found]
    assert "official" not in verdicts, (text, verdicts)
    assert "lookalike" in verdicts, (text, verdicts)
    assert any(host in f.link.translate({0x3002: "."}) for f in found), (text, host)
