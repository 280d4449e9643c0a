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
