"""The console script.

The language is chosen before the commands are imported, because click builds
their help texts at import time: ``beianaudit --lang zh_CN check --help`` is
then Chinese throughout, not only where the message is made after parsing.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from beianaudit.i18n import language_from_argv, set_language

        set_language(language_from_argv(sys.argv[1:]))
        from beianaudit.cli import cli

        cli(prog_name="beianaudit")
    except KeyboardInterrupt:
        # Ctrl-C before a command runs (while importing) or after it: the group turns
        # one inside a command into the same line and status.
        from beianaudit.commands.common import Interrupted

        error = Interrupted()
        error.show()
        sys.exit(error.exit_code)
