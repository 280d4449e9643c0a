"""``beianaudit init``: write a first config, asking on a terminal or taking options.

Each answer is judged as it is typed by the code the checks run on the config
(``identifiers.judgement`` for BA201/BA202, ``contacts.validation`` for BA401/BA402,
``urls.classify`` for BA301), so that what ``init`` accepts ``check`` accepts too;
a correction the judgement finds (an O typed for a 0) is offered, not applied
silently.  The file is written with mode 600 from its creation (a temporary file
opened with 0600 and ``O_EXCL``, then linked into place, so an existing config is
never replaced without ``--force``, and an interrupted run leaves nothing).
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from beianaudit.commands.common import (
    ANSWERS,
    UserError,
    config_option,
    lang_option,
    prefixed,
    today,
)
from beianaudit.i18n import _, os_reason

T = TypeVar("T")
MAX_TEXT = 200  # a name or provider longer than this is a paste gone wrong

# The comments above each key: the same bilingual text as samples/personal.toml
# (tests/test_init.py holds the two together).
HEADER = (
    "beianaudit 配置：由 beianaudit init 于 {date} 写入 / "
    "beianaudit config, written by `beianaudit init` on {date}.",
    "切勿在此写入密码：密码只存于系统钥匙串 / "
    "Never put a password here: it belongs in the OS keyring.",
)
COMMENTS: dict[str, tuple[str, ...]] = {
    "subject.type": (
        '主体类型（必填）："personal" 个人 或 "enterprise" 单位 / '
        'required: "personal" or "enterprise"',
    ),
    "subject.name": ("备案主体名称 / the filing subject's name",),
    "subject.id": ("居民身份证号码 / resident ID number",),
    "filing.numbers": ("备案号 / ICP filing numbers",),
    "filing.domains": ("已备案的网站域名 / the filed domains",),
    "filing.provider": ("接入商 / access provider",),
    "filing.login_url": ("收藏的登录地址 / the bookmarked login URL",),
    "contacts.phone": ("绑定手机号 / the bound mobile phone",),
    "contacts.phone_verified": (
        "最近一次确认该手机能收到短信的日期（TOML 日期，不加引号）/",
        "when you last confirmed the phone receives SMS (a TOML date, no quotes);",
        "确认后运行 beianaudit contacts verified phone 即可更新 / "
        "`beianaudit contacts verified phone` updates it",
    ),
    "contacts.email": ("绑定邮箱 / the bound email",),
    "contacts.email_verified": (
        "最近一次确认能收到该邮箱邮件的日期 / when you last confirmed the mailbox receives mail",
    ),
    "policy": (
        "最短 8 位、4 类字符、禁用 123456 和 admin 来自找回文章的建议，并非备案系统的规定；",
        "min_score、min_change_percent、stale_after_days 是 beianaudit 自己的默认值 /",
        "length 8, all 4 classes and banning 123456 and admin follow the recovery article's "
        "advice, not a rule of the filing system;",
        "min_score, min_change_percent and stale_after_days are beianaudit's own defaults",
    ),
    "policy.min_length": ("最短长度 / minimum length",),
    "policy.min_classes": (
        "至少包含几类字符（大写、小写、数字、特殊字符）/ "
        "character classes required, of upper, lower, digit, special",
    ),
    "policy.min_score": (
        "zxcvbn 强度评分下限（0–4，beianaudit 的默认值）/ "
        "lowest acceptable zxcvbn score (0..4; beianaudit's default)",
    ),
    "policy.banned": (
        "禁止使用的简单密码（不区分大小写，出现在任何位置都不行）/",
        "banned simple passwords (case-insensitive, anywhere in the password)",
    ),
    "policy.min_change_percent": (
        "新密码与旧密码至少要有多大比例的字符不同（百分比）/",
        "a new password must differ from the old one in more than this share of its "
        "characters (percent)",
    ),
    "policy.stale_after_days": (
        "手机或邮箱超过多少天未确认即提醒 / "
        "remind when a contact was not confirmed for this many days",
    ),
}
ENTERPRISE_COMMENTS = {
    "subject.name": ("单位名称（与营业执照一致）/ the company name, as on the business licence",),
    "subject.id": ("统一社会信用代码 / unified social credit code",),
}


@dataclass
class Answers:
    """What goes into the config; ``None`` and empty lists are left out of the file."""

    type: str | None = None
    name: str | None = None
    id: str | None = None
    numbers: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    provider: str | None = None
    login_url: str | None = None
    phone: str | None = None
    phone_verified: date | None = None
    email: str | None = None
    email_verified: date | None = None


SECTION_OF = {
    "type": "subject",
    "name": "subject",
    "id": "subject",
    "numbers": "filing",
    "domains": "filing",
    "provider": "filing",
    "login_url": "filing",
    "phone": "contacts",
    "phone_verified": "contacts",
    "email": "contacts",
    "email_verified": "contacts",
}


# --- judging one answer ------------------------------------------------------------------


class Rejected(ValueError):
    """An answer that cannot go into the config as typed.

    ``lines`` explain it on a terminal, ``str()`` is the one line for an option,
    ``suggestion`` is the value to offer instead (``shown`` as it may be displayed).
    """

    def __init__(
        self, line: str, lines: Sequence[str] = (), suggestion: str | None = None, shown: str = ""
    ) -> None:
        super().__init__(line)
        self.lines = tuple(lines) or (line,)
        self.suggestion = suggestion
        self.shown = shown or (suggestion or "")


def judge_type(raw: str) -> str:
    answer = {"p": "personal", "个人": "personal", "e": "enterprise", "单位": "enterprise",
              "企业": "enterprise"}.get(raw.strip().lower(), raw.strip().lower())  # fmt: skip
    if answer not in ("personal", "enterprise"):
        raise Rejected(_("answer personal (个人) or enterprise (单位)"))
    return answer


def judge_text(raw: str) -> str:
    """A name or a provider: any printable text of a sensible length."""
    text = raw.strip()
    if not text.isprintable():
        raise Rejected(_("holds control or invisible characters; type it again"))
    if len(text) > MAX_TEXT:
        raise Rejected(_("longer than {count} characters").format(count=MAX_TEXT))
    return text


def _identifier(result: Any) -> str:
    """The value a judged identifier is kept as, or :class:`Rejected` explaining it."""
    from beianaudit.identifiers import VALID
    from beianaudit.identifiers.explain import shown, summary, text_lines

    if result.verdict == VALID:
        return str(result.input)
    raise Rejected(
        summary(result),
        text_lines(result),
        suggestion=result.suggestion,
        shown=shown(result.suggestion, result) if result.suggestion else "",
    )


def judge_id(raw: str, subject_type: str, day: date) -> str:
    from beianaudit.identifiers.judgement import judge_subject_id

    return _identifier(judge_subject_id(raw, subject_type, day))


def judge_number(raw: str, day: date) -> str:
    from beianaudit.identifiers.judgement import judge_filing_number

    return _identifier(judge_filing_number(raw, day))


def judge_contact(kind: str, raw: str, day: date) -> str:
    """A phone (kept as its 11 digits) or an email (as email-validator normalises it)."""
    from beianaudit.contacts.findings import format_finding
    from beianaudit.contacts.validation import assess

    state = assess(kind, raw, None, day, 1)
    found = format_finding(state)
    if found is not None:
        raise Rejected(found.message, (found.message, found.hint))
    if state.value is None:  # blank: on a terminal it skips the question before this
        raise Rejected(_("empty"))
    return state.value


def judge_date(raw: str, day: date) -> date:
    try:
        answer = date.fromisoformat(raw.strip())
    except ValueError:
        raise Rejected(_("not a date: write it as YYYY-MM-DD, e.g. 2026-10-01")) from None
    if answer > day:
        raise Rejected(
            _("{date} lies in the future (today is {today}); a typo?").format(
                date=answer.isoformat(), today=day.isoformat()
            )
        )
    from beianaudit.contacts.validation import FILING_SYSTEM_START

    if answer < FILING_SYSTEM_START:
        raise Rejected(
            _("{date} is before the ICP filing system began ({start}); a typo?").format(
                date=answer.isoformat(), start=FILING_SYSTEM_START.isoformat()
            )
        )
    return answer


def judge_domain(raw: str) -> str:
    """A filed domain as a bare name: ``zhangwei.cn``, not a link to it."""
    from beianaudit.urls.classify import classify

    text = raw.strip().lower()
    result = classify(text)
    host = result.host_unicode or result.host
    if host and host.rstrip(".") == text.rstrip(".") and "." in host:
        return text.rstrip(".")
    message = _("not a domain name such as zhangwei.cn (no https://, no path)")
    if host and "." in host:
        raise Rejected(message, suggestion=host.rstrip("."))
    raise Rejected(message)


def judge_login_url(raw: str) -> str:
    """Only the real filing system belongs in the bookmark (BA301's judgement)."""
    from beianaudit.urls.classify import OFFICIAL, OFFICIAL_URL, classify

    result = classify(raw.strip())
    if result.verdict == OFFICIAL:
        return raw.strip()
    found = result.finding()
    raise Rejected(
        f"{found.message}; {found.hint}" if found.hint else found.message,
        (found.message, found.hint) if found.hint else (found.message,),
        suggestion=OFFICIAL_URL,
    )


# --- asking on a terminal ----------------------------------------------------------------


class Closed(Exception):
    """The terminal's input ended (Ctrl-D) before every question was answered."""


def read_line(prompt: str) -> str:
    """One line typed at the terminal; the prompt goes to stderr, so that
    ``init --print > file`` keeps the file clean."""
    click.echo(prompt, nl=False, err=True)
    try:
        return input()
    except EOFError:
        raise Closed from None


def _prompt(question: str, default: str | None) -> str:
    if default:
        return _("{question} [{default}]: ").format(question=question, default=default)
    return _("{question}: ").format(question=question)


def _yes(question: str) -> bool:
    while True:
        answer = read_line(_("{question} [Y/n]: ").format(question=question)).strip().lower()
        if not answer:
            return True
        if ANSWERS.get(answer) is not None:  # "?" (unsure) is no answer to a yes/no
            return bool(ANSWERS[answer])
        click.echo(_("answer y (是) or n (否)"), err=True)


def ask(
    question: str, judge: Callable[[str], T], default: str | None = None, required: bool = False
) -> T | None:
    """Ask until the answer passes ``judge``; an empty answer takes ``default``, or skips
    the question (``None``) unless ``required``."""
    while True:
        raw = read_line(_prompt(question, default))
        if not raw.strip():
            if default:
                raw = default
            elif required:
                click.echo(_("an answer is needed here"), err=True)
                continue
            else:
                return None
        try:
            return judge(raw)
        except Rejected as rejected:
            for line in rejected.lines:
                click.echo(f"  {line}", err=True)
            if rejected.suggestion is not None and _yes(
                _("Use {value}?").format(value=rejected.shown)
            ):
                return judge(rejected.suggestion)


def ask_many(question: str, judge: Callable[[str], str]) -> list[str]:
    found: list[str] = []
    while (answer := ask(question, judge)) is not None:
        found.append(answer)
    return found


def interview(answers: Answers, given: set[str], day: date) -> None:
    """Ask, in the order of the filing form, for what the options did not give."""
    if "type" not in given:
        answers.type = ask(
            _("Subject type: personal (个人) or enterprise (单位)"), judge_type, required=True
        )
    assert answers.type is not None
    personal = answers.type == "personal"
    if "name" not in given:
        answers.name = ask(
            _("Name, as on the ID card")
            if personal
            else _("Company name, as on the business licence"),
            judge_text,
        )
    if "id" not in given:
        subject_type = answers.type
        answers.id = ask(
            _("Resident ID number") if personal else _("Unified social credit code"),
            lambda raw: judge_id(raw, subject_type, day),
        )
    for kind in ("phone", "email"):
        if kind not in given:
            question = (
                _("Mobile phone bound to the filing account")
                if kind == "phone"
                else _("Email bound to the filing account")
            )
            setattr(answers, kind, ask(question, lambda raw, k=kind: judge_contact(k, raw, day)))
        key = f"{kind}_verified"
        if getattr(answers, kind) is not None and key not in given:
            question = (
                _("When did this phone last receive a code from the filing system (YYYY-MM-DD)")
                if kind == "phone"
                else _(
                    "When did this mailbox last receive mail from the filing system (YYYY-MM-DD)"
                )
            )
            # No default: Enter says nothing about the date, so none is recorded
            # (BA403 then says "never confirmed" rather than a made-up all-clear).
            setattr(answers, key, ask(question, lambda raw: judge_date(raw, day)))
    _say_readiness(answers, day)
    if "numbers" not in given:
        answers.numbers = ask_many(
            _("ICP filing number, one at a time (Enter when done)"),
            lambda raw: judge_number(raw, day),
        )
    if "domains" not in given:
        answers.domains = ask_many(_("Filed domain, one at a time (Enter when done)"), judge_domain)
    if "provider" not in given:
        answers.provider = ask(_("Access provider (接入商)"), judge_text)
    if "login_url" not in given:  # no default: only a URL the user gives is their bookmark
        answers.login_url = ask(_("Bookmarked login URL"), judge_login_url)


def _say_readiness(answers: Answers, day: date) -> None:
    """Without both contacts a forgotten password is slow to recover: say so at once
    (BA404's finding), and go on."""
    from beianaudit.contacts.findings import readiness_finding
    from beianaudit.contacts.validation import assess

    found = readiness_finding(
        assess("phone", answers.phone, None, day, 1), assess("email", answers.email, None, day, 1)
    )
    if found is not None:
        click.echo(f"  {found.message}", err=True)


# --- the file ----------------------------------------------------------------------------


def render(answers: Answers, day: date) -> str:
    """The config as TOML with the samples' bilingual comments (tomlkit does the quoting)."""
    import tomlkit

    from beianaudit.config import Policy

    comments = dict(COMMENTS)
    if answers.type == "enterprise":
        comments.update(ENTERPRISE_COMMENTS)
    document = tomlkit.document()
    for line in HEADER:
        document.add(tomlkit.comment(line.format(date=day.isoformat())))
    tables = {name: tomlkit.table() for name in ("subject", "filing", "contacts", "policy")}
    values: list[tuple[str, str, Any]] = [
        (SECTION_OF[f.name], f.name, getattr(answers, f.name)) for f in fields(Answers)
    ]
    values += [("policy", f.name, getattr(Policy(), f.name)) for f in fields(Policy)]
    for line in comments["policy"]:
        tables["policy"].add(tomlkit.comment(line))
    for section, key, value in values:
        if value is None or value == []:
            continue
        for line in comments[f"{section}.{key}"]:
            tables[section].add(tomlkit.comment(line))
        tables[section].add(key, list(value) if isinstance(value, tuple) else value)
    for name, table in tables.items():
        document.add(tomlkit.nl())
        document.add(name, table)
    return tomlkit.dumps(document)


def make_folders(folder: Path) -> None:
    """Create ``folder`` and any missing parent with mode 700: a config is personal."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)


def _link_new(source: str, target: str) -> None:
    """Put ``source`` at ``target`` only if nothing is there (a hard link fails on an
    existing name, atomically); where links are not supported, claim the name with
    ``O_EXCL`` (mode 600) and rename over the empty claim."""
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.replace(source, target)
    else:
        os.unlink(source)


def write(path: Path, text: str, force: bool) -> None:
    from beianaudit.config import not_regular
    from beianaudit.config_update import atomic_write

    if force and (reason := not_regular(path)) is not None:
        # --force replaces a config, never a pipe or a device (as root, /dev/null)
        raise UserError(_("{path}: {reason}; nothing was written").format(path=path, reason=reason))
    try:
        make_folders(path.parent)
        if force:  # through a symbolic link to the file it names, as `contacts verified` does
            atomic_write(Path(os.path.realpath(path)), text.encode("utf-8"), mode=0o600)
        else:
            atomic_write(path, text.encode("utf-8"), mode=0o600, replace=_link_new)
    except FileExistsError:
        raise UserError(_exists(path)) from None
    except OSError as exc:
        raise UserError(
            _("{path}: cannot write the config file ({reason}); nothing was written").format(
                path=path, reason=os_reason(exc)
            )
        ) from None


def _exists(path: Path) -> str:
    return _("{path} exists already; nothing was written (to replace it: --force)").format(
        path=path
    )


# --- the command -------------------------------------------------------------------------


def _from_options(options: dict[str, Any], day: date) -> tuple[Answers, set[str]]:
    """The answers the options give, each judged as a typed answer is; a bad one is a
    usage error naming the option."""
    answers, given = Answers(), set()
    judges: list[tuple[str, str, Callable[[str], Any]]] = [
        ("type", "--subject-type", judge_type),
        ("name", "--name", judge_text),
        ("id", "--id", lambda raw: judge_id(raw, answers.type or "", day)),
        ("phone", "--phone", lambda raw: judge_contact("phone", raw, day)),
        ("phone_verified", "--phone-verified", lambda raw: judge_date(raw, day)),
        ("email", "--email", lambda raw: judge_contact("email", raw, day)),
        ("email_verified", "--email-verified", lambda raw: judge_date(raw, day)),
        ("provider", "--provider", judge_text),
        ("login_url", "--login-url", judge_login_url),
    ]
    many = [
        ("numbers", "--filing-number", lambda raw: judge_number(raw, day)),
        ("domains", "--domain", judge_domain),
    ]
    for key, option, judge in judges + many:
        raw = options[key]
        if raw is None or raw == ():
            continue
        if key == "id" and answers.type is None:
            raise UserError(_("--id needs --subject-type: it says which kind of number to expect"))
        try:
            value = [judge(r) for r in raw] if isinstance(raw, tuple) else judge(raw)
        except Rejected as rejected:
            raise UserError(f"{option}: {rejected}") from None
        setattr(answers, key, value)
        given.add(key)
    for kind in ("phone", "email"):
        if f"{kind}_verified" in given and kind not in given:
            raise UserError(
                _("--{kind}-verified without --{kind}: there is nothing to date").format(kind=kind)
            )
    return answers, given


@click.command(
    "init",
    help=_(
        "Write your config: on a terminal, asks for each value and checks it as you type; "
        "in scripts, give the values as options (at least --subject-type). Never replaces "
        "an existing config without --force."
    ),
)
@config_option
@click.option(
    "--subject-type",
    "type",
    type=click.Choice(("personal", "enterprise")),
    help=_("The filing subject's kind."),
)
@click.option("--name", help=_("Subject name (备案主体名称)."))
@click.option(
    "--id",
    "id",
    metavar="ID",
    help=_("Resident ID number (personal) or unified social credit code (enterprise)."),
)
@click.option("--phone", help=_("The mobile phone bound to the filing account."))
@click.option(
    "--phone-verified",
    metavar="DATE",
    help=_("When the phone last received a code (YYYY-MM-DD; left out if not given)."),
)
@click.option("--email", help=_("The email bound to the filing account."))
@click.option(
    "--email-verified",
    metavar="DATE",
    help=_("When the mailbox last received mail (YYYY-MM-DD; left out if not given)."),
)
@click.option(
    "--filing-number",
    "numbers",
    multiple=True,
    metavar="NUMBER",
    help=_("An ICP filing number; repeat for more."),
)
@click.option(
    "--domain",
    "domains",
    multiple=True,
    metavar="DOMAIN",
    help=_("A filed domain; repeat for more."),
)
@click.option("--provider", help=_("The access provider (接入商)."))
@click.option("--login-url", metavar="URL", help=_("The bookmarked login URL."))
@click.option(
    "--no-input",
    is_flag=True,
    help=_("Ask nothing, even on a terminal: the options are all the answers."),
)
@click.option(
    "--print", "print_only", is_flag=True, help=_("Print the config instead of writing it.")
)
@click.option("--force", is_flag=True, help=_("Replace an existing config."))
@lang_option
@click.pass_context
def init_command(
    ctx: click.Context,
    config_path: str | None,
    no_input: bool,
    print_only: bool,
    force: bool,
    **options: Any,
) -> None:  # fmt: skip
    from beianaudit.config import default_path

    day = today(ctx)
    if config_path == "-":
        raise UserError(_("--config -: init writes a file; --print shows it on stdout"))
    path = Path(config_path) if config_path else default_path()
    if not print_only and not force and (path.exists() or path.is_symlink()):
        raise UserError(_exists(path))  # before any question: no answers typed in vain
    answers, given = _from_options(options, day)
    interactive = not no_input and sys.stdin.isatty()
    if not interactive and answers.type is None:
        raise UserError(
            _(
                "no terminal to ask on: give the answers as options, at least --subject-type "
                "(see beianaudit init --help)"
            )
        )
    written = False
    try:
        if interactive:
            click.echo(
                _(
                    "beianaudit init: a few questions for {path}. Enter skips a question; "
                    "Ctrl-C stops without writing anything."
                ).format(path="-" if print_only else path),
                err=True,
            )
            interview(answers, given, day)
        text = render(answers, day)
        if print_only:
            click.echo(text, nl=False)
            return
        write(path, text, force)
        written = True
        hint = "beianaudit check" + ("" if path == default_path() else f" --config {_quote(path)}")
        click.echo(_("wrote {path} (mode 600); next: {command}").format(path=path, command=hint))
    except Closed:
        raise UserError(_("no answer (the input ended): nothing was written")) from None
    except KeyboardInterrupt:
        click.echo("", err=True)
        if not written:
            click.echo(prefixed(_("interrupted: nothing was written")), err=True)
        ctx.exit(130)


def _quote(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
