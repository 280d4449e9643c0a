"""Checks and how they are found: the entry-point group ``beianaudit.checks``.

Built-in checks are registered there too, so a third-party plugin is found, listed
and run exactly like them.  A check is data: a frozen dataclass made by the
:func:`check` decorator over a plain function.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from beianaudit.finding import Finding, Severity
from beianaudit.i18n import N_, _

if TYPE_CHECKING:
    from beianaudit.context import Context

GROUP = "beianaudit.checks"
BUILTIN = "built-in"
CRASH_ID = "BA001"  # a check that failed to load or raised while running

# What a check may declare it needs beyond the config, and why it cannot run
# without it.  A check without what it needs is not run but reported as skipped:
# "nothing found" must never stand for "nothing looked at".
# A dotted key names a config value the check judges (``a|b``: either will do); these
# keys are the ``needs`` of ``skipped`` in the JSON report, a stable contract.
NEEDS = {
    "password": N_("no password given: use --password-stdin or --ask-password"),
    "config": N_("no config file read, so none of your own data to look for: use --config"),
    "subject.id": N_("no subject.id in the config"),
    "filing.numbers": N_("no filing.numbers in the config"),
    "filing.domains": N_("no filing.domains in the config"),
    "filing.login_url": N_("no filing.login_url in the config"),
    "contacts.phone": N_("no contacts.phone in the config"),
    "contacts.email": N_("no contacts.email in the config"),
    "contacts.phone|email": N_("neither contacts.phone nor contacts.email in the config"),
}
# The same, named as what a check runs only with (``beianaudit checks ID``).
NEED_NAMES = {
    "password": N_("a candidate password (--password-stdin or --ask-password)"),
    "config": N_("a config file (your own data to look for)"),
    "subject.id": N_("subject.id in the config"),
    "filing.numbers": N_("filing.numbers in the config"),
    "filing.domains": N_("filing.domains in the config"),
    "filing.login_url": N_("filing.login_url in the config"),
    "contacts.phone": N_("contacts.phone in the config"),
    "contacts.email": N_("contacts.email in the config"),
    "contacts.phone|email": N_("contacts.phone or contacts.email in the config"),
}
FAMILIES = {
    "BA0": N_("the registry's own"),
    "BA1": N_("password"),
    "BA2": N_("identifiers"),
    "BA3": N_("URLs"),
    "BA4": N_("contacts"),
    "BA5": N_("config hygiene"),
}


@dataclass(frozen=True)
class Check:
    id: str
    name: str
    summary: str
    run: Callable[[Context], Iterable[Finding]]
    doc: str = ""  # the whole docstring, for `beianaudit checks ID`
    needs: tuple[str, ...] = ()  # keys of NEEDS


def check(
    id: str, name: str, needs: str | Sequence[str] = ()
) -> Callable[[Callable[[Context], Iterable[Finding]]], Check]:
    """Make a :class:`Check` of a function; its docstring's first line is the summary.

    ``needs`` names what the check cannot run without (``"password"``, ``"config"``):
    the registry skips it, and says so, when the context lacks it.
    """
    wanted = (needs,) if isinstance(needs, str) else tuple(needs)
    unknown = [n for n in wanted if n not in NEEDS]
    if unknown:
        raise ValueError(f"{id}: unknown needs {unknown}; known: {sorted(NEEDS)}")

    def wrap(fn: Callable[[Context], Iterable[Finding]]) -> Check:
        doc = inspect.cleandoc(fn.__doc__ or "")  # inspect: already loaded by dataclasses
        summary = doc.splitlines()[0] if doc else ""
        return Check(id=id, name=name, summary=summary, run=fn, doc=doc, needs=wanted)

    return wrap


def family(check_id: str) -> str:
    """The untranslated name of an id's family (``BA403`` → contacts), or ``""``."""
    return FAMILIES.get(check_id[:3], "") if re.fullmatch(r"BA\d+", check_id) else ""


@dataclass(frozen=True)
class Skipped:
    """A selected check that did not run, and why (a message of :data:`NEEDS`)."""

    id: str
    needs: str
    reason: str

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "reason": self.reason, "needs": self.needs}


@dataclass(frozen=True)
class Registered:
    check: Check
    origin: str  # "built-in" or the plugin's distribution name


class EntryPoint(Protocol):
    """What the registry needs of an entry point: ``importlib.metadata.EntryPoint`` (the
    tests make some by hand) or the lighter :class:`FoundEntryPoint`."""

    name: str
    value: str

    def load(self) -> Any: ...


def _origin(ep: EntryPoint) -> str:
    name = getattr(ep, "dist_name", None)
    dist = getattr(ep, "dist", None)
    if name is None and dist is not None:
        name = dist.metadata["Name"]
    if name == "beianaudit" or (name is None and ep.value.startswith("beianaudit.")):
        return BUILTIN
    return name or ep.value.split(":")[0]


@dataclass(frozen=True)
class FoundEntryPoint:
    """An entry point of the group, read from a distribution's ``entry_points.txt``."""

    name: str
    value: str
    dist_name: str
    group: str = GROUP

    def load(self) -> Any:
        """As ``importlib.metadata.EntryPoint.load``: ``module:attr.attr``."""
        import importlib

        module, _colon, attrs = self.value.partition("[")[0].strip().partition(":")
        obj = importlib.import_module(module.strip())
        for attr in filter(None, attrs.strip().split(".")):
            obj = getattr(obj, attr)
        return obj


def installed_entry_points(group: str = GROUP) -> list[FoundEntryPoint]:
    """The group's entry points, as ``importlib.metadata.entry_points(group=group)`` finds
    them, without importing ``importlib.metadata`` (50 ms at start-up): the
    ``*.dist-info``/``*.egg-info`` folders on ``sys.path`` (the first of each name wins),
    and only those whose ``entry_points.txt`` names the group are read further."""
    import os
    import re
    import sys

    found: list[FoundEntryPoint] = []
    seen: set[str] = set()
    for folder in sys.path:
        try:
            entries = sorted(os.scandir(folder or "."), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            stem, dot, suffix = entry.name.rpartition(".")
            if not dot or suffix not in ("dist-info", "egg-info"):
                continue
            key = re.sub(r"[-_.]+", "_", stem.partition("-")[0]).lower()
            if key in seen:
                continue
            seen.add(key)
            text = _read(os.path.join(entry.path, "entry_points.txt"))
            if f"[{group}]" in text:
                found.extend(_group_entries(text, entry.path, key, group))
    return found


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except (OSError, UnicodeDecodeError):
        return ""


def _group_entries(text: str, folder: str, key: str, group: str) -> list[FoundEntryPoint]:
    """The ``name = value`` lines of the group's section, as importlib.metadata reads them."""
    import os

    name = key
    for line in (
        _read(os.path.join(folder, "METADATA")).splitlines()
        or _read(os.path.join(folder, "PKG-INFO")).splitlines()
    ):
        if line.startswith("Name:"):
            name = line.partition(":")[2].strip()
            break
        if not line:
            break
    section = None
    entries = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == group and "=" in line:
            ep_name, _, value = line.partition("=")
            entries.append(FoundEntryPoint(ep_name.strip(), value.strip(), name, group))
    return entries


def discover(eps: Iterable[EntryPoint] | None = None) -> tuple[list[Registered], list[Finding]]:
    """Load every check; a plugin that fails to load becomes a finding, not a crash."""
    found: list[Registered] = []
    problems: list[Finding] = []
    for ep in installed_entry_points() if eps is None else eps:
        try:
            obj = ep.load()
            if not isinstance(obj, Check):
                raise TypeError(type(obj).__name__)
        except Exception as exc:
            problems.append(_crash(ep.name, exc, _("check {id} could not be loaded ({error})")))
            continue
        found.append(Registered(obj, _origin(ep)))
    found.sort(key=lambda r: r.check.id)
    return found, problems


def _prefix(word: str) -> str:
    """``ba3xx`` → ``BA3``: ids are matched case-insensitively, and ``x`` after a
    digit stands for any digit (``BA3xx`` as the docs write a family)."""
    return re.sub(r"(?<=\d)X+$", "", word.strip().upper())


def matches(word: str, check_id: str) -> bool:
    """Whether ``word`` (an id or a prefix of ids, as ``--only`` takes) names ``check_id``."""
    return check_id.upper().startswith(_prefix(word))


def select(
    checks: Sequence[Registered], only: Sequence[str], skip: Sequence[str]
) -> list[Registered]:
    """Apply ``--only`` and ``--skip``, which take ids or prefixes (``BA1``, ``ba3xx``);
    a word that names no check is a ``ValueError``."""
    ids = [r.check.id for r in checks]
    unknown = [w for w in (*only, *skip) if not any(matches(w, i) for i in ids)]
    if unknown:
        raise ValueError(", ".join(unknown))

    def named(check_id: str, words: Sequence[str]) -> bool:
        return any(matches(w, check_id) for w in words)

    return [
        r for r in checks if (not only or named(r.check.id, only)) and not named(r.check.id, skip)
    ]


def _unmet(check: Check, context: Context) -> str | None:
    return next((need for need in check.needs if not context.has(need)), None)


def skipped(checks: Iterable[Registered], context: Context) -> list[Skipped]:
    """The checks :func:`run` leaves out for want of what they need, with why."""
    found = []
    for registered in checks:
        need = _unmet(registered.check, context)
        if need is not None:
            found.append(Skipped(registered.check.id, need, _(NEEDS[need])))
    return found


def run(checks: Iterable[Registered], context: Context) -> list[Finding]:
    """Run each check that has what it needs (:func:`skipped` names the others); one
    that raises is reported as a finding and the run goes on.

    Except a ``ConfigError``: a check that finds the config unusable (a date in the
    future…) stops the run, and the CLI reports it as a config error (exit 2).
    """
    from beianaudit.config import ConfigError

    findings: list[Finding] = []
    for registered in checks:
        if _unmet(registered.check, context) is not None:
            continue
        try:
            results = list(registered.check.run(context))
            for item in results:
                if not isinstance(item, Finding):
                    raise TypeError(type(item).__name__)
        except ConfigError:
            raise
        except Exception as exc:
            findings.append(_crash(registered.check.id, exc, _("check {id} crashed ({error})")))
            continue
        findings.extend(results)
    return findings


def _crash(check_id: str, exc: BaseException, template: str) -> Finding:
    """A finding about a broken check.

    It names the exception's type and where it was raised, never its message:
    a message can carry whatever the check was handling, a password included.
    """
    import traceback  # only for a broken check: 5 to 15 ms at start-up

    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    return Finding(
        check=CRASH_ID,
        severity=Severity.ERROR,
        message=template.format(id=check_id, error=type(exc).__name__),
        target=check_id,
        hint=_("the other checks ran; report this to the check's author"),
        data={"exception": type(exc).__name__, "where": where},
    )
