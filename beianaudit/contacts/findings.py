"""The findings about the bound phone and email, shared by the BA4xx checks and ``remind``.

Text shown to the user carries the phone and email masked (``139****5678``); the
``data`` of each finding follows the BA4xx contract:
``{"contact": "phone"|"email", "status": …, "age_days": int|None}``, and the
readiness finding ``{"readiness": "phone_only"|"email_only"|"none"}``.
"""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path
from typing import Any

from beianaudit.contacts.validation import PHONE, ContactState, Status, readiness
from beianaudit.finding import Finding, Severity
from beianaudit.i18n import _
from beianaudit.mask import mask_email, mask_phone

FORMAT_IDS = {PHONE: "BA401", "email": "BA402"}
STALENESS_ID = "BA403"
READINESS_ID = "BA404"
MAILBOX_ID = "BA405"


def target(state: ContactState) -> str:
    return f"contacts.{state.kind}"


def masked(state: ContactState) -> str:
    """The value as text output may show it."""
    if state.value is None:
        return ""
    return mask_phone(state.value) if state.kind == PHONE else mask_email(state.value)


def label(state: ContactState) -> str:
    """``the phone 139****5678`` / ``the email zh******@example.com``, translated."""
    if state.kind == PHONE:
        return _("the phone {value}").format(value=masked(state))
    return _("the email {value}").format(value=masked(state))


def data(state: ContactState, **more: Any) -> dict[str, Any]:
    return {"contact": state.kind, "status": str(state.status), "age_days": state.age_days, **more}


def verify_command(kind: str, config_path: Path) -> str:
    return f"beianaudit contacts verified {kind} --config {shlex.quote(str(config_path))}"


def format_finding(state: ContactState) -> Finding | None:
    """BA401/BA402 error: a phone or email that cannot be used, with the reason."""
    check = FORMAT_IDS[state.kind]
    if state.status is Status.INVALID:
        if state.kind == PHONE:
            message = _("the phone number is not a mainland mobile number: {reason}")
            hint = _("write the 11 digits, e.g. 13912345678 (spaces, dashes and +86 are fine)")
        else:
            message = _("the email address is not valid: {reason}")
            hint = _(
                "write the mailbox exactly as bound in the filing system, e.g. name@example.com"
            )
        return Finding(
            check=check,
            severity=Severity.ERROR,
            message=message.format(reason=state.reason),
            target=target(state),
            hint=hint,
            data=data(state, reason=state.detail or None),
        )
    return None


def phone_written_oddly(state: ContactState, raw: str | None) -> Finding | None:
    """BA401 info: the phone as written differs from its normalised form."""
    if state.kind != PHONE or state.value is None or state.status is Status.INVALID:
        return None
    if raw is None or raw == state.value:
        return None
    return Finding(
        check=FORMAT_IDS[PHONE],
        severity=Severity.INFO,
        message=_("the phone number is read as {value}").format(value=masked(state)),
        target=target(state),
        hint=_("you may write it as 11 plain digits"),
        data=data(state, normalised=state.value),
    )


def staleness_finding(
    state: ContactState, stale_after_days: int, config_path: Path
) -> Finding | None:
    """BA403 warning: confirmed too long ago, or never."""
    if state.status is Status.STALE:
        assert state.verified is not None
        message = _(
            "{what} was last confirmed on {date}, {days} days ago (more than {limit})"
        ).format(
            what=label(state),
            date=state.verified.isoformat(),
            days=state.age_days,
            limit=stale_after_days,
        )
    elif state.status is Status.NEVER_CONFIRMED:
        message = _("{what} was never confirmed (no {key} date)").format(
            what=label(state), key=f"{state.kind}_verified"
        )
    else:
        return None
    return Finding(
        check=STALENESS_ID,
        severity=Severity.WARNING,
        message=message,
        target=target(state),
        hint=_confirm_hint(state, config_path),
        data=data(state, stale_on=_iso(state.stale_on)),
    )


def upcoming_finding(state: ContactState, today: date, config_path: Path) -> Finding:
    """BA403 info: still fresh, but due for confirmation on a coming day."""
    assert state.stale_on is not None
    return Finding(
        check=STALENESS_ID,
        severity=Severity.INFO,
        message=_("{what} is due for confirmation on {date} (in {days} days)").format(
            what=label(state), date=state.stale_on.isoformat(), days=state.due_in(today)
        ),
        target=target(state),
        hint=_confirm_hint(state, config_path),
        data=data(state, stale_on=_iso(state.stale_on)),
    )


def _confirm_hint(state: ContactState, config_path: Path) -> str:
    if state.kind == PHONE:
        text = _("check that the phone still receives SMS codes, then run: {command}")
    else:
        text = _("check that the mailbox still receives mail, then run: {command}")
    return text.format(command=verify_command(state.kind, config_path))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def readiness_finding(phone: ContactState, email: ContactState) -> Finding | None:
    """BA404: which fast paths a "forgot password" reset still has."""
    level = readiness(phone, email)
    if level is None:
        return None
    if level == "phone_only":
        severity = Severity.WARNING
        message = _(
            "no usable email is bound: the phone is the only fast way to reset the password"
        )
        hint = _("bind an email in the filing system as a second path, then add contacts.email")
    elif level == "email_only":
        severity = Severity.WARNING
        message = _(
            "no usable phone is bound: the email is the only fast way to reset the password"
        )
        hint = _("bind a mainland mobile number as a second path, then add contacts.phone")
    else:
        severity = Severity.ERROR
        message = _(
            "the config records no usable phone or email: if none is bound in the filing system "
            "either, a forgotten password would have to go through manual review (人工审核), "
            "which the recovery article says some systems may support"
        )
        hint = _(
            "bind a phone and an email in the filing system while you can still log in, and "
            "record them under [contacts]; otherwise, as the recovery article puts it, ask "
            "your access provider (接入商) or the filing system's support for manual review; "
            "some systems may require the subject to go in person to the local "
            "communications administration (the official requirements prevail)"
        )
    return Finding(
        check=READINESS_ID,
        severity=severity,
        message=message,
        target="contacts",
        hint=hint,
        data={"readiness": level},
    )


def mailbox_finding(email: ContactState, filed_domain: str | None) -> Finding | None:
    """BA405: the mailbox lives under a filed domain, so losing the site may lose the mail."""
    if filed_domain is None:
        return None
    return Finding(
        check=MAILBOX_ID,
        severity=Severity.WARNING,
        message=_("{what} is hosted under the filed domain {domain}").format(
            what=label(email), domain=filed_domain
        ),
        target=target(email),
        hint=_(
            "if the domain lapses or its site is closed, the mailbox may go with it and a reset "
            "code could not reach you; bind a mailbox on another domain"
        ),
        data=data(email, domain=filed_domain),
    )


def reminders(
    states: tuple[ContactState, ...],
    today: date,
    within: int,
    stale_after_days: int,
    config_path: Path,
) -> list[Finding]:
    """What ``remind`` reports: confirmations due now, and those due within ``within`` days."""
    found = []
    for state in states:
        if state.status in (Status.STALE, Status.NEVER_CONFIRMED):
            finding = staleness_finding(state, stale_after_days, config_path)
            assert finding is not None
            found.append(finding)
        elif state.status is Status.OK:
            due = state.due_in(today)
            if due is not None and due <= within:
                found.append(upcoming_finding(state, today, config_path))
    return found
