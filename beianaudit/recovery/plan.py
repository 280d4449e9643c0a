"""The recovery plan: which path back into the filing system fits, and what to prepare.

The steps, materials and safety notes are data (``data/plan/plan.toml``, in Chinese
and English, each naming the section of the guidance it comes from); this module
only chooses among them, from the user's situation, the subject's type and the
state of the bound contacts.  That state comes from the findings of the contact
checks (``BA4xx``) by a data contract, so the plan never imports those checks:
it runs whatever checks of the identifier, URL and contact families are
registered, and names what they found in its self-check step.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from beianaudit import registry
from beianaudit.config import Config
from beianaudit.finding import Finding
from beianaudit.mask import mask_email, mask_phone
from beianaudit.recovery.situations import SITUATIONS

if TYPE_CHECKING:
    from beianaudit.registry import EntryPoint

SUBJECT_TYPES = ("personal", "enterprise")
CONTACTS = ("phone", "email")
# The check families whose findings the plan uses: identifiers, URLs, contacts.
SELF_CHECK_FAMILIES = ("BA2", "BA3", "BA4")
IDENTIFIER_FAMILY, URL_FAMILY, CONTACT_FAMILY = SELF_CHECK_FAMILIES
# Verdicts of the identifier (BA2xx) and URL (BA3xx) data contracts; the first of each is fine.
IDENTIFIER_VERDICTS = ("valid", "lookalike", "invalid")
URL_VERDICTS = ("official", "official_insecure", "gov_other", "lookalike", "other", "invalid")
# Contact states of the BA4xx data contract, best first; the worst one reported wins.
STATUSES = ("ok", "stale", "never_confirmed", "missing", "invalid")
USABLE = ("ok", "stale", "never_confirmed")
# What a readiness finding says about each contact ("phone_only": no email bound…).
READINESS_LOST = {"phone_only": ("email",), "email_only": ("phone",), "none": CONTACTS}
# A situation that says a contact no longer receives codes.
LOST_IN = {"phone-lost": ("phone",), "email-lost": ("email",), "both-lost": CONTACTS}
PLACEHOLDERS = frozenset({"url", "hotline", "provider", "phone", "email", "numbers"})


# --- the data file -------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One step, material or note of the data file."""

    id: str
    source: str
    zh: str
    en: str
    situations: tuple[str, ...] = SITUATIONS
    subject: str | None = None
    needs: str | None = None
    fallback: bool = False

    def applies(self, situation: str, subject: str, usable: Iterable[str]) -> bool:
        return (
            situation in self.situations
            and self.subject in (None, subject)
            and (self.needs is None or self.needs in usable)
        )

    def text(self, lang: str, values: Mapping[str, str]) -> str:
        template = self.zh if lang == "zh_CN" else self.en
        return template.format_map(values)


@dataclass(frozen=True)
class Bilingual:
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh_CN" else self.en


@dataclass(frozen=True)
class PlanData:
    hotline: str
    official_url: str
    provider_unknown: Bilingual
    numbers_unknown: Bilingual
    contact_unknown: Bilingual
    sources: Mapping[str, Bilingual]
    situations: Mapping[str, Bilingual]
    subjects: Mapping[str, Bilingual]
    steps: tuple[Entry, ...]
    materials: tuple[Entry, ...]
    notes: tuple[Entry, ...]


def _bilingual(raw: Mapping[str, Any]) -> Bilingual:
    return Bilingual(zh=raw["zh"], en=raw["en"])


def _entry(raw: Mapping[str, Any]) -> Entry:
    return Entry(
        id=raw["id"],
        source=raw["source"],
        zh=raw["zh"],
        en=raw["en"],
        situations=tuple(raw.get("situations", SITUATIONS)),
        subject=raw.get("subject"),
        needs=raw.get("needs"),
        fallback=bool(raw.get("fallback", False)),
    )


@functools.cache
def load_data() -> PlanData:
    """The package's plan data (read once; the tests check its every entry)."""
    import tomllib

    from beianaudit import data_text

    raw = tomllib.loads(data_text("plan/plan.toml"))
    meta = raw["meta"]
    return PlanData(
        hotline=meta["hotline"],
        official_url=meta["official_url"],
        provider_unknown=_bilingual(meta["provider_unknown"]),
        numbers_unknown=_bilingual(meta["numbers_unknown"]),
        contact_unknown=_bilingual(meta["contact_unknown"]),
        sources={k: _bilingual(v) for k, v in raw["sources"].items()},
        situations={k: _bilingual(v) for k, v in raw["situations"].items()},
        subjects={k: _bilingual(v) for k, v in raw["subjects"].items()},
        steps=tuple(_entry(e) for e in raw["steps"]),
        materials=tuple(_entry(e) for e in raw["materials"]),
        notes=tuple(_entry(e) for e in raw["notes"]),
    )


# --- the self-check: the registered identifier, URL and contact checks ----------------------


@dataclass(frozen=True)
class SelfCheck:
    """What the self-check ran (check ids) and what it found."""

    checks: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()


def run_self_check(
    config: Config, today: date, entry_points: Iterable[EntryPoint] | None = None
) -> SelfCheck:
    """Run every registered check of the families the plan uses (default: the installed ones).

    A check of those families that fails to load or raises is reported as the
    registry reports it (``BA001``, its target the check's id); the others run.
    """
    from beianaudit.context import Context

    checks, problems = registry.discover(entry_points)
    selected = [r for r in checks if r.check.id.startswith(SELF_CHECK_FAMILIES)]
    ours = [p for p in problems if p.target.startswith(SELF_CHECK_FAMILIES)]
    found = registry.run(selected, Context(config=config, today=today))
    return SelfCheck(tuple(r.check.id for r in selected), tuple(ours + found))


def _data(finding: Finding) -> Mapping[str, Any]:
    """A finding's data, or nothing when a (third-party) check left it out or malformed."""
    return finding.data if isinstance(finding.data, Mapping) else {}


def about_contacts(finding: Finding) -> bool:
    """Whether a finding is about the contacts: a contact check's, or one saying it crashed."""
    about = finding.target if finding.check == registry.CRASH_ID else finding.check
    return about.startswith(CONTACT_FAMILY)


def _positions(value: Any) -> tuple[int, ...]:
    """A list of positions, or nothing when a (third-party) check gave something else."""
    return tuple(p for p in value if isinstance(p, int)) if isinstance(value, list) else ()


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class Observation:
    """An identifier or URL finding as the self-check step reads it, by the data contract.

    ``family`` is ``"other"`` for a finding without the contract's data (a crashed
    check, a plugin): the step then shows the finding's own message.
    """

    finding: Finding
    family: str  # "identifier" | "url" | "other"
    verdict: str | None = None
    kind: str | None = None  # identifiers: ric | uscc | icp | psb
    suggestion: str | None = None  # identifiers: what was probably meant (unmasked)
    changed: tuple[int, ...] = ()  # identifiers: positions of the suggestion that differ
    host: str | None = None  # URLs: where the address really leads

    @property
    def problem(self) -> bool:
        """Whether the user has something to fix before trying again."""
        return self.verdict not in (IDENTIFIER_VERDICTS[0], URL_VERDICTS[0])

    def as_json(self) -> dict[str, Any]:
        return {
            "check": self.finding.check,
            "target": self.finding.target,
            "family": self.family,
            "verdict": self.verdict,
            "kind": self.kind,
            "suggestion": self.suggestion,
            "host": self.host,
            "problem": self.problem,
            "message": self.finding.message,
        }


def observe(finding: Finding) -> Observation:
    """Read one finding of the identifier or URL family (anything else is ``other``)."""
    data = _data(finding)
    verdict = data.get("verdict")
    if finding.check.startswith(IDENTIFIER_FAMILY) and verdict in IDENTIFIER_VERDICTS:
        return Observation(
            finding,
            "identifier",
            verdict,
            kind=_text(data.get("kind")),
            suggestion=_text(data.get("suggestion")),
            changed=_positions(data.get("changed")),
        )
    if finding.check.startswith(URL_FAMILY) and verdict in URL_VERDICTS:
        return Observation(finding, "url", verdict, host=_text(data.get("host")))
    return Observation(finding, "other")


# --- the contacts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactState:
    kind: str  # "phone" | "email"
    status: str  # one of STATUSES
    age_days: int | None = None
    shown: str | None = None  # masked, for output
    lost: bool = False  # the user (or the situation) says it no longer receives codes

    @property
    def usable(self) -> bool:
        return self.status in USABLE and not self.lost

    def as_json(self) -> dict[str, Any]:
        return {
            "value": self.shown,
            "status": self.status,
            "age_days": self.age_days,
            "lost": self.lost,
            "usable": self.usable,
        }


def _worse(a: str, b: str) -> str:
    return max(a, b, key=STATUSES.index)


def contact_states(config: Config, findings: Iterable[Finding]) -> dict[str, ContactState]:
    """Each contact's state from the contact checks' findings, else from the config.

    A contact that is in the config and that no finding is about counts as current.
    """
    bound = {"phone": config.contacts.phone, "email": config.contacts.email}
    mask = {"phone": mask_phone, "email": mask_email}
    status = {kind: "ok" if bound[kind] else "missing" for kind in CONTACTS}
    age: dict[str, int | None] = dict.fromkeys(CONTACTS)
    shown = {kind: mask[kind](value) if value else None for kind, value in bound.items()}
    for finding in findings:
        if not finding.check.startswith(CONTACT_FAMILY):
            continue  # a crashed contact check (BA001) says nothing about the contacts
        data = _data(finding)
        kind = data.get("contact")
        if kind in CONTACTS and data.get("status") in STATUSES:
            status[kind] = _worse(status[kind], data["status"])
            age_days = data.get("age_days")
            if isinstance(age_days, int) and not isinstance(age_days, bool):
                age[kind] = age_days
            if bound[kind] and _text(data.get("normalised")):  # BA401: "+86 139…" read as
                shown[kind] = mask[kind](data["normalised"])
        readiness = data.get("readiness")
        for lost in READINESS_LOST.get(readiness, ()) if isinstance(readiness, str) else ():
            status[lost] = _worse(status[lost], "missing")
    return {
        kind: ContactState(kind, status[kind], age[kind], shown[kind] if bound[kind] else None)
        for kind in CONTACTS
    }


def situation_from_contacts(contacts: Mapping[str, ContactState]) -> str:
    """The situation the contacts alone point to: which of them cannot receive a code."""
    phone, email = contacts["phone"].usable, contacts["email"].usable
    if not phone and not email:
        return "both-lost"
    if not phone:
        return "phone-lost"
    if not email:
        return "email-lost"
    return "forgot"


# --- the plan -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    entry: Entry
    fallback: bool  # taken only when the code-based steps before it fail
    found: tuple[Observation, ...] = ()  # what the checks found, for the self-check step


@dataclass(frozen=True)
class Plan:
    situation: str
    situation_from: str  # "option" | "answers" | "config"
    subject_type: str
    steps: tuple[Step, ...]
    materials: tuple[Entry, ...]
    materials_if_needed: bool  # only the fallback steps need them
    notes: tuple[Entry, ...]
    contacts: Mapping[str, ContactState]
    provider: str | None
    numbers: tuple[str, ...]
    self_check: SelfCheck = field(default_factory=SelfCheck)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.self_check.findings

    @property
    def checked_identifiers_or_urls(self) -> bool:
        """Whether an identifier or URL check ran: else the self-check has nothing to say."""
        return any(not c.startswith(CONTACT_FAMILY) for c in self.self_check.checks)

    @property
    def checked_contacts(self) -> bool:
        """Whether a contact check ran: else "ok" only means "bound"."""
        return any(c.startswith(CONTACT_FAMILY) for c in self.self_check.checks)

    @property
    def data(self) -> PlanData:
        return load_data()

    def values(self, lang: str, escape: Any = str) -> dict[str, str]:
        """The placeholders' values in ``lang``; ``escape`` guards them for a markup."""
        data = self.data
        sep = "、" if lang == "zh_CN" else ", "
        contact = {
            kind: state.shown or data.contact_unknown.text(lang)
            for kind, state in self.contacts.items()
        }
        values = {
            "url": data.official_url,
            "hotline": data.hotline,
            "provider": self.provider or data.provider_unknown.text(lang),
            "numbers": sep.join(self.numbers) or data.numbers_unknown.text(lang),
            **contact,
        }
        return {key: escape(value) for key, value in values.items()}

    def as_json(self, lang: str) -> dict[str, Any]:
        """The plan's own top-level fields of the JSON report."""
        values = self.values(lang)

        def entry(e: Entry) -> dict[str, Any]:
            return {
                "id": e.id,
                "source": e.source,
                "text": e.text(lang, values),
                "zh": e.text("zh_CN", self.values("zh_CN")),
                "en": e.text("en", self.values("en")),
            }

        return {
            "situation": self.situation,
            "situation_from": self.situation_from,
            "subject_type": self.subject_type,
            "steps": [
                {
                    "n": n,
                    **entry(step.entry),
                    "fallback": step.fallback,
                    "found": [o.as_json() for o in step.found],
                }
                for n, step in enumerate(self.steps, start=1)
            ],
            "materials": [entry(m) for m in self.materials],
            "materials_if_needed": self.materials_if_needed,
            "notes": [entry(n) for n in self.notes],
            "self_check": list(self.self_check.checks),
            "contacts": {
                **{kind: state.as_json() for kind, state in self.contacts.items()},
                "checked": self.checked_contacts,
                "provider": self.provider,
                "hotline": self.data.hotline,
                "official_url": self.data.official_url,
            },
        }


def build(
    config: Config,
    situation: str | None,
    self_check: SelfCheck,
    lost: Iterable[str] = (),
    situation_from: str | None = None,
) -> Plan:
    """The plan for ``situation`` (None: the one the contacts point to).

    ``self_check`` is what :func:`run_self_check` ran and found (tests pass their
    own); ``lost`` names contacts the user says no longer receive codes.
    """
    findings = self_check.findings
    if situation is not None and situation not in SITUATIONS:
        raise ValueError(situation)
    lost = {*lost, *LOST_IN.get(situation or "", ())}
    contacts = {
        kind: ContactState(s.kind, s.status, s.age_days, s.shown, lost=kind in lost)
        for kind, s in contact_states(config, findings).items()
    }
    situation_from = situation_from or ("option" if situation else "config")
    if situation is None:
        situation = situation_from_contacts(contacts)
    data = load_data()
    subject = config.subject.type
    usable = [kind for kind, state in contacts.items() if state.usable]

    chosen = [e for e in data.steps if e.applies(situation, subject, usable)]
    has_code_path = any(e.needs for e in chosen)
    self_check_found = tuple(observe(f) for f in findings if not about_contacts(f))
    steps = tuple(
        Step(
            entry=e,
            fallback=e.fallback and has_code_path,
            found=self_check_found if e.id == "self-check" else (),
        )
        for e in chosen
    )
    needing = [s for s in steps if s.entry.fallback or s.entry.source == "5-subject-change"]
    return Plan(
        situation=situation,
        situation_from=situation_from,
        subject_type=subject,
        steps=steps,
        materials=tuple(e for e in data.materials if e.applies(situation, subject, usable)),
        materials_if_needed=bool(needing) and all(s.fallback for s in needing),
        notes=tuple(e for e in data.notes if e.applies(situation, subject, usable)),
        contacts=contacts,
        provider=config.filing.provider,
        numbers=config.filing.numbers,
        self_check=self_check,
    )
