"""``url --file``'s batch path prints what the one-link path prints (issue 20).

The batch (``commands.url._batch``) makes each distinct line's output once and prints it
again from a cache when the line comes back, and skips blank and comment lines.  Each
shortcut is held here to the plain path (``_output`` over ``_judge`` of every line):
over the benchmark's mix, repeated, with the cache forced to start afresh every few
lines, and over generated links.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st

from beianaudit.cli import cli
from beianaudit.commands import url as url_command
from beianaudit.commands.common import BatchOutput, LineCache, Tally, skipped_line
from beianaudit.report import render_fields
from beianaudit.urls.classify import classify
from tests.fuzzing import budget
from tests.test_urls_fast import _LINKS, generate

FORMATS = ("compact", "jsonl", "text")


def _both(lines: list[str], fmt: str) -> tuple[tuple[str, object], tuple[str, object]]:
    """(output, worst severity) of the batch path and of the plain path."""
    fast, slow = io.StringIO(), io.StringIO()
    worst = url_command._batch(iter(lines), fmt, BatchOutput(fast), Tally())
    judged = (url_command._judge(line, False) for line in lines)
    plain = url_command._output(judged, fmt, single=False, out=BatchOutput(slow), tally=Tally())
    return (fast.getvalue(), worst), (slow.getvalue(), plain)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_batch_prints_what_the_plain_path_prints(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The benchmark's mix with every line twice, far apart and side by side, the cache
    started afresh every 7 lines (a clear in the middle of repeats)."""
    links = [line for line in generate(120) if not skipped_line(line)]
    lines = links + links[::-1] + [links[3]] * 3 + ["\udcff\udcfe", "x" * 1100, "x" * 1100]
    monkeypatch.setattr(LineCache, "SIZE", 7)
    fast, slow = _both(lines, fmt)
    assert fast == slow


@budget(20)
@given(st.lists(st.one_of(_LINKS, st.text(max_size=30)), min_size=1, max_size=6))
@example(["https://beian.miit.gov.cn/", "https://beian.miit.gov.cn/", "http://t.cn/x"])
def test_generated_batches_print_what_the_plain_path_prints(links: list[str]) -> None:
    lines = [line for line in links if not skipped_line(line)] or ["x"]
    for fmt in FORMATS:
        fast, slow = _both(lines + lines, fmt)
        assert fast == slow


def _assert_template_is_encoder(links: list[str]) -> None:
    for link in links:
        result = classify(link)
        assert result.fields_line() == render_fields(result.extra()), link
        followed = dataclasses.replace(result, hops=({"url": link, "status": 301},))
        assert followed.fields_line() == render_fields(followed.extra()), link


def test_the_compact_template_is_the_encoders_line() -> None:
    """The benchmark's mix, and strings the encoder escapes (quotes, backslashes, controls,
    U+2028, lone surrogates, a link cut at 2,048 characters)."""
    odd = ['https://a.com/"\\x', "https://a.com/\x7f\u2028", "\udcff", "a\x00b", "x" * 3000]
    _assert_template_is_encoder(generate(200) + odd)


@budget(50)
@given(st.one_of(_LINKS, st.text(max_size=40)))
def test_generated_compact_lines_are_the_encoders_lines(link: str) -> None:
    _assert_template_is_encoder([link])


@pytest.mark.parametrize(
    ("line", "skipped"),
    [
        ("", True),
        ("   ", True),
        ("\t", True),
        ("\u3000", True),  # an ideographic space: blank as well
        ("# links from the log", True),
        ("  # indented comment", True),
        ("#", True),
        ("https://beian.miit.gov.cn/#top", False),
        ("beian.miit.gov.cn", False),
        (" https://beian.miit.gov.cn/", False),  # a link after a blank: judged
        ("\u200b", False),  # invisible, not blank: judged (an ID or link may hide one)
        ("330106199003071236", False),
    ],
)
def test_what_a_blank_or_comment_line_is(line: str, skipped: bool) -> None:
    assert skipped_line(line) is skipped


@pytest.mark.parametrize("command", ["url", "id"])
def test_blank_and_comment_lines_are_skipped_and_counted(command: str) -> None:
    value = "https://beian.miit.gov.cn/" if command == "url" else "330106199003071236"
    stdin = f"# exported today\n\n{value}\n   \n  # end\n{value}\n"
    runner = CliRunner()
    text = runner.invoke(cli, ["--lang", "en", command, "--file", "-"], input=stdin)
    assert text.exit_code == 0, text.output
    noun = "links" if command == "url" else "identifiers"
    assert text.output.splitlines()[-1].startswith(f"2 {noun}: ")
    assert text.output.splitlines()[-1].endswith("(4 blank or comment lines skipped)")
    zh = runner.invoke(cli, ["--lang", "zh_CN", command, "--file", "-"], input=stdin)
    assert "跳过了 4 行空行或注释" in zh.output.splitlines()[-1]
    for fmt in ("jsonl", "compact"):
        lines = runner.invoke(cli, [command, "--file", "-", "--format", fmt], input=stdin)
        assert lines.exit_code == 0
        assert len(lines.output.splitlines()) == 2  # one line a value, no more
    whole = runner.invoke(cli, [command, "--file", "-", "--format", "json"], input=stdin)
    assert '"skipped_lines": 4' in whole.output
    assert len(whole.output.split('"input"')) == 3


@pytest.mark.parametrize("command", ["url", "id"])
def test_only_blank_and_comment_lines_is_nothing_checked(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--file", "-"], input="\n# none\n\n")
    assert result.exit_code == 2
    assert "nothing was checked" in result.output


@pytest.mark.parametrize("command", ["url", "id"])
@pytest.mark.parametrize("fmt", ["compact", "jsonl", "text"])
def test_an_interrupted_batch_prints_every_line_it_judged(
    command: str, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle of a batch read in one chunk: the lines judged before it are
    printed (output is kept 128 lines at a time), then the interruption (exit 130)."""
    from beianaudit.commands import identifier
    from beianaudit.identifiers import judgement

    value = "https://example.com/{}" if command == "url" else "3301061990030{:05d}"
    path = tmp_path / "lines.txt"
    path.write_text("".join(value.format(i) + "\n" for i in range(300)), encoding="utf-8")
    calls = [0]

    def judged(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        if calls[0] > 200:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    if command == "url":
        real = url_command._judge
        monkeypatch.setattr(url_command, "_judge", judged)
    else:
        real = judgement.judge
        monkeypatch.setattr("beianaudit.identifiers.judge", judged)
        monkeypatch.setattr(judgement, "plain_valid_ric", lambda value, day: False)
        assert identifier  # the command imports judge from beianaudit.identifiers
    result = CliRunner().invoke(
        cli, ["--lang", "en", command, "--file", str(path), "--format", fmt]
    )
    assert result.exit_code == 130
    lines = result.stdout.splitlines()
    if fmt != "text":
        printed = len(lines)
    elif command == "url":
        printed = sum(" BA301 " in line for line in lines)
    else:
        printed = sum(line.startswith("line ") for line in lines)
    assert printed == 200
