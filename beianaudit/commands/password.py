"""``beianaudit password``: check a new filing password before resetting it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from beianaudit.commands.common import (
    SIDE_ACTION_FAILED,
    UserError,
    config_option,
    emit,
    epilog,
    fail_on_option,
    format_option,
    interrupted,
    lang_option,
    prefixed,
    prompt_suffix,
    today,
)
from beianaudit.i18n import _

if TYPE_CHECKING:
    from beianaudit.config import Config
    from beianaudit.finding import Finding
    from beianaudit.registry import Skipped
    from beianaudit.secret import Secret

FAMILY = "BA1"  # the password checks, built-in or plugged in
# Far beyond any real password (the rules judge all of it, strength the first 72);
# a longer line is a pasted file, refused before it is held in memory.
MAX_PASSWORD = 1024


def _stdin_line() -> str:
    """The first line of stdin, as text; a one-line error on junk, never the content.

    When stdin is a terminal (``--password-stdin`` typed by hand), the terminal's echo is
    off while the line is read, as at the hidden prompt: the password must not land on
    the screen and in the scrollback."""
    if not sys.stdin.isatty():
        return _read_stdin_line()
    try:
        import termios
    except ImportError:  # no way to hide what is typed (Windows): send them to the prompt
        raise UserError(
            _("stdin is a terminal: leave out --password-stdin to type the password hidden")
        ) from None
    fd = sys.stdin.fileno()
    try:
        before = termios.tcgetattr(fd)
    except termios.error:  # a tty that takes no settings: refuse rather than echo
        raise UserError(
            _("stdin is a terminal: leave out --password-stdin to type the password hidden")
        ) from None
    hidden = list(before)
    hidden[3] &= ~termios.ECHO  # lflags: no echo, line editing (ICANON) kept
    from beianaudit.secret import echo_restored

    # Echo off first, then the prompt (as getpass does): nothing typed after the prompt
    # appears is shown.  A kill or hang-up meanwhile still gives the echo back.
    with echo_restored(fd):
        termios.tcsetattr(fd, termios.TCSAFLUSH, hidden)
        try:
            click.echo(_("Password (one line, not shown): "), nl=False, err=True)
            return _read_stdin_line()
        finally:
            termios.tcsetattr(fd, termios.TCSAFLUSH, before)
            click.echo("", err=True)  # the Enter was not echoed either


def _read_stdin_line() -> str:
    too_long = UserError(
        _("stdin: the password line is longer than {n} characters").format(n=MAX_PASSWORD)
    )
    stream = getattr(sys.stdin, "buffer", None)
    limit = MAX_PASSWORD * 4 + 3  # UTF-8 takes at most 4 bytes a character, then \r\n
    raw = stream.readline(limit) if stream is not None else None
    if raw is None:
        line = sys.stdin.readline(MAX_PASSWORD + 3)
    elif len(raw) >= limit and not raw.endswith(b"\n"):
        raise too_long
    else:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UserError(
                _("stdin: the password line is not UTF-8 text (byte {byte})").format(
                    byte=exc.start + 1
                )
            ) from None
    line = line.removesuffix("\n").removesuffix("\r")
    if len(line) > MAX_PASSWORD:
        raise too_long
    return line


def _real_stdin() -> bool:
    """stdin is a file of the OS (not a stand-in such as click's test runner's, which
    answers prompts itself)."""
    try:
        sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both
        return False
    return True


def _prompt() -> str:
    """The hidden prompt, typed twice.  Closed (Ctrl-C, Ctrl-D, no input at all) it is a
    usage error, exit 2, not click's "Aborted!" and exit 1, which reads as "weak"."""
    import getpass
    import os
    import warnings

    from beianaudit.secret import echo_restored

    # getpass asks on /dev/tty; without one (setsid, cron, a service) it would read the
    # password from stdin, shown or piped, with an English warning: refuse instead.
    tty = -1
    if os.name == "posix" and _real_stdin():
        try:
            tty = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
        except OSError:
            raise UserError(_("no terminal to ask on: use --password-stdin")) from None
    try:
        with warnings.catch_warnings(), echo_restored(tty):
            # Without a terminal getpass warns that it cannot hide the input: there is
            # none to hide, and the error below says what to do.
            warnings.simplefilter("ignore", getpass.GetPassWarning)
            value: str = click.prompt(
                _("New password"),
                hide_input=True,
                confirmation_prompt=_("Repeat it"),
                prompt_suffix=prompt_suffix(),
                show_default=False,
                err=True,
            )
    except click.Abort:  # Ctrl-D; a Ctrl-C stays in the chain and exits 130
        raise UserError(
            _("no password typed (the prompt was closed); to pipe one, use --password-stdin")
        ) from None
    finally:
        if tty >= 0:
            os.close(tty)
    return value


def read_password(from_stdin: bool) -> Secret:
    """One line from stdin, or a hidden prompt typed twice; never an argument."""
    from beianaudit.secret import Secret, protect_process

    protect_process()  # no core file, no debugger: before the password is in memory
    value = _stdin_line() if from_stdin else _prompt()
    if not value:
        raise UserError(_("no password given (an empty line)"))
    if len(value) > MAX_PASSWORD:
        raise UserError(_("the password is longer than {n} characters").format(n=MAX_PASSWORD))
    return Secret(value)


def optional_config(config_path: str | None) -> Config:
    """The config when there is one; without ``--config`` a missing file is fine, and
    an empty stand-in (its path ``Path()``) takes its place."""
    from beianaudit import config
    from beianaudit.commands.common import load_config

    if config_path or config.default_path().exists():
        return load_config(config_path)
    return config.Config(path=Path(), subject=config.Subject(type="personal"))


def password_findings(
    ctx: click.Context, cfg: Config, password: Secret
) -> tuple[list[Finding], list[Skipped]]:
    """Run every BA1xx check from the registry against ``password``; also those that
    could not run (the personal-data check without a config)."""
    from beianaudit import registry
    from beianaudit.context import Context

    checks, problems = registry.discover()
    family = [r for r in checks if r.check.id.startswith(FAMILY)]
    context = Context(
        config=cfg, today=today(ctx), password=password, config_read=cfg.path != Path()
    )
    return problems + registry.run(family, context), registry.skipped(family, context)


@click.command(
    "password",
    help=_("Check a new filing password before you reset it."),
    epilog=epilog(
        "beianaudit password",
        "beianaudit password --config ~/beian.toml --remember",
        "pass show beian | beianaudit password --password-stdin",
        side_action=_("--remember stored nothing, or --forget reached no keyring"),
    ),
)
@config_option
@click.option(
    "--password-stdin",
    is_flag=True,
    help=_("Read the password from the first line of stdin instead of a hidden prompt."),
)
@click.option(
    "--remember",
    is_flag=True,
    help=_("After a successful reset: keep this password in the OS keyring for the next check."),
)
@click.option("--forget", is_flag=True, help=_("Remove the remembered password from the keyring."))
@format_option("text", "json")
@fail_on_option
@lang_option
@click.pass_context
def password_command(
    ctx: click.Context,
    config_path: str | None,
    password_stdin: bool,
    remember: bool,
    forget: bool,
    fmt: str,
    fail_on: str,
) -> None:
    from beianaudit.finding import Severity
    from beianaudit.password import store
    from beianaudit.report import Report

    cfg = optional_config(config_path)
    if forget:
        if remember:
            raise UserError(_("--forget and --remember exclude each other"))
        try:
            removed = store.forget(cfg)
        except store.StoreUnavailable as exc:
            click.echo(
                prefixed(
                    _("nothing removed: no secure keyring available ({backend})").format(
                        backend=store.explain(exc)
                    )
                ),
                err=True,
            )
            ctx.exit(SIDE_ACTION_FAILED)
        click.echo(_("Removed the remembered password.") if removed else _("Nothing remembered."))
        return
    secret = read_password(password_stdin)
    findings, skipped = password_findings(ctx, cfg, secret)
    extra: dict[str, object] = {}
    strength = next((f.data for f in findings if f.check == "BA105"), None)
    if strength:  # the verdict in one top-level field, for scripts
        extra["score"], extra["min_score"] = strength["score"], strength["min_score"]
    report = Report(tuple(findings), extra=extra, skipped=tuple(skipped))
    emit(report, fmt)  # the verdict first: the user confirms the reset after seeing it
    if remember and not _remember(cfg, secret, findings, ask=not password_stdin):
        ctx.exit(SIDE_ACTION_FAILED)  # the report is out; what was asked for did not happen
    ctx.exit(report.exit_code(Severity.parse(fail_on)))


def _remember(cfg: Config, secret: Secret, findings: list[Finding], ask: bool) -> bool:
    """Store ``secret`` once the user confirms the reset worked (the flag confirms on stdin).

    What happened goes to stderr, so that stdout stays the report alone.
    """
    from beianaudit.password import store

    if any(f.check == "BA107" and f.data.get("backend") for f in findings):
        # BA107 has named the missing keyring; the user asked to remember, so answer that.
        click.echo(_("beianaudit: not remembered: no keyring to keep it in (see BA107)"), err=True)
        return False
    if ask:
        try:
            confirmed = click.confirm(
                _("Did the reset at beian.miit.gov.cn succeed with this password?"),
                prompt_suffix=prompt_suffix(),
                err=True,
            )
        except click.Abort as exc:  # Ctrl-D: no answer is no; Ctrl-C interrupts (130)
            if interrupted(exc):
                raise
            confirmed = False
        if not confirmed:
            click.echo(_("beianaudit: not remembered (the reset was not confirmed)"), err=True)
            return False
    try:
        store.save(cfg, secret)
    except store.StoreUnavailable as exc:
        click.echo(
            _("beianaudit: not remembered: no secure keyring available ({backend})").format(
                backend=store.explain(exc)
            ),
            err=True,
        )
        return False
    click.echo(_("Remembered in the OS keyring for the next check."), err=True)
    return True
