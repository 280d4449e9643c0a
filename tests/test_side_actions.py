"""A side action that fails does not look like success (issue 14).

``url --resolve`` that cannot follow a link says why in words (never ``gaierror``),
does not advise ``--resolve`` to someone who gave it, and exits 3, as a
``password --remember`` that stored nothing does (tests/test_secrets.py). The network
is never reached: ``socket.getaddrinfo`` and ``socket.create_connection`` fail as they
do without one, so the real ``http_fetch`` meets each failure as it would.
"""

from __future__ import annotations

import errno
import json
import re
import socket
import ssl

import pytest

SIDE_ACTION_FAILED = 3

FAILURES = {
    "no_network": socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution"),
    "no_such_host": socket.gaierror(socket.EAI_NONAME, "Name or service not known"),
    "unreachable": OSError(errno.ENETUNREACH, "Network is unreachable"),
    "timeout": TimeoutError("timed out"),
    "tls": ssl.SSLCertVerificationError(1, "certificate verify failed"),
    "refused": ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"),
}
EXPECTED = {
    "no_network": "no_network",
    "no_such_host": "no_network",
    "unreachable": "no_network",
    "timeout": "resolve_timeout",
    "tls": "resolve_tls",
    "refused": "resolve_failed",
}


@pytest.fixture
def network_fails(monkeypatch: pytest.MonkeyPatch):
    """Make every connection fail with the given exception."""

    def install(exc: Exception) -> None:
        def fail(*args: object, **kwargs: object) -> None:
            raise exc

        monkeypatch.setattr(socket, "getaddrinfo", fail)
        monkeypatch.setattr(socket, "create_connection", fail)

    return install


@pytest.mark.parametrize("failure", FAILURES)
def test_a_link_not_followed_says_why_and_exits_3(run_cli, network_fails, failure: str) -> None:
    network_fails(FAILURES[failure])
    result = run_cli("url", "--resolve", "--format", "json", "https://example.com/a")
    assert result.exit_code == SIDE_ACTION_FAILED, result.output
    data = json.loads(result.stdout)
    assert data["reasons"][-1]["code"] == EXPECTED[failure]
    assert data["hops"][0]["error"] == type(FAILURES[failure]).__name__  # for a bug report
    text = run_cli("url", "--resolve", "https://example.com/a")
    assert text.exit_code == SIDE_ACTION_FAILED
    assert "the link was not followed" in text.stdout
    assert type(FAILURES[failure]).__name__ not in text.output


def test_no_network_in_both_languages(run_cli, network_fails) -> None:
    network_fails(FAILURES["no_network"])
    en = run_cli("url", "--resolve", "http://t.cn/A6x")
    assert "no network (or no such host): the link was not followed" in en.stdout
    zh = run_cli("url", "--lang", "zh_CN", "--resolve", "http://t.cn/A6x")
    assert "没有网络（或该主机不存在）：未能跟随该链接" in zh.stdout
    for result in (en, zh):
        assert result.exit_code == SIDE_ACTION_FAILED
        assert "gaierror" not in result.output


def test_a_short_link_not_expanded_is_not_told_to_use_resolve(run_cli, network_fails) -> None:
    offline = run_cli("url", "http://t.cn/A6x")
    assert "--resolve" in offline.stdout  # without the flag, the advice stands
    assert offline.exit_code == 1
    network_fails(FAILURES["no_network"])
    for args, given in (
        (["http://t.cn/A6x"], ""),
        (["--text", "-"], "请点击 http://t.cn/A6x 处理\n"),
        (["--file", "-"], "http://t.cn/A6x\n"),
    ):
        result = run_cli("url", "--resolve", *args, input=given)
        assert result.exit_code == SIDE_ACTION_FAILED, (args, result.output)
        assert "--resolve" not in result.stdout, args
        assert "could not be expanded" in result.stdout, args


def test_a_link_followed_to_its_end_is_no_failure(run_cli, monkeypatch) -> None:
    from beianaudit.urls import resolve

    chain = {"https://dwz.cn/x": (302, "https://beian.miit.gov.cn/")}
    monkeypatch.setattr(resolve, "http_fetch", lambda m, u: chain.get(u, (200, None)))
    result = run_cli("url", "--resolve", "https://dwz.cn/x")
    assert result.exit_code == 0, result.output


def test_every_documented_status_is_in_the_readme_and_the_help(run_cli) -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text("utf-8")
    table = readme.split("### Exit codes", 1)[1].split("\n## ", 1)[0]
    for status in ("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 130 |"):
        assert status in table, status
    for command in ("password", "url"):
        shown = run_cli(command, "--help").stdout
        assert re.search(r"^ +3 ", shown.split("Exit codes:", 1)[1], re.M), command
        assert "130" in shown, command
