"""Identifiers in the config: the subject's ID and the filing numbers, as typed."""

from __future__ import annotations

from collections.abc import Iterator

from beianaudit.context import Context
from beianaudit.finding import Finding
from beianaudit.i18n import N_
from beianaudit.registry import check


@check("BA201", N_("Subject ID"), needs="subject.id")
def subject_id(ctx: Context) -> Iterator[Finding]:
    """Check subject.id (resident ID or credit code) for look-alike characters and checksums."""
    from beianaudit.identifiers.explain import finding
    from beianaudit.identifiers.judgement import judge_subject_id

    value = ctx.config.subject.id
    if value is None:
        return
    found = finding(judge_subject_id(value, ctx.config.subject.type, ctx.today), "subject.id")
    if found:
        yield found


@check("BA202", N_("Filing numbers"), needs="filing.numbers")
def filing_numbers(ctx: Context) -> Iterator[Finding]:
    """Check every filing.numbers entry (ICP or public-security number) as typed."""
    from beianaudit.identifiers.explain import finding
    from beianaudit.identifiers.judgement import judge_filing_number

    for i, value in enumerate(ctx.config.filing.numbers):
        found = finding(judge_filing_number(value, ctx.today), f"filing.numbers[{i}]")
        if found:
            yield found
