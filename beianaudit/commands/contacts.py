"""``beianaudit contacts``: show the bound phone and email, record a confirmation."""

from __future__ import annotations

import re
from datetime import date

import click

from beianaudit.commands.common import (
    Group,
    UserError,
    config_option,
    emit,
    format_option,
    lang_option,
    load_config,
    today,
)
from beianaudit.i18n import _

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@click.group(
    "contacts", cls=Group, help=_("The bound phone and email: show them, record a confirmation.")
)
@lang_option
def contacts_group() -> None:
    pass


def parse_day(value: str, day: date) -> date:
    """``--on`` as a date from the day the filing system began (``FILING_SYSTEM_START``)
    to ``day``; a one-line :class:`UserError` otherwise."""
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError
        parsed = date.fromisoformat(value)
    except ValueError:
        # the value is not echoed: a password typed in the wrong place would be shown
        raise UserError(_("--on: not a date of the form 2026-10-01")) from None
    if parsed > day:
        raise UserError(
            _("--on: {date} lies in the future (today is {today})").format(
                date=parsed.isoformat(), today=day.isoformat()
            )
        )
    from beianaudit.contacts.validation import FILING_SYSTEM_START

    if parsed < FILING_SYSTEM_START:
        raise UserError(
            _(
                "--on: {date} is before the ICP filing system began ({start}): "
                "no confirmation code could come from it then"
            ).format(date=parsed.isoformat(), start=FILING_SYSTEM_START.isoformat())
        )
    return parsed


@contacts_group.command(
    "verified", help=_("Record that you confirmed the phone or email receives codes (today).")
)
@click.argument("kind", type=click.Choice(["phone", "email"]), metavar="phone|email")
@click.option("--on", "on", metavar="DATE", help=_("The day you confirmed it (default: today)."))
@config_option
@lang_option
@click.pass_context
def verified_command(
    ctx: click.Context, kind: str, on: str | None, config_path: str | None
) -> None:
    from beianaudit.config_update import set_value
    from beianaudit.contacts.validation import Status, assess, verified_key

    day = today(ctx)
    when = parse_day(on, day) if on is not None else day
    config = load_config(config_path)
    # Not contacts.states(): a date in the future is what this command may be fixing.
    raw = getattr(config.contacts, kind)
    state = assess(kind, raw, None, day, config.policy.stale_after_days)
    if state.status is Status.MISSING:
        raise UserError(
            _("{path}: contacts.{kind} is not set; add it to [contacts] first").format(
                path=config.path, kind=kind
            )
        )
    if state.status is Status.INVALID:
        raise UserError(
            _("{path}: contacts.{kind} is not valid ({reason}); correct it first").format(
                path=config.path, kind=kind, reason=state.reason
            )
        )
    key = verified_key(kind)
    set_value(config.path, key, when)
    click.echo(
        _("recorded {key} = {date} in {path}").format(
            key=".".join(key), date=when.isoformat(), path=config.path
        )
    )


@contacts_group.command("show", help=_("Show the phone and email (masked) and their age."))
@config_option
@format_option("text", "json")
@lang_option
@click.pass_context
def show_command(ctx: click.Context, config_path: str | None, fmt: str) -> None:
    from beianaudit.contacts.table import rows, table
    from beianaudit.contacts.validation import states
    from beianaudit.report import Report

    config = load_config(config_path)
    day = today(ctx)
    found = states(config, day)
    if fmt == "json":
        emit(Report((), extra={"today": day.isoformat(), "contacts": rows(found)}), fmt)
    else:
        click.echo(table(found, day, config.policy.stale_after_days))
