"""Checks and how they are found: the entry-point group ``beianaudit.checks``.

Built-in checks are registered there too, so a third-party plugin is found, listed
and run exactly like them.  A check is data: a frozen dataclass made by the
:func:`check` decorator over a plain function.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import EntryPoint
from typing import TYPE_CHECKING

from beianaudit.finding import Finding, Severity
from beianaudit.i18n import _

if TYPE_CHECKING:
    from beianaudit.context import Context

GROUP = "beianaudit.checks"
BUILTIN = "built-in"
CRASH_ID = "BA001"  # a check that failed to load or raised while running


@dataclass(frozen=True)
class Check:
    id: str
    name: str
    summary: str
    run: Callable[[Context], Iterable[Finding]]


def check(id: str, name: str) -> Callable[[Callable[[Context], Iterable[Finding]]], Check]:
    """Make a :class:`Check` of a function; its docstring's first line is the summary."""

    def wrap(fn: Callable[[Context], Iterable[Finding]]) -> Check:
        summary = (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else ""
        return Check(id=id, name=name, summary=summary, run=fn)

    return wrap


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


def select(
    checks: Sequence[Registered], only: Sequence[str], skip: Sequence[str]
) -> list[Registered]:
    """Apply ``--only`` and ``--skip``; an id that names no check is a ``ValueError``."""
    known = {r.check.id for r in checks}
    unknown = [i for i in (*only, *skip) if i not in known]
    if unknown:
        raise ValueError(", ".join(unknown))
    return [r for r in checks if (not only or r.check.id in only) and r.check.id not in skip]


def run(checks: Iterable[Registered], context: Context) -> list[Finding]:
    """Run each check; one that raises is reported as a finding and the run goes on.

    Except a ``ConfigError``: a check that finds the config unusable (a date in the
    future…) stops the run, and the CLI reports it as a config error (exit 2).
    """
    from beianaudit.config import ConfigError

    findings: list[Finding] = []
    for registered in checks:
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
