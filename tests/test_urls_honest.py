"""Honest messages stay official and the command judges as its tests do (issue 16's
review): ``url --text`` uses ``classify.judge_found``; the commonest honest shapes of an
SMS or a web page around the official link are not called look-alikes."""

from __future__ import annotations

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
