"""Reports and their formatters: the only code that turns findings into output.

Formatters are pure, ``(report) -> str``; whether to colour is decided by the
caller (:func:`use_colour`) and passed in.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from beianaudit import __version__
from beianaudit.finding import Finding, Severity
from beianaudit.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from beianaudit.registry import Skipped

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_WORST_FIRST = sorted(Severity, reverse=True)
# One encoder, made once: json.dumps with options builds a new one per call, which
# is a fifth of a batch line's cost.
_JSONL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    # Top-level fields a command about one thing adds (``url``, ``verdict``…).
    extra: Mapping[str, Any] = field(default_factory=dict)
    # Selected checks that did not run, and why: without them an empty report
    # would read as an all-clear about things nobody looked at.  ``None`` for a
    # command that runs no checks (no ``skipped`` field in its JSON).
    skipped: tuple[Skipped, ...] | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def ok(self) -> bool:
        return self.count(Severity.ERROR) == 0

    def exit_code(self, fail_on: Severity) -> int:
        """0 when nothing is at or above ``fail_on``, else 1."""
        return int(any(f.severity >= fail_on for f in self.findings))

    def as_json(self) -> dict[str, Any]:
        summary = dict.fromkeys((s.label for s in _WORST_FIRST), 0)
        for finding in self.findings:
            summary[finding.severity.label] += 1
        skipped = {} if self.skipped is None else {"skipped": [s.as_json() for s in self.skipped]}
        return {
            "tool": "beianaudit",
            "version": __version__,
            "ok": summary[Severity.ERROR.label] == 0,
            "summary": summary,
            **self.extra,
            **skipped,
            "findings": [f.as_json() for f in self.findings],
        }


COLOUR_MODES = ("auto", "always", "never")


def use_colour(stream: TextIO, mode: str = "auto") -> bool:
    """Whether to colour what goes to ``stream``, as other tools decide it.

    ``--color always`` / ``never`` settle it.  Otherwise (``auto``): never when
    ``NO_COLOR`` is set (no-color.org), always when ``FORCE_COLOR`` is (CI logs,
    ``| less -R``), never on a ``TERM=dumb`` terminal (Emacs shell), else only on a
    terminal.  NO_COLOR wins over FORCE_COLOR, as in pytest.
    """
    if mode != "auto":
        return mode == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


_SEVERITY_LABELS = {
    Severity.ERROR: N_("error"),
    Severity.WARNING: N_("warning"),
    Severity.INFO: N_("info"),
}


def severity_label(severity: Severity) -> str:
    return _(_SEVERITY_LABELS[severity])


def render_json(report: Report) -> str:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2, default=str)


def render_jsonl(report: Report) -> str:
    """One line of JSON Lines: the same object as :func:`render_json`, unindented."""
    return _JSONL.encode(report.as_json())


def render_fields(fields: Mapping[str, Any]) -> str:
    """``--format compact``: one line of JSON of the verdict's own fields, without the
    findings and their translated text, which cost a batch line as much as the verdict."""
    return _JSONL.encode(fields)


# What a finding is about, as text output names it: a finding's ``target`` is a config key
# or a name, which the JSON keeps as it is; a reader of text gets words, with the key.
TARGET_LABELS = {
    "password": N_("new password"),
    "config": N_("config file"),
    "contacts": N_("contacts"),
    "contacts.phone": N_("phone (contacts.phone)"),
    "contacts.email": N_("email (contacts.email)"),
    "filing.login_url": N_("bookmarked login URL (filing.login_url)"),
    "subject.id": N_("subject's ID number (subject.id)"),
}
_FILING_NUMBER = "filing.numbers["


def target_label(target: str) -> str:
    """A known target in words (``contacts.email`` → ``邮箱（contacts.email）``); any
    other target (a URL, an identifier as typed) as it is."""
    label = TARGET_LABELS.get(target)
    if label is not None:
        return _(label)
    if target.startswith(_FILING_NUMBER) and target.endswith("]"):
        index = target[len(_FILING_NUMBER) : -1]
        if index.isdigit():
            return _("filing number {n} ({target})").format(n=int(index) + 1, target=target)
    return target


def _style(text: str, colour: bool, **styles: Any) -> str:
    if not colour:
        return text
    import click

    return click.style(text, **styles)


def render_text(
    report: Report, colour: bool = False, header: str = "", summary: bool = True
) -> str:
    """Findings grouped by what they are about, worst group first, then a summary
    (``summary=False``: a batch prints one total at its end, :func:`counts_line`)."""
    lines = [header] if header else []
    groups: dict[str, list[Finding]] = {}
    for finding in report.findings:
        groups.setdefault(finding.target, []).append(finding)
    ordered = sorted(groups.items(), key=lambda kv: -max(f.severity for f in kv[1]))
    for target, findings in ordered:
        lines.append(_style(target_label(target), colour, bold=True))
        for f in sorted(findings, key=lambda f: -f.severity):
            label = _style(f"{severity_label(f.severity)}", colour, fg=_COLOURS[f.severity])
            lines.append(f"  {label} {f.check} {f.message}")
            if f.hint:
                lines.append(f"      → {as_sentence(f.hint)}")
    lines.extend(skipped_lines(report))
    if summary:
        lines.append(summary_line(report))
    return "\n".join(lines)


# Words a hint may start with that keep their case: they are typed as they are.
_AS_TYPED = ("beianaudit", "chmod", "pip", "pipx")


def as_sentence(text: str) -> str:
    """A hint shown on its own line starts as a sentence does: ``restrict it…`` →
    ``Restrict it…``.  A first word typed as it is (a command, a key such as
    ``contacts.email``, a URL) keeps its case, and so does text without case (Chinese)."""
    word = text.split(" ", 1)[0].rstrip(":,;")
    if not word[:1].islower() or not word.isalpha() or word in _AS_TYPED:
        return text
    return text[0].upper() + text[1:]


def skipped_lines(report: Report) -> list[str]:
    """One line per reason a selected check did not run, naming the checks."""
    by_reason: dict[str, list[str]] = {}
    for s in report.skipped or ():
        by_reason.setdefault(s.reason, []).append(s.id)
    return [
        ngettext(
            "{n} check did not run ({reason}): {ids}",
            "{n} checks did not run ({reason}): {ids}",
            len(ids),
        ).format(n=len(ids), reason=reason, ids=_(", ").join(ids))
        for reason, ids in by_reason.items()
    ]


def summary_line(report: Report) -> str:
    """The counts that are not zero (``1 error, 2 warnings``), or that nothing was found."""
    if not report.findings:
        if report.skipped:
            return _("No problems found by the checks that ran.")
        return _("No problems found.")
    return counts_line({s: report.count(s) for s in Severity})


def counts_line(counts: Mapping[Severity, int]) -> str:
    """The counts that are not zero, worst first (``1 error, 2 warnings``); ``no findings``
    when all are zero."""
    n = {s: counts.get(s, 0) for s in _WORST_FIRST}
    forms = {
        Severity.ERROR: ngettext("{n} error", "{n} errors", n[Severity.ERROR]),
        Severity.WARNING: ngettext("{n} warning", "{n} warnings", n[Severity.WARNING]),
        # "info" is uncountable: 1 info, 2 info.
        Severity.INFO: ngettext("{n} info", "{n} info", n[Severity.INFO]),
    }
    parts = [forms[s].format(n=n[s]) for s in _WORST_FIRST if n[s]]
    if not parts:
        return _("no findings")
    return _(", ").join(parts)
