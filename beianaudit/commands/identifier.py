"""``beianaudit id``: is this identifier typed right, and if not, what to type."""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

import click

from beianaudit.commands.common import (
    BatchOutput,
    LineCache,
    Progress,
    Tally,
    UserError,
    batch_lines,
    colour_for,
    emit,
    epilog,
    fail_on_option,
    format_option,
    json_batch_limit,
    lang_option,
    not_empty,
    open_input,
    skipped_line,
    today,
)
from beianaudit.i18n import _, ngettext

if TYPE_CHECKING:
    from beianaudit.finding import Severity
    from beianaudit.identifiers import Result
    from beianaudit.report import Report

KIND_CHOICES = ("ric", "uscc", "icp", "psb")


@click.command(
    "id",
    help=_(
        "Check identifiers as typed (resident ID, credit code, ICP or public-security "
        "number): checksums, look-alike characters and what to type instead."
    ),
    epilog=epilog(
        "beianaudit id 33O106199003071236",
        "beianaudit id --kind uscc 91350100M000100Y43",
        "beianaudit id --file ids.txt --format jsonl",
    ),
)
@click.argument("values", nargs=-1)
@click.option(
    "--kind",
    type=click.Choice(KIND_CHOICES),
    help=_("The kind of identifier (default: detected from the value)."),
)
@click.option(
    "--file",
    "file",
    metavar="FILE",
    help=_("Read one identifier a line from FILE ('-' for standard input)."),
)
@format_option("text", "json", "jsonl", "compact")
@fail_on_option
@lang_option
@click.pass_context
def id_command(
    ctx: click.Context,
    values: tuple[str, ...],
    kind: str | None,
    file: str | None,
    fmt: str,
    fail_on: str,
) -> None:
    from beianaudit.finding import Severity

    if values and file:
        raise UserError(_("give identifiers as arguments or with --file FILE, not both"))
    if not values and not file:
        raise UserError(
            _("no identifier given: give them as arguments, or with --file FILE (- for stdin)")
        )
    threshold = Severity.parse(fail_on)
    out = BatchOutput()
    ctx.call_on_close(out.close)
    tally = Tally()
    at = [0]  # the file's line number of the value last read (text names it)
    stream = ctx.with_resource(open_input(file)) if file is not None else None
    inputs = (
        not_empty(
            _lines(stream, out, tally, at), _("no identifiers in the input: nothing was checked")
        )
        if stream is not None
        else iter(values)
    )
    failed = False
    batch = file is not None
    if fmt == "json":
        failed = _emit_together(inputs, kind, ctx, threshold, batch, tally)
    elif fmt == "compact":
        failed = _emit_compact(inputs, kind, ctx, out)
    elif fmt == "jsonl":
        failed = _emit_jsonl(inputs, kind, ctx, out, threshold, tally)
    else:
        progress = Progress()
        for number, (report, result) in enumerate(_reports(inputs, kind, ctx), 1):
            assert report is not None  # not lean: every value has its report
            _emit_one((report, result), fmt, at[0] if batch else None, out)
            failed = failed or bool(report.exit_code(threshold))
            tally.add(f.severity for f in report.findings)
            progress.tick(number)
        progress.done()
        if fmt == "text" and (batch or tally.items > 1):  # one total, after all in input order
            n = tally.items
            noun = ngettext("{n} identifier", "{n} identifiers", n).format(n=f"{n:,}")
            out.write(tally.line(noun))
    out.flush()
    ctx.exit(int(failed))


def _lines(stream: IO[bytes], out: BatchOutput, tally: Tally, at: list[int]) -> Iterator[str]:
    """Each line as it is, apart from its line ending, but blank and comment lines
    (:func:`skipped_line`), which are counted in ``tally``; ``at[0]`` is the number of
    the line last given.  A line that is not UTF-8 stops the batch with a usage error
    naming the file, the line and the byte: an identifier with a character replaced
    would be judged as something nobody typed."""
    for number, raw in enumerate(batch_lines(stream, out.flush), 1):
        try:
            line = raw.rstrip(b"\r").decode("utf-8")
        except UnicodeDecodeError as exc:
            out.flush()
            name = getattr(stream, "name", "-")
            message = _(
                "{path}:{line}: not UTF-8 text (byte {byte} of the line); "
                "this line and the ones after it were not checked"
            )
            raise UserError(
                message.format(
                    path=_("standard input") if name in ("-", "<stdin>") else name,
                    line=number,
                    byte=exc.start + 1,
                )
            ) from None
        if skipped_line(line):
            tally.skipped += 1
            continue
        at[0] = number
        yield line


def _reports(
    values: Iterator[str], kind: str | None, ctx: click.Context, lean: bool = False
) -> Iterator[tuple[Report | None, Result]]:
    """Each value's report and result; with ``lean``, ``None`` for the report of a valid
    value that makes no finding (see :func:`valid_line`)."""
    from beianaudit.identifiers import judge

    day = today(ctx)
    for value in values:
        result = judge(value, kind, day)
        yield _report(result, lean), result


def _report(result: Result, lean: bool = False) -> Report | None:
    """A value's report; with ``lean``, ``None`` for a valid value that makes no finding."""
    from beianaudit.identifiers import VALID
    from beianaudit.identifiers.explain import finding
    from beianaudit.report import Report

    if lean and result.verdict == VALID and not result.alternatives:
        return None
    found = finding(result, "id")
    return Report((found,) if found else (), extra=result.as_json())


def valid_line(result: Result) -> str:
    """The JSON line of a valid result that makes no finding, as ``emit`` writes it
    (``render_jsonl`` of its report), from :meth:`Result.fields_line` when it has one:
    the report's fixed head, the result's fields, no findings.  A test holds the two equal."""
    from beianaudit.report import Report, render_jsonl

    fields = result.fields_line()
    if fields is None:
        return render_jsonl(Report((), extra=result.as_json()))
    return _empty_head() + fields[1:-1] + _NO_FINDINGS


_NO_FINDINGS = ',"findings":[]}'


@functools.cache
def _empty_head() -> str:
    """``render_jsonl`` of a report without findings, up to where its fields go."""
    from beianaudit.report import Report, render_jsonl

    empty = render_jsonl(Report(()))
    return empty[: -len(_NO_FINDINGS) + 1]


def _emit_one(item: tuple[Report, Result], fmt: str, line: int | None, out: BatchOutput) -> None:
    """One result: a JSON line, or the text block (headed by its line number in a batch)."""
    report, result = item
    if fmt == "jsonl":
        emit(report, fmt, out=out)
        return
    from beianaudit.identifiers.explain import text_lines

    lines = text_lines(result, colour=colour_for(sys.stdout))
    if line is not None:
        lines[0] = _("line {n}: {text}").format(n=line, text=lines[0])
    out.write("\n".join(lines))


def _emit_compact(
    values: Iterator[str], kind: str | None, ctx: click.Context, out: BatchOutput
) -> bool:
    """A line of JSON a value: the verdict's fields alone, no finding made (each one
    that is not valid is an error, so it fails at any ``--fail-on``)."""
    from beianaudit.identifiers import RIC, VALID, judge
    from beianaudit.identifiers.judgement import fields_line, plain_valid_ric
    from beianaudit.identifiers.regions import RESIDENCE_PERMITS
    from beianaudit.report import render_fields

    day = today(ctx)
    failed = False
    progress = Progress()
    cache: LineCache[tuple[str, bool]] = LineCache()  # a value's line, and whether invalid
    write = out.write
    plain = kind in (None, RIC)  # a plainly valid resident ID: its line without a Result
    for number, value in enumerate(values, 1):
        hit = cache.get(value)
        if hit is None:
            if plain and plain_valid_ric(value, day):
                text = fields_line(value, RIC, VALID, RESIDENCE_PERMITS.get(value[:6]))
                hit = cache.keep(value, (text, False))
            else:
                result = judge(value, kind, day)
                line = result.fields_line()
                text = render_fields(result.as_json()) if line is None else line
                hit = cache.keep(value, (text, result.verdict != VALID))
        write(hit[0])
        failed = failed or hit[1]
        if not number & 1023:
            progress.tick(number)
    progress.done()
    return failed


def _emit_jsonl(
    values: Iterator[str],
    kind: str | None,
    ctx: click.Context,
    out: BatchOutput,
    threshold: Severity,
    tally: Tally,
) -> bool:
    """A JSON line a value, as :func:`emit` writes its report (a valid one that makes no
    finding from :func:`valid_line`), made once for each distinct value and printed
    again from a :class:`LineCache` when the value comes back."""
    from beianaudit.identifiers import RIC, VALID, judge
    from beianaudit.identifiers.judgement import fields_line, plain_valid_ric
    from beianaudit.identifiers.regions import RESIDENCE_PERMITS
    from beianaudit.report import render_jsonl

    day = today(ctx)
    failed = False
    progress = Progress()
    cache: LineCache[tuple[str, bool, tuple[Severity, ...]]] = LineCache()
    write = out.write
    plain = kind in (None, RIC)  # a plainly valid resident ID: its line without a Result
    head = _empty_head()
    for number, value in enumerate(values, 1):
        hit = cache.get(value)
        if hit is None and plain and plain_valid_ric(value, day):
            fields = fields_line(value, RIC, VALID, RESIDENCE_PERMITS.get(value[:6]))
            hit = cache.keep(value, (head + fields[1:-1] + _NO_FINDINGS, False, ()))
        if hit is None:
            result = judge(value, kind, day)
            report = _report(result, lean=True)
            if report is None:  # valid, no finding: its line from a template
                hit = (valid_line(result), False, ())
            else:
                severities = tuple(f.severity for f in report.findings)
                hit = (render_jsonl(report), bool(report.exit_code(threshold)), severities)
            cache.keep(value, hit)
        write(hit[0])
        failed = failed or hit[1]
        tally.add(hit[2])
        if not number & 1023:
            progress.tick(number)
    progress.done()
    return failed


def _emit_together(
    values: Iterator[str],
    kind: str | None,
    ctx: click.Context,
    threshold: Severity,
    batch: bool,
    tally: Tally,
) -> bool:
    """One JSON object: a single identifier's fields at the top; several, or any read from
    a file, under ``results`` (a file's skipped blank and comment lines counted as
    ``skipped_lines``)."""
    from beianaudit.report import Report

    items = []
    for item in _reports(values, kind, ctx):
        items.append(item)
        if batch:
            json_batch_limit(len(items))
    findings = tuple(f for report, _result in items for f in report.findings)
    if len(items) == 1 and not batch:
        extra = items[0][0].extra
    else:
        extra = {"results": [r.extra for r, _ in items]}
        if batch:
            extra["skipped_lines"] = tally.skipped
    report = Report(findings, extra=extra)
    emit(report, "json")
    return bool(report.exit_code(threshold))
