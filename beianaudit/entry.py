"""The console script.

The language is chosen before the commands are imported, because click builds
their help texts at import time: ``beianaudit --lang zh_CN check --help`` is
then Chinese throughout, not only where the message is made after parsing.
"""

from __future__ import annotations

import sys


def _interrupted_at_start(signum: int, frame: object) -> None:
    """Ctrl-C while the commands are imported: one line and 130 at once.  Raising
    ``KeyboardInterrupt`` there would leave half-imported modules, and its handling
    would import click again (a second Ctrl-C: a traceback)."""
    import os

    i18n = sys.modules.get("beianaudit.i18n")
    try:
        said = i18n._("interrupted") if i18n is not None else "interrupted"  # type: ignore[attr-defined]
    except Exception:  # half imported: English
        said = "interrupted"
    lead = "\n" if sys.stderr.isatty() else ""
    os.write(2, f"{lead}beianaudit: {said}\n".encode("utf-8", "replace"))
    os._exit(130)


def main() -> None:
    import signal

    # As early as Python lets us: before this, Ctrl-C is Python's KeyboardInterrupt.
    previous = signal.signal(signal.SIGINT, _interrupted_at_start)
    try:
        from beianaudit.i18n import language_from_argv, set_language

        set_language(language_from_argv(sys.argv[1:]))
        from beianaudit.cli import cli

        # From here a Ctrl-C is a KeyboardInterrupt again, which the group and the
        # prompts turn into the same line and 130, after their cleanup.
        signal.signal(signal.SIGINT, previous)
        cli(prog_name="beianaudit")
    except KeyboardInterrupt:
        # Ctrl-C before a command runs (while importing) or after it: the group turns
        # one inside a command into the same line and status.
        from beianaudit.commands.common import Interrupted

        error = Interrupted()
        error.show()
        sys.exit(error.exit_code)
