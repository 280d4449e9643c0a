"""Identifiers in the config: the subject's ID and the filing numbers, as typed."""

from __future__ import annotations

from collections.abc import Iterator

from beianaudit.context import Context
from beianaudit.finding import Finding
from beianaudit.i18n import N_
from beianaudit.registry import check

# The subject's type says which kind its ID must be.
_KIND_OF_TYPE = {"personal": "ric", "enterprise": "uscc"}


@check("BA201", N_("Subject ID"))
def subject_id(ctx: Context) -> Iterator[Finding]:
    """Check subject.id (resident ID or credit code) for look-alike characters and checksums."""
    from beianaudit.identifiers import judge
    from beianaudit.identifiers.explain import finding

    value = ctx.config.subject.id
    if value is None:
        return
    kind = _KIND_OF_TYPE.get(ctx.config.subject.type)
    found = finding(judge(value, kind, ctx.today), "subject.id")
    if found:
        yield found


@check("BA202", N_("Filing numbers"))
def filing_numbers(ctx: Context) -> Iterator[Finding]:
    """Check every filing.numbers entry (ICP or public-security number) as typed."""
    from beianaudit.identifiers import ICP, PSB, judge
    from beianaudit.identifiers.explain import finding

    for i, value in enumerate(ctx.config.filing.numbers):
        result = judge(value, None, ctx.today)
        if result.kind not in (ICP, PSB):
            result = judge(value, ICP, ctx.today)
        found = finding(result, f"filing.numbers[{i}]")
        if found:
            yield found
