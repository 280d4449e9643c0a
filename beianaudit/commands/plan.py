"""``beianaudit plan``: the user's own way back into the filing system, as a checklist."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from beianaudit.commands.common import (
    UserError,
    config_option,
    emit,
    format_option,
    lang_option,
    load_config,
    prompt_suffix,
    today,
)
from beianaudit.finding import Severity
from beianaudit.i18n import N_, _
from beianaudit.recovery.situations import SITUATIONS

if TYPE_CHECKING:
    from beianaudit.config import Config
    from beianaudit.recovery.plan import ContactState, Observation, Plan

STATUS_LABELS = {
    "ok": N_("current"),
    "stale": N_("not confirmed for {days} days"),
    "never_confirmed": N_("never confirmed"),
    "missing": N_("not bound"),
    "invalid": N_("not a valid value in the config"),
}


def is_terminal() -> bool:
    """Questions are asked only when a person sits at the keyboard."""
    return sys.stdin.isatty()


@click.command(
    "plan", help=_("Your recovery plan: which path fits, what to prepare, whom to call.")
)
@config_option
@click.option(
    "--situation",
    type=click.Choice(SITUATIONS),
    help=_("Your situation; without it, the config and a few yes/no questions decide."),
)
@format_option("text", "json", "markdown")
@lang_option
@click.pass_context
def plan_command(
    ctx: click.Context, config_path: str | None, situation: str | None, fmt: str
) -> None:
    from beianaudit.i18n import current_language
    from beianaudit.recovery import plan as planning
    from beianaudit.report import Report

    config = load_config(config_path)
    checked = planning.run_self_check(config, today(ctx))
    if situation is None and is_terminal():
        contacts = planning.contact_states(config, checked.findings)
        situation, lost = ask(config, contacts)
        result = planning.build(config, situation, checked, lost, situation_from="answers")
    else:
        result = planning.build(config, situation, checked)
    lang = current_language()
    if fmt == "json":
        emit(Report(result.findings, extra=result.as_json(lang)), fmt)
    else:
        click.echo(render(result, lang, markdown=fmt == "markdown"))
    ctx.exit(0)  # a plan is advice, not a finding: printed is success


# --- the questions ---------------------------------------------------------------------------


# click.confirm takes only y/yes/n/no; a Chinese user answers 是 or 否 as readily.
_ANSWERS = {"y": True, "yes": True, "是": True, "n": False, "no": False, "否": False}


class _YesNo(click.ParamType):
    name = "yes/no"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> bool:
        answer = _ANSWERS.get(str(value).strip().lower())
        if answer is None:
            self.fail(_("answer y (是) or n (否)"), param, ctx)
        return answer


def _yes(question: str) -> bool:
    try:
        answer = click.prompt(
            f"{question} [y/n]", type=_YesNo(), prompt_suffix=prompt_suffix(), err=True
        )
        return bool(answer)
    except click.Abort:
        raise UserError(
            _("no answer: run again on a terminal, or name your situation with --situation")
        ) from None


def ask(config: Config, contacts: dict[str, ContactState]) -> tuple[str | None, list[str]]:
    """Ask what the config cannot tell; return the situation (None: from the contacts) and
    the contacts the user says are lost.

    The contacts come first: a lost one decides the path, so a user who lost the phone
    answers two questions.  Only when both still receive codes do the rarer situations
    need asking.
    """
    lost = []
    questions = {
        "phone": _("Does the bound phone {phone} still receive SMS codes?"),
        "email": _("Does the bound email {email} still receive mail?"),
    }
    for kind, state in contacts.items():
        if state.usable and not _yes(questions[kind].format(**{kind: state.shown})):
            lost.append(kind)
    if lost or not all(state.usable for state in contacts.values()):
        return None, lost
    certificate = (
        _("Is the resident ID card lost?")
        if config.subject.type == "personal"
        else _("Is the business licence lost?")
    )
    rarer: list[tuple[str, str]] = [
        (
            "subject-changed",
            _(
                "Has the subject's information changed (company renamed, new business "
                "licence, new legal representative, new ID card)?"
            ),
        ),
        ("certificate-lost", certificate),
        (
            "account-abnormal",
            _("Does the system say the account is not found or its information is abnormal?"),
        ),
    ]
    for situation, question in rarer:
        if _yes(question):
            return situation, lost
    return "forgot", lost


# --- rendering -------------------------------------------------------------------------------


def _escape_markdown(value: str) -> str:
    """A value that Markdown would take for markup (``139****5678``) as a code span."""
    if not any(c in "\\`*_[]<>#|" for c in value):
        return value
    if "`" not in value:
        return f"`{value}`"
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in value)


KIND_LABELS = {
    "ric": N_("resident ID number"),
    "uscc": N_("unified social credit code"),
    "icp": N_("ICP filing number"),
    "psb": N_("public security filing number"),
}
PUBLIC_KINDS = ("icp", "psb")  # filing numbers are published on every filed site

# What the self-check step says about an identifier or URL check's verdict.
VERDICT_TEXTS = {
    ("identifier", "valid"): N_("{target}: a valid {kind}"),
    ("identifier", "lookalike"): N_(
        "{target}: looks mistyped (a look-alike character such as O for 0); retype it"
    ),
    ("identifier", "invalid"): N_("{target}: not a valid {kind}; check it character by character"),
    ("url", "official"): N_("{target}: the official site"),
    ("url", "official_insecure"): N_("{target}: the official site, but not over https; use {url}"),
    ("url", "gov_other"): N_(
        "{target}: {host} is another government site, not the filing system; use {url}"
    ),
    ("url", "lookalike"): N_(
        "{target}: {host} imitates the official site; never use it, use {url}"
    ),
    ("url", "other"): N_("{target}: {host} is not the official site; use {url}"),
    ("url", "invalid"): N_("{target}: not a valid address; use {url}"),
}
SUGGESTION_TEXT = N_(
    "{target}: looks mistyped (a look-alike character such as O for 0); did you mean {suggestion}?"
)


def describe(seen: Observation, values: dict[str, str], esc: Callable[[str], str]) -> str:
    """One line about what a check found, personal values masked, ``esc`` guarding them."""
    from beianaudit.mask import mask_id_except

    finding = seen.finding
    if seen.family == "other":
        return esc(f"{finding.check} {finding.message}")
    suggestion = seen.suggestion
    if suggestion and seen.kind not in PUBLIC_KINDS:
        # Masked but where it differs from what was typed: that is what to change.
        suggestion = mask_id_except(suggestion, seen.changed)
    template = VERDICT_TEXTS[(seen.family, seen.verdict or "")]
    if seen.verdict == "lookalike" and suggestion:
        template = SUGGESTION_TEXT
    kind = _(KIND_LABELS[seen.kind]) if seen.kind in KIND_LABELS else _("identifier")
    return _(template).format(
        target=esc(finding.target),
        kind=kind,
        suggestion=esc(suggestion or ""),
        host=esc(seen.host or "?"),
        url=values["url"],
    )


def _contact_line(state: ContactState, plan: Plan, value: str) -> str:
    label = {"phone": _("phone"), "email": _("email")}[state.kind]
    if state.status == "ok" and state.lost:
        status = _("bound")
    elif state.status == "ok" and not plan.checked_contacts:
        status = _("bound (no contact check is installed to tell whether it is current)")
    else:
        status = _(STATUS_LABELS[state.status]).format(days=state.age_days or "?")
    if state.lost:
        use = _("you said it no longer receives codes: do not rely on it")
    elif state.usable:
        use = _("use it for the verification code")
    else:
        use = _("cannot receive a code")
    return _("{contact} {value}: {status}; {use}").format(
        contact=label, value=value, status=status, use=use
    )


def render(plan: Plan, lang: str, markdown: bool = False) -> str:
    """The plan as plain text, or as a Markdown checklist to print (``- [ ]`` items)."""
    from beianaudit.recovery.plan import about_contacts

    data = plan.data
    esc: Callable[[str], str] = _escape_markdown if markdown else str
    values = plan.values(lang, esc)
    title = _("Recovery plan: {situation} ({subject} subject)").format(
        situation=data.situations[plan.situation].text(lang),
        subject=data.subjects[plan.subject_type].text(lang),
    )
    lines = [f"# {title}" if markdown else title, ""]

    def heading(text: str) -> None:
        lines.append(f"## {text}" if markdown else text)

    def item(text: str, box: bool) -> None:
        if markdown:
            lines.append(f"- [ ] {text}" if box else f"- {text}")
        else:
            lines.append(f"  - {text}")

    heading(_("Steps"))
    for n, step in enumerate(plan.steps, start=1):
        text = step.entry.text(lang, values)
        if step.fallback:
            text = _("Only if the steps above fail: {step}").format(step=text)
        lines.append(f"- [ ] {n}. {text}" if markdown else f"{n:2}. {text}")
        if step.entry.id == "self-check":
            found = [describe(seen, values, esc) for seen in step.found]
            if plan.checked_identifiers_or_urls and not any(s.problem for s in step.found):
                found.append(_("beianaudit's checks found nothing wrong here."))
            for text in found:
                lines.append(f"  - {text}" if markdown else f"      · {text}")
    lines.append("")

    heading(
        _("Materials, in case you need them")
        if plan.materials_if_needed
        else _("Materials to prepare")
    )
    for material in plan.materials:
        item(material.text(lang, values), box=True)
    lines.append("")

    heading(_("Contacts"))
    for kind, state in plan.contacts.items():
        item(_contact_line(state, plan, values[kind]), box=False)
    for finding in plan.findings:
        if about_contacts(finding) and finding.severity >= Severity.WARNING:
            item(esc(f"{finding.check} {finding.message}"), box=False)
    item(_("access provider: {provider}").format(provider=values["provider"]), box=False)
    item(_("MIIT filing hotline: {hotline}").format(hotline=values["hotline"]), box=False)
    item(_("official site: {url}").format(url=values["url"]), box=False)
    lines.append("")

    heading(_("Always"))
    for note in plan.notes:
        item(note.text(lang, values), box=False)
    return "\n".join(lines)
