"""``beianaudit remind``: for cron and systemd timers; silent unless a confirmation is due,
or no contact is bound at all.  ``--crontab`` and ``--systemd`` print the lines that
schedule it, naming this very program and config by absolute path."""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from beianaudit.commands.common import (
    UserError,
    config_option,
    emit,
    epilog,
    format_option,
    lang_option,
    load_config,
    today,
)
from beianaudit.i18n import _


class Days(click.IntRange):
    """A number of days; its name, which click puts in "'abc' is not a valid …", in the
    user's language (click's own is "integer range", in English whatever the language)."""

    @property  # type: ignore[override]
    def name(self) -> str:
        return _("number of days")


WITHIN = 31  # a monthly run also names what falls due before the next one
CRON_SCHEDULE = "0 9 1 * *"
UNIT = "beianaudit-remind"


@click.command(
    "remind",
    help=_(
        "For cron: print nothing and exit 0 when no contact is due for confirmation; "
        "otherwise list what is due (and what falls due within DAYS) and exit 1. "
        "When the config records neither a phone nor an email, say so and exit 1. "
        "--crontab and --systemd print the lines that schedule it."
    ),
    epilog=epilog(
        "beianaudit remind --within 31",
        "(crontab -l 2>/dev/null; beianaudit remind --crontab) | crontab -",
        "beianaudit remind --systemd timer > ~/.config/systemd/user/beianaudit-remind.timer",
        "beianaudit remind --format json",
        clean=_("nothing is due (and nothing is printed), or the schedule was printed"),
        found=_("a confirmation is due, no contact is bound, or one is written wrong"),
    ),
)
@config_option
@click.option(
    "--within",
    type=Days(0, 36500),
    default=0,
    show_default=True,
    metavar="DAYS",
    help=_("Also remind of confirmations falling due within this many days."),
)
@click.option(
    "--crontab",
    is_flag=True,
    help=_("Print a crontab entry that runs this program monthly on this config, and exit."),
)
@click.option(
    "--systemd",
    type=click.Choice(("units", "service", "timer")),
    is_flag=False,
    flag_value="units",
    default=None,
    help=_(
        "Print the systemd user units (service and timer) that run this program monthly on "
        "this config; --systemd service or --systemd timer prints one, to save as a file."
    ),
)
@format_option("text", "json")
@lang_option
@click.pass_context
def remind_command(
    ctx: click.Context,
    config_path: str | None,
    within: int,
    crontab: bool,
    systemd: str | None,
    fmt: str,
) -> None:
    from beianaudit.contacts.findings import format_finding, readiness_finding, reminders
    from beianaudit.contacts.validation import Status, readiness, states
    from beianaudit.report import Report

    if (crontab or systemd) and fmt == "json":
        # A crontab entry and systemd units are text for crontab and systemctl to read; a
        # JSON wrapper would only have to be unwrapped again, and quietly printing text
        # would ignore what was asked.
        raise UserError(
            _(
                "--format json: --crontab and --systemd print text to save as it is; "
                "leave out --format"
            )
        )
    config = load_config(config_path)
    if crontab or systemd:
        if crontab and systemd:
            raise UserError(_("--crontab and --systemd: give one of them"))
        explicit = ctx.get_parameter_source("within") is not click.core.ParameterSource.DEFAULT
        args = remind_args(Path(os.path.abspath(config.path)), within if explicit else WITHIN)
        words = program()
        if crontab:
            click.echo(crontab_text(" ".join(cron_quote(w) for w in words), args), nl=False)
        else:
            click.echo(
                units_text(" ".join(systemd_quote(w) for w in words), args, systemd), nl=False
            )
        ctx.exit(0)
    day = today(ctx)
    contacts = states(config, day)
    found = reminders(contacts, day, within, config.policy.stale_after_days, config.path)
    # A contact written wrong cannot be confirmed, so it is never "due": say what check
    # says of it (BA401/BA402, then BA404), or it would be silent until it is needed.
    invalid = [state for state in contacts if state.status is Status.INVALID]
    found += [finding for state in invalid if (finding := format_finding(state)) is not None]
    if readiness(*contacts) == "none" or invalid:
        # The worst state is no reason for silence: the cron user who has no contact
        # left to confirm is the one who most needs the mail.
        unusable = readiness_finding(*contacts)
        assert unusable is not None
        found.append(unusable)
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


# --- scheduling ----------------------------------------------------------------------------


def program() -> list[str]:
    """The running beianaudit as a scheduler must name it: an absolute path.

    The console script the shell ran (``sys.argv[0]``, made absolute but not resolved, so
    that ``~/.local/bin/beianaudit``, a pipx link, survives a reinstall); under
    ``python -m beianaudit`` the script beside that interpreter, else the interpreter
    itself with ``-m beianaudit``."""
    argv0 = sys.argv[0] if sys.argv else ""
    if Path(argv0).stem == "beianaudit":
        import shutil  # bz2 and lzma: only to schedule, not at every start

        found = argv0 if os.sep in argv0 else shutil.which(argv0)
        if found:
            return [os.path.abspath(found)]
    script = Path(sys.executable).with_name("beianaudit.exe" if os.name == "nt" else "beianaudit")
    if script.is_file():
        return [os.path.abspath(script)]
    return [os.path.abspath(sys.executable), "-m", "beianaudit"]


def remind_args(config: Path | None, within: int = WITHIN, lang: str | None = None) -> list[str]:
    """What the scheduled run is given: the language travels with it (cron sets no LANG),
    and the config by absolute path (cron's environment has no BEIANAUDIT_CONFIG)."""
    from beianaudit.i18n import current_language

    args = ["remind", "--within", str(within)]
    if config is not None:
        args += ["--config", str(config)]
    return [*args, "--lang", lang or current_language()]


def cron_quote(word: str) -> str:
    """A word for a crontab command: quoted for sh, and ``%`` escaped (cron reads an
    unescaped ``%`` as a newline)."""
    return shlex.quote(word).replace("%", "\\%")


_SYSTEMD_PLAIN = re.compile(r"[A-Za-z0-9_@+=:,./-]+")


def systemd_quote(word: str) -> str:
    """A word for ``ExecStart=``: quoted as systemd splits it, ``%`` and ``$`` doubled
    (specifiers and variables)."""
    if not _SYSTEMD_PLAIN.fullmatch(word):
        word = '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return word.replace("%", "%%").replace("$", "$$")


def crontab_text(program: str, args: Sequence[str]) -> str:
    """The crontab entry; ``program`` is already written for cron (quoted, or ``$HOME/…``)."""
    command = " ".join([program, *(cron_quote(a) for a in args)])
    return CRONTAB.format(schedule=CRON_SCHEDULE, command=command)


def service_text(program: str, args: Sequence[str]) -> str:
    """The service unit; ``program`` is already written for systemd (quoted, or ``%h/…``)."""
    command = " ".join([program, *(systemd_quote(a) for a in args)])
    return SERVICE.format(unit=UNIT, command=command)


def units_text(program: str, args: Sequence[str], which: str = "units") -> str:
    if which == "service":
        return service_text(program, args)
    if which == "timer":
        return TIMER.format(unit=UNIT)
    folder = "~/.config/systemd/user"
    return (
        f"# ==> {folder}/{UNIT}.service <==\n{service_text(program, args)}\n"
        f"# ==> {folder}/{UNIT}.timer <==\n{TIMER.format(unit=UNIT)}"
    )


# What samples/ holds is these texts for an everyday install (tests/test_remind_schedule.py).
CRONTAB = """\
# beianaudit：每月提醒确认备案账号绑定的手机和邮箱 /
# beianaudit: a monthly reminder to confirm the phone and email bound to your ICP filing account.
#
# 安装：crontab -e 后粘贴以下各行，或运行 /
# Install: crontab -e and paste these lines, or run
#   (crontab -l 2>/dev/null; beianaudit remind --crontab) | crontab -
#
# cron 会把任务的任何输出发到 MAILTO（未设置时发到本机用户的邮箱）；没有到期项时
# beianaudit remind 不输出任何内容，因此只有需要确认时才会收到邮件（本机需能发信，
# 例如装有 postfix 或 msmtp-mta）。/
# cron mails whatever a job prints to MAILTO (unset: your local mailbox); `beianaudit remind`
# prints nothing when nothing is due, so mail comes only when a confirmation is due (the
# machine must be able to send mail, e.g. with postfix or msmtp-mta installed).
# 发到别的地址：去掉下一行开头的 # 并填写 / to mail another address, uncomment the next line:
# MAILTO=you@example.com
# 分 时 日 月 周：每月 1 日 09:00；--within 31 同时提醒下个月内将到期的项目 /
# min hour day month weekday: 09:00 on the 1st of each month; --within 31 also names what
# falls due before the next run.
{schedule} {command}
"""

SERVICE = """\
# beianaudit：检查备案账号绑定的手机和邮箱是否需要重新确认（systemd 用户单元）/
# beianaudit: are the phone and email bound to your ICP filing account due for confirmation?
# (a systemd user unit, started monthly by {unit}.timer)
#
# 安装 / Install:
#   mkdir -p ~/.config/systemd/user
#   beianaudit remind --systemd service > ~/.config/systemd/user/{unit}.service
#   beianaudit remind --systemd timer > ~/.config/systemd/user/{unit}.timer
#   systemctl --user daemon-reload
#   systemctl --user enable --now {unit}.timer
#   loginctl enable-linger "$USER"    # 未登录时也运行 / run even while you are logged out
#
# 有到期项、或手机和邮箱都未绑定时，beianaudit remind 以退出码 1 结束，本单元显示为 failed：
#   systemctl --user --failed；journalctl --user -u {unit} 查看提醒内容。
# When something is due, or neither a phone nor an email is bound, `beianaudit remind` exits 1
# and this unit shows as failed: systemctl --user --failed lists it;
# journalctl --user -u {unit} shows the reminder.
# 想收到通知，可添加 OnFailure= 指向您自己的通知单元 /
# For a notification, add OnFailure= naming a unit of your own that sends one.

[Unit]
Description=beianaudit: remind me to confirm the phone and email of my ICP filing account

[Service]
Type=oneshot
ExecStart={command}
"""

TIMER = """\
# 每月运行一次 {unit}.service；Persistent=true：关机错过的那次会在下次开机后补上。/
# Runs {unit}.service monthly; Persistent=true: a run missed while the machine was
# off happens at the next boot. Install it with the service (see {unit}.service).

[Unit]
Description=Monthly beianaudit contact reminder

[Timer]
OnCalendar=monthly
Persistent=true
RandomizedDelaySec=1h

[Install]
WantedBy=timers.target
"""
