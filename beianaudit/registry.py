"""Checks and how they are found: the entry-point group ``beianaudit.checks``.

Built-in checks are registered there too, so a third-party plugin is found, listed
and run exactly like them.  A check is data: a frozen dataclass made by the
:func:`check` decorator over a plain function.
"""

from __future__ import annotations

import inspect
import re
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import EntryPoint
from typing import TYPE_CHECKING

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
NEEDS = {
    "password": N_("no password given: use --password-stdin or --ask-password"),
    "config": N_("no config file read, so none of your own data to look for: use --config"),
}
# The same, named as what a check runs only with (``beianaudit checks ID``).
NEED_NAMES = {
    "password": N_("a candidate password (--password-stdin or --ask-password)"),
    "config": N_("a config file (your own data to look for)"),
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
        doc = inspect.cleandoc(fn.__doc__ or "")
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


def _origin(ep: EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    name = dist.metadata["Name"] if dist is not None else None
    if name == "beianaudit" or (name is None and ep.value.startswith("beianaudit.")):
        return BUILTIN
    return name or ep.value.split(":")[0]


def installed_entry_points() -> list[EntryPoint]:
    from importlib.metadata import entry_points

    return list(entry_points(group=GROUP))


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
