"""Honest messages stay official and the command judges as its tests do (issue 16's
review): ``url --text`` uses ``classify.judge_found``; the commonest honest shapes of an
SMS or a web page around the official link are not called look-alikes."""

from __future__ import annotations

import itertools
import json

from beianaudit.urls.classify import judge_found
from beianaudit.urls.extract import extract

OFFICIAL = "https://beian.miit.gov.cn"
# Characters an attacker puts between the official link and a second one.
JOINS = [*"]\"<>{}|^`\\[)(',;!*~$+=&@", "](", "]]", "》", "」", "”", "\u00a0", "…"]
ATTACKS = [f"官网{OFFICIAL}/{c}https://evil.com/ 处理" for c in JOINS] + [
    f"官网{OFFICIAL}/#/{c}evil.com 处理" for c in JOINS
]


def _cli_results(run_cli, text: str) -> list[tuple[str, str]]:
    result = run_cli("url", "--text", "-", "--format", "json", input=text)
    data = json.loads(result.output)
    return [(r["input"], r["verdict"]) for r in data["results"]]


def _api_results(text: str) -> list[tuple[str, str]]:
    return [(f.written, judge_found(f).verdict) for f in extract(text)]


def test_the_command_judges_a_message_as_judge_found(run_cli) -> None:
    text = f"官网{OFFICIAL}/]https://evil.com/ 处理"
    assert "official" not in [v for _i, v in _cli_results(run_cli, text)]
    for text in ATTACKS:
        cli = _cli_results(run_cli, text)
        assert [v for _i, v in cli] == [v for _i, v in _api_results(text)], text


# An honest SMS glues the official link to the words around it.
PREFIXES = ["", "请登录", "详情请登录", "请访问", "官网", "备案系统", "登录", "网址：", "请点击"]
FORMS = [
    ("https://beian.miit.gov.cn", "official"),
    ("https://beian.miit.gov.cn/", "official"),
    ("https://beian.miit.gov.cn/#/Integrated/index", "official"),
    ("beian.miit.gov.cn", "official_insecure"),
    ("http://beian.miit.gov.cn", "official_insecure"),
]
SUFFIXES = ["", "查询", "处理", "进行核验", "办理备案", "登录", "谢谢", "核实"]
PUNCTUATION = ["", "。", "，", "！", "？", "；", "、", "……"]


def _honest() -> list[tuple[str, str]]:
    cases = []
    for prefix, (form, verdict), suffix, mark in itertools.product(
        PREFIXES, FORMS, SUFFIXES, PUNCTUATION
    ):
        cases.append((f"{prefix}{form}{suffix}{mark}", verdict))
    return cases


def test_honest_messages_gluing_the_link_to_words_stay_official() -> None:
    wrong = []
    for text, verdict in _honest():
        verdicts = [judge_found(f).verdict for f in extract(text)]
        if verdicts != [verdict]:
            wrong.append((text, verdicts))
    assert not wrong, (len(wrong), wrong[:10])


def test_a_reading_under_a_restricted_suffix_reaches_no_one() -> None:
    # Android backs 请登录beian.miit.gov.cn处理 off to 请登录beian.miit.gov: under .gov,
    # which only US government bodies register, as gov.cn only Chinese ones.
    for text in ("详情请登录https://beian.miit.gov.cn查询。", "请登录beian.miit.gov.cn处理"):
        assert next(judge_found(f).verdict for f in extract(text)).startswith("official")
    # A registrable suffix in the same place is still someone's site.
    for text in ("官方入口: https://beian.miit.gov.cn、.evil.com 谢谢",):
        assert "lookalike" in [judge_found(f).verdict for f in extract(text)]


# What a chat puts right after a link: symbols, WeChat's emoticon codes.
CHAT = [*"～~•①№﹏★▲✔ⓘ", "～～", "~~", "^_^", "ーー", "[强]", "[抱拳]", "[OK]", "[微笑][强]"]
OFFICIAL_FORMS = [OFFICIAL, "beian.miit.gov.cn"]
# Character references an HTML page or mail puts after it (a mail client renders them).
REFERENCES = ["&nbsp;", "&nbsp;&nbsp;", "&quot;", "&emsp;", "&ensp;", "&#12290;", "&#x3002;"]


def _worst(text: str) -> str:
    from beianaudit.commands.url import _worst_verdict

    return _worst_verdict([judge_found(f) for f in extract(text)])


def test_a_chat_symbol_after_the_host_is_no_part_of_it() -> None:
    wrong = []
    for form, mark, (lead, tail) in itertools.product(
        OFFICIAL_FORMS,
        CHAT,
        [("备案官网", ""), ("备案网址 ", "大家记得收藏"), ("官网： ", " 谢谢")],
    ):
        text = f"{lead}{form}{mark}{tail}"
        if not _worst(text).startswith("official"):
            wrong.append((text, _worst(text)))
    assert not wrong, (len(wrong), wrong[:10])


def test_a_character_reference_in_html_is_read_as_rendered() -> None:
    wrong = []
    for ref, (lead, tail) in itertools.product(
        REFERENCES, [("<p>请登录 ", "进行核验</p>"), ("<td>", "</td>"), ("<p>官网：", "</p>")]
    ):
        text = f"{lead}{OFFICIAL}{ref}{tail}"
        if _worst(text) != "official":
            wrong.append((text, _worst(text)))
    assert not wrong, (len(wrong), wrong[:10])


def test_what_follows_a_symbol_or_reference_is_still_judged() -> None:
    # A symbol, a code or a reference that joins the official host to another host a
    # browser reaches is no end of the link.
    joins = [f"{c}{d}" for c in [*CHAT, "&nbsp;", "&quot;", ""] for d in ".@"]
    joins += ["﹒", "＠", "\u200d.", "&#46;", "&period;", "&#x2e;", "&#64;", "&commat;"]
    joins += ["&#12290;", "&#x3002;"]
    wrong = []
    for join, wrap in itertools.product(joins, ["官网{} 谢谢", "<p>官网：{}</p>", "官网 {} 谢谢"]):
        text = wrap.format(f"{OFFICIAL}{join}evil.com")
        if _worst(text) in ("official", "official_insecure", "gov_other"):
            wrong.append(text)
    assert not wrong, (len(wrong), wrong[:10])


def test_a_reference_that_renders_as_a_dot_or_at_joins_the_hosts() -> None:
    # In HTML, …gov.cn&#46;evil.com is shown and linked as …gov.cn.evil.com; written
    # wholly in references, no phone finds the second host in the source text.
    encoded = "".join(f"&#{ord(c)};" for c in "evil.com")
    for ref, rest, wrap in itertools.product(
        ["&#46;", "&period;", "&#x2e;", "&#64;", "&commat;", "&#xFF0E;"],
        ["evil.com", encoded],
        ["<p>官网：{}</p>", "<td>{}</td>", "<p>请登录 {} 处理</p>"],
    ):
        text = wrap.format(f"{OFFICIAL}{ref}{rest}")
        first = judge_found(extract(text)[0])
        assert first.verdict == "lookalike", (text, first.verdict)
        assert first.registered_domain == "evil.com", (text, first.host)


# Real government targets, and shown texts that name the ministry or a filing system
# in general (a web page's footer, a list of links).
GOV_TARGETS = [
    "https://www.miit.gov.cn/",
    "https://www.miit.gov.cn/jgsj/xgj/index.html",
    "https://zjca.miit.gov.cn/",
    "https://dxzhgl.miit.gov.cn/",
    "https://beian.mps.gov.cn/#/query/webSearch",
    "https://www.beian.gov.cn/",
]
MINISTRY_WORDS = [
    "工信部",
    "工信部官网",
    "中华人民共和国工业和信息化部",
    "工业和信息化部信息通信管理局",
    "浙江省通信管理局（工信部派出机构）",
    "公安备案系统",
    "公安部网站备案系统",
    "www.miit.gov.cn",
]
FOREIGN_TARGETS = ["https://evil.com", "https://beian-miit.com/", "http://1.2.3.4/"]


def _markup(target: str, shown: str) -> list[str]:
    return [f'<a href="{target}">{shown}</a>', f"[{shown}]({target})"]


def test_ministry_words_on_a_government_target_are_gov_other() -> None:
    for target, shown in itertools.product(GOV_TARGETS, MINISTRY_WORDS):
        for text in _markup(target, shown):
            assert [judge_found(f).verdict for f in extract(text)] == ["gov_other"], text


def test_ministry_words_on_a_foreign_target_stay_lookalike() -> None:
    for target, shown in itertools.product(FOREIGN_TARGETS, [*MINISTRY_WORDS, "工信部备案"]):
        for text in _markup(target, shown):
            assert [judge_found(f).verdict for f in extract(text)] == ["lookalike"], text


def test_the_filing_systems_host_shown_for_another_target_is_lookalike() -> None:
    shown = ["https://beian.miit.gov.cn/", "beian.miit.gov.cn", "bеian.miit.gov.cn"]
    for target, words in itertools.product(GOV_TARGETS + FOREIGN_TARGETS, shown):
        for text in _markup(target, words):
            assert [judge_found(f).verdict for f in extract(text)] == ["lookalike"], text
