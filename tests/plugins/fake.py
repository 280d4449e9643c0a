"""A third-party plugin as a user would write one: a decorated function."""

from __future__ import annotations

from collections.abc import Iterator

from beianaudit.context import Context
from beianaudit.finding import Finding, Severity
from beianaudit.registry import check

SECRET = "Pl4intext-Secret!"


@check("XY100", "Fake plugin check")
def says_hello(ctx: Context) -> Iterator[Finding]:
    """Reports one info finding about the subject type."""
    yield Finding("XY100", Severity.INFO, f"subject is {ctx.config.subject.type}", "subject.type")


@check("XY101", "Crashing plugin check")
def crashes(ctx: Context) -> Iterator[Finding]:
    """Raises with a secret in its message, as a careless plugin might."""
    raise RuntimeError(f"cannot handle {SECRET}")
    yield  # pragma: no cover


@check("XY102", "Plugin returning junk")
def returns_junk(ctx: Context) -> list[str]:
    """Returns strings instead of findings."""
    return ["not a finding"]


not_a_check = "just a string"
