"""The recovery plan: which path back into the filing system fits, and what to prepare.

The guidance is a published third-party how-to, listed point by point in
``data/plan/guidance.toml`` (its real headings, and which situations each point
applies to).  The steps, materials and notes are data too (``data/plan/plan.toml``,
in Chinese and English, each citing the guidance's heading and the points it
carries); this module only chooses among them, from the user's situation, the
subject's type and what is known of the bound contacts.  What the config says of
those comes from the findings of the contact checks (``BA4xx``) by a data contract,
so the plan never imports those checks: it runs whatever checks of the identifier,
URL and contact families are registered, and names what they found in its
self-check step.  A plan needs no config: without one it knows the subject's type
only (asked, or ``--subject``), and every contact is unknown.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from beianaudit import registry
from beianaudit.config import Config
from beianaudit.finding import Finding
from beianaudit.mask import mask_email, mask_phone
from beianaudit.recovery.situations import SITUATIONS, SUBJECT_TYPES

if TYPE_CHECKING:
    from beianaudit.registry import EntryPoint

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
# What a readiness finding says about each contact ("phone_only": no email in the config…):
# missing from the config, which is not lost.
READINESS_LOST = {"phone_only": ("email",), "email_only": ("phone",), "none": CONTACTS}
# A situation that says a contact no longer receives codes.
LOST_IN = {"phone-lost": ("phone",), "email-lost": ("email",), "both-lost": CONTACTS}
PLACEHOLDERS = frozenset({"url", "hotline", "provider", "phone", "email", "numbers"})


# --- the data files -------------------------------------------------------------------------


@dataclass(frozen=True)
class Bilingual:
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh_CN" else self.en


@dataclass(frozen=True)
class Heading:
    """A heading of the guidance, as the article writes it (``title``; empty for the opening)."""

    id: str
    title: str
    zh: str
    en: str
    parent: str | None = None

    def text(self, lang: str) -> str:
        return (self.title or self.zh) if lang == "zh_CN" else self.en


@dataclass(frozen=True)
class Point:
    """One point of the guidance: where it stands, what it says, which plans must carry it."""

    id: str
    heading: str
    zh: str
    en: str
    situations: tuple[str, ...] = SITUATIONS  # empty: background, in no plan
    subject: str | None = None
    label: str | None = None
    hedge: str | None = None

    def applies(self, situation: str, subject: str) -> bool:
        return situation in self.situations and self.subject in (None, subject)


@dataclass(frozen=True)
class Guidance:
    sha256: str
    kind: Bilingual
    headings: Mapping[str, Heading]
    points: Mapping[str, Point]


@dataclass(frozen=True)
class Entry:
    """One step, material or note of the plan data, citing the guidance's heading and points."""

    id: str
    heading: str
    points: tuple[str, ...]
    zh: str
    en: str
    situations: tuple[str, ...] = SITUATIONS
    subject: str | None = None
    needs: str | None = None
    fallback: bool = False
    alternative_of: str | None = None
    zh_one: str | None = None  # a step with alternatives, when only one of them is open
    en_one: str | None = None

    def applies(self, situation: str, subject: str, open_routes: Iterable[str]) -> bool:
        return (
            situation in self.situations
            and self.subject in (None, subject)
            and (self.needs is None or self.needs in open_routes)
        )

    def text(self, lang: str, values: Mapping[str, str], one: bool = False) -> str:
        if one and self.zh_one and self.en_one:
            template = self.zh_one if lang == "zh_CN" else self.en_one
        else:
            template = self.zh if lang == "zh_CN" else self.en
        return template.format_map(values)


@dataclass(frozen=True)
class PlanData:
    hotline: str
    official_url: str
    provider_unknown: Bilingual
    numbers_unknown: Bilingual
    no_config: Bilingual
    situations: Mapping[str, Bilingual]
    subjects: Mapping[str, Bilingual]
    steps: tuple[Entry, ...]
    materials: tuple[Entry, ...]
    notes: tuple[Entry, ...]

    @property
    def entries(self) -> tuple[Entry, ...]:
        return (*self.steps, *self.materials, *self.notes)


def _bilingual(raw: Mapping[str, Any]) -> Bilingual:
    return Bilingual(zh=raw["zh"], en=raw["en"])


ENTRY_KEYS = frozenset(
    {"id", "heading", "points", "zh", "en", "situations", "subject", "needs", "fallback"}
    | {"alternative_of", "zh_one", "en_one"}
)


def _entry(raw: Mapping[str, Any]) -> Entry:
    unknown = set(raw) - ENTRY_KEYS
    if unknown:  # a typo in the data file must not be silently dropped
        raise ValueError(f"plan.toml: {raw.get('id')}: unknown keys {sorted(unknown)}")
    return Entry(
        id=raw["id"],
        heading=raw["heading"],
        points=tuple(raw["points"]),
        zh=raw["zh"],
        en=raw["en"],
        situations=tuple(raw.get("situations", SITUATIONS)),
        subject=raw.get("subject"),
        needs=raw.get("needs"),
        fallback=bool(raw.get("fallback", False)),
        alternative_of=raw.get("alternative_of"),
        zh_one=raw.get("zh_one"),
        en_one=raw.get("en_one"),
    )


def _read(name: str) -> dict[str, Any]:
    from beianaudit import data_toml

    return data_toml(f"plan/{name}")


@functools.cache
def load_guidance() -> Guidance:
    """The guidance's headings and points (``data/plan/guidance.toml``)."""
    raw = _read("guidance.toml")
    headings = {
        h["id"]: Heading(h["id"], h["title"], h.get("zh", h["title"]), h["en"], h.get("parent"))
        for h in raw["headings"]
    }
    points = {
        p["id"]: Point(
            id=p["id"],
            heading=p["heading"],
            zh=p["zh"],
            en=p["en"],
            situations=tuple(p.get("situations", SITUATIONS)),
            subject=p.get("subject"),
            label=p.get("label"),
            hedge=p.get("hedge"),
        )
        for p in raw["points"]
    }
    source = raw["source"]
    return Guidance(source["sha256"], _bilingual(source["kind"]), headings, points)


@functools.cache
def load_data() -> PlanData:
    """The package's plan data (read once; the tests check its every entry)."""
    raw = _read("plan.toml")
    meta = raw["meta"]
    return PlanData(
        hotline=meta["hotline"],
        official_url=meta["official_url"],
        provider_unknown=_bilingual(meta["provider_unknown"]),
        numbers_unknown=_bilingual(meta["numbers_unknown"]),
        no_config=_bilingual(meta["no_config"]),
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
    """What the plan knows of one contact.

    ``status`` comes from the config and the contact checks; it says nothing about what
    the filing system has bound: a contact left out of the config (``missing``) or
    mistyped in it (``invalid``) is *unknown*, and its reset route stays in the plan.
    Only the user (an answer, or a situation such as ``phone-lost``) can say that a
    contact is ``lost``, or ``confirmed`` that it still receives codes.
    """

    kind: str  # "phone" | "email"
    status: str  # one of STATUSES
    age_days: int | None = None
    shown: str | None = None  # masked, for output
    lost: bool = False  # the user (or the situation) says it no longer receives codes
    confirmed: bool = False  # the user says it still receives codes

    @property
    def open(self) -> bool:
        """Whether its reset route stays in the plan: unless it is known to be lost."""
        return not self.lost

    @property
    def usable(self) -> bool:
        """Known to be able to receive a code (from the config's contact checks or an answer)."""
        return not self.lost and (self.confirmed or self.status in USABLE)

    @property
    def known(self) -> bool:
        """Whether anything says what it is: a valid value in the config, or an answer."""
        return self.lost or self.confirmed or self.status in USABLE

    def as_json(self) -> dict[str, Any]:
        return {
            "value": self.shown,
            "status": self.status,
            "age_days": self.age_days,
            "lost": self.lost,
            "confirmed": self.confirmed,
            "usable": self.usable,
            "known": self.known,
        }


def _worse(a: str, b: str) -> str:
    return max(a, b, key=STATUSES.index)


def contact_states(config: Config | None, findings: Iterable[Finding]) -> dict[str, ContactState]:
    """Each contact's state from the contact checks' findings, else from the config.

    A contact that is in the config and that no finding is about counts as current;
    without a config both are ``missing`` (unknown).
    """
    contacts = config.contacts if config is not None else None
    bound = {
        "phone": contacts.phone if contacts else None,
        "email": contacts.email if contacts else None,
    }
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
        for missing in READINESS_LOST.get(readiness, ()) if isinstance(readiness, str) else ():
            status[missing] = _worse(status[missing], "missing")
    return {
        kind: ContactState(kind, status[kind], age[kind], shown[kind] if bound[kind] else None)
        for kind in CONTACTS
    }


def situation_from_contacts(contacts: Mapping[str, ContactState]) -> str:
    """The situation the contacts point to: which of them are known to be lost.

    A contact that is only missing from the config, or mistyped in it, is not lost:
    both reset routes stay, and the situation is ``forgot``.
    """
    phone, email = contacts["phone"].lost, contacts["email"].lost
    if phone and email:
        return "both-lost"
    if phone:
        return "phone-lost"
    if email:
        return "email-lost"
    return "forgot"


# --- the plan -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    entry: Entry
    fallback: bool  # needed only when the code-based steps before it fail
    found: tuple[Observation, ...] = ()  # what the checks found, for the self-check step
    alternatives: tuple[Entry, ...] = ()  # either of these does the step

    @property
    def entries(self) -> tuple[Entry, ...]:
        return (self.entry, *self.alternatives)

    def text(self, lang: str, values: Mapping[str, str]) -> str:
        return self.entry.text(lang, values, one=len(self.alternatives) == 1)


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
    configured: bool = True  # False: made without a config (nothing of the user's is known)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.self_check.findings

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every step (alternatives included), material and note of this plan."""
        return (*(e for s in self.steps for e in s.entries), *self.materials, *self.notes)

    @property
    def points(self) -> frozenset[str]:
        """The guidance's points this plan carries."""
        return frozenset(p for e in self.entries for p in e.points)

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
        """The placeholders' values in ``lang``; ``escape`` guards them for a markup.

        ``{phone}`` and ``{email}`` are the masked value in brackets, to follow a noun
        (“绑定的手机（139****5678）”), or nothing when it is unknown.
        """
        data = self.data
        sep = "、" if lang == "zh_CN" else ", "
        around = ("（", "）") if lang == "zh_CN" else (" (", ")")
        values = {
            "url": escape(data.official_url),
            "hotline": escape(data.hotline),
            "provider": escape(self.provider) if self.provider else "",
            "numbers": escape(sep.join(self.numbers)) if self.numbers else "",
        }
        if not self.provider:
            values["provider"] = data.provider_unknown.text(lang)
        if not self.numbers:
            unknown = data.numbers_unknown if self.configured else data.no_config
            values["numbers"] = unknown.text(lang)
        for kind, state in self.contacts.items():
            values[kind] = f"{around[0]}{escape(state.shown)}{around[1]}" if state.shown else ""
        return values

    def as_json(self, lang: str) -> dict[str, Any]:
        """The plan's own top-level fields of the JSON report."""
        values = self.values(lang)
        zh, en = self.values("zh_CN"), self.values("en")

        def entry(e: Entry, one: bool = False) -> dict[str, Any]:
            return {
                "id": e.id,
                "source": e.heading,
                "heading": e.heading,
                "points": list(e.points),
                "text": e.text(lang, values, one),
                "zh": e.text("zh_CN", zh, one),
                "en": e.text("en", en, one),
            }

        return {
            "situation": self.situation,
            "situation_from": self.situation_from,
            "subject_type": self.subject_type,
            "configured": self.configured,
            "steps": [
                {
                    "n": n,
                    **entry(step.entry, len(step.alternatives) == 1),
                    "fallback": step.fallback,
                    "alternatives": [entry(a) for a in step.alternatives],
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
    config: Config | None,
    situation: str | None,
    self_check: SelfCheck,
    lost: Iterable[str] = (),
    situation_from: str | None = None,
    subject: str | None = None,
    confirmed: Iterable[str] = (),
) -> Plan:
    """The plan for ``situation`` (None: the one the contacts point to).

    ``self_check`` is what :func:`run_self_check` ran and found (tests pass their
    own); ``lost`` and ``confirmed`` name contacts the user says no longer, or still,
    receive codes.  Without a config, ``subject`` (personal or enterprise) is required;
    with one, it overrides the config's type.
    """
    findings = self_check.findings
    if situation is not None and situation not in SITUATIONS:
        raise ValueError(situation)
    subject = subject or (config.subject.type if config is not None else None)
    if subject not in SUBJECT_TYPES:
        raise ValueError(f"subject type {subject!r}")
    lost = {*lost, *LOST_IN.get(situation or "", ())}
    confirmed = set(confirmed) - lost
    contacts = {
        kind: replace(s, lost=kind in lost, confirmed=kind in confirmed)
        for kind, s in contact_states(config, findings).items()
    }
    situation_from = situation_from or ("option" if situation else "config")
    if situation is None:
        situation = situation_from_contacts(contacts)
    data = load_data()
    routes = [kind for kind, state in contacts.items() if state.open]

    chosen = [e for e in data.steps if e.applies(situation, subject, routes)]
    has_code_path = any(e.needs for e in chosen)
    self_check_found = tuple(observe(f) for f in findings if not about_contacts(f))
    steps = []
    for e in chosen:
        if e.alternative_of:
            continue
        alternatives = tuple(a for a in chosen if a.alternative_of == e.id)
        if any(a.alternative_of == e.id for a in data.steps) and not alternatives:
            continue  # every way of doing this step is closed
        found = self_check_found if e.id == "self-check" else ()
        steps.append(Step(e, e.fallback and has_code_path, found, alternatives))
    needing = [s for s in steps if s.entry.fallback or s.entry.heading == "special"]
    return Plan(
        situation=situation,
        situation_from=situation_from,
        subject_type=subject,
        steps=tuple(steps),
        materials=tuple(e for e in data.materials if e.applies(situation, subject, routes)),
        materials_if_needed=bool(needing) and all(s.fallback for s in needing),
        notes=tuple(e for e in data.notes if e.applies(situation, subject, routes)),
        contacts=contacts,
        provider=config.filing.provider if config is not None else None,
        numbers=config.filing.numbers if config is not None else (),
        self_check=self_check,
        configured=config is not None,
    )
