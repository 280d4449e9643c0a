"""The command line under random argument vectors.

Vectors are built from the real commands and their options (found by walking
``cli.commands``, so a command is covered the day it lands), mixed with junk:
wrong values, unknown options, odd Unicode, surrogates as a broken locale gives
them, broken and missing configs. Whatever comes in, the exit code is 0, 1 or 2 and
no traceback escapes.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import socket
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from beianaudit import i18n
from beianaudit.cli import cli
from beianaudit.commands.common import batch_lines, skipped_line
from tests.conftest import MINIMAL, SAMPLES, TODAY
from tests.fuzzing import assert_one_line, budget, commands

SAMPLE = str(SAMPLES / "personal.toml")


COMMANDS = commands()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """Paths an option or argument may name: good, broken, missing, odd."""
    good = tmp_path / "good.toml"
    good.write_text(SAMPLES.joinpath("personal.toml").read_text(encoding="utf-8"), encoding="utf-8")
    good.chmod(0o600)
    broken = tmp_path / "broken.toml"
    broken.write_text(MINIMAL + "[subject\n", encoding="utf-8")
    binary = tmp_path / "binary"
    binary.write_bytes(bytes(range(256)) * 4)
    lines = tmp_path / "lines.txt"
    lines.write_text("https://beian.miit.gov.cn/\n\x00\n330106199003071236\n\n" + "x" * 5000 + "\n")
    return {
        "good": str(good),
        "broken": str(broken),
        "binary": str(binary),
        "lines": str(lines),
        "missing": str(tmp_path / "missing.toml"),
        "dir": str(tmp_path),
        "stdin": "-",
    }


@pytest.fixture(autouse=True)
def in_a_scratch_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A drawn relative path is where ``init`` writes: never in the source tree."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--resolve`` may be drawn: it must meet a dead network and say so in one line."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


junk_text = st.text(
    st.characters(exclude_categories=["Cs"])
    | st.sampled_from("\n\r\x1b\x00\ud800\udcff\u202e\u3000\ufeff"),
    max_size=30,
)


def values_for(param: click.Parameter, files: dict[str, str]) -> st.SearchStrategy[str]:
    """Good values of this parameter's type, and some that are not."""
    kind = param.type
    good: st.SearchStrategy[str]
    if isinstance(kind, click.Choice):
        good = st.sampled_from([str(c) for c in kind.choices])
    elif isinstance(kind, click.types.IntParamType | click.types.FloatParamType):
        good = st.integers(-10, 100_000).map(str)
    elif isinstance(kind, click.types.DateTime) or param.name in ("on", "date", "since"):
        good = st.dates().map(str)
    else:
        good = st.sampled_from(list(files.values())) | st.sampled_from(
            [
                "https://beian.miit.gov.cn/",
                "http://beian.miit.gov.cn.evil.example/",
                "330106199003071236",
                "91350100M000100Y43",
                "浙ICP备2021000001号-1",
                "phone",
                "email",
                "BA501,BA999",
            ]
        )
    return st.integers(0, 5).flatmap(lambda pick: junk_text if pick == 0 else good)


@st.composite
def vectors(draw: st.DrawFn, files: dict[str, str]) -> list[str]:
    words, command = draw(st.sampled_from(COMMANDS))
    argv = list(words)
    for param in command.params:
        if not draw(st.integers(0, 2)):
            continue
        if isinstance(param, click.Option):
            argv.append(draw(st.sampled_from(param.opts + param.secondary_opts)))
            if not param.is_flag and not param.count:
                argv.append(draw(values_for(param, files)))
        else:
            count = 1 if param.nargs == 1 else draw(st.integers(0, 3))
            argv.extend(draw(values_for(param, files)) for _ in range(count))
    if draw(st.integers(0, 3)) == 0:  # junk: unknown options, stray words, a cut vector
        junk = draw(
            st.lists(
                junk_text | st.sampled_from(["--", "-", "--nope", "-x", "--format"]), max_size=4
            )
        )
        at = draw(st.integers(0, len(argv)))
        argv[at : at + draw(st.integers(0, 2))] = junk
    return argv


@budget(50)
@given(data=st.data())
def test_random_argument_vectors(files: dict[str, str], data: st.DataObject) -> None:
    # Drawn, so that a --lang of the previous example does not leak into this one.
    i18n.set_language(data.draw(st.sampled_from(["en", "zh_CN"]), label="language"))
    argv = data.draw(vectors(files), label="argv")
    stdin = data.draw(
        st.sampled_from(["", "Passw0rd!x\n", "https://beian.miit.gov.cn/\n"]) | junk_text
    )
    env = {"BEIANAUDIT_CONFIG": data.draw(st.sampled_from([None, files["good"], files["broken"]]))}
    result = CliRunner().invoke(cli, argv, input=stdin, env=env, obj={"today": TODAY})
    assert result.exit_code in (0, 1, 2, 3), (argv, result.exit_code, result.output)
    if result.exit_code == 3:  # a failed side action, only when one was asked for
        assert {"--remember", "--forget", "--resolve"} & set(argv), argv
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        argv,
        repr(result.exception),
    )
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.stderr.strip(), argv
        if result.stderr.startswith("beianaudit:"):  # ours: exactly one line
            assert_one_line(result.stderr)
        else:  # click's usage error: usage, then one line that says what is wrong
            assert_one_line(result.stderr.strip().splitlines()[-1])


def test_every_command_is_walked() -> None:
    """The walk finds the group's commands, nested ones included."""
    names = {" ".join(words) for words, _command in COMMANDS}
    assert {"check", "checks"} <= names
    for words, command in COMMANDS:
        if isinstance(command, click.Group):
            assert {" ".join((*words, sub)) for sub in command.commands} <= names


@pytest.mark.parametrize("path", ["a\nb", "x\x1b[31m\u202e", "\r"])
def test_error_lines_escape_control_characters(run_cli, path: str) -> None:
    result = run_cli("check", "--config", path)
    assert result.exit_code == 2
    assert_one_line(result.stderr)
    assert "\x1b" not in result.stderr
    assert "\u202e" not in result.stderr


@pytest.mark.parametrize(("words", "command"), COMMANDS, ids=[" ".join(w) for w, _c in COMMANDS])
def test_every_command_has_help(words: tuple[str, ...], command: click.Command) -> None:
    result = CliRunner().invoke(cli, [*words, "--help"], obj={"today": TODAY})
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


@pytest.mark.parametrize(
    "argv",
    [["url", "--file", "-", "--format", "jsonl"], ["id", "--file", "-"], ["checks"]],
    ids=" ".join,
)
def test_a_reader_that_stops_early_is_no_error(argv: list[str]) -> None:
    """`beianaudit … | head -1`: the closed pipe ends the run quietly, not as an
    "internal error" asking for a bug report."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("beianaudit")
    proc = subprocess.Popen(
        [str(script), *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout
    assert proc.stdin
    proc.stdout.close()  # the reader is gone before the first line
    _out, err = proc.communicate(b"https://beian.miit.gov.cn/\n330106199003071236\n" * 20_000)
    assert proc.returncode in (0, 1), err
    assert err.decode() == ""


# --- batch input: a line without end ----------------------------------------------------


class _Trickle(io.BytesIO):
    """A pipe: each read gives at most ``size`` bytes, whatever was asked for."""

    def __init__(self, data: bytes, size: int, log: list[str]) -> None:
        super().__init__(data)
        self.size, self.log = size, log

    def read1(self, n: int = -1) -> bytes:
        self.log.append("read")
        return super().read1(min(n, self.size))


@budget(40)
@given(
    st.lists(st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"")), max_size=8),
    st.booleans(),
    st.integers(1, 10),
    st.integers(1, 7),
)
def test_batch_lines(parts: list[bytes], last_ends: bool, keep: int, size: int) -> None:
    """Every line, cut at ``keep``, however the input arrives; ``before_read`` (where
    output is flushed) runs before every read, so before any wait for input."""
    data = b"\n".join(parts) + (b"\n" if last_ends and parts else b"")
    log: list[str] = []
    lines = []
    for line in batch_lines(_Trickle(data, size, log), lambda: log.append("flush"), keep):
        lines.append(line)
    ends = re.finditer(rb"([^\n]*)\n|([^\n]+)$", data)
    assert lines == [(m.group(1) if m.group(2) is None else m.group(2))[:keep] for m in ends]
    assert log[0] == "flush"
    assert all(before == "flush" for before, now in itertools.pairwise(log) if now == "read")


@pytest.mark.parametrize(
    ("argv", "good"),
    [
        (["url", "--file", "-", "--format", "jsonl"], "https://beian.miit.gov.cn/"),
        (["id", "--file", "-", "--format", "jsonl"], "330106199003071236"),
    ],
    ids=["url", "id"],
)
def test_a_line_without_end_costs_no_memory(argv: list[str], good: str) -> None:
    """120 MB without a newline, then a good line: the long line is judged (too long),
    the next one too, and the process stays small (it grew by gigabytes before)."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("beianaudit")
    # Streamed in 1 MiB pieces by a small parent: a child forked from a parent that
    # holds the data would count the parent's pages in its own peak.
    measure = (
        "import resource, subprocess, sys\n"
        "proc = subprocess.Popen([sys.argv[1], *sys.argv[3:]], stdin=subprocess.PIPE)\n"
        "for _ in range(120):\n"
        "    proc.stdin.write(bytes(1 << 20))\n"
        "proc.stdin.write(b'\\n' + sys.argv[2].encode() + b'\\n')\n"
        "proc.stdin.close()\n"
        "proc.wait()\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", measure, str(script), good, *argv],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    peak_kib = int(out[-1])
    results = [json.loads(line) for line in out[-3:-1]]
    assert results[0]["verdict"] == "invalid"
    assert results[1]["input"] == good
    assert results[1]["verdict"] in ("official", "valid")
    assert peak_kib < 150_000, f"{peak_kib // 1024} MiB"


@budget(20)
@given(
    st.lists(
        st.binary(max_size=40).map(lambda b: b.replace(b"\n", b""))
        | st.sampled_from([b"https://beian.miit.gov.cn/", b"330106199003071236", b"\r", b""]),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from([["url", "--file", "-"], ["id", "--file", "-"]]),
)
def test_batch_gives_one_object_per_line_in_order(lines: list[bytes], argv: list[str]) -> None:
    """The JSON Lines contract under junk: NUL, CR, invalid UTF-8, empty lines.  ``url``
    judges a line that is not UTF-8 (``not_text``); ``id`` stops there with one line
    naming it (exit 2), after the objects of the lines before it.  Blank and comment
    lines are skipped; none left is nothing checked (exit 2)."""
    data = b"\n".join(lines) + b"\n"
    result = CliRunner().invoke(cli, [*argv, "--format", "jsonl"], input=data, obj={"today": TODAY})
    stopped = False
    if argv[0] == "id":
        for number, raw in enumerate(lines, 1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                assert result.exit_code == 2, result.output
                assert result.stderr.startswith(f"beianaudit: standard input:{number}: ")
                lines = lines[: number - 1]
                stopped = True
                break
    lines = [
        raw
        for raw in lines
        if not skipped_line(raw.rstrip(b"\r").decode("utf-8", "surrogateescape"))
    ]
    if not stopped:
        assert result.exit_code in ((0, 1) if lines else (2,)), result.output
    out = result.stdout.split("\n")
    assert out[-1] == ""
    objects = [json.loads(line) for line in out[:-1]]
    assert len(objects) == len(lines)
    for raw, obj in zip(lines, objects, strict=True):
        text = raw.decode("utf-8", "replace").removesuffix("\r")
        if text.isascii() and text.isprintable():
            assert obj["input"] == text
