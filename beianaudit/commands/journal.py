"""``beianaudit journal``: keep every receipt of the recovery (couriers, tickets, calls)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import click

from beianaudit.commands.common import (
    Group,
    UserError,
    emit,
    format_option,
    lang_option,
    prefixed,
)
from beianaudit.i18n import N_, _

if TYPE_CHECKING:
    from pathlib import Path

    from beianaudit.recovery.journal import Entry, Skipped

KIND_CHOICES = ("courier", "ticket", "call", "submission")  # beianaudit.recovery.journal.KINDS


def _now(ctx: click.Context) -> datetime:
    """The user's local time; tests inject another through ``obj={"now": …}``."""
    injected = ctx.obj.get("now") if isinstance(ctx.obj, dict) else None
    return injected or datetime.now().astimezone()


def _path() -> Path:
    from beianaudit.recovery.journal import default_path

    return default_path()


@click.group(
    "journal", cls=Group, help=_("Keep every receipt of your case: couriers, tickets, calls.")
)
@lang_option
def journal_group() -> None:
    pass


@journal_group.command("add", help=_("Add an entry to the journal (it is never rewritten)."))
@click.argument("text")
@click.option(
    "--kind",
    type=click.Choice(KIND_CHOICES),
    help=_("What the entry is about."),
)
@click.option("--ref", metavar="REF", help=_("A reference: tracking number, ticket number…"))
@lang_option
@click.pass_context
def add_command(ctx: click.Context, text: str, kind: str | None, ref: str | None) -> None:
    from beianaudit.recovery import journal

    text = text.strip()
    if not text:
        raise UserError(_("the entry's text is empty"))
    for value in (text, ref or ""):
        if not _is_text(value):
            raise UserError(_("the entry's text or reference is not valid text (UTF-8)"))
        if len(value) > journal.MAX_TEXT:
            raise UserError(
                _("an entry's text or reference is limited to {n} characters").format(
                    n=journal.MAX_TEXT
                )
            )
    path = _path()
    try:
        journal.append(journal.Entry(at=_now(ctx), text=text, kind=kind, ref=ref or None), path)
    except journal.JournalError as exc:
        raise UserError(str(exc)) from None
    click.echo(_("added to {path}").format(path=path))


@journal_group.command("list", help=_("Show the journal, oldest entry first."))
@format_option("text", "json")
@lang_option
def list_command(fmt: str) -> None:
    from beianaudit.recovery import journal
    from beianaudit.report import Report

    path = _path()
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    try:
        for item in journal.read(path):
            if isinstance(item, journal.Skipped):
                click.echo(_skipped_warning(item), err=True)
                skipped.append(item)
            else:
                entries.append(item)
    except journal.JournalError as exc:
        raise UserError(str(exc)) from None
    if fmt == "json":
        extra = {
            "journal": str(path),
            "entries": [e.as_json() for e in entries],
            "skipped": [{"line": s.line, "incomplete": s.incomplete} for s in skipped],
        }
        emit(Report((), extra=extra), fmt)
    elif not entries:
        click.echo(_('The journal is empty; add to it with: beianaudit journal add "…"'))
    else:
        click.echo("\n".join(_line(e) for e in entries))


def _skipped_warning(item: Skipped) -> str:
    if item.incomplete:
        message = _("line {n} of the journal was cut short (an interrupted write); skipped")
    else:
        message = _("line {n} of the journal is damaged (not a complete entry); skipped")
    return prefixed(_("warning: {message}").format(message=message.format(n=item.line)))


KIND_LABELS = {
    "courier": N_("courier"),
    "ticket": N_("ticket"),
    "call": N_("call"),
    "submission": N_("submission"),
}


def _is_text(value: str) -> bool:
    """False for what the shell passed as undecodable bytes (kept as lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _one_line(value: str) -> str:
    """An entry's text as one printable line: no newline, no terminal escape sequence,
    the personal identifiers written in it masked (JSON keeps the entry as written)."""
    from beianaudit.mask import mask_text

    return mask_text(" ".join("".join(c if c.isprintable() else " " for c in value).split()))


def _line(entry: Entry) -> str:
    parts = [entry.at.strftime("%Y-%m-%d %H:%M")]
    if entry.kind:
        parts.append(f"[{_(KIND_LABELS[entry.kind])}]")
    if entry.ref:
        parts.append(_one_line(entry.ref))
    parts.append(_one_line(entry.text))
    return "  ".join(parts)
