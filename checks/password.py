"""Password policy (BA1xx): the guidance's advice or your own, strength, personal data, old vs new.

Every check declares ``needs="password"``: without a candidate password the registry
skips them and the report says so (``beianaudit check`` without ``--password-stdin``
/ ``--ask-password``).
No finding carries the password or a piece of it: counts, positions, code points
and the names of what was found.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from beianaudit.config import Policy
from beianaudit.context import Context
from beianaudit.finding import Finding, Severity
from beianaudit.i18n import N_, _, current_language
from beianaudit.password import rules as rules
from beianaudit.registry import check

if TYPE_CHECKING:  # the strength model loads zxcvbn's tables: only when a password is judged
    from beianaudit.password.strength import Strength

TARGET = "password"
# Whose rule a finding states: min_length, min_classes and 123456/admin are the recovery
# article's advice, min_score beianaudit's own default; another value is the user's own.
DEFAULTS = Policy()
CLASS_NAMES = {
    "upper": N_("upper-case letters"),
    "lower": N_("lower-case letters"),
    "digit": N_("digits"),
    "special": N_("special characters"),
}
# BA104 names where and what kind, never which character: a code point spells the
# password out (U+5BC6 U+7801 is 密码, U+FF30 is P), so neither text nor JSON holds one.
ODD_KINDS = {
    "fullwidth": N_("a full-width character"),
    "cjk": N_("a Chinese or other wide character"),
    "invisible": N_("an invisible or control character"),
    "space": N_("a space"),
    "other": N_("a non-ASCII character"),
}
PUBLIC_HINT = N_(
    "part of a filing (the subject's name, the domains, the filing numbers) can be looked up "
    "publicly; an attacker aiming at this account may try such data first"
)
# Characters named in one finding (message and data alike): enough to find them, too
# few to spell out a password typed entirely in full-width or Chinese.
SHOWN_ODD = 3

# Full-width ASCII (U+FF01-FF5E) and the ideographic space, as typed in half-width.
_HALF_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def as_typed(ctx: Context) -> str:
    """The password as the login page will get it once the input method is switched to
    half-width (``Ａｂｃ１２３４５６！`` → ``Abc123456!``).  BA104 names the full-width
    characters themselves; the class, banned-word and strength rules judge this form,
    so that fixing the input method does not bring a second rejection.  Only the
    input method's forms are mapped: a compatibility character such as ﷺ stays one
    character, as the page receives it (NFKC made it eighteen)."""
    assert ctx.password is not None
    return ctx.password.reveal().translate(_HALF_WIDTH)


def strength_of(ctx: Context) -> Strength:
    """zxcvbn's verdict for this context, computed once in the run's memo for the checks
    that share it (BA105, BA106)."""
    result = ctx.memo.get("strength")
    if result is None:
        from beianaudit.password.personal_words import context_words
        from beianaudit.password.strength import evaluate

        result = ctx.memo["strength"] = evaluate(as_typed(ctx), context_words(ctx.config))
    return result


def _finding(
    check_id: str, severity: Severity, message: str, hint: str = "", **data: object
) -> Finding:
    return Finding(check_id, severity, message, TARGET, hint, dict(data))


@check("BA101", N_("Password length"), needs="password")
def length(ctx: Context) -> Iterator[Finding]:
    """Error when the password is shorter than policy.min_length (default 8)."""
    need, have = ctx.config.policy.min_length, len(ctx.password)
    if have < need:
        message = (
            _(
                "the password is too short (length {have}); the recovery article recommends "
                "at least {need} characters"
            )
            if need == DEFAULTS.min_length
            else _(
                "the password is too short (length {have}); your own [policy] asks for at "
                "least {need} characters"
            )
        )
        yield _finding(
            "BA101",
            Severity.ERROR,
            message.format(have=have, need=need),
            _("make it longer: a few unrelated words are long and easy to type"),
            length=have,
            min_length=need,
        )


@check("BA102", N_("Character classes"), needs="password")
def classes(ctx: Context) -> Iterator[Finding]:
    """Error when fewer than policy.min_classes of upper, lower, digit, special occur."""
    need = ctx.config.policy.min_classes
    present = rules.character_classes(as_typed(ctx))
    if len(present) < need:
        missing = [c for c in rules.CLASSES if c not in present]
        message = (
            _(
                "the password uses {have} of the 4 character classes; the recovery article "
                "recommends all {need}"
            )
            if need == DEFAULTS.min_classes
            else _(
                "the password uses {have} of the 4 character classes; your own [policy] asks "
                "for {need}"
            )
        )
        yield _finding(
            "BA102",
            Severity.ERROR,
            message.format(have=len(present), need=need),
            _("add: {missing}").format(missing=_(", ").join(_(CLASS_NAMES[c]) for c in missing)),
            classes=sorted(present),
            min_classes=need,
        )


@check("BA103", N_("Banned simple passwords"), needs="password")
def banned(ctx: Context) -> Iterator[Finding]:
    """Error on 123456 or admin (recovery article examples) or a word banned in policy.banned."""
    password = as_typed(ctx)
    found = rules.banned_inside(password, ctx.config.policy.banned)
    if not found:
        return
    # A banned word that is most of the password is not named: naming it would print it.
    named = [w for w in found if 2 * len(w) <= len(password)]
    # Whose rule: 123456 and admin are the article's own examples; the rest is [policy].
    article = [w for w in named if w in rules.ALWAYS_BANNED]
    own = [w for w in named if w not in rules.ALWAYS_BANNED]
    parts = []
    if article:
        parts.append(
            _(
                "the password contains a simple password the recovery article advises "
                "avoiding: {words}"
            ).format(words=_(", ").join(article))
        )
    if own:
        parts.append(
            _("the password contains a word you banned in [policy]: {words}").format(
                words=_(", ").join(own)
            )
        )
    unnamed = [w for w in found if w not in named]
    if unnamed:
        parts.append(
            _(
                "the password is little more than a simple password the recovery article "
                "advises avoiding"
            )
            if unnamed[0] in rules.ALWAYS_BANNED
            else _("the password is little more than a word you banned in [policy]")
        )
    message = _("; ").join(parts)
    # Neither hint names a word: the password may be little more than that word.
    hints = []
    if any(w in rules.ALWAYS_BANNED for w in found):
        hints.append(
            _(
                "the recovery article advises against simple passwords of this kind; "
                "beianaudit looks for them anywhere in the password, in any case"
            )
        )
    if any(w not in rules.ALWAYS_BANNED for w in found):
        hints.append(_("your own [policy] bans these anywhere in the password, in any case"))
    yield _finding(
        "BA103",
        Severity.ERROR,
        message,
        _("; ").join(hints),
        banned=named,
        count=len(found),
    )


@check("BA104", N_("Characters a login page may not accept"), needs="password")
def characters(ctx: Context) -> Iterator[Finding]:
    """Error on full-width, Chinese, invisible or other non-ASCII characters; warn on spaces."""
    odd = list(rules.odd_characters(ctx.password.reveal()))
    for severity in (Severity.ERROR, Severity.WARNING):
        chosen = [o for o in odd if (o.kind == "space") is (severity is Severity.WARNING)]
        if not chosen:
            continue
        named = _(", ").join(
            _("position {position}: {kind}").format(position=o.position, kind=_(ODD_KINDS[o.kind]))
            for o in chosen[:SHOWN_ODD]
        )
        more = len(chosen) - SHOWN_ODD
        if more > 0:
            named += _(", and {n} more").format(n=more)
        yield _finding(
            "BA104",
            severity,
            _("characters the login page may not take as typed: {named}").format(named=named)
            if severity is Severity.ERROR
            else _("the password has spaces, which a login form may trim: {named}").format(
                named=named
            ),
            _(
                "use only ASCII letters, digits and symbols; switch the input method to "
                "English (half-width) before typing"
            ),
            characters=[{"position": o.position, "kind": o.kind} for o in chosen[:SHOWN_ODD]],
            count=len(chosen),
        )


def _advice(result: Strength) -> str:
    from beianaudit.password.strength import KIND_NAMES, PERSONAL_KINDS

    kinds = _(", ").join(_(KIND_NAMES[k]) for k in result.personal if k in PERSONAL_KINDS)
    parts = [_(w).format(kinds=kinds) for w in result.warnings]
    parts += [_(s) for s in result.suggestions]
    # Chinese sentences end in full-width punctuation and take no space between them.
    return ("" if current_language() == "zh_CN" else " ").join(parts)


@check("BA105", N_("Password strength"), needs="password")
def strength(ctx: Context) -> Iterator[Finding]:
    """Error when zxcvbn, taught Chinese habits and your own data, scores below policy.min_score."""
    from beianaudit.password.strength import MAX_LENGTH

    result = strength_of(ctx)
    need = ctx.config.policy.min_score
    data = {
        "score": result.score,
        "min_score": need,
        "guesses_log10": result.guesses_log10,
        "judged_characters": result.judged,
        "habits": list(result.habits),
    }
    judged = ""
    if len(ctx.password) > MAX_LENGTH:
        judged = " " + _("(strength judged on the first {n} characters)").format(n=MAX_LENGTH)
    default = need == DEFAULTS.min_score
    if result.score < need:
        message = (
            _(
                "the password is easy to guess: strength {score} of 4, below beianaudit's "
                "default minimum {need}"
            )
            if default
            else _(
                "the password is easy to guess: strength {score} of 4, below the {need} you "
                "set in [policy]"
            )
        )
        yield _finding(
            "BA105",
            Severity.ERROR,
            message.format(score=result.score, need=need) + judged,
            _advice(result),
            **data,
        )
    else:
        message = (
            _("strength {score} of 4 (beianaudit's default minimum is {need})")
            if default
            else _("strength {score} of 4 (the minimum you set in [policy] is {need})")
        )
        yield _finding(
            "BA105",
            Severity.INFO,
            message.format(score=result.score, need=need) + judged,
            **data,
        )


@check("BA106", N_("Personal data in the password"), needs=("password", "config"))
def personal_data(ctx: Context) -> Iterator[Finding]:
    """Warn on your name, ID, birth date, phone, email or domain; error if the rest is weak."""
    # An error when what is left without that data is itself too weak: part of a filing
    # (subject name, domains, filing numbers) is publicly searchable, so an attacker
    # aiming at this account may have that part for free.
    from beianaudit.password.strength import KIND_NAMES, PERSONAL_KINDS

    result = strength_of(ctx)
    kinds = [k for k in result.personal if k in PERSONAL_KINDS]
    if not kinds:
        return
    named = _(", ").join(_(KIND_NAMES[k]) for k in kinds)
    rest, need = result.rest_score, ctx.config.policy.min_score
    if rest is not None and rest < need:
        message = (
            _(
                "the password is built on your own data ({kinds}): without it, the rest is "
                "easy to guess (strength {rest} of 4, below beianaudit's default minimum {need})"
            )
            if need == DEFAULTS.min_score
            else _(
                "the password is built on your own data ({kinds}): without it, the rest is "
                "easy to guess (strength {rest} of 4, below the {need} you set in [policy])"
            )
        )
        yield _finding(
            "BA106",
            Severity.ERROR,
            message.format(kinds=named, rest=rest, need=need),
            _(PUBLIC_HINT),
            kinds=kinds,
            rest_score=rest,
        )
        return
    yield _finding(
        "BA106",
        Severity.WARNING,
        _("the password contains your own data: {kinds}").format(kinds=named),
        _(PUBLIC_HINT),
        kinds=kinds,
        rest_score=rest,
    )


@check("BA107", N_("Old and new password"), needs="password")
def old_password(ctx: Context) -> Iterator[Finding]:
    """Error when the password is close to the one remembered in the keyring."""
    from beianaudit.password import store

    try:
        old = store.load(ctx.config)
    except store.StoreUnavailable as exc:
        yield _finding(
            "BA107",
            Severity.INFO,
            _("no secure keyring available ({backend}): not compared with the old password").format(
                backend=store.explain(exc)
            ),
            _("on a desktop session the system keyring is used; on a server this stays off"),
            backend=exc.backend,
            reason=exc.reason,
        )
        return
    if old is None:
        return
    percent = ctx.config.policy.min_change_percent
    why = rules.too_similar(ctx.password.reveal(), old.reveal(), percent)
    if why is None:
        return
    messages = {
        "same": N_("the password is the same as the old one"),
        "skeleton": N_("the password differs from the old one only in digits or case"),
        "edit": N_("the password is only a few edits away from the old one"),
    }
    yield _finding(
        "BA107",
        Severity.ERROR,
        _(messages[why]),
        _("choose a new password, not a variant of the old one (Beian@2025 → Beian@2026)"),
        reason=why,
    )
