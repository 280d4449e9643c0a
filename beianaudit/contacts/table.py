"""What ``beianaudit contacts show`` prints: each contact masked, with its age and status."""

from __future__ import annotations

from datetime import date
from typing import Any

from beianaudit.contacts.findings import masked
from beianaudit.contacts.validation import PHONE, ContactState, Status
from beianaudit.i18n import N_, _, ngettext

STATUS_LABELS = {
    Status.OK: N_("within its confirmation period"),
    Status.STALE: N_("stale: confirm it again"),
    Status.NEVER_CONFIRMED: N_("never confirmed"),
    Status.MISSING: N_("not set"),
    Status.INVALID: N_("not valid"),
}


def rows(states: tuple[ContactState, ...]) -> list[dict[str, Any]]:
    """Machine-readable rows; the values stay masked, as on screen."""
    return [
        {
            "contact": s.kind,
            "value": masked(s) or None,
            "status": str(s.status),
            "verified": s.verified.isoformat() if s.verified else None,
            "age_days": s.age_days,
            "stale_on": s.stale_on.isoformat() if s.stale_on else None,
        }
        for s in states
    ]


def _details(state: ContactState, today: date) -> str:
    if state.status is Status.INVALID:
        return state.reason
    if state.verified is None or state.age_days is None or state.stale_on is None:
        return ""
    ago = ngettext("{n} day ago", "{n} days ago", state.age_days).format(n=state.age_days)
    if state.status is Status.STALE:
        return _("confirmed on {date} ({ago}); stale since {stale_on}").format(
            date=state.verified.isoformat(), ago=ago, stale_on=state.stale_on.isoformat()
        )
    return _("confirmed on {date} ({ago}); due again on {due}").format(
        date=state.verified.isoformat(), ago=ago, due=state.stale_on.isoformat()
    )


def table(states: tuple[ContactState, ...], today: date, stale_after_days: int) -> str:
    lines = []
    for state in states:
        kind = _("phone") if state.kind == PHONE else _("email")
        value = masked(state) if state.status is not Status.INVALID else ""
        head = "  ".join(part for part in (kind, value, _(STATUS_LABELS[state.status])) if part)
        lines.append(head)
        if details := _details(state, today):
            lines.append(f"    {details}")
    lines.append(
        _(
            "A contact counts as stale {days} days after it was confirmed "
            "(policy.stale_after_days)."
        ).format(days=stale_after_days)
    )
    return "\n".join(lines)
