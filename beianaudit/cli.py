"""The command line: the click group and its global options; every command lives in commands/."""

from __future__ import annotations

import click

from beianaudit import __version__
from beianaudit.commands.common import LazyGroup, colour_option, epilog, lang_option
from beianaudit.i18n import _

# Every command lives in commands/, one line each, imported when it is asked for.
COMMANDS = {
    "check": "beianaudit.commands.check:check_command",
    "checks": "beianaudit.commands.check:checks_command",
    "contacts": "beianaudit.commands.contacts:contacts_group",
    "id": "beianaudit.commands.identifier:id_command",
    "init": "beianaudit.commands.init:init_command",
    "journal": "beianaudit.commands.journal:journal_group",
    "password": "beianaudit.commands.password:password_command",
    "plan": "beianaudit.commands.plan:plan_command",
    "remind": "beianaudit.commands.remind:remind_command",
    "url": "beianaudit.commands.url:url_command",
}


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
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
