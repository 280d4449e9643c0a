"""``beianaudit plan``: the user's own way back into the filing system, as a checklist."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from beianaudit.commands.common import (
    ANSWERS,
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
from beianaudit.recovery.situations import SITUATIONS, SUBJECT_TYPES

if TYPE_CHECKING:
    from beianaudit.config import Config
    from beianaudit.recovery.plan import ContactState, Observation, Plan

STATUS_LABELS = {
    "ok": N_("within its confirmation period"),
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
@click.option(
    "--subject",
    type=click.Choice(SUBJECT_TYPES),
    help=_(
        "The filing subject's type, when there is no config (default: the config's "
        "subject.type; on a terminal without a config, asked)."
    ),
)
@format_option("text", "json", "markdown")
@lang_option
@click.pass_context
def plan_command(
    ctx: click.Context,
    config_path: str | None,
    situation: str | None,
    subject: str | None,
    fmt: str,
) -> None:
    from beianaudit.i18n import current_language
    from beianaudit.recovery import plan as planning
    from beianaudit.report import Report

    config = optional_config(config_path)
    if config is None and subject is None:
        if not is_terminal():
            raise UserError(
                _(
                    "no config file: name the filing subject's type with --subject "
                    "personal|enterprise (or run on a terminal to be asked, or give --config PATH)"
                )
            )
        subject = ask_subject()
    checked = (
        planning.run_self_check(config, today(ctx)) if config is not None else planning.SelfCheck()
    )
    if situation is None and is_terminal():
        contacts = planning.contact_states(config, checked.findings)
        situation, lost, confirmed = ask(subject or _subject_of(config), contacts)
        result = planning.build(
            config, situation, checked, lost, "answers", subject=subject, confirmed=confirmed
        )
    else:
        result = planning.build(config, situation, checked, subject=subject)
    lang = current_language()
    if fmt == "json":
        emit(Report(result.findings, extra=result.as_json(lang)), fmt)
    else:
        click.echo(render(result, lang, markdown=fmt == "markdown"))
    ctx.exit(0)  # a plan is advice, not a finding: printed is success


def optional_config(config_path: str | None) -> Config | None:
    """The config, or None when none is named and the default one does not exist.

    A config that is named (``--config``, ``BEIANAUDIT_CONFIG``) must exist and be
    valid, as for every command: only its absence altogether is no error here,
    since the user who needs a plan is often the one who never set the tool up.
    """
    from beianaudit.config import default_path

    if not config_path and not default_path().exists():
        return None
    return load_config(config_path)


def _subject_of(config: Config | None) -> str:
    assert config is not None
    return config.subject.type


# --- the questions ---------------------------------------------------------------------------


_SUBJECTS = {
    "p": "personal",
    "personal": "personal",
    "个人": "personal",
    "e": "enterprise",
    "enterprise": "enterprise",
    "单位": "enterprise",
    "企业": "enterprise",
}


class _Answer(click.ParamType):
    """y/n, or with ``unsure`` also ``?`` (None: the user does not know)."""

    name = "yes/no"

    def __init__(self, unsure: bool = False) -> None:
        self.unsure = unsure

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> bool | None:
        key = str(value).strip().lower()
        if key not in ANSWERS or (ANSWERS[key] is None and not self.unsure):
            if self.unsure:
                self.fail(_("answer y (是), n (否) or ? (不确定)"), param, ctx)
            self.fail(_("answer y (是) or n (否)"), param, ctx)
        return ANSWERS[key]


class _Subject(click.ParamType):
    name = "personal/enterprise"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        subject = _SUBJECTS.get(str(value).strip().lower())
        if subject is None:
            self.fail(_("answer p (个人) or e (单位)"), param, ctx)
        return subject


def _prompt(question: str, kind: click.ParamType, choices: str) -> Any:
    try:
        return click.prompt(
            f"{question} [{choices}]", type=kind, prompt_suffix=prompt_suffix(), err=True
        )
    except click.Abort:
        raise UserError(
            _("no answer: run again on a terminal, or name your situation with --situation")
        ) from None


def _yes(question: str) -> bool:
    return bool(_prompt(question, _Answer(), "y/n"))


def ask_subject() -> str:
    """Without a config: is the filing a person's or an organisation's?"""
    return str(
        _prompt(
            _("No config file. Is the filing in a person's name (p) or an organisation's (e)?"),
            _Subject(),
            "p/e",
        )
    )


def ask(subject: str, contacts: dict[str, ContactState]) -> tuple[str | None, list[str], list[str]]:
    """Ask what the config cannot tell; return the situation (None: from the contacts),
    the contacts the user says are lost and those the user says still work.

    Every contact is asked about: one left out of the config or mistyped in it may well
    be bound in the filing system.  A lost one decides the path, so a user who lost the
    phone answers two questions; only when none is lost do the rarer situations need
    asking.  "?" (unsure) leaves a contact unknown, and its route in the plan.
    """
    lost, confirmed = [], []
    known = {
        "phone": _("Does the bound phone {phone} still receive SMS codes?"),
        "email": _("Does the bound email {email} still receive mail?"),
    }
    unknown = {
        "phone": _(
            "Is a phone number bound to your filing, and does it still receive SMS codes? "
            "(the config names none that is valid)"
        ),
        "email": _(
            "Is an email bound to your filing, and does it still receive mail? "
            "(the config names none that is valid)"
        ),
    }
    for kind, state in contacts.items():
        question = known[kind].format(**{kind: state.shown}) if state.known else unknown[kind]
        answer = _prompt(question, _Answer(unsure=True), "y/n/?")
        if answer is False:
            lost.append(kind)
        elif answer is True:
            confirmed.append(kind)
    if lost:
        return None, lost, confirmed
    certificate = (
        _("Is the resident ID card lost?")
        if subject == "personal"
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
            return situation, lost, confirmed
    return "forgot", lost, confirmed


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
    from beianaudit.report import target_label

    return _(template).format(
        target=esc(target_label(finding.target)),
        kind=kind,
        suggestion=esc(suggestion or ""),
        host=esc(seen.host or "?"),
        url=values["url"],
    )


def _contact_line(state: ContactState, plan: Plan, esc: Callable[[str], str]) -> str:
    label = {"phone": _("phone"), "email": _("email")}[state.kind]
    value = f" {esc(state.shown)}" if state.shown else ""
    if state.status == "ok" and (state.lost or state.confirmed):
        status = _("bound")
    elif state.status == "ok" and not plan.checked_contacts:
        status = _("bound (no contact check is installed to tell whether it is current)")
    elif state.status == "missing" and not plan.configured:
        status = _("no config file given")
    elif state.status == "missing":
        status = _("not in the config")
    else:
        status = _(STATUS_LABELS[state.status]).format(days=state.age_days or "?")
    if state.lost:
        use = _("you said it no longer receives codes: that way is left out")
    elif state.confirmed:
        use = _("you said it still receives codes: use it for the verification code")
    elif state.usable and state.status == "ok" and plan.checked_contacts:
        use = _("use it for the verification code")
    elif state.usable:
        # Stale, never confirmed, or no check to tell: bound, but nobody knows lately.
        use = _("whether it still receives codes is uncertain; try it first")
    else:
        use = _(
            "unknown whether one is bound in the filing system and still receives codes; "
            "the plan keeps this way, worth a try"
        )
    return _("{contact}{value}: {status}; {use}").format(
        contact=label, value=value, status=status, use=use
    )


def _materials_heading(plan: Plan) -> str:
    """Whose list the materials are: the article's examples for a manual review (needed
    only if it comes to that), the article's examples that only some cases call for
    (subject changed, certificate lost), or what support asks for (the article gives no
    examples for an appeal)."""
    if plan.situation == "account-abnormal":
        return N_("Materials to prepare (as support asks)")
    if plan.materials_if_needed:
        return N_(
            "Materials, in case you need them (the article's examples; the channel you submit "
            "to has the final say)"
        )
    return N_(
        "Materials that may be needed (the article's examples; asked for only in some cases; "
        "the channel you submit to has the final say)"
    )


def render(plan: Plan, lang: str, markdown: bool = False) -> str:
    """The plan as plain text, or as a Markdown checklist to print (``- [ ]`` items)."""
    from beianaudit.recovery.plan import about_contacts, load_guidance

    data = plan.data
    esc: Callable[[str], str] = _escape_markdown if markdown else str
    values = plan.values(lang, esc)
    title = _("Recovery plan: {situation} ({subject} subject)").format(
        situation=data.situations[plan.situation].text(lang),
        subject=data.subjects[plan.subject_type].text(lang),
    )
    lines = [f"# {title}" if markdown else title]
    lines.append(
        _(
            "Based on {kind}. Where it hedges, so does this plan; the filing system's own "
            "instructions prevail."
        ).format(kind=load_guidance().kind.text(lang))
    )
    lines.append("")

    def heading(text: str) -> None:
        lines.append(f"## {text}" if markdown else text)

    def item(text: str, box: bool) -> None:
        if markdown:
            lines.append(f"- [ ] {text}" if box else f"- {text}")
        else:
            lines.append(f"  - {text}")

    def sub(text: str) -> None:
        lines.append(f"  - {text}" if markdown else f"      · {text}")

    heading(_("Steps"))
    for n, step in enumerate(plan.steps, start=1):
        text = step.text(lang, values)
        lines.append(f"- [ ] {n}. {text}" if markdown else f"{n:2}. {text}")
        for i, alternative in enumerate(step.alternatives):
            option = alternative.text(lang, values)
            sub(_("or: {option}").format(option=option) if i else option)
        if step.entry.id == "self-check":
            found = [describe(seen, values, esc) for seen in step.found]
            if plan.checked_identifiers_or_urls and not any(s.problem for s in step.found):
                found.append(_("beianaudit's checks found nothing wrong here."))
            for text in found:
                sub(text)
    lines.append("")

    heading(_(_materials_heading(plan)))
    for material in plan.materials:
        item(material.text(lang, values), box=True)
    lines.append("")

    heading(_("Contacts"))
    for state in plan.contacts.values():
        item(_contact_line(state, plan, esc), box=False)
    for finding in plan.findings:
        if about_contacts(finding) and finding.severity >= Severity.WARNING:
            item(esc(f"{finding.check} {finding.message}"), box=False)
    if plan.provider:
        item(_("access provider: {provider}").format(provider=values["provider"]), box=False)
    elif plan.configured:
        item(_("access provider: not in the config (the one you filed through)"), box=False)
    else:
        item(_("access provider: no config file given (the one you filed through)"), box=False)
    item(
        _(
            "the filing system's contact details: trust those published on its site, {url} "
            "(the article gives the phone number {hotline} as an example)"
        ).format(url=values["url"], hotline=values["hotline"]),
        box=False,
    )
    item(_("official site: {url}").format(url=values["url"]), box=False)
    lines.append("")

    heading(_("Keep in mind"))
    for note in plan.notes:
        item(note.text(lang, values), box=False)
    if not plan.configured:
        lines.append("")
        heading(_("Without a config"))
        item(
            _(
                "This plan knows nothing of your filing: with a config (--config PATH; "
                "samples/personal.toml and samples/enterprise.toml show every key) it would "
                "check your ID number and bookmarked login address for typos and look-alikes, "
                "show the bound phone and email (masked) and how long since you confirmed "
                "them, and name your access provider and filing numbers."
            ),
            box=False,
        )
    return "\n".join(lines)
