"""What every command shares: options, error handling, the clock and output.

Kept apart from ``cli.py`` so that command modules can use it without importing
the group that imports them.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from beianaudit import CONFIG_ENV
from beianaudit.i18n import LANGUAGES, _, normalise, os_reason, set_language

if TYPE_CHECKING:
    from beianaudit.config import Config
    from beianaudit.finding import Severity
    from beianaudit.report import Report

SEVERITIES = ("error", "warning", "info")
PATH_KEY = "beianaudit.command_path"  # of the command being run, once resolved
ARGV_KEY = "beianaudit.argv"  # the words of the command line, for _without_secrets
COLOUR_KEY = "beianaudit.color"  # --color, wherever on the command line it was given
MAX_LINE = 10 << 20  # of a batch line kept in memory; longer ones are judged by this much
CHUNK = 1 << 16  # read at a time by batch commands
# ``--format json`` is one object, held until the end: a batch longer than this is
# refused (exit 2) with a pointer to ``jsonl``, which streams (issue 18: 100,000
# links held about 1 GB).
MAX_JSON_BATCH = 10_000

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def prefixed(message: str) -> str:
    """A line of ours on stderr: ``beianaudit: …``, with a full-width colon in Chinese."""
    return _("beianaudit: {message}").format(message=message)


class UserError(click.ClickException):
    """Bad input or usage: one line on stderr, exit 2, no traceback."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        from beianaudit.config import printable

        # Escaped: a path or key with a newline or a terminal escape stays one inert line.
        click.echo(prefixed(printable(self.format_message())), err=True)


# A side action the user asked for did not happen (``password --remember`` stored
# nothing, ``--forget`` reached no keyring, ``url --resolve`` could not follow a link):
# the report may be fine, but ``… --remember && echo saved`` must not say saved.
SIDE_ACTION_FAILED = 3
INTERRUPTED = 130  # 128 + SIGINT, the shell's convention


class Interrupted(click.ClickException):
    """Ctrl-C, wherever it came: one line, exit 130 (not click's "Aborted!" and 1)."""

    exit_code = INTERRUPTED

    def __init__(self) -> None:
        super().__init__("interrupted")

    def show(self, file: Any = None) -> None:
        # The terminal has echoed ^C where the cursor was: start a line of our own.
        lead = "\n" if sys.stderr.isatty() else ""
        click.echo(lead + prefixed(_("interrupted")), err=True)


def interrupted(exc: BaseException) -> bool:
    """``exc`` is, or was raised while handling, a Ctrl-C.  click's prompts turn one into
    ``Abort``, and a command may turn that into a :class:`UserError` ("no answer"): the
    ``KeyboardInterrupt`` stays in the chain of contexts."""
    seen: BaseException | None = exc
    for _depth in range(16):
        if seen is None:
            return False
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__context__
    return False


class HelpFormatter(click.HelpFormatter):
    """click's, with each heading ended as a prompt is: "选项：" in Chinese, not "选项:"."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}{prompt_suffix().rstrip()}\n")


class Context(click.Context):
    formatter_class = HelpFormatter


class Group(click.Group):
    """A group that turns any unexpected exception into one line and exit 2, and Ctrl-C
    into one line and exit 130."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[ARGV_KEY] = list(args)
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:  # beianaudit --bogus
            raise _one_line(_without_secrets(exc, list(args)), ctx) from None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """As click's, but a word that is not shaped like a command name is not quoted
        back ("No such command 'Zq9#…'"): it may be a password typed in the wrong place."""
        word = args[0] if args else ""
        try:
            name, command, rest = super().resolve_command(ctx, args)
        except click.UsageError:
            if word and not word.startswith("-") and not _COMMAND_SHAPE.fullmatch(word):
                raise click.UsageError(_("no such command (not shown)"), ctx) from None
            raise
        if command is not None:  # for an error that names no command (see _one_line)
            ctx.meta[PATH_KEY] = f"{ctx.command_path} {name}"
        return name, command, rest

    context_class = Context

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        _add_colour_option(cmd)
        _use_our_help(cmd)
        super().add_command(cmd, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list with each summary whole (wrapped), not cut at click's
        45 columns into "Check identifiers as typed (resident ID, credit code, ICP or..."."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1 << 10)))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted() from None
        except click.UsageError as exc:
            raise _one_line(_without_secrets(exc, ctx.meta.get(ARGV_KEY, [])), ctx) from None
        except (click.ClickException, click.Abort) as exc:
            if interrupted(exc) and not isinstance(exc, Interrupted):
                raise Interrupted() from None
            raise
        except click.exceptions.Exit:
            raise
        except BrokenPipeError:
            raise  # `beianaudit … | head`: click's main exits quietly, as a pipeline expects
        except Exception as exc:
            from beianaudit.config import ConfigError

            if isinstance(exc, ConfigError):
                raise UserError(str(exc)) from None
            if os.environ.get("BEIANAUDIT_DEBUG"):
                raise
            # The exception's type only: its message may hold what was being checked.
            raise UserError(
                _(
                    "internal error ({error}); run again with BEIANAUDIT_DEBUG=1 and report it"
                ).format(error=type(exc).__name__)
            ) from None


class LazyGroup(Group):
    """A :class:`Group` whose commands are named by where they live (``module:attr``)
    and imported when asked for: a run imports its own command's module, not every
    command's (about 20 ms of CPU at each start).  Whatever lists them all (``--help``,
    "did you mean", ``.commands``) imports them all, so every command is seen as if
    added at import."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        self._lazy = dict(lazy or {})
        self._adding = False
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]
    def commands(self) -> dict[str, click.Command]:
        if not self._adding:
            for name in list(self._lazy):
                self._load(name)
        return self._commands

    @commands.setter
    def commands(self, value: dict[str, click.Command]) -> None:
        self._commands = value

    def _load(self, name: str) -> None:
        import importlib

        target = self._lazy.pop(name, None)
        if target is None:
            return
        module, _, attr = target.partition(":")
        command = getattr(importlib.import_module(module), attr)
        self._adding = True
        try:
            self.add_command(command, name)
        finally:
            self._adding = False

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._load(cmd_name)
        return self._commands.get(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self._commands, *self._lazy})


def _set_colour(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.meta[COLOUR_KEY] = value


def colour_option(f: F) -> F:
    """``--color auto|always|never``; :class:`Group` gives it to every command."""
    from beianaudit.report import COLOUR_MODES

    return click.option(
        "--color",
        type=click.Choice(COLOUR_MODES),
        callback=_set_colour,
        expose_value=False,
        help=_("Colour the text output: auto (on a terminal), always or never."),
    )(f)


def _add_colour_option(cmd: click.Command) -> None:
    """``--color`` on ``cmd`` and, for a group, on each of its commands: accepted
    wherever ``--lang`` is, without every command module declaring it."""
    if not any(p.name == "color" for p in cmd.params):
        colour_option(cmd)  # click appends the option to a Command's params
    for sub in getattr(cmd, "commands", {}).values():
        _add_colour_option(sub)


def _use_our_help(cmd: click.Command) -> None:
    """:class:`Context` (and so :class:`HelpFormatter`) for ``cmd`` and its commands."""
    cmd.context_class = Context
    for sub in getattr(cmd, "commands", {}).values():
        _use_our_help(sub)


def colour_for(stream: Any) -> bool:
    """Whether to colour text written to ``stream`` (see ``report.use_colour``)."""
    from beianaudit.report import use_colour

    ctx = click.get_current_context(silent=True)
    return use_colour(stream, ctx.meta.get(COLOUR_KEY, "auto") if ctx else "auto")


def takes_password(command: click.Command | None) -> bool:
    """The command reads a password (``--password-stdin`` or a prompt)."""
    return command is not None and any(p.name == "password_stdin" for p in command.params)


def _without_secrets(exc: click.UsageError, argv: list[str]) -> click.UsageError:
    """Click quotes stray words in its usage errors (``unexpected extra argument
    (Hunter2!)``); on a command that reads a password such a word may be the
    password, so the error names none of them and says where a password goes."""
    if isinstance(exc, click.BadParameter) or not takes_password(
        exc.ctx.command if exc.ctx else None
    ):
        return exc  # a known option's wrong value (--format xml) is shown as click words it
    if isinstance(exc, click.NoSuchOption):
        if _option_typo(exc.option_name):
            return exc  # "no such option: --formt  Did you mean --format?"
    elif not any(v and v in exc.format_message() for v in _values(argv)):
        return exc
    return UserError(
        _(
            "unexpected words on the command line (not shown): a password is never taken "
            "as an argument, where shell history and the process list keep it; "
            "use --password-stdin or the hidden prompt (see --help)"
        )
    )


# The shape of a command name: lower-case words joined by hyphens.
_COMMAND_SHAPE = re.compile(r"[a-z]+(-[a-z]+)*")


def _one_line(exc: click.UsageError, ctx: click.Context) -> click.ClickException:
    """A usage error as every other error: ``beianaudit: <what> (see: <command> --help)``,
    one line and exit 2, not click's "Usage: … Try … Error: …" block.  A stray word
    that is neither command- nor option-shaped is not quoted back ("Got unexpected extra
    argument (Zq9#…)"): it may be a password."""
    if isinstance(exc, UserError):
        return exc  # already one line of ours (_without_secrets)
    message = exc.format_message()
    if not isinstance(exc, click.BadParameter | click.NoSuchOption):
        words = _values(ctx.meta.get(ARGV_KEY, []))
        if any(
            w and w in message and not _COMMAND_SHAPE.fullmatch(w) and not w.startswith("-")
            for w in words
        ):
            message = _("unexpected words on the command line (not shown)")
    command = exc.ctx.command_path if exc.ctx else ctx.meta.get(PATH_KEY, ctx.command_path)
    return UserError(
        _("{message} (see: {command} --help)").format(message=message, command=command)
    )


def prompt_suffix() -> str:
    """What ends a prompt: ``": "`` in English, the full-width ``"："`` in Chinese
    (click's ``prompt_suffix``, for ``click.prompt`` and ``click.confirm``)."""
    return _(": ")


# click.confirm takes only y/yes/n/no; a Chinese user answers 是 or 否 as readily, and may
# not know whether a contact still works.
ANSWERS: dict[str, bool | None] = {
    "y": True,
    "yes": True,
    "是": True,
    "n": False,
    "no": False,
    "否": False,
    "?": None,
    "？": None,
    "不确定": None,
    "不知道": None,
    "unsure": None,
}


def epilog(*examples: str, side_action: str = "", clean: str = "", found: str = "") -> str:
    """The end of a command's ``--help``: examples, then the exit codes (``\b`` keeps
    click from re-wrapping each paragraph); ``side_action`` says when it exits 3;
    ``clean`` and ``found`` say what 0 and 1 mean to a command without ``--fail-on``."""
    codes = (
        ("0", clean or _("nothing found at or above --fail-on")),
        ("1", found or _("findings at or above --fail-on")),
        ("2", _("usage or input error: a bad option, a broken or missing config")),
        *((("3", side_action),) if side_action else ()),
        ("130", _("interrupted (Ctrl-C)")),
    )
    return "\n\n".join(
        (
            "\b\n" + _("Examples:") + "".join(f"\n  {e}" for e in examples),
            "\b\n" + _("Exit codes:") + "".join(f"\n  {c:<4} {m}" for c, m in codes),
        )
    )


def _values(argv: list[str]) -> list[str]:
    return [w.partition("=")[2] if w.startswith("-") else w for w in argv]


# The shape of an option name: lower-case words joined by hyphens.  A password has
# capitals, digits and symbols (BA102 refuses one without them), so a word of this
# shape is a mistyped option; "--Hunter2!" is not, and is never quoted back.
_OPTION_SHAPE = re.compile(r"--?[a-z]+(-[a-z]+)*")
# An unknown option that reads as an attempt to give the password (-p, --password,
# --passwd, --pw…): the answer is where a password goes, not "did you mean".
_PASSWORD_OPTION = re.compile(r"-p|--?(pass|pw).*")


def _option_typo(name: str) -> bool:
    """Whether an unknown option is a typo best answered by click's own message."""
    return bool(_OPTION_SHAPE.fullmatch(name)) and not _PASSWORD_OPTION.fullmatch(name)


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    # Without --lang the language stays as beianaudit.entry chose it (from the
    # command line or the environment), so `beianaudit --lang en check` holds.
    if value:
        set_language(value)


class Language(click.ParamType):
    """``--lang``: ``zh_CN`` or ``en``, however the user spells it (``zh``, ``zh-CN``,
    ``en_US``…), as ``i18n.normalise`` reads it."""

    name = "language"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(LANGUAGES) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        lang = normalise(str(value))
        if lang is None:
            self.fail(
                _("'{value}' is not a language here: use zh_CN (or zh) or en").format(value=value),
                param,
                ctx,
            )
        return lang


def lang_option(f: F) -> F:
    return click.option(
        "--lang",
        type=Language(),
        callback=_set_lang,
        is_eager=True,
        expose_value=False,
        help=_(
            "Language of the output: zh_CN (also zh, zh-CN) or en "
            "(default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."
        ),
    )(f)


class _ConfigOption(click.Option):
    """``--config``, whose help names the real default path, found only when help is
    shown: platformdirs is not imported by a command that never needs it."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from beianaudit.config import default_path

        self.help = _("Config file (default: {env} if set, else {path}).").format(
            env=CONFIG_ENV, path=default_path()
        )
        return super().get_help_record(ctx)


def config_option(f: F) -> F:
    return click.option(
        "--config", "config_path", cls=_ConfigOption, metavar="PATH", envvar=CONFIG_ENV
    )(f)


def format_option(*choices: str) -> Callable[[F], F]:
    def decorate(f: F) -> F:
        what = _("Output format.")
        if "compact" in choices:  # url, id: the lean batch line, said where it is chosen
            what = _(
                "Output format; compact: one line of JSON a value, only the verdict's own "
                "fields, without the finding (the fastest with --file)."
            )
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(choices),
            default=choices[0],
            show_default=True,
            help=what,
        )(f)

    return decorate


def fail_on_option(f: F) -> F:
    return click.option(
        "--fail-on",
        type=click.Choice(SEVERITIES),
        default="warning",
        show_default=True,
        help=_("Exit with 1 when a finding is at least this severe."),
    )(f)


def load_config(config_path: str | None) -> Config:
    from beianaudit import config
    from beianaudit.config import ConfigError

    try:
        return config.load(config.resolve_path(config_path))
    except ConfigError as exc:
        raise UserError(str(exc)) from None


def today(ctx: click.Context) -> date:
    """The user's local date; tests inject another through ``obj={"today": …}``."""
    injected = (ctx.obj or {}).get("today") if isinstance(ctx.obj, dict) else None
    return injected or date.today()


def emit(report: Report, fmt: str, header: str = "", out: BatchOutput | None = None) -> None:
    """Print a report in the chosen format; the only place a report reaches stdout.
    A batch passes its ``out``, which writes without a flush per line."""
    from beianaudit.report import render_json, render_jsonl, render_text

    if fmt == "json":
        text, colour = render_json(report), False
    elif fmt == "jsonl":
        text, colour = render_jsonl(report), False
    else:
        colour = colour_for(sys.stdout)
        text = render_text(report, colour=colour, header=header)
    if out is None:
        click.echo(text, color=colour)
    else:
        out.write(text)


class BatchOutput:
    """Where a batch command's results go, a line at a time.  Flushed by
    :func:`batch_lines` whenever the input has nothing more ready, not once a line:
    a file streams through at full speed, a person or ``tail -f`` upstream sees
    each result as soon as its line is judged.

    Lines are kept and written to the stream :data:`PENDING` at a time, in one
    ``write``: a text stream's ``write`` costs a batch line about a microsecond, one
    call a thousand lines does not."""

    PENDING = 128

    def __init__(self, stream: IO[str] | None = None) -> None:
        self._stream = sys.stdout if stream is None else stream
        self._pending: list[str] = []
        self._append = self._pending.append

    def write(self, text: str) -> None:
        self._append(text)
        if len(self._pending) >= self.PENDING:
            self._drain()

    def _drain(self) -> None:
        pending = self._pending
        if pending:
            pending.append("")  # the last line's end
            text = "\n".join(pending)
            pending.clear()
            self._stream.write(text)

    def flush(self) -> None:
        self._drain()
        self._stream.flush()

    def close(self) -> None:
        """Write what is pending however the batch ends (Ctrl-C, an input error): every
        line judged is printed, as before the lines were kept.  A closed pipe takes
        nothing more (``… | head``): that is no error here."""
        try:
            self._drain()
        except (OSError, ValueError):
            self._pending.clear()


class LineCache(dict[str, T]):
    """What a batch printed for each distinct line, to print again when the line comes
    back (logs repeat links and identifiers heavily; a verdict depends on the line
    alone).  At most :attr:`SIZE` lines, each at most :attr:`LONGEST` characters, are
    kept; when full it starts afresh, so memory stays flat however long the batch."""

    SIZE = 1 << 14
    LONGEST = 1024

    def keep(self, line: str, value: T) -> T:
        """``value``, kept for ``line`` when the line is short enough."""
        if len(line) <= self.LONGEST:
            if len(self) >= self.SIZE:
                self.clear()
            self[line] = value
        return value


def skipped_line(line: str) -> bool:
    """Whether a batch line is no input but layout: blank (white space only) or a
    comment (``#`` first, after any white space).  ``url --file`` and ``id --file``
    skip such lines and count them in the total; neither a link nor an identifier can
    start with ``#`` or be blank."""
    first = line[:1]
    if "!" <= first <= "~" and first != "#":  # the common line: a printable ASCII first
        return False
    rest = line.lstrip()
    return not rest or rest[0] == "#"


def batch_lines(
    stream: IO[bytes], before_read: Callable[[], object] = lambda: None, keep: int = MAX_LINE
) -> Iterator[bytes]:
    """Each line of ``stream`` without its ``\n``, as soon as it has arrived.

    Reads what is there (``read1``), at most ``CHUNK`` bytes, and calls ``before_read``
    before each read, which may wait for input: the place to flush output.  A line
    longer than ``keep`` bytes is cut there and the rest of it dropped as it is read:
    a line without end (``--file /dev/zero``, a binary dump) costs no memory.  Batch
    commands judge a cut line as too long, as they would the whole of it."""
    read = getattr(stream, "read1", None) or stream.read
    head: list[bytes] = []  # the unfinished line, at most about keep bytes of it
    size = 0
    while True:
        before_read()
        chunk = read(CHUNK)
        if not chunk:
            break
        *lines, rest = chunk.split(b"\n")
        for line in lines:
            if head:
                head.append(line)
                line = b"".join(head)
                head, size = [], 0
            yield line[:keep]
        if size < keep:
            head.append(rest)
            size += len(rest)
    if size:
        yield b"".join(head)[:keep]


def not_empty(items: Iterator[T], nothing: str) -> Iterator[T]:
    """``items`` as they come, after the first has come; none at all is a
    :class:`UserError` saying ``nothing`` (exit 2), not a report of no findings."""
    import itertools

    for first in items:
        return itertools.chain((first,), items)
    raise UserError(nothing)


def json_batch_limit(count: int) -> None:
    """Refuse a ``--format json`` batch once it passes :data:`MAX_JSON_BATCH` lines."""
    if count > MAX_JSON_BATCH:
        raise UserError(
            _(
                "--format json holds the whole batch until its end: more than {n} lines; "
                "use --format jsonl, one object a line as each is judged"
            ).format(n=f"{MAX_JSON_BATCH:,}")
        )


class Tally:
    """A batch's findings counted by severity, for the one total at its end."""

    def __init__(self) -> None:
        self.items = 0
        self.counts: dict[Severity, int] = {}
        self.skipped = 0  # blank and comment lines of a batch (skipped_line)

    def add(self, severities: Iterable[Severity]) -> None:
        """One item, with the severities of its findings."""
        self.items += 1
        for severity in severities:
            self.counts[severity] = self.counts.get(severity, 0) + 1

    def line(self, items: str) -> str:
        """``3 links: 1 error, 1 warning, 1 info`` (``items``: the counted noun, translated)."""
        from beianaudit.i18n import ngettext
        from beianaudit.report import counts_line

        line = _("{items}: {counts}").format(items=items, counts=counts_line(self.counts))
        if self.skipped:
            line = ngettext(
                "{line} ({n} blank or comment line skipped)",
                "{line} ({n} blank or comment lines skipped)",
                self.skipped,
            ).format(line=line, n=f"{self.skipped:,}")
        return line


class Progress:
    """``12,345 lines…`` on stderr while a long batch runs on a terminal.

    Shown only when stderr is a terminal, from one second into the batch, redrawn at
    most twice a second and erased at the end, so that piped or redirected output and
    short runs see nothing.  The clock is read once every 1,024 lines."""

    EVERY = 1024

    def __init__(
        self, stream: IO[str] | None = None, clock: Callable[[], float] | None = None
    ) -> None:
        import time

        self._stream = sys.stderr if stream is None else stream
        self._clock = clock or time.monotonic
        isatty = getattr(self._stream, "isatty", None)
        self._on = bool(isatty and isatty())
        self._next = self._clock() + 1.0 if self._on else 0.0
        self._shown = False

    def tick(self, count: int) -> None:
        if not self._on or count % self.EVERY:
            return
        now = self._clock()
        if now >= self._next:
            self._next = now + 0.5
            self._shown = True
            self._stream.write("\r" + _("{n} lines…").format(n=f"{count:,}"))
            self._stream.flush()

    def done(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False


@contextmanager
def open_input(path: str) -> Iterator[IO[bytes]]:
    """The bytes of an input file named on the command line (``-``: stdin); a file that
    cannot be opened is one usage-error line, the system's reason in the user's language."""
    try:
        binary = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise unreadable(path, exc) from None
    try:
        yield binary
    finally:
        if path != "-":
            binary.close()


def unreadable(path: str, exc: OSError) -> UserError:
    return UserError(_("cannot read {path}: {reason}").format(path=path, reason=os_reason(exc)))
