"""``beianaudit url`` as a user runs it, the BA301 check, and no network without --resolve."""

from __future__ import annotations

import json
import socket

import pytest

from beianaudit.urls import resolve as url_resolve
from tests.conftest import MINIMAL, SAMPLES


def test_one_url_json_contract(run_cli) -> None:
    result = run_cli("url", "--format", "json", "https://beian.miit.gov.cn./")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["verdict"] == "official"
    assert data["host"] == "beian.miit.gov.cn."
    assert data["registered_domain"] == "miit.gov.cn"
    assert data["reasons"][0]["code"] == "official_host"
    assert data["findings"][0]["check"] == "BA301"
    assert data["findings"][0]["data"]["verdict"] == "official"


def test_several_urls_text_and_exit_code(run_cli) -> None:
    result = run_cli("url", "https://beian.miit.gov.cn/", "https://beian-miit.com/")
    assert result.exit_code == 1
    assert "LOOK-ALIKE" in result.output
    assert "official:" in result.output
    listed = json.loads(run_cli("url", "--format", "json", "a.cn", "b.cn").output)
    assert listed["tool"] == "beianaudit"  # one object, as every --format json
    assert [r["input"] for r in listed["results"]] == ["a.cn", "b.cn"]
    assert [f["target"] for f in listed["findings"]] == ["a.cn", "b.cn"]


def test_fail_on_error_lets_other_pass(run_cli) -> None:
    assert run_cli("url", "--fail-on", "error", "https://www.baidu.com/").exit_code == 0
    assert run_cli("url", "https://www.baidu.com/").exit_code == 1


def test_chinese_output(run_cli) -> None:
    result = run_cli("url", "--lang", "zh_CN", "https://beian.miit.gov.cn@evil.example/")
    assert "仿冒" in result.output
    assert "@ 前面的文字" in result.output


def test_text_mode_on_the_sample_sms_in_chinese(run_cli) -> None:
    sms = (SAMPLES / "sms.txt").read_text("utf-8")
    result = run_cli("url", "--lang", "zh_CN", "--text", "-", input=sms)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "消息里有 4 个链接。"
    assert "其中 2 个在仿冒备案系统" in lines[1]
    assert "https：／／beian-miit.cn/login" in result.output  # shown as written
    assert "--resolve" in result.output  # the short link cannot be verified offline


def test_text_mode_reads_a_link_on_as_a_phone_does(run_cli) -> None:
    """The real host, then a dot and ideographs with a real suffix: not official."""
    sms = "请尽快登录https://beian.miit.gov.cn.备案.中国/login处理，否则网站将被关停。"
    result = run_cli("url", "--text", "-", "--format", "json", input=sms)
    assert result.exit_code == 1
    (found,) = json.loads(result.stdout)["results"]
    assert found["verdict"] == "lookalike"
    assert found["host_unicode"] == "beian.miit.gov.cn.备案.中国"
    zh = run_cli("url", "--text", "-", "--lang", "zh_CN", input=sms).output
    assert "仿冒" in zh


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "compact"])
def test_a_message_without_links_is_no_input_not_an_all_clear(run_cli, fmt: str) -> None:
    """As ``--file`` without a link: exit 2, one line on stderr, nothing on stdout."""
    result = run_cli("url", "--text", "-", "--format", fmt, input="没有链接。")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "beianaudit: no links in the message: nothing was checked, and that alone does not "
        "make it safe; if it names a site or you suspect one, judge that link alone: "
        "beianaudit url 'LINK'\n"
    )
    zh = run_cli("url", "--text", "-", "--lang", "zh_CN", "--format", fmt, input="没有链接。")
    assert zh.exit_code == 2
    assert "没有找到链接" in zh.stderr
    assert "单独" in zh.stderr


SMS = "您的备案信息异常，请登录 beian-miit.cn/login 处理。官网 https://beian.miit.gov.cn"


@pytest.mark.parametrize("how", ["argument", "text value"])
def test_a_message_where_a_url_or_file_goes_is_read_as_a_message(run_cli, how: str) -> None:
    args = ["url", SMS] if how == "argument" else ["url", "--text", SMS]
    result = run_cli(*args, "--format", "json")
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert [r["verdict"] for r in out["results"]] == ["lookalike", "official"]
    assert out["verdict"] == "lookalike"  # the message's verdict is its worst link's
    assert "--text -" in result.stderr


@pytest.mark.parametrize(
    "url",
    [
        "https://beian.miit.gov.cn/",
        "https://beian.miit.gov.cn.备案.中国/login",
        "https://evil.com\\@beian.miit.gov.cn/",
        "xxxx",
        "https://beian.miit.gov.cn/。",
    ],
)
def test_one_link_as_an_argument_stays_one_link(run_cli, url: str) -> None:
    result = run_cli("url", url, "--format", "json")
    assert json.loads(result.stdout)["input"] == url
    assert result.stderr == ""


def test_a_missing_file_is_still_an_error(run_cli) -> None:
    result = run_cli("url", "--text", "no-such-sms.txt")
    assert result.exit_code == 2
    assert "no-such-sms.txt" in result.stderr


def test_text_from_a_terminal_says_how_to_end(run_cli, monkeypatch) -> None:
    from beianaudit.commands import url

    monkeypatch.setattr(url, "_stdin_is_terminal", lambda: True)
    result = run_cli("url", "--text", "-", input="beian-miit.cn")
    assert "Ctrl-D" in result.stderr
    assert "Ctrl-D" not in result.stdout


def test_batch_streams_jsonl_in_order_through_bad_lines(run_cli, tmp_path) -> None:
    lines = [
        b"https://beian.miit.gov.cn/",
        b"",
        b"\x00\x01\xff\xfe binary",
        b"https://x.cn/" + b"a" * 10_000_000,
        b"javascript:alert(1)",
        "https://bеian.miit.gov.cn/".encode(),
        b"http://beian.miit.gov.cn/\r",
    ]
    path = tmp_path / "urls.txt"
    path.write_bytes(b"\n".join(lines))
    result = run_cli("url", "--file", str(path), "--format", "jsonl")
    assert result.exit_code == 1, result.output[:500]
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["verdict"] for r in rows] == [  # the blank line skipped
        "official",
        "invalid",
        "invalid",
        "invalid",
        "lookalike",
        "official_insecure",
    ]
    assert [r["reasons"][0]["code"] for r in rows[1:4]] == [
        "not_text",
        "too_long",
        "scheme",
    ]
    assert len(result.output) < 100_000  # a 10 MB line is not echoed back


def test_sample_url_list_has_every_verdict(run_cli) -> None:
    result = run_cli("url", "--file", str(SAMPLES / "urls.txt"), "--format", "jsonl")
    verdicts = {json.loads(line)["verdict"] for line in result.output.splitlines()}
    assert verdicts == {
        "official",
        "official_insecure",
        "gov_other",
        "lookalike",
        "other",
        "invalid",
    }


def test_batch_text_prints_one_report_a_line(run_cli) -> None:
    result = run_cli("url", "--file", "-", input="https://beian.miit.gov.cn/\nevil\x1b[31m.cn\n")
    assert result.output.count("BA301") == 2
    assert "\x1b" not in result.output  # escape sequences are shown, not obeyed


@pytest.mark.parametrize(
    "args",
    [(), ("--text", "-", "https://a.cn"), ("--file", "/nonexistent/urls.txt"), ("--text", "/nope")],
)
def test_usage_errors_exit_2(run_cli, args) -> None:
    result = run_cli("url", *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_check_judges_the_login_url(run_cli, write_config) -> None:
    path = write_config(
        MINIMAL + '[filing]\nlogin_url = "https://beian.miit.gov.cn.example.com/"\n'
    )
    result = run_cli("check", "--config", str(path), "--only", "BA301", "--format", "json")
    assert result.exit_code == 1
    finding = json.loads(result.output)["findings"][0]
    assert finding["target"] == "filing.login_url"
    assert finding["data"]["verdict"] == "lookalike"
    official = write_config(MINIMAL + '[filing]\nlogin_url = "https://beian.miit.gov.cn/"\n')
    assert run_cli("check", "--config", str(official), "--only", "BA301").exit_code == 0
    none = write_config(MINIMAL)
    unset = run_cli("check", "--config", str(none), "--only", "BA301")  # nothing to judge
    assert unset.exit_code == 2
    assert "no filing.login_url in the config" in unset.output


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any attempt to open a socket or resolve a name is recorded and refused."""
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args)[:80])
        raise OSError("network use in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_no_socket_without_resolve(run_cli, write_config, no_network) -> None:
    result = run_cli("url", "--file", str(SAMPLES / "urls.txt"), "--format", "jsonl")
    assert result.exit_code == 1
    result = run_cli("url", "--text", str(SAMPLES / "sms.txt"))
    assert "--resolve" in result.output
    path = write_config(MINIMAL + '[filing]\nlogin_url = "http://t.cn/A6x"\n')
    run_cli("check", "--config", str(path))
    assert no_network == []


def test_resolve_is_the_only_network_use(run_cli, no_network) -> None:
    result = run_cli("url", "--resolve", "--format", "json", "http://t.cn/A6x")
    assert no_network  # it did try
    data = json.loads(result.output)
    assert data["verdict"] == "other"
    assert [r["code"] for r in data["reasons"]][-1] == "resolve_failed"
    assert data["hops"][0]["error"] == "OSError"


def test_resolve_follows_to_the_final_url(run_cli, monkeypatch) -> None:
    chain = {
        "http://t.cn/A6x": (302, "https://beian-miit.com/go"),
        "https://beian-miit.com/go": (301, "/login"),
        "https://beian-miit.com/login": (200, None),
    }
    monkeypatch.setattr(url_resolve, "http_fetch", lambda method, url: chain[url])
    result = run_cli("url", "--resolve", "--format", "json", "http://t.cn/A6x")
    data = json.loads(result.output)
    assert data["input"] == "http://t.cn/A6x"
    assert data["url"] == "https://beian-miit.com/login"
    assert data["verdict"] == "lookalike"
    assert [h["url"] for h in data["hops"]] == list(chain)
    assert [h["status"] for h in data["hops"]] == [302, 301, 200]


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "compact"])
def test_an_empty_file_of_links_is_no_input_not_an_all_clear(run_cli, fmt: str) -> None:
    result = run_cli("url", "--file", "-", "--format", fmt, input="")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no links in the input" in result.stderr
