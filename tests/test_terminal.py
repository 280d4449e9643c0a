"""Secrets and Ctrl-C on a real terminal (issue 14), through a pseudo-terminal.

Each test runs ``python -m beianaudit`` as a shell would, on a pty that is its
controlling terminal (see ``tests/terminal.py``), types what a person types and reads
what the screen shows, the terminal's own echo included:

- a password typed at ``--password-stdin`` or at the hidden prompt never shows, and the
  terminal's echo is back on afterwards;
- Ctrl-C at any prompt, and while ``url --text -`` reads a pasted message, prints one line
  ("interrupted" / "已中断") and exits 130;
- Ctrl-\\ (SIGQUIT) at a password prompt with ``ulimit -c unlimited`` leaves no core file:
  the limit is 0 in the running process and it is not dumpable.
"""

from __future__ import annotations

import shutil
import signal
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.terminal import CTRL_BACKSLASH, CTRL_C, CTRL_D, READ_SYSCALL, Terminal, environment

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals")

PASSWORD = "Zq8!Sekret-Pw#41x"
INTERRUPTED = 130


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A folder to run in, with the personal sample as a private config."""
    config = tmp_path / "config.toml"
    shutil.copyfile(SAMPLES / "personal.toml", config)
    config.chmod(0o600)
    (tmp_path / "cwd").mkdir()
    return tmp_path


def run(home: Path, *args: str, core_unlimited: bool = False, **env: str) -> Terminal:
    """beianaudit on a terminal; with ``--remember``, with a keyring it trusts, kept in
    ``home/keyring.json`` (see ``tests/keyring_child.py``)."""
    program: tuple[str, ...] = (sys.executable, "-m", "beianaudit")
    if "--remember" in args:
        program = (sys.executable, "-m", "tests.keyring_child")
        env = {"BEIANAUDIT_TEST_KEYRING": str(home / "keyring.json"), **env}
    return Terminal(
        list(args),
        cwd=home / "cwd",
        env=environment(home, **env),
        core_unlimited=core_unlimited,
        program=program,
    )


def kept(home: Path) -> str:
    """What the test keyring holds (empty: nothing)."""
    path = home / "keyring.json"
    return path.read_text("utf-8") if path.exists() else ""


def config(home: Path) -> str:
    return str(home / "config.toml")


# --- no echo --------------------------------------------------------------------------------


@pytest.mark.parametrize("words", [["password"], ["check"]], ids=" ".join)
def test_password_stdin_typed_at_a_terminal_is_not_shown(home: Path, words: list[str]) -> None:
    term = run(home, *words, "--password-stdin", "--config", config(home))
    term.expect("not shown")
    term.send(PASSWORD + "\r")
    status = term.finish()
    assert status in (0, 1), term.screen
    assert "BA105" in term.screen  # the password was read and judged
    assert PASSWORD[:6] not in term.screen, term.screen
    assert term.echo_after is True  # the shell gets its echo back


def test_the_hidden_prompt_shows_nothing_typed(home: Path) -> None:
    term = run(home, "password", "--config", config(home))
    term.expect("New password")
    term.send(PASSWORD + "\r")
    term.expect("Repeat it")
    term.send(PASSWORD + "\r")
    assert term.finish() in (0, 1), term.screen
    assert "BA105" in term.screen
    assert PASSWORD[:6] not in term.screen
    assert term.echo_after is True


# --- Ctrl-C ---------------------------------------------------------------------------------


def _at_prompt(shown: str, *typed: str):
    """Type ``typed`` at the password prompts, then wait for ``shown``."""

    def reach(term: Terminal) -> None:
        for prompt, text in zip(("New password", "Repeat it"), typed, strict=False):
            term.expect(prompt)
            term.send(text)
        term.expect(shown)
        term.wait_reading()

    return reach


def _reading_stdin(term: Terminal) -> None:
    term.wait_reading()
    term.send("请登录 https://beian-miit.example.cn/ 处理")  # half a pasted message


CTRL_C_CASES = {
    "password prompt": (["password"], _at_prompt("New password")),
    "password repeat": (["password"], _at_prompt("Repeat it", PASSWORD + "\r")),
    "password-stdin": (["password", "--password-stdin"], _at_prompt("not shown")),
    "check ask-password": (["check", "--ask-password"], _at_prompt("New password")),
    "remember question": (
        ["password", "--remember"],
        _at_prompt("succeed", PASSWORD + "\r", PASSWORD + "\r"),
    ),
    "url text stdin": (["url", "--text", "-"], _reading_stdin),
    "plan question": (["plan"], _at_prompt("[y/n/?]")),
}


@pytest.mark.parametrize("case", CTRL_C_CASES)
def test_ctrl_c_is_one_line_and_exit_130(home: Path, case: str) -> None:
    words, reach = CTRL_C_CASES[case]
    if READ_SYSCALL is None:
        pytest.skip("read(2) number unknown on this machine: no way to wait for the read")
    term = run(home, *words, "--config", config(home)) if words[0] != "url" else run(home, *words)
    reach(term)
    term.send(CTRL_C)
    status = term.finish()
    assert status == INTERRUPTED, term.screen
    said = [line for line in term.lines() if "interrupted" in line]
    assert said == ["beianaudit: interrupted"], term.screen
    for wrong in ("Aborted", "Traceback", "terminal", "--situation", "no password typed"):
        assert wrong not in term.screen, (wrong, term.screen)
    assert PASSWORD[:6] not in term.screen
    assert term.echo_after is True
    assert PASSWORD not in kept(home)  # interrupted: nothing remembered


def test_a_pasted_message_without_a_link_is_no_all_clear(home: Path) -> None:
    """Pasted at ``url --text -`` and ended with Ctrl-D: one line says nothing was checked,
    exit 2, as ``url --file`` without a link (never 0, which reads as safe)."""
    term = run(home, "url", "--text", "-")
    term.wait_reading()
    term.send("您的备案信息异常，请尽快处理。\r")
    term.send(CTRL_D)
    status = term.finish()
    assert status == 2, term.screen
    said = [line for line in term.lines() if line.startswith("beianaudit:")]
    assert said == [
        "beianaudit: no links in the message: nothing was checked, and that alone does not "
        "make it safe; if it names a site or you suspect one, judge that link alone: "
        "beianaudit url 'LINK'"
    ], term.screen
    assert "Traceback" not in term.screen


def test_remember_at_a_terminal_keeps_it_once_confirmed(home: Path) -> None:
    """The control for the two tests above and below: "y" does store it."""
    term = run(home, "password", "--remember", "--config", config(home))
    _at_prompt("succeed", PASSWORD + "\r", PASSWORD + "\r")(term)
    term.send("y\r")
    assert term.finish() in (0, 1), term.screen
    assert PASSWORD in kept(home)
    assert PASSWORD[:6] not in term.screen


def test_ctrl_c_in_chinese(home: Path) -> None:
    term = run(home, "password", "--config", config(home), LANG="zh_CN.UTF-8")
    term.expect("新密码")
    term.wait_reading()
    term.send(CTRL_C)
    assert term.finish() == INTERRUPTED
    assert [line for line in term.lines() if "中断" in line] == ["beianaudit：已中断"], term.screen


def test_ctrl_d_at_the_remember_question_is_no(home: Path) -> None:
    """End of input is an answer ("no"), not an interruption: nothing is remembered and
    the status says so (3), where Ctrl-C would be 130."""
    term = run(home, "password", "--remember", "--config", config(home))
    _at_prompt("succeed", PASSWORD + "\r", PASSWORD + "\r")(term)
    term.send(CTRL_D)
    assert term.finish() == 3, term.screen
    assert "not remembered" in term.screen
    assert PASSWORD not in kept(home)


# --- no core file ---------------------------------------------------------------------------


def _cores(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith("core")]


def _core_limit(pid: int) -> list[str]:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max core file size"):
            return line.split()[4:6]  # soft, hard
    raise AssertionError("no core limit in /proc")


@pytest.fixture
def cores_are_written(home: Path) -> bool:
    """Whether a process that does nothing to prevent it leaves a core file here on
    Ctrl-\\ (``core_pattern`` a plain file name, as on this project's machines); when it
    does not (a pipe to apport or systemd-coredump), the tests check the limit instead."""
    control = Terminal(
        [],
        cwd=home / "cwd",
        env=environment(home),
        core_unlimited=True,
        program=(sys.executable, "-c", "import sys; print('ready', flush=True); input()"),
    )
    control.expect("ready")
    control.send(CTRL_BACKSLASH)
    status = control.finish()
    found = _cores(home / "cwd")
    for core in found:
        core.unlink()
    assert status == -signal.SIGQUIT
    return bool(found)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
@pytest.mark.parametrize(
    ("words", "prompt"),
    [
        (["password"], "Repeat it"),
        (["password", "--password-stdin"], "not shown"),
        (["check", "--ask-password"], "Repeat it"),
        (["password", "--remember"], "succeed"),  # the password typed twice, in memory
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else v,
)
def test_ctrl_backslash_at_a_password_prompt_leaves_no_core(
    home: Path, cores_are_written: bool, words: list[str], prompt: str
) -> None:
    term = run(home, *words, "--config", config(home), core_unlimited=True)
    typed = {"Repeat it": 1, "succeed": 2}.get(prompt, 0)
    _at_prompt(prompt, *[PASSWORD + "\r"] * typed)(term)
    assert _core_limit(term.proc.pid)[0] == "0"  # the soft limit, set before the read
    term.send(CTRL_BACKSLASH)
    assert term.finish() == -signal.SIGQUIT
    assert _cores(home / "cwd") == []
    if not cores_are_written:
        pytest.skip("this machine writes no core files here: the limit was checked instead")


def test_protect_process_turns_off_core_files_and_dumping() -> None:
    """In a process of its own (the test runner keeps its settings)."""
    import subprocess

    probe = (
        "import ctypes, resource\n"
        "from beianaudit.secret import PR_GET_DUMPABLE, protect_process\n"
        "protect_process()\n"
        "dumpable = ctypes.CDLL(None).prctl(PR_GET_DUMPABLE, 0, 0, 0, 0)\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE)[0], dumpable)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    expected = "0 0" if sys.platform.startswith("linux") else "0 "
    assert out.startswith(expected), out


# --- no terminal at all ---------------------------------------------------------------------


@pytest.mark.parametrize("words", [["password"], ["check", "--ask-password"]], ids=" ".join)
def test_no_terminal_to_ask_on_is_a_usage_error(home: Path, words: list[str]) -> None:
    """Without a controlling terminal (setsid, cron, CI) the hidden prompt is not read
    from stdin behind the user's back (getpass's fallback, with its English warning):
    one line pointing to --password-stdin, exit 2."""
    import subprocess

    env = environment(home)
    for lang, pointer in (("en", "use --password-stdin"), ("zh_CN", "--password-stdin")):
        done = subprocess.run(
            [sys.executable, "-m", "beianaudit", "--lang", lang, *words, "--config", config(home)],
            input=PASSWORD + "\n" + PASSWORD + "\n",
            capture_output=True,
            text=True,
            env=env,
            cwd=home / "cwd",
            start_new_session=True,  # no controlling terminal: /dev/tty does not open
        )
        assert done.returncode == 2, done
        lines = done.stderr.splitlines()
        assert len(lines) == 1, done.stderr
        assert pointer in lines[0]
        assert "Warning" not in done.stderr
        assert "BA1" not in done.stdout + done.stderr
        if lang == "zh_CN":
            assert "terminal" not in lines[0], lines


# --- other signals at the hidden prompt -----------------------------------------------------


@pytest.mark.parametrize("words", [["password"], ["password", "--password-stdin"]], ids=" ".join)
@pytest.mark.parametrize("sig", [signal.SIGQUIT, signal.SIGTERM, signal.SIGHUP], ids=str)
def test_a_signal_at_the_hidden_prompt_gives_the_echo_back(
    home: Path, sig: signal.Signals, words: list[str]
) -> None:
    """Ctrl-\\, kill or a hang-up while echo is off: the process still dies of the
    signal, but the terminal's echo is on again for the shell."""
    import os

    if READ_SYSCALL is None:
        pytest.skip("read(2) number unknown on this machine: no way to wait for the read")
    term = run(home, *words, "--config", config(home))
    _at_prompt("not shown" if "--password-stdin" in words else "New password")(term)
    if sig == signal.SIGQUIT:
        term.send(CTRL_BACKSLASH)
    else:
        os.kill(term.proc.pid, sig)
    assert term.finish() == -sig, term.screen
    assert term.echo_after is True, term.screen
    assert "Traceback" not in term.screen


# --- Ctrl-C while starting ------------------------------------------------------------------

# Sends SIGINT whenever click's module is looked for: during the start-up imports, and
# again if the handling of the first Ctrl-C imports click (a second Ctrl-C, as an
# impatient hand gives, used to end in a KeyboardInterrupt traceback).
_INTERRUPT_AT_IMPORT = """
import os, signal, sys
class Hook:
    def find_spec(self, name, path=None, target=None):
        if name == "click":
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Hook())
sys.argv = ["beianaudit", "--help"]
from beianaudit.entry import main
main()
"""


def test_ctrl_c_during_the_start_up_imports_is_one_line_and_exit_130(tmp_path: Path) -> None:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_AT_IMPORT],
        capture_output=True,
        text=True,
        env=environment(tmp_path),
        cwd=tmp_path,
    )
    assert done.returncode == INTERRUPTED, done
    assert done.stderr.splitlines() == ["beianaudit: interrupted"], done.stderr
    assert done.stdout == ""
