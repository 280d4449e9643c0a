"""Contacts: the phone and email a "forgot password" reset sends its code to (BA4xx)."""

from __future__ import annotations

from collections.abc import Iterator

from beianaudit.contacts import findings as cf
from beianaudit.contacts.validation import Status, filed_domain_of, states, validate_email
from beianaudit.context import Context
from beianaudit.finding import Finding
from beianaudit.i18n import N_
from beianaudit.registry import check


def _present(*findings: Finding | None) -> Iterator[Finding]:
    yield from (f for f in findings if f is not None)


@check("BA401", N_("Phone number"), needs="contacts.phone")
def phone_number(ctx: Context) -> Iterator[Finding]:
    """Error on a phone that is not a mainland mobile number; show the normalised form."""
    phone, _email = states(ctx.config, ctx.today)
    yield from _present(
        cf.format_finding(phone), cf.phone_written_oddly(phone, ctx.config.contacts.phone)
    )


@check("BA402", N_("Email address"), needs="contacts.email")
def email_address(ctx: Context) -> Iterator[Finding]:
    """Error on an email address that is not valid (syntax only, no network)."""
    _phone, email = states(ctx.config, ctx.today)
    yield from _present(cf.format_finding(email))


@check("BA403", N_("Contact staleness"), needs="contacts.phone|email")
def staleness(ctx: Context) -> Iterator[Finding]:
    """Warn when the phone or email was confirmed too long ago, or never."""
    days = ctx.config.policy.stale_after_days
    for state in states(ctx.config, ctx.today):
        yield from _present(cf.staleness_finding(state, days, ctx.config.path))


@check("BA404", N_("Recovery readiness"))
def recovery_readiness(ctx: Context) -> Iterator[Finding]:
    """Warn when only one fast reset path is bound; error when none is."""
    yield from _present(cf.readiness_finding(*states(ctx.config, ctx.today)))


@check("BA405", N_("Mailbox on a filed domain"), needs=("contacts.email", "filing.domains"))
def mailbox_on_filed_domain(ctx: Context) -> Iterator[Finding]:
    """Warn when the bound mailbox lives under one of the filed domains."""
    _phone, email = states(ctx.config, ctx.today)
    if email.status is Status.INVALID or email.value is None:
        return
    domain = validate_email(email.value).domain
    yield from _present(
        cf.mailbox_finding(email, filed_domain_of(domain, ctx.config.filing.domains))
    )
