"""Batch output (issue 18): one order (the input's), one total at the end, progress on a
terminal only, and a --format json that never grows without bound."""

from __future__ import annotations

import io
import json
import tracemalloc
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from beianaudit.cli import cli
from beianaudit.commands import common
from beianaudit.commands.common import Progress

OFFICIAL = "https://beian.miit.gov.cn/"
FAKE = "https://beian.miit.gov.cn.example.com/"
OTHER = "https://example.org/"
GOOD_ID = "330106199003071236"
BAD_ID = "33010619900307123O"


class Lines(io.RawIOBase):
    """Standard input made on demand from a generator, counting the lines handed out."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._rest = b""
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._rest:
            line = next(self._lines, None)
            if line is None:
                return 0
            self.given += 1
            self._rest = (line + "\n").encode()
        n = min(len(buffer), len(self._rest))
        buffer[:n] = self._rest[:n]
        self._rest = self._rest[n:]
        return n


def many(first: list[str], n: int) -> Iterator[str]:
    for i in range(n):
        yield first[i % len(first)]


class Sink(io.TextIOBase):
    """stdout that keeps nothing, only counts."""

    def __init__(self) -> None:
        self.chars = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.chars += len(text)
        return len(text)


def run(*args: str, stdin: object = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=stdin)


@pytest.mark.parametrize("source", ["args", "file"])
def test_url_text_keeps_input_order_and_ends_with_one_total(source: str) -> None:
    links = [OFFICIAL, OTHER, FAKE]  # best first: worst-first sorting would reverse them
    if source == "args":
        result = run("url", *links)
    else:
        result = run("url", "--file", "-", stdin="\n".join(links) + "\n")
    out = result.output
    assert result.exit_code == 1
    positions = [out.index(link + "\n") for link in links]
    assert positions == sorted(positions)
    assert out.count("errors,") + out.count("error,") == 1  # one total, no summary per link
    assert out.rstrip().splitlines()[-1] == "3 links: 1 error, 1 warning, 1 info"


def test_a_pasted_message_keeps_the_order_of_its_links() -> None:
    result = run("url", "--text", "-", stdin=f"先看 {OFFICIAL} 再看 {FAKE} 完")
    out = result.output
    assert out.index("2 links in the message.") < out.index(OFFICIAL) < out.index(FAKE)
    assert out.rstrip().splitlines()[-1] == "2 links: 1 error, 1 info"


def test_id_batch_text_keeps_input_order_and_ends_with_one_total() -> None:
    result = run("id", "--file", "-", stdin=f"{GOOD_ID}\n{BAD_ID}\n{GOOD_ID}\n")
    lines = result.output.splitlines()
    assert [line.split(":")[0] for line in lines if line.startswith("line ")] == [
        "line 1",
        "line 2",
        "line 3",
    ]
    assert lines[-1] == "3 identifiers: 1 error"
    assert result.exit_code == 1


def test_jsonl_and_json_batches_keep_input_order() -> None:
    links = [OFFICIAL, FAKE, OTHER, OFFICIAL]
    stdin = "\n".join(links) + "\n"
    jsonl = [
        json.loads(line)
        for line in run("url", "--file", "-", "--format", "jsonl", stdin=stdin).output.splitlines()
    ]
    assert [o["input"] for o in jsonl] == links
    whole = json.loads(run("url", "--file", "-", "--format", "json", stdin=stdin).output)
    assert [o["input"] for o in whole["results"]] == links


@pytest.mark.parametrize(
    ("command", "lines"),
    [("url", [OFFICIAL, FAKE, OTHER]), ("id", [GOOD_ID, BAD_ID])],
)
def test_a_json_batch_past_the_limit_is_refused_with_a_pointer_to_jsonl(
    monkeypatch: pytest.MonkeyPatch, command: str, lines: list[str]
) -> None:
    monkeypatch.setattr(common, "MAX_JSON_BATCH", 300)
    stdin = Lines(many(lines, 1_000_000))
    tracemalloc.start()
    try:
        result = run(command, "--file", "-", "--format", "json", stdin=stdin)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 2
    assert "--format jsonl" in result.output
    assert "Traceback" not in result.output
    # It stops reading at the limit (plus what one read of 64 KiB brings in), and what
    # it held is a few hundred results, not a million.
    assert stdin.given <= 301 + common.CHUNK // 10
    assert peak < 20 << 20


def test_under_the_limit_json_is_one_object() -> None:
    result = run("id", "--file", "-", "--format", "json", stdin=f"{GOOD_ID}\n" * 5)
    assert len(json.loads(result.output)["results"]) == 5


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (("url", "--file", "-"), [OFFICIAL, FAKE, OTHER, "http://t.cn/x"]),
        (("url", "--file", "-", "--format", "jsonl"), [OFFICIAL, FAKE, OTHER]),
        (("id", "--file", "-"), [GOOD_ID, BAD_ID]),
    ],
)
def test_text_and_jsonl_batches_run_in_flat_memory(
    monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], lines: list[str]
) -> None:
    """Memory by counting: the peak of a 3,000-line batch, with output to a sink, stays
    far below what the 3,000 results or their output would take if held (about 90 KB
    against 0.4 to 3 MB of output, measured)."""
    sink = Sink()
    made = common.BatchOutput.__init__
    monkeypatch.setattr(common.BatchOutput, "__init__", lambda self: made(self, sink))
    n = 3_000
    run(*args, stdin=Lines(many(lines, 100)))  # imports and caches, before counting
    stdin = Lines(many(lines, n))
    tracemalloc.start()
    try:
        result = run(*args, stdin=stdin)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1, result.output
    assert stdin.given == n
    assert sink.chars > n * 40  # every line was answered
    assert peak < sink.chars / 2
    assert peak < 1 << 20


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_during_a_long_batch_and_is_erased() -> None:
    now = [0.0]
    stream = Terminal()
    progress = Progress(stream, clock=lambda: now[0])
    for count in range(1, 10_001):
        now[0] += 0.0005  # five seconds in all
        progress.tick(count)
    progress.done()
    shown = stream.getvalue()
    assert "\r2,048 lines…" in shown  # from the first second on
    assert "\r1,024 lines…" not in shown  # not before
    assert shown.endswith("\r\x1b[K")
    assert shown.count("lines…") <= 10  # at most twice a second


def test_no_progress_when_stderr_is_not_a_terminal_or_the_batch_is_short() -> None:
    pipe = io.StringIO()
    progress = Progress(pipe, clock=iter(range(100, 10**6, 10)).__next__)
    for count in range(1, 5000):
        progress.tick(count)
    progress.done()
    assert pipe.getvalue() == ""
    tty = Terminal()
    quick = Progress(tty, clock=lambda: 0.0)
    for count in range(1, 5000):
        quick.tick(count)
    quick.done()
    assert tty.getvalue() == ""


@pytest.mark.parametrize(
    ("command", "lines", "verdicts"),
    [
        ("url", [OFFICIAL, FAKE, OTHER], ["official", "lookalike", "other"]),
        ("id", [GOOD_ID, BAD_ID, GOOD_ID], ["valid", "lookalike", "valid"]),
    ],
)
def test_compact_is_the_verdict_fields_a_line_in_input_order(
    command: str, lines: list[str], verdicts: list[str]
) -> None:
    result = run(command, "--file", "-", "--format", "compact", stdin="\n".join(lines) + "\n")
    objects = [json.loads(line) for line in result.output.splitlines()]
    assert [o["verdict"] for o in objects] == verdicts
    assert [o["input"] for o in objects] == lines
    assert all("findings" not in o and "summary" not in o for o in objects)
    assert result.exit_code == 1
    clean = run(command, "--file", "-", "--format", "compact", stdin=lines[0] + "\n")
    assert clean.exit_code == 0


def test_progress_reaches_a_real_terminal_and_never_a_pipe() -> None:
    """A pseudo-terminal as stderr: the progress line is drawn there and erased; with
    stderr a pipe (a cron job, a redirect), nothing."""
    import os
    import pty
    import subprocess
    import sys

    code = (
        "import itertools\nfrom beianaudit.commands.common import Progress\n"
        "clock = itertools.count(0, 0.25).__next__\n"  # a quarter second per 1,024 lines
        "progress = Progress(clock=clock)\n"
        "for n in range(1, 20_000):\n    progress.tick(n)\nprogress.done()\n"
    )
    leader, follower = pty.openpty()
    try:
        subprocess.run([sys.executable, "-c", code], stderr=follower, check=True, timeout=60)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal's far end is closed: all is read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert b"lines\xe2\x80\xa6" in shown
    assert shown.endswith(b"\r\x1b[K")
    piped = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert piped.stderr == b""
