"""``beianaudit check`` and ``beianaudit checks``: run the registered checks, list them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from beianaudit.commands.common import (
    UserError,
    config_option,
    emit,
    epilog,
    fail_on_option,
    format_option,
    lang_option,
    load_config,
    today,
)
from beianaudit.i18n import _

if TYPE_CHECKING:
    from beianaudit.registry import Registered


def _ids(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


@click.command(
    "check",
    help=_("Audit everything in the config."),
    epilog=epilog(
        "beianaudit check",
        "beianaudit check --config ~/beian.toml --format json",
        "beianaudit check --only BA4 --skip BA405",
        "beianaudit check --ask-password",
    ),
)
@config_option
@format_option("text", "json")
@click.option(
    "--only", metavar="ID,…", help=_("Run only these checks (ids or prefixes: BA1, BA3xx).")
)
@click.option(
    "--skip", metavar="ID,…", help=_("Do not run these checks (ids or prefixes: BA1, BA3xx).")
)
@click.option(
    "--password-stdin",
    is_flag=True,
    help=_("Also check a new password, read from the first line of stdin."),
)
@click.option(
    "--ask-password",
    is_flag=True,
    help=_("Also check a new password, typed at a hidden prompt."),
)
@fail_on_option
@lang_option
@click.pass_context
def check_command(
    ctx: click.Context,
    config_path: str | None,
    fmt: str,
    only: str | None,
    skip: str | None,
    password_stdin: bool,
    ask_password: bool,
    fail_on: str,
) -> None:
    from beianaudit import registry
    from beianaudit.config import printable
    from beianaudit.context import Context
    from beianaudit.finding import Severity
    from beianaudit.report import Report

    if password_stdin and ask_password:
        raise UserError(_("give --password-stdin or --ask-password, not both"))
    if only is not None and not _ids(only):  # `--only ,` is no selection, not "all"
        raise UserError(_("--only: no check id given (see: beianaudit checks)"))
    config = load_config(config_path)
    checks, problems = registry.discover()
    try:
        selected = registry.select(checks, _ids(only), _ids(skip))
    except ValueError as exc:
        raise UserError(
            _("unknown check id: {ids} (see: beianaudit checks)").format(ids=exc)
        ) from None
    if not selected:
        raise UserError(
            _("no check selected: --only and --skip leave nothing to run (see: beianaudit checks)")
        )
    password = None
    if password_stdin or ask_password:
        from beianaudit.commands.password import read_password

        password = read_password(from_stdin=password_stdin)
    context = Context(config=config, today=today(ctx), password=password)
    skipped = registry.skipped(selected, context)
    if len(skipped) == len(selected):
        # Nothing would run: an empty report here would be a false all-clear.
        raise UserError(
            _("none of the selected checks can run ({ids}): {reasons}").format(
                ids=_(", ").join(s.id for s in skipped),
                reasons=_("; ").join(dict.fromkeys(s.reason for s in skipped)),
            )
        )
    findings = problems + registry.run(selected, context)
    report = Report(tuple(findings), extra={"config": str(config.path)}, skipped=tuple(skipped))
    emit(report, fmt, header=_("Config: {path}").format(path=printable(str(config.path))))
    ctx.exit(report.exit_code(Severity.parse(fail_on)))


def _row(r: Registered) -> dict[str, object]:
    from beianaudit import registry

    family = registry.family(r.check.id)
    return {
        "id": r.check.id,
        "name": _(r.check.name),
        "summary": _(r.check.summary),
        "origin": r.origin,
        "family": family,  # untranslated: a stable key in JSON
        "needs": list(r.check.needs),
    }


def _explain(r: Registered, row: dict[str, object]) -> str:
    """One check as ``ruff rule`` shows one rule: what it is, then its whole docstring."""
    from beianaudit import registry

    origin = _("built-in") if r.origin == registry.BUILTIN else r.origin
    # The summary in the chosen language, then the rest of the docstring as written.
    rest = r.check.doc.partition("\n")[2].strip()
    lines = [f"{row['id']}  {row['name']}", "", str(row["summary"])]
    if rest:
        lines += ["", rest]
    family = str(row["family"])
    lines += ["", _("family: {family}").format(family=_(family) if family else "-")]
    lines.append(_("origin: {origin}").format(origin=origin))
    if r.check.needs:
        needs = [_(registry.NEED_NAMES[n]) for n in r.check.needs]
        lines.append(_("runs only with: {needs}").format(needs=_("; ").join(needs)))
    return "\n".join(lines)


@click.command(
    "checks",
    help=_(
        "List every registered check and where it comes from, or explain one: "
        "beianaudit checks BA403."
    ),
    short_help=_("List the checks, or explain one."),
)
@click.argument("check_id", metavar="[ID]", required=False)
@format_option("text", "json")
@lang_option
@click.pass_context
def checks_command(ctx: click.Context, check_id: str | None, fmt: str) -> None:
    from beianaudit import registry
    from beianaudit.finding import Severity
    from beianaudit.report import Report

    checks, problems = registry.discover()
    if check_id is not None:
        chosen = [r for r in checks if r.check.id.upper() == check_id.strip().upper()]
        chosen = chosen or [r for r in checks if registry.matches(check_id, r.check.id)]
        if not chosen:
            raise UserError(
                _("unknown check id: {ids} (see: beianaudit checks)").format(ids=check_id)
            )
        checks = chosen
    rows = [_row(r) for r in checks]
    if len(checks) == 1 and check_id is not None:
        rows[0]["doc"] = checks[0].check.doc
        if fmt == "json":
            emit(Report(tuple(problems), extra={"check": rows[0]}), fmt)
        else:
            click.echo(_explain(checks[0], rows[0]))
        ctx.exit(0)
    report = Report(tuple(problems), extra={"checks": rows})
    if fmt == "json":
        emit(report, fmt)
    else:
        origin = {registry.BUILTIN: _("built-in")}
        header = "\n".join(
            f"{row['id']}  {row['name']}  [{origin.get(str(row['origin']), row['origin'])}]\n"
            f"       {row['summary']}"
            for row in rows
        )
        if problems:
            emit(report, fmt, header=header)
        else:
            click.echo(header)
    ctx.exit(report.exit_code(Severity.ERROR))
