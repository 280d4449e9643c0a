"""The bound phone and email: normalise, validate, how long since confirmed, readiness.

Pure functions over plain values and an injected ``today``, shared by the BA4xx
checks and by ``beianaudit remind`` / ``beianaudit contacts``.  Dates are the
user's local calendar dates: TOML local dates in the config, and a ``today``
that the CLI takes from the local clock (``date.today()``).
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from beianaudit.i18n import _

if TYPE_CHECKING:
    from beianaudit.config import Config

PHONE, EMAIL = "phone", "email"
KINDS = (PHONE, EMAIL)
MAX_INPUT = 320  # the longest address RFC 5321 allows; anything longer is junk

# No code from the filing system reached a contact before the system existed: MIIT's
# 《非经营性互联网信息服务备案管理办法》 (信息产业部令第33号), which set up ICP filing,
# took effect on 20 March 2005.  A confirmation typed as earlier (``contacts verified
# --on``, ``init``) is a mistyped year, not a confirmation.
FILING_SYSTEM_START = date(2005, 3, 20)

_PHONE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")
_PHONE_PREFIX = re.compile(r"^(?:\+86|0086|86(?=\d{11}$))")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")


class Status(enum.StrEnum):
    """A contact's state; the values are part of the JSON contract (BA4xx ``data``)."""

    OK = "ok"
    STALE = "stale"
    NEVER_CONFIRMED = "never_confirmed"
    MISSING = "missing"
    INVALID = "invalid"


class InvalidContact(ValueError):
    """A phone or email that cannot be used; ``str()`` is a translated reason.

    The reason never repeats the value: it is a personal identifier.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.detail = detail  # the validator's own (English) words, for JSON data


def normalise_phone(raw: str) -> str:
    """A mainland mobile number as its 11 digits: ``+86 139-1234-5678`` → ``13912345678``.

    Spaces and dashes anywhere and a ``+86``/``0086``/``86`` prefix are accepted;
    full-width digits are folded (NFKC).
    """
    if len(raw) > MAX_INPUT:
        raise InvalidContact(_("far too long to be a phone number"))
    folded = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", raw))
    digits = _PHONE_PREFIX.sub("", folded)
    if not digits:
        raise InvalidContact(_("empty"))
    if not re.fullmatch(r"[0-9]+", digits):
        raise InvalidContact(_("holds characters other than digits, spaces, dashes and +86"))
    if len(digits) != 11:
        raise InvalidContact(
            _("has {count} digits; a mainland mobile number has 11").format(count=len(digits))
        )
    if not _MOBILE.fullmatch(digits):
        raise InvalidContact(_("a mainland mobile number starts with 13 to 19"))
    return digits


@dataclass(frozen=True)
class Email:
    normalised: str
    domain: str  # the ASCII (IDNA) form, lower case


# A plain ASCII address, which email-validator (2.x, check_deliverability=False) accepts
# unchanged but for the domain's case: a dot-atom local part of letters, digits and _+-,
# and a dotted host name ending in a letter, with no "--" (punycode and the like).
_PLAIN_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN_EMAIL = re.compile(
    rf"([A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*)@({_PLAIN_LABEL}(?:\.{_PLAIN_LABEL})+)", re.ASCII
)
# What email-validator treats apart (its SPECIAL_USE_DOMAIN_NAMES and
# CASE_INSENSITIVE_MAILBOX_NAMES, which tests/test_contacts_plain_email.py compares with these):
# an address that touches them goes to email-validator itself.
SPECIAL_USE_DOMAINS = ("arpa", "invalid", "local", "localhost", "onion", "test")
CASE_INSENSITIVE_MAILBOXES = frozenset(
    {
        *("info", "marketing", "sales", "support", "abuse", "noc", "security", "postmaster"),
        *("hostmaster", "usenet", "news", "webmaster", "www", "uucp", "ftp"),
    }
)


def _plain_email(address: str) -> Email | None:
    """The answer email-validator would give for a plain ASCII address, without importing
    it (60 ms at start-up, most of it compiling its grammar); ``None``: ask it."""
    match = _PLAIN_EMAIL.fullmatch(address)
    if match is None or len(address) > 254:
        return None
    local, domain = match.group(1), match.group(2).lower()
    if (
        len(local) > 64
        or len(domain) > 253
        or "--" in domain
        or not domain[-1].isalpha()
        or local.lower() in CASE_INSENSITIVE_MAILBOXES
        or any(domain == d or domain.endswith("." + d) for d in SPECIAL_USE_DOMAINS)
    ):
        return None
    return Email(normalised=f"{local}@{domain}", domain=domain)


def validate_email(raw: str) -> Email:
    """Check the syntax only (no DNS, no network) with the ``email-validator`` package
    (a plain ASCII address by :func:`_plain_email`, which gives its answer)."""
    if len(raw) > MAX_INPUT:
        raise InvalidContact(_("far too long to be an email address"))
    plain = _plain_email(raw.strip())
    if plain is not None:
        return plain
    from email_validator import EmailNotValidError
    from email_validator import validate_email as _validate

    try:
        result = _validate(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidContact(_("not a valid email address"), detail=str(exc)) from None
    return Email(normalised=result.normalized, domain=result.ascii_domain.lower())


def normalise(kind: str, raw: str) -> str:
    """The normalised form of a phone or email; :class:`InvalidContact` when unusable."""
    return normalise_phone(raw) if kind == PHONE else validate_email(raw).normalised


@dataclass(frozen=True)
class ContactState:
    """Everything known about one contact on ``today``."""

    kind: str  # "phone" | "email"
    value: str | None  # the normalised value when valid, else as written
    verified: date | None
    status: Status
    age_days: int | None  # days since confirmed
    stale_on: date | None  # the first day it counts as stale
    reason: str = ""  # why it is invalid (translated)
    detail: str = ""  # the validator's own words, when it gave any

    @property
    def usable(self) -> bool:
        """Bound and well-formed: a reset code could be sent to it (if still current)."""
        return self.status not in (Status.MISSING, Status.INVALID)

    def due_in(self, today: date) -> int | None:
        """Days until it turns stale (0 or less: it is stale already)."""
        return None if self.stale_on is None else (self.stale_on - today).days


def stale_on(verified: date, stale_after_days: int) -> date:
    """Older than ``stale_after_days`` is stale: confirmed on day 0, stale from day N+1."""
    return verified + timedelta(days=stale_after_days + 1)


def assess(
    kind: str, raw: str | None, verified: date | None, today: date, stale_after_days: int
) -> ContactState:
    """The state of one contact.  ``verified`` must not lie after ``today``."""
    if raw is None or not raw.strip():
        return ContactState(kind, None, verified, Status.MISSING, None, None)
    try:
        value = normalise(kind, raw)
    except InvalidContact as exc:
        return ContactState(kind, raw, verified, Status.INVALID, None, None, str(exc), exc.detail)
    if verified is None:
        return ContactState(kind, value, None, Status.NEVER_CONFIRMED, None, None)
    if verified > today:
        raise ValueError("verified after today")
    first_stale = stale_on(verified, stale_after_days)
    status = Status.STALE if today >= first_stale else Status.OK
    return ContactState(kind, value, verified, status, (today - verified).days, first_stale)


def verified_key(kind: str) -> tuple[str, str]:
    return ("contacts", f"{kind}_verified")


def check_dates(config: Config, today: date) -> None:
    """A confirmation date after ``today`` is a config error naming the key and its line."""
    from beianaudit.config import ConfigError

    for kind in KINDS:
        key = verified_key(kind)
        verified = getattr(config.contacts, key[1])
        if verified is not None and verified > today:
            line = config.line_of(*key)
            where = f"{config.path}:{line}" if line else str(config.path)
            raise ConfigError(
                f"{where}: {'.'.join(key)}: "
                + _("{date} lies in the future (today is {today}); a typo?").format(
                    date=verified.isoformat(), today=today.isoformat()
                )
            )


def states(config: Config, today: date) -> tuple[ContactState, ContactState]:
    """The phone's and the email's state; raises ``ConfigError`` for a future date."""
    check_dates(config, today)
    c, days = config.contacts, config.policy.stale_after_days
    return (
        assess(PHONE, c.phone, c.phone_verified, today, days),
        assess(EMAIL, c.email, c.email_verified, today, days),
    )


def readiness(phone: ContactState, email: ContactState) -> str | None:
    """Which fast recovery paths remain: ``None`` when both, else the contract's name."""
    if phone.usable and email.usable:
        return None
    if phone.usable:
        return "phone_only"
    if email.usable:
        return "email_only"
    return "none"


@functools.cache
def _extractor() -> Any:
    from beianaudit.urls.suffixes import Extractor

    # The bundled Public Suffix List snapshot only, read without importing tldextract
    # (and requests): no download, no cache written.
    return Extractor()


def registrable_domain(host: str) -> str:
    """``mail.zhangwei.com.cn`` → ``zhangwei.com.cn``, from the bundled suffix list only."""
    cleaned = host.strip().rstrip(".").lower()
    return _extractor()(cleaned).top_domain_under_public_suffix or cleaned


def filed_domain_of(email_domain: str, filed: Iterable[str]) -> str | None:
    """The filed domain that the mailbox lives under (same registrable domain), if any."""
    filed = [d for d in filed if d.strip()]
    if not filed:
        return None
    mine = registrable_domain(_ascii_host(email_domain))
    for domain in filed:
        if registrable_domain(_ascii_host(domain)) == mine:
            return domain
    return None


def _ascii_host(host: str) -> str:
    """A domain as IDNA ASCII where it converts, else as written (lower case)."""
    host = unicodedata.normalize("NFKC", host).strip().rstrip(".").lower()
    if len(host) > 253:  # no domain is longer, and the IDNA codec takes a second a megabyte
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host
