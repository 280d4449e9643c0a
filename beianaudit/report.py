"""Reports and their formatters: the only code that turns findings into output.

Formatters are pure, ``(report) -> str``; whether to colour is decided by the
caller (:func:`use_colour`) and passed in.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from beianaudit import __version__
from beianaudit.finding import Finding, Severity
from beianaudit.i18n import _, ngettext

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
        return {
            "tool": "beianaudit",
            "version": __version__,
            "ok": summary[Severity.ERROR.label] == 0,
            "summary": summary,
            **self.extra,
            "findings": [f.as_json() for f in self.findings],
        }


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def severity_label(severity: Severity) -> str:
    return {
        Severity.ERROR: _("error"),
        Severity.WARNING: _("warning"),
        Severity.INFO: _("info"),
    }[severity]


def render_json(report: Report) -> str:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2, default=str)


def render_jsonl(report: Report) -> str:
    """One line of JSON Lines: the same object as :func:`render_json`, unindented."""
    return _JSONL.encode(report.as_json())


def render_fields(fields: Mapping[str, Any]) -> str:
    """``--format compact``: one line of JSON of the verdict's own fields, without the
    findings and their translated text, which cost a batch line as much as the verdict."""
    return _JSONL.encode(fields)


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
        lines.append(_style(target, colour, bold=True))
        for f in sorted(findings, key=lambda f: -f.severity):
            label = _style(f"{severity_label(f.severity)}", colour, fg=_COLOURS[f.severity])
            lines.append(f"  {label} {f.check} {f.message}")
            if f.hint:
                lines.append(f"      → {f.hint}")
    if summary:
        lines.append(summary_line(report))
    return "\n".join(lines)


def summary_line(report: Report) -> str:
    if not report.findings:
        return _("No problems found.")
    return counts_line({s: report.count(s) for s in Severity})


def counts_line(counts: Mapping[Severity, int]) -> str:
    """``1 error, 0 warnings, 2 infos``."""
    errors, warnings, infos = (counts.get(s, 0) for s in _WORST_FIRST)
    parts = [
        ngettext("{n} error", "{n} errors", errors).format(n=errors),
        ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        ngettext("{n} info", "{n} infos", infos).format(n=infos),
    ]
    return _(", ").join(parts)
