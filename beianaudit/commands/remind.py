"""``beianaudit remind``: for cron and systemd timers; silent unless a confirmation is due."""

from __future__ import annotations

import click

from beianaudit.commands.common import (
    config_option,
    emit,
    format_option,
    lang_option,
    load_config,
    today,
)
from beianaudit.i18n import _


@click.command(
    "remind",
    help=_(
        "For cron: print nothing and exit 0 when no contact is due for confirmation; "
        "otherwise list what is due (and what falls due within DAYS) and exit 1."
    ),
)
@config_option
@click.option(
    "--within",
    type=click.IntRange(0, 36500),
    default=0,
    show_default=True,
    metavar="DAYS",
    help=_("Also remind of confirmations falling due within this many days."),
)
@format_option("text", "json")
@lang_option
@click.pass_context
def remind_command(ctx: click.Context, config_path: str | None, within: int, fmt: str) -> None:
    from beianaudit.contacts.findings import reminders
    from beianaudit.contacts.validation import states
    from beianaudit.report import Report

    config = load_config(config_path)
    day = today(ctx)
    found = reminders(states(config, day), day, within, config.policy.stale_after_days, config.path)
    report = Report(
        tuple(found),
        extra={"config": str(config.path), "today": day.isoformat(), "within": within},
    )
    if fmt == "json":
        emit(report, fmt)  # other schedulers parse it: always one object
    elif found:
        header = _("beianaudit: contacts to confirm for your ICP filing account ({path})").format(
            path=config.path
        )
        emit(report, fmt, header=header)
    ctx.exit(1 if found else 0)
