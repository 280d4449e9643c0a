"""A password held in memory: its repr and str never show it.

Tracebacks, ``repr(context)``, logging and f-strings all go through ``repr``/``str``,
so wrapping the value here keeps it out of every accidental output.  Only
:meth:`reveal` gives it back, and only code that needs the characters calls it.
"""

from __future__ import annotations


class Secret:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __len__(self) -> int:
        return len(self._value)

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __reduce__(self) -> object:
        raise TypeError("a Secret is not pickled")


PR_SET_DUMPABLE = 4  # <linux/prctl.h>
PR_GET_DUMPABLE = 3


def protect_process() -> None:
    """Keep a password in this process out of core files and out of other processes' reach.

    Called by every command before it reads a password, typed or from the keyring: a
    Ctrl-\\ (SIGQUIT) at a prompt, or a crash, with ``ulimit -c unlimited`` would otherwise
    write the process's memory, password included, to a ``core`` file.  The core limit
    goes to zero (the soft one: the hard one stays, so that a caller running beianaudit
    in its own process, a test runner, can still start children as it likes), and on
    Linux the process is marked not dumpable, which also covers a core pattern that
    pipes to a handler and keeps a debugger of the same user from attaching.  Best
    effort: a platform without these calls is left as it is, and the command goes on.
    """
    import sys

    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
    except (ImportError, ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        except (OSError, AttributeError):
            pass


# Signals whose default action ends the process without Python's cleanup: at a prompt
# with echo off, the shell would be left with a terminal that shows nothing typed.
# (SIGINT is Python's KeyboardInterrupt, and getpass's own ``finally`` restores it.)
FATAL_AT_PROMPT = ("SIGQUIT", "SIGTERM", "SIGHUP")


class echo_restored:
    """While a hidden prompt is open on ``fd`` (a terminal), SIGQUIT, SIGTERM and SIGHUP
    first put back the terminal's settings as they were on entry (echo on), then end
    the process as their default action does (``SIG_DFL`` and the signal sent again:
    the exit status still names the signal; core files stay off, see
    :func:`protect_process`).  The previous handlers come back on exit.  Outside the
    main thread, or without ``termios``, it does nothing."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.saved: list[object] | None = None
        self.previous: dict[int, object] = {}

    def __enter__(self) -> echo_restored:
        import signal
        import threading

        if threading.current_thread() is not threading.main_thread():
            return self
        try:
            import termios

            self.saved = termios.tcgetattr(self.fd)
        except (ImportError, OSError, ValueError):
            return self
        except termios.error:  # not a terminal
            return self
        for name in FATAL_AT_PROMPT:
            number = getattr(signal, name, None)
            if number is not None:
                self.previous[number] = signal.signal(number, self._restore_and_die)
        return self

    def _restore_and_die(self, number: int, frame: object) -> None:
        import contextlib
        import os
        import signal
        import termios

        with contextlib.suppress(Exception):  # the terminal may be gone (SIGHUP)
            termios.tcsetattr(self.fd, termios.TCSANOW, self.saved)
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)

    def __exit__(self, *exc: object) -> None:
        import signal

        for number, handler in self.previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]
        self.previous = {}
