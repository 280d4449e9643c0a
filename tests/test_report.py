"""Formatters: JSON per the contract, text grouped by target, colour only where wanted."""

from __future__ import annotations

import io
import json

import pytest

from beianaudit import __version__
from beianaudit.finding import Finding, Severity
from beianaudit.report import Report, render_json, render_jsonl, render_text, use_colour

FINDINGS = (
    Finding("BA501", Severity.WARNING, "open to others", "config", "chmod 600 x", {"mode": "0644"}),
    Finding("BA201", Severity.ERROR, "bad checksum", "subject.id"),
    Finding("BA502", Severity.INFO, "note", "config"),
)


def test_json_contract() -> None:
    data = json.loads(render_json(Report(FINDINGS, extra={"verdict": "official"})))
    assert list(data) == ["tool", "version", "ok", "summary", "verdict", "findings"]
    assert data["tool"] == "beianaudit"
    assert data["version"] == __version__
    assert data["ok"] is False
    assert data["summary"] == {"error": 1, "warning": 1, "info": 1}
    assert data["findings"][0] == {
        "check": "BA501",
        "severity": "warning",
        "message": "open to others",
        "target": "config",
        "hint": "chmod 600 x",
        "data": {"mode": "0644"},
    }


@pytest.mark.parametrize(
    ("severities", "ok"),
    [((), True), ((Severity.WARNING, Severity.INFO), True), ((Severity.ERROR,), False)],
)
def test_ok_is_false_exactly_when_an_error_exists(severities, ok: bool) -> None:
    report = Report(tuple(Finding("X", s, "m", "t") for s in severities))
    assert report.ok is ok
    assert json.loads(render_json(report))["ok"] is ok


@pytest.mark.parametrize(
    ("fail_on", "code"), [(Severity.ERROR, 0), (Severity.WARNING, 1), (Severity.INFO, 1)]
)
def test_exit_code_follows_the_threshold(fail_on: Severity, code: int) -> None:
    assert Report((FINDINGS[0],)).exit_code(fail_on) == code
    assert Report(()).exit_code(Severity.INFO) == 0


def test_jsonl_is_one_line() -> None:
    line = render_jsonl(Report(FINDINGS))
    assert "\n" not in line
    assert json.loads(line)["summary"]["error"] == 1


def test_text_groups_by_target_worst_first() -> None:
    text = render_text(Report(FINDINGS))
    lines = text.splitlines()
    assert lines[0] == "subject's ID number (subject.id)"
    assert lines[1].startswith("  error BA201 bad checksum")
    assert lines.index("config file") > 1
    warning = lines.index("  warning BA501 open to others")
    assert lines[warning + 1] == "      → chmod 600 x"
    assert lines[warning + 2].startswith("  info BA502")
    assert lines[-1] == "1 error, 1 warning, 1 info"
    assert "\x1b[" not in text


def test_targets_are_words_in_chinese_text_and_raw_in_json() -> None:
    from beianaudit import i18n

    i18n.set_language("zh_CN")
    lines = render_text(Report(FINDINGS)).splitlines()
    assert lines[0] == "主体证件号码（subject.id）"
    assert "配置文件" in lines
    assert not [line for line in lines if line in ("config", "subject.id", "password")]
    assert {f["target"] for f in json.loads(render_json(Report(FINDINGS)))["findings"]} == {
        f.target for f in FINDINGS
    }


@pytest.mark.parametrize(
    ("target", "en", "zh"),
    [
        ("password", "new password", "新密码"),
        ("contacts", "contacts", "联系方式"),
        ("contacts.email", "email (contacts.email)", "邮箱（contacts.email）"),
        (
            "filing.login_url",
            "bookmarked login URL (filing.login_url)",
            "收藏的登录网址（filing.login_url）",
        ),
        (
            "filing.numbers[1]",
            "filing number 2 (filing.numbers[1])",
            "第 2 个备案号（filing.numbers[1]）",
        ),
        ("https://beian.miit.gov.cn/", "https://beian.miit.gov.cn/", "https://beian.miit.gov.cn/"),
        ("filing.numbers[x]", "filing.numbers[x]", "filing.numbers[x]"),
    ],
)
def test_target_labels(target: str, en: str, zh: str) -> None:
    from beianaudit import i18n
    from beianaudit.report import target_label

    i18n.set_language("en")
    assert target_label(target) == en
    i18n.set_language("zh_CN")
    assert target_label(target) == zh


def test_text_colour_only_when_asked() -> None:
    assert "\x1b[" in render_text(Report(FINDINGS), colour=True)


def test_empty_report() -> None:
    assert render_text(Report(())) == "No problems found."


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_use_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    assert use_colour(Tty()) is True
    assert use_colour(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_colour(Tty()) is False


def test_chinese_lists_are_joined_with_the_enumeration_comma() -> None:
    """、 separates the items of a Chinese list (， separates clauses)."""
    from beianaudit import i18n
    from beianaudit.report import counts_line

    i18n.set_language("zh_CN")
    line = counts_line({Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3})
    assert line == "1 个错误、2 个警告、3 条提示"
