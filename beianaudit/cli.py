"""The command line: the click group and its global options; every command lives in commands/."""

from __future__ import annotations

import click

from beianaudit import __version__
from beianaudit.commands.common import Group, colour_option, epilog, lang_option
from beianaudit.i18n import _


@click.group(
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=_("beianaudit: offline audit of your ICP filing (备案) account hygiene."),
    epilog=epilog(
        "beianaudit check --format json",
        "beianaudit check --ask-password",
        "beianaudit checks BA403",
        'beianaudit url "https://beian.miit.gov.cn/"',
        "beianaudit id 33010619900307123X",
        "beianaudit remind",
    ),
)
@click.version_option(
    __version__, "-V", "--version", prog_name="beianaudit", message="%(prog)s %(version)s"
)
@lang_option
@colour_option
def cli() -> None:
    pass


# Every command lives in commands/, one line each.
from beianaudit.commands.check import check_command, checks_command  # noqa: E402
from beianaudit.commands.contacts import contacts_group  # noqa: E402
from beianaudit.commands.identifier import id_command  # noqa: E402
from beianaudit.commands.init import init_command  # noqa: E402
from beianaudit.commands.journal import journal_group  # noqa: E402
from beianaudit.commands.password import password_command  # noqa: E402
from beianaudit.commands.plan import plan_command  # noqa: E402
from beianaudit.commands.remind import remind_command  # noqa: E402
from beianaudit.commands.url import url_command  # noqa: E402

cli.add_command(check_command)
cli.add_command(checks_command)
cli.add_command(contacts_group)
cli.add_command(id_command)
cli.add_command(init_command)
cli.add_command(journal_group)
cli.add_command(password_command)
cli.add_command(plan_command)
cli.add_command(remind_command)
cli.add_command(url_command)
