"""Results in words (Chinese or English) and as findings; resident IDs masked in text."""

from __future__ import annotations

import functools
import unicodedata

from beianaudit.finding import Finding, Severity
from beianaudit.i18n import N_, _, current_language
from beianaudit.identifiers.judgement import LOOKALIKE, VALID, Problem, Result, escape
from beianaudit.identifiers.kinds import ICP, PSB, RIC
from beianaudit.mask import mask_id, mask_id_except

CHECK_SUBJECT_ID = "BA201"
CHECK_FILING_NUMBER = "BA202"

KIND_NAMES = {
    "ric": N_("resident ID number"),
    "uscc": N_("unified social credit code"),
    "icp": N_("ICP filing number"),
    "psb": N_("public-security filing number"),
}
PERMIT_NAMES = {
    "hong_kong": N_("the residence permit of a Hong Kong resident"),
    "macao": N_("the residence permit of a Macao resident"),
    "taiwan": N_("the residence permit of a Taiwan resident"),
}
VERDICT_NAMES = {
    "valid": N_("valid"),
    "lookalike": N_("look-alike characters"),
    "invalid": N_("invalid"),
}
# What to say about one character; {pos} {char} {code} {to} are filled in.
CHAR_MESSAGES = {
    "whitespace": N_("position {pos}: a blank character ({code}): delete it"),
    "invisible": N_("position {pos}: an invisible character ({code}): delete it"),
    "fullwidth": N_("position {pos}: full-width {char} ({code}): type the half-width {to}"),
    "lowercase": N_("position {pos}: lower-case {char}: type the capital {to}"),
    "lookalike": N_("position {pos}: {char} ({code}) looks like {to}: type {to}"),
    "cyrillic": N_("position {pos}: Cyrillic {char} ({code}) looks like Latin {to}: type {to}"),
    "greek": N_("position {pos}: Greek {char} ({code}) looks like Latin {to}: type {to}"),
    "traditional": N_("position {pos}: traditional {char} ({code}): type the simplified {to}"),
    "dash": N_("position {pos}: {char} ({code}) is not a hyphen: type -"),
    "b8": N_("position {pos}: {char} may be {to}: with {to} the check character is right"),
    "illegal": N_("position {pos}: {char} ({code}) cannot stand here"),
    "format": N_("position {pos}: {char} ({code}) does not belong here: expected {expected}"),
    "trailing": N_("position {pos}: {char} ({code}) and what follows do not belong to the number"),
    "province": N_("position {pos}: {char} is not a province abbreviation (such as 京, 沪, 粤)"),
    "site": N_("position {pos}: a site number starts at 1, without a leading 0"),
}
# What to say about the value as a whole or a span of it.
VALUE_MESSAGES = {
    "checksum": N_(
        "position {pos}: the check character does not match the others: one of them is mistyped"
    ),
    "gb11714": N_("position {pos}: the organisation code's check digit (GB 11714) is wrong"),
    "pilot": N_(
        "position {pos}: the check character does not follow GB 32100, like the codes Fujian "
        "issued in its pilot before the standard (91350211M0000XUF46): copied from the "
        "licence it is genuine; typed by hand, check positions 1-8 and 18"
    ),
    "category": N_(
        "positions {pos}-{end}: GB 32100 lists no such registration authority and "
        "category pair (such as 91 for an enterprise, 92 for a sole trader)"
    ),
    "date": N_("positions {pos}-{end}: not a real birth date"),
    "future": N_("positions {pos}-{end}: the birth date is in the future"),
    "region": N_("positions {pos}-{end}: no such region code, past or present (GB/T 2260)"),
    "retired": N_(
        "positions {pos}-{end}: this region code was last used in {year}, years before the "
        "birth date; a number is given at birth or later, so it cannot carry this code"
    ),
    "length": N_("{count} characters: the wrong length for a {kind}"),
    "first_generation": N_(
        "15 digits: a first-generation ID number; the filing system wants the 18-digit "
        "number on your current card"
    ),
    "too_long": N_("{count} characters: far too long for any identifier"),
    "licence": N_(
        "a telecom business licence number (ICP证, B1-/B2-), not a filing number: "
        "find the number that reads like 浙ICP备…号"
    ),
    "missing": N_("it ends too early: {expected} is missing"),
    "icp_digits": N_("position {pos}: {count} digits, where an ICP filing number has 8 or 10"),
    "psb_digits": N_("position {pos}: {count} digits, where a public-security number has 14"),
    "year": N_("positions {pos}-{end}: the filing year is in the future"),
}


def _cached(message: str) -> str:
    """``_(message)``, remembered per language: a batch asks for the same few thousands of times."""
    return _translated(current_language(), message)


@functools.lru_cache(maxsize=256)
def _translated(language: str, message: str) -> str:
    return _(message)


def kind_name(kind: str) -> str:
    return _cached(KIND_NAMES[kind])


def verdict_name(verdict: str) -> str:
    return _cached(VERDICT_NAMES[verdict])


def describe(problem: Problem, kind: str) -> str:
    """One line about one problem, in the current language."""
    if problem.char is not None and problem.reason in CHAR_MESSAGES:
        template = CHAR_MESSAGES[problem.reason]
    else:
        template = VALUE_MESSAGES.get(problem.reason, problem.reason)
    char = problem.char or ""
    return _cached(template).format(
        pos=problem.position,
        end=problem.end,
        char=_quoted(char),
        code=f"U+{ord(char):04X}" if len(char) == 1 else "",
        to=_quoted(problem.looks_like or ""),
        count=problem.count,
        kind=kind_name(kind),
        expected=_quoted(problem.expected or ""),
        year=problem.year,
    )


def _quoted(text: str) -> str:
    """A character shown so that it can be told apart: visible ones quoted, others escaped."""
    return f"“{escape(text)}”" if text and unicodedata.category(text[0]) != "Zs" else escape(text)


def shown(value: str, result: Result) -> str:
    """The value as it may be printed: a valid resident ID masked in the middle.

    A suggested resident ID is masked too, except where it differs from what was
    typed: the user knows their number and needs to see only what to change.
    """
    if not _personal(result):
        return escape(value)
    if result.verdict == VALID:
        return mask_id(value)
    return mask_id_except(value, result.changed)


def _personal(result: Result) -> bool:
    """A resident ID, or a value that reads as one too: masked in text."""
    return result.kind == RIC or any(r.kind == RIC for r in result.alternatives)


def text_lines(result: Result, colour: bool = False) -> list[str]:
    """The detailed text block for one identifier (``beianaudit id``).

    With ``colour`` (a terminal), the characters to change stand out in what was
    typed (red) and in the suggestion (green); the carets stay, for copy and paste.
    """
    typed = shown(result.input, result) if result.verdict == VALID else _typed(result)
    if colour:
        wrong = {p.position for p in result.problems if p.char is not None}
        typed = _highlight(typed, result.input, wrong, "red")
    lines = [f"{typed}  [{kind_name(result.kind)}] {verdict_name(result.verdict)}"]
    if result.residence_permit:
        lines.append("  " + _cached(PERMIT_NAMES[result.residence_permit]))
    lines += [f"  {describe(p, result.kind)}" for p in result.problems]
    if result.suggestion:
        suggestion = shown(result.suggestion, result)
        if colour:
            suggestion = _highlight(suggestion, result.suggestion, set(result.changed), "green")
        label = _("type instead:")
        lines.append(f"  {label} {suggestion}")
        lines.append("  " + " " * _width(label + " ") + _carets(result.suggestion, result.changed))
    for candidate in result.candidates:
        lines.append("  " + _("possible: {value}").format(value=shown(candidate, result)))
    for other in result.alternatives:
        lines.append("  " + _also(other))
        lines += [f"    {describe(p, other.kind)}" for p in other.problems]
    return lines


def _also(other: Result) -> str:
    return _("it also reads as a {kind}: {verdict}").format(
        kind=kind_name(other.kind), verdict=verdict_name(other.verdict)
    )


def _typed(result: Result) -> str:
    """What was typed; a resident ID is masked in the middle but for the problem characters."""
    value = result.input
    if not _personal(result) or len(value) > 64:
        return escape(value)
    keep = {p.position for p in result.problems if p.char is not None}
    last = len(value) - 4
    return escape(
        "".join(c if i < 4 or i >= last or i + 1 in keep else "*" for i, c in enumerate(value))
    )


def _highlight(display: str, value: str, positions: set[int], colour: str) -> str:
    """``display`` with the characters at the 1-based ``positions`` of ``value`` in bold
    ``colour``; unchanged when escaping made ``display`` other than one character each."""
    if not positions or len(display) != len(value):
        return display
    import click

    return "".join(
        click.style(c, fg=colour, bold=True) if i in positions else c
        for i, c in enumerate(display, 1)
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _carets(value: str, changed: tuple[int, ...]) -> str:
    """``^`` under each changed position, with wide characters counted as two columns."""
    marks = []
    for i, c in enumerate(value, 1):
        w = _width(c)
        marks.append(("^" if i in changed else " ") * w)
    return "".join(marks).rstrip()


def summary(result: Result) -> str:
    """One line: what the identifier is and what to do; both readings when two fit."""
    line = _summary(result)
    for other in result.alternatives:
        line = _("{summary}; {also}: check which one it is").format(summary=line, also=_also(other))
    return line


def _summary(result: Result) -> str:
    if result.suggestion:
        return _("the {kind} has look-alike characters: type {value}").format(
            kind=kind_name(result.kind), value=shown(result.suggestion, result)
        )
    if result.verdict == LOOKALIKE and result.candidates:
        return _(
            "the {kind} has look-alike characters, and the checks cannot tell a single "
            "correction: compare it with the document"
        ).format(kind=kind_name(result.kind))
    if result.verdict == LOOKALIKE:
        return _(
            "the {kind} has look-alike characters, and no correction of them passes the "
            "checks: compare it with the document"
        ).format(kind=kind_name(result.kind))
    if _only_pilot(result):
        return _(
            "the {kind} breaks GB 32100 as the early Fujian pilot codes do: compare it with "
            "the licence"
        ).format(kind=kind_name(result.kind))
    return _("the {kind} is {verdict}").format(
        kind=kind_name(result.kind), verdict=verdict_name(result.verdict)
    )


def _only_pilot(result: Result) -> bool:
    """Nothing wrong but the check character of a code shaped like Fujian's pilot ones."""
    return [p.reason for p in result.problems] == ["pilot"]


def finding(result: Result, target: str) -> Finding | None:
    """The finding a result makes (``None`` when valid); ``data`` per the BA2xx contract.

    A code shaped like Fujian's pilot ones is a warning: it may well be genuine.  So is
    a valid value that reads as a valid identifier of the other kind too.
    """
    if result.verdict == VALID and not result.alternatives:
        return None
    check = CHECK_FILING_NUMBER if result.kind in (ICP, PSB) else CHECK_SUBJECT_ID
    warning = _only_pilot(result) or result.verdict == VALID
    return Finding(
        check=check,
        severity=Severity.WARNING if warning else Severity.ERROR,
        message=summary(result),
        target=target,
        hint=_("; ").join(describe(p, result.kind) for p in result.problems),
        data={
            "verdict": result.verdict,
            "kind": result.kind,
            "suggestion": result.suggestion,
            "changed": list(result.changed),  # 1-based positions in the suggestion
            "candidates": list(result.candidates),
            "problems": [p.as_json() for p in result.problems],
            "residence_permit": result.residence_permit,
            "readings": [r.reading_json() for r in result.readings],
        },
    )
