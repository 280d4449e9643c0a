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
    assert lines[0] == "subject.id"
    assert lines[1].startswith("  error BA201 bad checksum")
    assert lines.index("config") > 1
    warning = lines.index("  warning BA501 open to others")
    assert lines[warning + 1] == "      → chmod 600 x"
    assert lines[warning + 2].startswith("  info BA502")
    assert lines[-1] == "1 error, 1 warning, 1 info"
    assert "\x1b[" not in text


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
