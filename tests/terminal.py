"""beianaudit on a real pseudo-terminal: type keys, read what the screen shows.

CliRunner replaces stdin with a pipe, so it cannot show what a person at a terminal
sees: whether the terminal echoes a password, what Ctrl-C (``\\x03``) or Ctrl-\\
(``\\x1c``) do once the line discipline turns them into signals.  :class:`Terminal`
starts the real ``python -m beianaudit`` in a new session whose controlling terminal is
the slave side of a pty, as a shell would, and keeps everything written to the master
side: the program's output and the terminal's own echo, which is the screen.

Waits have a bound (``LIMIT`` seconds) far above normal, only so that a hung child
fails the test instead of the run; no test asserts a duration.
"""

from __future__ import annotations

import os
import platform
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

LIMIT = 120.0  # seconds: a hang, not a slow machine
ROOT = Path(__file__).resolve().parent.parent

CTRL_C = "\x03"  # SIGINT
CTRL_D = "\x04"  # end of input
CTRL_BACKSLASH = "\x1c"  # SIGQUIT: the default action dumps core
# The number of read(2) on this machine, for "blocked reading stdin" in /proc/PID/syscall.
READ_SYSCALL = {"x86_64": 0, "aarch64": 63}.get(platform.machine())


def environment(tmp: Path, **extra: str) -> dict[str, str]:
    """A clean environment: English, no colour, config and data under ``tmp``, the
    keyring backend named (a test may name another)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp),
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "XDG_CONFIG_HOME": str(tmp / "xdg-config"),
        "XDG_DATA_HOME": str(tmp / "xdg-data"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "PYTHONPATH": str(ROOT),
    }
    env.update(extra)
    return env


class Terminal:
    """One command on its own pseudo-terminal."""

    def __init__(
        self,
        args: list[str],
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        core_unlimited: bool = False,
        program: tuple[str, ...] = (sys.executable, "-m", "beianaudit"),
        lang: str = "C.UTF-8",
    ) -> None:
        """Without ``env``: this process's environment in ``lang``, no config named."""
        if env is None:
            env = {**os.environ, "LANG": lang}
            env.pop("BEIANAUDIT_CONFIG", None)
        master, slave = os.openpty()

        def become_terminal_session() -> None:
            import fcntl
            import resource

            os.setsid()  # a session of its own, the pty its controlling terminal:
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)  # ^C and ^\ then signal its group
            if core_unlimited:  # `ulimit -c unlimited`
                unlimited = resource.RLIM_INFINITY
                resource.setrlimit(resource.RLIMIT_CORE, (unlimited, unlimited))

        self.proc = subprocess.Popen(
            [*program, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            preexec_fn=become_terminal_session,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self._raw = b""
        self._closed = False
        self._seen = 0  # where the next expect starts looking
        self.echo_after: bool | None = None

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the screen -------------------------------------------------------------------

    @property
    def screen(self) -> str:
        """Everything shown so far, the terminal's echo included, with plain newlines."""
        return self._raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")

    def _read(self, timeout: float) -> bool:
        """Read what is there; ``False`` once the child has closed the terminal."""
        if self._closed:
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: every slave descriptor is closed
            chunk = b""
        if not chunk:
            self._closed = True
            return False
        self._raw += chunk
        return True

    def expect(self, text: str) -> None:
        """Wait until ``text`` is on the screen after what the last expect found (a
        question asked again must be shown again)."""
        deadline = time.monotonic() + LIMIT
        while (found := self.screen.find(text, self._seen)) < 0:
            if not self._read(0.2) or time.monotonic() > deadline:
                found = self.screen.find(text, self._seen)
                if found >= 0:
                    break
                raise AssertionError(f"{text!r} never shown; the screen:\n{self.screen}")
        self._seen = found + len(text)

    def answer(self, prompt: str, text: str) -> None:
        """Wait for ``prompt``, then type ``text`` and Enter (a carriage return, as a
        keyboard sends it)."""
        self.expect(prompt)
        self.send(text + "\r")

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode("utf-8"))

    def wait_reading(self) -> None:
        """Wait until the child is blocked in read(2) (stdin, or /dev/tty for getpass).

        Typing before that is fine, but a Ctrl-C is not: a signal that arrives between a
        prompt being written and the read starting is noted by Python's C handler but
        interrupts no system call, so the read blocks on, a race a person's hand never
        wins; a test's can.  Where /proc does not say (another OS, an unknown machine),
        this returns at once."""
        path = Path(f"/proc/{self.proc.pid}/syscall")
        if READ_SYSCALL is None or not path.parent.exists():
            return
        deadline = time.monotonic() + LIMIT
        while time.monotonic() < deadline:
            try:
                fields = path.read_text().split()
            except OSError:
                fields = []
            if fields[:1] == [str(READ_SYSCALL)] and self._is_terminal(fields[1]):
                return
            self._read(0.02)
        raise AssertionError(f"never read its input; the screen:\n{self.screen}")

    def _is_terminal(self, fd: str) -> bool:
        """Whether the read(2)'s descriptor (hex, from /proc/PID/syscall) is the terminal:
        a loaded machine catches the child reading a module's file (a lazy import after
        the prompt), and a Ctrl-C sent then is lost before the terminal read starts."""
        try:
            target = os.readlink(f"/proc/{self.proc.pid}/fd/{int(fd, 16)}")
        except (OSError, ValueError):
            return False
        return target.startswith("/dev/pts/") or target == "/dev/tty"

    def finish(self) -> int:
        """Read to the end; the exit status (negative: killed by that signal)."""
        deadline = time.monotonic() + LIMIT
        while self._read(0.2) and time.monotonic() < deadline:
            pass
        try:
            status = self.proc.wait(timeout=max(1.0, deadline - time.monotonic()))
            # How the program left the terminal: echo must be on again for the shell.
            self.echo_after = bool(termios.tcgetattr(self.master)[3] & termios.ECHO)
            return status
        finally:
            self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.master >= 0:
            os.close(self.master)
            self.master = -1

    def lines(self) -> list[str]:
        """The screen's non-empty lines."""
        return [line for line in self.screen.splitlines() if line.strip()]
