"""Drive a command through a real pseudo-terminal, as a person at a keyboard does.

The program runs as a session leader with the terminal as its controlling terminal,
so Ctrl-C (``\\x03``) reaches it as SIGINT from the terminal driver and Ctrl-D
(``\\x04``) ends its input, exactly as when typed.  The waits are hang guards far
above any normal time (the suite runs on a loaded 2-core machine), never a measure.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import subprocess
import sys
import termios
import time
from types import TracebackType

HANG = 60.0  # seconds: a prompt that has not come by then will not come


def _take_terminal() -> None:
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    def __init__(self, args: list[str], lang: str = "C.UTF-8", env: dict[str, str] | None = None):
        master, slave = pty.openpty()
        environ = {**os.environ, "LANG": lang, **(env or {})}
        environ.pop("BEIANAUDIT_CONFIG", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "beianaudit", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environ,
            preexec_fn=_take_terminal,  # a session of its own, the terminal its own
            close_fds=True,
        )
        os.close(slave)
        self.fd = master
        self.raw = b""
        self.seen = 0  # where the next expect starts looking

    @property
    def output(self) -> str:
        return self.raw.decode("utf-8", errors="replace").replace("\r\n", "\n")

    def _read(self, deadline: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the program has gone and closed its side
            chunk = b""
        self.raw += chunk
        return bool(chunk)

    def expect(self, text: str) -> None:
        deadline = time.monotonic() + HANG
        while True:
            found = self.output.find(text, self.seen)
            if found >= 0:
                self.seen = found + len(text)
                return
            if not self._read(deadline):
                raise AssertionError(f"never saw {text!r}; the terminal shows:\n{self.output}")

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode("utf-8"))

    def answer(self, prompt: str, text: str) -> None:
        self.expect(prompt)
        self.type(text + "\r")  # Enter, as the keyboard sends it

    def interrupt(self) -> None:
        self.type("\x03")

    def end_of_input(self) -> None:
        self.type("\x04")

    def wait(self) -> int:
        deadline = time.monotonic() + HANG
        while self._read(deadline):
            pass  # drain: a full terminal buffer would block the program
        return self.proc.wait(timeout=HANG)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.fd)
