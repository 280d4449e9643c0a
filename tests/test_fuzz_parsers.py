"""The feature parsers under fuzzing: URL classification and extraction, identifier
classification, the password checks and the journal reader. Arbitrary Unicode and
bytes, huge inputs, and each input judged without a blow-up (tests/fuzzing.py's bound, far
above any normal time), never an exception."""

from __future__ import annotations

import json
import string
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit import registry
from beianaudit.config import Config, Subject, load
from beianaudit.context import Context
from beianaudit.identifiers import explain
from beianaudit.identifiers.judgement import INVALID, LOOKALIKE, VALID, judge
from beianaudit.recovery.journal import Entry, Skipped, read
from beianaudit.secret import Secret
from beianaudit.urls.classify import VERDICTS, classify
from beianaudit.urls.extract import extract
from tests.conftest import SAMPLES, TODAY
from tests.fuzzing import TEN_MB, budget, timed

MB = 1 << 20
# Text that looks like what these parsers meet: URL and identifier alphabets, the
# full-width and look-alike forms of them, Chinese, invisible characters.
NEAR = (
    string.ascii_letters
    + string.digits
    + string.punctuation
    + " \t\n\r\x00\u3000\u200b\u202e\ufeff。．／：＠ｂｅｉａｎ０１２３〇ＯＩｌ|×"
    + "备案号京浙粤ICP公网安備號－—一"
)
texts = st.text() | st.text(st.sampled_from(NEAR), max_size=80)
links = st.builds(
    "".join,
    st.lists(
        st.sampled_from(
            [
                "https://",
                "http://",
                "beian",
                ".miit",
                ".gov",
                ".cn",
                "。",
                "@",
                "\\",
                "/",
                ":443",
                "%2e",
                "xn--",
                "evil.com",
                "і",
                "ｂｅｉａｎ",
                "?",
                "#",
                "-",
                "login",
            ]
        ),
        max_size=12,
    ),
)


def assert_jsonable(value: object) -> None:
    json.dumps(value, ensure_ascii=False)


# --- URLs ---------------------------------------------------------------------------


@budget(40)
@given(texts | links)
def test_classify_any_text(text: str) -> None:
    result = timed(classify, text)
    assert result.verdict in VERDICTS
    finding = result.finding()
    assert_jsonable(result.extra())
    assert_jsonable(finding.as_json())
    assert "\n" not in finding.message


@budget(25)
@given(st.lists(texts | links, max_size=6).map(" ".join))
def test_extract_any_text(text: str) -> None:
    found = timed(extract, text)
    for item in found:
        assert text[item.start : item.start + len(item.written)] == item.written
        assert timed(classify, item.link).verdict in VERDICTS


HUGE_TEXT = {
    "letters": "a" * TEN_MB,
    "a long path": "https://beian.miit.gov.cn/" + "a" * TEN_MB,
    "dots": "." * TEN_MB,
    "labels": "https://" + "a." * (TEN_MB // 2) + "cn/",
    "percent": "https://" + "%41" * (TEN_MB // 3) + "/",
    "NUL": "\x00" * TEN_MB,
    "Chinese": "备" * (TEN_MB // 3),
}


@pytest.mark.parametrize("name", HUGE_TEXT)
def test_classify_ten_megabytes(name: str) -> None:
    assert timed(classify, HUGE_TEXT[name]).verdict == "invalid"


@pytest.mark.parametrize(
    "text",
    [
        "see http://a.cn/x(y)" + ")" * MB + " now",  # was quadratic: hours at 10 MB
        "a.cn/" + ".," * (MB // 2),
        "http://" * (MB // 7),
        "https://a.b/ 京ICP备 " * (MB // 20),
        "ｂｅｉａｎ。" * (MB // 6),
        # A quarter megabyte: 40,000 links is a second's work of judging hosts anyway;
        # reading each on to the end of the text made it 6 s, quadratic.
        "x.com备" * (MB // 24),
        "https://beian.miit.gov.cn备" * (MB // 26),
        # Issue 16's shapes, a quarter megabyte each: dot-less tokens (was quadratic: a
        # search to the end for a dot), one run of IDN labels, markup openings, scheme
        # and IDN host in brackets (each replacing a scheme-only link), second links.
        "a备" * (MB // 8),
        "备案." * (MB // 12),
        "<a " * (MB // 12),
        "[x](" * (MB // 16),
        "(https://备案.网址)" * (MB // 64),
        "https://beian.miit.gov.cn#x.cn " * (MB // 128),
    ],
    ids=[
        *("closing brackets", "trailing punctuation", "schemes", "many links", "full-width"),
        *("links read on", "official links read on"),
        *("dot-less tokens", "IDN labels", "anchors", "markdown", "IDN in brackets"),
        "second links",
    ],
)
def test_extract_a_megabyte(text: str) -> None:
    """A megabyte in a second; the command takes up to 10 MB (about a second per MB)."""
    timed(extract, text)


# --- identifiers ----------------------------------------------------------------------

KINDS = [None, "ric", "uscc", "icp", "psb"]


@budget(50)
@given(texts, st.sampled_from(KINDS), st.dates(date(1900, 1, 1), date(2100, 12, 31)))
def test_judge_any_text(text: str, kind: str | None, today: date) -> None:
    result = timed(judge, text, kind, today)
    assert result.verdict in (VALID, LOOKALIKE, INVALID)
    assert result.kind in ("ric", "uscc", "icp", "psb")
    assert kind is None or result.kind == kind
    assert_jsonable(result.as_json())
    explain.text_lines(result)
    explain.finding(result, "subject.id")
    if result.suggestion is not None:  # a suggestion is itself fully valid
        assert judge(result.suggestion, result.kind, today).verdict == VALID


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", HUGE_TEXT)
def test_judge_ten_megabytes(name: str, kind: str | None) -> None:
    result = timed(judge, HUGE_TEXT[name], kind, TODAY)
    assert result.verdict == INVALID
    assert len(json.dumps(result.as_json())) < 10_000  # the echo is clipped


# --- the password checks ---------------------------------------------------------------

PASSWORD_CHECKS = [r for r in registry.discover()[0] if r.check.id.startswith("BA1")]
CONFIGS = [
    Config(path=Path(), subject=Subject(type="personal")),
    *(load(p) for p in sorted(SAMPLES.glob("*.toml"))),
]


def run_password_checks(password: str, config: Config) -> list:
    context = Context(config=config, today=TODAY, password=Secret(password))
    findings = timed(registry.run, PASSWORD_CHECKS, context)
    assert not [f for f in findings if f.check == registry.CRASH_ID], findings
    return findings


@budget(25)
@given(
    st.text(max_size=1000) | st.text(st.sampled_from(NEAR), max_size=200), st.sampled_from(CONFIGS)
)
def test_password_checks_any_text(text: str, config: Config) -> None:
    # The marker makes the password one that no message can contain by chance
    # ("upper-" is in a hint), so finding it means the password was echoed.
    password = text + "Zq9\u2603x"
    for finding in run_password_checks(password, config):
        assert_jsonable(finding.as_json())
        assert password not in json.dumps(finding.as_json(), ensure_ascii=False)


@pytest.mark.parametrize(
    "password",
    ["a" * 1024, "zhangwei" * 128, "1qaz2wsx" * 128, "Ｐａｓｓ！" * 200, "\u200b" * 1024],
    ids=["repeat", "pinyin", "walk", "full-width", "invisible"],
)
def test_password_checks_at_the_command_limit(password: str) -> None:
    """1024 characters is the most the commands accept."""
    for config in CONFIGS:
        run_password_checks(password, config)


def test_ten_megabyte_password_line_is_refused_quickly(run_cli) -> None:
    result = timed(run_cli, "password", "--password-stdin", input="aB3!" * (TEN_MB // 4) + "\n")
    assert result.exit_code == 2
    assert "longer than" in result.stderr


# --- the journal ----------------------------------------------------------------------

journal_lines = st.one_of(
    st.binary(max_size=200),
    st.builds(
        lambda d: json.dumps(d).encode(),
        st.dictionaries(
            st.sampled_from(["at", "text", "kind", "ref", "x"]),
            st.none()
            | st.text(max_size=20)
            | st.integers()
            | st.sampled_from(
                ["courier", "ticket", "2026-11-25T10:00:00+08:00", "2026-13-45", "nope"]
            ),
        ),
    ),
)


@budget(25)
@given(st.lists(journal_lines, max_size=12), st.booleans())
def test_journal_reads_any_bytes(tmp_path: Path, lines: list[bytes], cut: bool) -> None:
    path = tmp_path / "journal.jsonl"
    data = b"\n".join(lines) + (b"" if cut else b"\n")
    path.write_bytes(data)
    items = timed(lambda: list(read(path)))
    assert all(isinstance(i, Entry | Skipped) for i in items)
    skipped = [i.line for i in items if isinstance(i, Skipped)]
    assert skipped == sorted(skipped)


@pytest.mark.parametrize(
    "data",
    [
        b'{"text": "' + b"a" * TEN_MB + b'"}\n',
        b"[" * TEN_MB + b"\n",
        b'{"at": "2026-11-25T10:00:00+08:00", "text": "x"}\n' * 40_000,
        bytes(range(256)) * (TEN_MB // 256),
    ],
    ids=["one 10 MB line", "deep nesting", "40,000 entries", "binary"],
)
def test_journal_ten_megabytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "journal.jsonl"
    path.write_bytes(data)
    assert timed(lambda: sum(1 for _ in read(path)))


# --- contacts: phone and email ----------------------------------------------------------

PHONE_NEAR = "0123456789０１２３+86- \u3000\u00a0()．.@example.cn张伟"


@budget(40)
@given(texts | st.text(st.sampled_from(PHONE_NEAR), max_size=30), st.lists(texts, max_size=3))
def test_contact_parsers_any_text(text: str, filed: list[str]) -> None:
    from beianaudit.contacts.validation import InvalidContact, filed_domain_of, normalise

    for kind in ("phone", "email"):
        # The marker makes the value one that no reason can contain by chance.
        for value in (text, text + "Zq9\u2603"):
            try:
                normalised = timed(normalise, kind, value)
            except InvalidContact as exc:
                reason = str(exc)
            else:
                reason = ""
                assert kind == "email" or (len(normalised) == 11 and normalised.isdigit())
            assert "\n" not in reason
            assert value == text or value not in reason  # a personal value is not repeated
    found = timed(filed_domain_of, text, filed)
    assert found is None or found in filed


@pytest.mark.parametrize("name", HUGE_TEXT)
def test_contact_parsers_ten_megabytes(name: str) -> None:
    from beianaudit.contacts.validation import InvalidContact, filed_domain_of, normalise

    for kind in ("phone", "email"):
        with pytest.raises(InvalidContact):
            timed(normalise, kind, HUGE_TEXT[name])
    # A config holds a domain of up to 1 MiB; the IDNA codec took a second on one.
    timed(filed_domain_of, HUGE_TEXT[name][: 1 << 20], [HUGE_TEXT[name][: 1 << 20]] * 3)
