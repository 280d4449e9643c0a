"""``beianaudit url``: does a link really lead to beian.miit.gov.cn?"""

from __future__ import annotations

import dataclasses
import io
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import click

from beianaudit.commands.common import (
    SIDE_ACTION_FAILED,
    BatchOutput,
    LineCache,
    Progress,
    Tally,
    UserError,
    batch_lines,
    emit,
    epilog,
    fail_on_option,
    format_option,
    json_batch_limit,
    lang_option,
    not_empty,
    open_input,
    skipped_line,
    unreadable,
)
from beianaudit.i18n import _

if TYPE_CHECKING:
    from beianaudit.finding import Severity
    from beianaudit.report import Report
    from beianaudit.urls.classify import UrlResult
    from beianaudit.urls.extract import Found

# --text reads the whole message; more than this is not a message.
MAX_TEXT = 10 << 20


# How many official links of one message are read on (read_on) by the URL parser, and
# how long a reading may be: beyond either, an official link that runs on is not
# official (no real message has a hundred of them, or a host 64 KiB long).
MAX_READINGS = 64
MAX_READING = 65536


def _followed(results: Iterable[UrlResult], unfollowed: Counter[str]) -> Iterator[UrlResult]:
    """``results`` as they come, counting those ``--resolve`` could not follow."""
    from beianaudit.urls.resolve import failed

    for result in results:
        unfollowed["links"] += failed(result)
        yield result


def _judge(
    link: str,
    resolve: bool,
    found: Found | None = None,
    reading: Callable[[Found, int], list[tuple[str, str]]] | None = None,
) -> UrlResult:
    """The verdict on one link: a URL given alone, or a link ``found`` in a message,
    judged as ``classify.judge_found`` judges it (one judgement for the command and its
    tests); then followed (``--resolve``), and shown as written in the message."""
    from beianaudit.urls.classify import classify, invalid, judge_found

    try:
        link.encode("utf-8")
    except UnicodeEncodeError:  # bytes that were not UTF-8, kept as surrogates
        return invalid(link.encode("utf-8", "replace").decode("utf-8"), "not_text")
    result = classify(link) if found is None else judge_found(found, MAX_READING, reading)
    if resolve:
        from beianaudit.urls.resolve import resolve as follow

        result = follow(result)
    written = found.written if found is not None else link
    if written != link and result.input == link:
        result = dataclasses.replace(result, input=written)
    return result


def _lines(path: str, out: BatchOutput, tally: Tally) -> Iterator[str]:
    """The lines of ``path`` without their endings, read as they come; bytes that are
    not UTF-8 are kept as surrogates, so that one bad line does not stop a batch.
    Blank and comment lines (:func:`skipped_line`) are skipped, counted in ``tally``."""
    with open_input(path) as stream:
        try:
            for raw in batch_lines(stream, out.flush):
                line = raw.decode("utf-8", "surrogateescape").rstrip("\r")
                if skipped_line(line):
                    tally.skipped += 1
                    continue
                yield line
        except OSError as exc:
            raise unreadable(path, exc) from None


def _batch(lines: Iterable[str], fmt: str, out: BatchOutput, tally: Tally) -> Severity:
    """``url --file`` in the per-line formats (compact, jsonl, text) without
    ``--resolve``: each line's output as :func:`_output` prints it, made once for each
    distinct line and printed again from a :class:`LineCache` when the line comes back.
    ``tests/test_urls_batch.py`` holds the two equal."""
    from beianaudit.finding import Severity
    from beianaudit.i18n import ngettext
    from beianaudit.report import Report, render_jsonl, render_text, use_colour

    colour = fmt == "text" and use_colour(sys.stdout)
    cache: LineCache[tuple[str, Severity]] = LineCache()
    counts: Counter[Severity] = Counter()
    progress = Progress()
    write = out.write
    n = 0
    for line in lines:
        n += 1
        hit = cache.get(line)
        if hit is None:
            result = _judge(line, False)
            if fmt == "compact":  # the verdict's fields alone: no finding is made
                text = result.fields_line()
            elif fmt == "jsonl":
                text = render_jsonl(Report((result.finding(),), extra=result.extra()))
            else:  # text shows the finding alone: no JSON fields are made
                text = render_text(Report((result.finding(),)), colour=colour, summary=False)
            hit = cache.keep(line, (text, result.severity))
        write(hit[0])
        counts[hit[1]] += 1
        if not n & 1023:
            progress.tick(n)
    progress.done()
    tally.items = n
    if fmt != "compact":
        tally.counts = dict(counts)
    if fmt == "text":
        write(tally.line(ngettext("{n} link", "{n} links", n).format(n=f"{n:,}")))
    out.flush()
    return max(counts, default=Severity.INFO)


def _read_message(path: str) -> str:
    """The text of ``path`` (``-``: stdin; on a terminal, say how to end it)."""
    if path == "-" and _stdin_is_terminal():
        click.echo(_("Paste the message, then press Ctrl-D on a new line to end it."), err=True)
    with open_input(path) as binary:
        stream = io.TextIOWrapper(binary, encoding="utf-8", errors="surrogateescape", newline="\n")
        try:
            text = stream.read(MAX_TEXT + 1)
        finally:
            stream.detach()
    if len(text) > MAX_TEXT:
        raise UserError(_("{path}: more than 10 MB of text").format(path=path))
    return text


def _is_message(text: str) -> bool:
    """Whether ``--text VALUE`` or a URL argument is a message itself (a pasted SMS, not a
    file name or one link): text before its first link, or white space or a clause mark
    around its links.  One link that runs into ideographs (…gov.cn.备案.中国/login) is
    one link: its readings are judged as it is."""
    from beianaudit.urls.extract import extract

    stripped = text.strip()
    found = extract(stripped)
    if not found or (len(found) == 1 and found[0].written == stripped):
        return False
    if found[0].start > 0:
        return True
    covered = 0
    rest = []
    for item in found:
        rest.append(stripped[covered : item.start])
        covered = max(covered, item.start + len(item.written))
    rest.append(stripped[covered:])
    return any(ch.isspace() or ch in _CLAUSE_MARKS for ch in "".join(rest))


# Marks that end a clause of a Chinese sentence (not 。, which a browser reads as a dot).
_CLAUSE_MARKS = frozenset("，、；：！？（）【】「」『』《》“”")


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _message_links(text: str) -> tuple[list[Found], Callable[[Found, int], list[tuple[str, str]]]]:
    """The links of a message, and how to read each on, counted: past ``MAX_READINGS``
    links read on, any reading is too long (``Found.readings`` with a negative limit)."""
    from beianaudit.urls.extract import extract

    readings = MAX_READINGS

    def read(found: Found, limit: int) -> list[tuple[str, str]]:
        nonlocal readings
        readings -= 1
        return found.readings(limit if readings >= 0 else -1)

    return extract(text), read


def _report(result: UrlResult) -> Report:
    from beianaudit.report import Report

    return Report((result.finding(),), extra=result.extra())


def _output(
    results: Iterable[UrlResult],
    fmt: str,
    single: bool,
    header: bool = False,
    out: BatchOutput | None = None,
    tally: Tally | None = None,
) -> Severity:
    """Print the results in input order, each as soon as it is judged (jsonl, text);
    text ends with one total, and a pasted message's opens with its summary (so it
    waits for the last link).  json is one object at the end, with one link's fields at
    its top level, or several under ``results`` (DESIGN: ``--format json`` prints one
    object), refused past ``MAX_JSON_BATCH`` links.  A batch's ``tally`` holds the blank
    and comment lines it skipped, which json counts as ``skipped_lines``."""
    from beianaudit.finding import Severity
    from beianaudit.i18n import ngettext
    from beianaudit.report import Report, render_text, use_colour

    out = out or BatchOutput()
    worst = Severity.INFO
    kept: list[UrlResult] = []
    batch = tally is not None
    tally = tally or Tally()
    progress = Progress()
    colour = fmt == "text" and use_colour(sys.stdout)
    for result in results:
        worst = max(worst, result.severity)
        if fmt == "compact":  # the verdict's fields alone: no finding is made
            out.write(result.fields_line())
            tally.add(())
            progress.tick(tally.items)
            continue
        found = result.finding()
        tally.add((found.severity,))
        progress.tick(tally.items)
        if fmt == "jsonl":
            emit(Report((found,), extra=result.extra()), fmt, out=out)
        elif fmt == "json" or header:
            kept.append(result)
            if fmt == "json":
                json_batch_limit(len(kept))
        else:  # text shows the finding alone: no JSON fields are made
            out.write(render_text(Report((found,)), colour=colour, summary=False))
    progress.done()
    if fmt == "json" and single and kept:
        emit(_report(kept[0]), fmt, out=out)
    elif fmt == "json":
        findings = tuple(r.finding() for r in kept)
        extra: dict[str, object] = {"results": [r.extra() for r in kept]}
        if header:  # a message: its verdict is its worst link's ("" when it has none)
            extra["verdict"] = _worst_verdict(kept)
        if batch:
            extra["skipped_lines"] = tally.skipped
        emit(Report(findings, extra=extra), fmt, out=out)
    elif fmt == "text":
        if header:
            out.write(_summary(kept))
            for result in kept:
                out.write(render_text(_report(result), colour=colour, summary=False))
        n = tally.items
        out.write(tally.line(ngettext("{n} link", "{n} links", n).format(n=f"{n:,}")))
    out.flush()
    return worst


def _worst_verdict(results: list[UrlResult]) -> str:
    from beianaudit.urls.classify import VERDICTS

    # Worst first: the order of the verdict names, but a look-alike before the rest.
    rank = ["lookalike", "invalid", "other", "gov_other", "official_insecure", "official"]
    rank += [v for v in VERDICTS if v not in rank]
    return min((r.verdict for r in results), key=rank.index, default="")


def _summary(results: list[UrlResult]) -> str:
    """One sentence first, for someone who pasted a message and wants the answer."""
    from beianaudit.i18n import ngettext
    from beianaudit.urls.classify import LOOKALIKE, OFFICIAL

    total = ngettext("{n} link in the message.", "{n} links in the message.", len(results))
    lines = [total.format(n=len(results))]
    fakes = sum(r.verdict == LOOKALIKE for r in results)
    if fakes:
        lines.append(
            ngettext(
                "{n} of them imitates the filing system: do not open it.",
                "{n} of them imitate the filing system: do not open them.",
                fakes,
            ).format(n=fakes)
        )
    if not all(r.verdict == OFFICIAL for r in results):
        lines.append(_("Log in only at https://beian.miit.gov.cn/, typed in yourself."))
    return "\n".join(lines)


@click.command(
    "url",
    help=_("Does a link really lead to the filing system (beian.miit.gov.cn)?"),
    epilog=epilog(
        "beianaudit url https://beian.miit.gov.cn/",
        "beianaudit url --text - < sms.txt",
        "beianaudit url --file links.txt --format jsonl",
        side_action=_("--resolve could not follow a link to its end"),
    ),
)
@click.argument("urls", nargs=-1)
@click.option(
    "--text",
    "text_path",
    metavar="FILE|-",
    help=_("Find and judge every link in a message (an SMS, an email)."),
)
@click.option("--file", "file_path", metavar="FILE|-", help=_("Judge one URL a line, streaming."))
@click.option(
    "--resolve",
    is_flag=True,
    help=_("Follow redirects over the network (the only network use) and judge the end."),
)
@format_option("text", "json", "jsonl", "compact")
@fail_on_option
@lang_option
@click.pass_context
def url_command(
    ctx: click.Context,
    urls: tuple[str, ...],
    text_path: str | None,
    file_path: str | None,
    resolve: bool,
    fmt: str,
    fail_on: str,
) -> None:
    from beianaudit.finding import Severity

    if sum(bool(x) for x in (urls, text_path, file_path)) != 1:
        raise UserError(_("give URLs, or --text FILE, or --file FILE (exactly one of them)"))
    unfollowed: Counter[str] = Counter()
    if file_path:
        out = BatchOutput()
        ctx.call_on_close(out.close)
        tally = Tally()
        lines = not_empty(
            _lines(file_path, out, tally), _("no links in the input: nothing was checked")
        )
        if fmt != "json" and not resolve:
            worst = _batch(lines, fmt, out, tally)
        else:
            results = _followed((_judge(line, resolve) for line in lines), unfollowed)
            worst = _output(results, fmt, single=False, out=out, tally=tally)
    elif text_path or (len(urls) == 1 and _is_message(urls[0])):
        if text_path and (text_path == "-" or os.path.exists(text_path)):
            message = _read_message(text_path)
        elif text_path and not _is_message(text_path):
            message = _read_message(text_path)  # a missing file: says so
        else:  # the message itself, pasted where a file name or a URL goes
            message = text_path or urls[0]
            click.echo(
                _("This is a message, not a file name or one link: judging the links in it.")
                + " "
                + _("(To paste a message, use --text - and end it with Ctrl-D.)"),
                err=True,
            )
        found, read = _message_links(message)
        if not found:  # as --file without a link: nothing was judged, so no all-clear
            raise UserError(
                _(
                    "no links in the message: nothing was checked, and that alone does not "
                    "make it safe; if it names a site or you suspect one, judge that link "
                    "alone: beianaudit url 'LINK'"
                )
            )
        results = _followed((_judge(f.link, resolve, f, read) for f in found), unfollowed)
        worst = _output(results, fmt, single=False, header=True)
    else:
        results = _followed((_judge(u, resolve) for u in urls), unfollowed)
        worst = _output(results, fmt, single=len(urls) == 1)
    if unfollowed["links"]:  # --resolve did not reach the end of every link: say so by the status
        ctx.exit(SIDE_ACTION_FAILED)
    ctx.exit(int(worst >= Severity.parse(fail_on)))
