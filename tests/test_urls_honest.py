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
