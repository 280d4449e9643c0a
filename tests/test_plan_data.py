"""The plan's data file: every entry in both languages, chosen as the guidance says."""

from __future__ import annotations

import string
from dataclasses import fields

import pytest

from beianaudit.config import load
from beianaudit.recovery import plan
from beianaudit.recovery.plan import SITUATIONS, SUBJECT_TYPES, Entry, SelfCheck

DATA = plan.load_data()
ENTRIES = [*DATA.steps, *DATA.materials, *DATA.notes]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_every_entry_has_both_languages_and_valid_conditions(entry: Entry) -> None:
    assert entry.zh.strip(), f"{entry.id}: no Chinese"
    assert entry.en.strip(), f"{entry.id}: no English"
    assert any("\u4e00" <= c <= "\u9fff" for c in entry.zh), f"{entry.id}: zh is not Chinese"
    assert placeholders(entry.zh) == placeholders(entry.en), entry.id
    assert placeholders(entry.zh) <= plan.PLACEHOLDERS, entry.id
    assert set(entry.situations) <= set(SITUATIONS), entry.id
    assert entry.subject in (None, *SUBJECT_TYPES), entry.id
    assert entry.needs in (None, *plan.CONTACTS), entry.id
    assert (entry.zh_one is None) == (entry.en_one is None), entry.id


def test_alternatives_belong_to_a_step_that_says_they_are_alternatives() -> None:
    steps = {e.id: e for e in DATA.steps}
    alternatives = [e for e in DATA.steps if e.alternative_of]
    assert {e.id for e in alternatives} == {"sms-reset", "email-reset"}
    for entry in alternatives:
        parent = steps[entry.alternative_of]
        assert parent.zh_one
        assert "二选一" in parent.zh
        assert "alternatives" in parent.en
        assert set(entry.situations) <= set(parent.situations), entry.id


def test_every_label_table_is_complete_and_bilingual() -> None:
    assert set(DATA.situations) == set(SITUATIONS)
    assert set(DATA.subjects) == set(SUBJECT_TYPES)
    labels = [*DATA.situations.values(), *DATA.subjects.values()]
    labels += [DATA.provider_unknown, DATA.numbers_unknown, DATA.no_config]
    for label in labels:
        assert label.zh.strip(), label
        assert label.en.strip(), label
    assert DATA.hotline == "010-12381"
    assert DATA.official_url == "https://beian.miit.gov.cn/"


def test_the_loader_refuses_a_key_it_does_not_know() -> None:
    """A key added to the data file but not to Entry would be silently dropped."""
    import tomllib
    from importlib.resources import files

    raw = tomllib.loads(files("beianaudit").joinpath("data/plan/plan.toml").read_text("utf-8"))
    known = {f.name for f in fields(Entry)}
    for table in ("steps", "materials", "notes"):
        for item in raw[table]:
            assert set(item) <= known, item["id"]
    with pytest.raises(ValueError, match="sourse"):
        plan._entry({"id": "x", "heading": "basics", "points": [], "zh": "", "en": "", "sourse": 1})


PERSONAL = '[subject]\ntype = "personal"\n[contacts]\nphone = "13912345678"\nemail = "a@b.cn"\n'
ENTERPRISE = PERSONAL.replace("personal", "enterprise")

START = ["have-at-hand", "self-check", "read-announcements"]
RESET = ["open-reset-form", "verify", "manual-review", "visit-administration"]
AFTER = ["new-password", "login-check"]
CHANGE = ["provider-update", "submit-materials", "wait-review", "reset-with-new-information"]
# The path each situation takes when both contacts are bound and nothing is known against them.
PATHS = {
    "forgot": [*START, *RESET, *AFTER],
    "phone-lost": [*START, *RESET, *AFTER, "rebind-phone"],
    "email-lost": [*START, *RESET, *AFTER, "rebind-email"],
    "both-lost": [
        *START,
        "open-reset-form",
        "manual-review",
        "visit-administration",
        *AFTER,
        "rebind-both",  # one step: "登录以后" once, not twice
    ],
    "subject-changed": [*START, *CHANGE, *AFTER],
    "certificate-lost": [*START, "replace-certificate", *CHANGE, *AFTER],
    "account-abnormal": [*START, "abnormal-cause", "contact-support", "appeal"],
}
ALTERNATIVES = {
    "forgot": ["sms-reset", "email-reset"],
    "phone-lost": ["email-reset"],
    "email-lost": ["sms-reset"],
}
FALLBACK = {s: {"manual-review", "visit-administration"} for s in ALTERNATIVES}
REVIEW = ("forgot", "phone-lost", "email-lost", "both-lost")
CHANGED = ("subject-changed", "certificate-lost")
MATERIALS = {
    "personal": {
        **{s: ["id-copy", "id-photo"] for s in REVIEW},
        "subject-changed": ["new-id-copy", "signed-statement"],
        "certificate-lost": ["new-id-copy", "signed-statement", "police-loss-certificate"],
        "account-abnormal": ["appeal-materials", "filing-numbers"],
    },
    "enterprise": {
        # The article's manual-review list: licence copy, ID copy, a photo holding the ID;
        # no change form (that belongs to a change of the filing).
        **{s: ["licence-copy", "holder-id-copy", "holder-id-photo"] for s in REVIEW},
        "subject-changed": [
            "old-and-new-licence-copies",
            "legal-representative-id",
            "change-form",
            "change-notice",
            "sealed-statement",
        ],
        "certificate-lost": [
            "new-licence-copy",
            "legal-representative-id",
            "change-form",
            "sealed-statement",
        ],
        "account-abnormal": ["appeal-materials", "filing-numbers"],
    },
}
for _subject in SUBJECT_TYPES:
    for _lost in ("phone-lost", "both-lost"):
        MATERIALS[_subject][_lost] = [*MATERIALS[_subject][_lost], "lost-number-proof"]
NOTES = [
    "no-retries",
    "official-site-only",
    "safe-network",
    "no-unofficial-channels",
    "keep-receipts",
    "keep-contacts-current",
]


@pytest.mark.parametrize("subject", SUBJECT_TYPES)
@pytest.mark.parametrize("situation", SITUATIONS)
def test_every_situation_and_subject_type(write_config, situation: str, subject: str) -> None:
    config = load(write_config(PERSONAL if subject == "personal" else ENTERPRISE))
    result = plan.build(config, situation, SelfCheck())
    path = PATHS[situation]
    if subject == "enterprise" and situation in CHANGED:
        path = [*path[: path.index("new-password")], "same-name", *AFTER]
    assert [s.entry.id for s in result.steps] == path
    verify = [s for s in result.steps if s.entry.id == "verify"]
    assert [a.id for s in verify for a in s.alternatives] == ALTERNATIVES.get(situation, [])
    assert {s.entry.id for s in result.steps if s.fallback} == FALLBACK.get(situation, set())
    assert [m.id for m in result.materials] == MATERIALS[subject][situation]
    assert result.materials_if_needed == (situation in FALLBACK)
    assert [n.id for n in result.notes] == NOTES
    assert {e.subject for e in result.entries} <= {None, subject}
    for lang in ("zh_CN", "en"):
        values = result.values(lang)
        for step in result.steps:
            text = step.text(lang, values)
            assert not {"{", "}"} & set(text), (step.entry.id, text)
        for entry in result.entries:
            text = entry.text(lang, values)
            assert not {"{", "}"} & set(text), (entry.id, text)


def test_a_contact_missing_from_the_config_is_unknown_not_lost(write_config) -> None:
    """No [contacts]: both reset routes stay, and the plan is "forgot", not "both lost"."""
    config = load(write_config('[subject]\ntype = "personal"\n'))
    result = plan.build(config, None, SelfCheck())
    assert result.situation == "forgot"
    verify = next(s for s in result.steps if s.entry.id == "verify")
    assert [a.id for a in verify.alternatives] == ["sms-reset", "email-reset"]
    assert not any(state.lost or state.known for state in result.contacts.values())
    assert "lost-number-proof" not in [m.id for m in result.materials]


def test_the_situation_says_which_route_is_lost(write_config) -> None:
    config = load(write_config('[subject]\ntype = "personal"\n'))
    result = plan.build(config, "phone-lost", SelfCheck())
    assert result.contacts["phone"].lost
    assert not result.contacts["email"].lost
    verify = next(s for s in result.steps if s.entry.id == "verify")
    assert [a.id for a in verify.alternatives] == ["email-reset"]
    assert verify.text("zh_CN", result.values("zh_CN")) == "验证身份："


def test_answers_decide_what_is_lost_and_what_still_works(write_config) -> None:
    config = load(write_config('[subject]\ntype = "personal"\n'))
    result = plan.build(config, None, SelfCheck(), lost=["email"], confirmed=["phone"])
    assert result.situation == "email-lost"
    assert result.contacts["phone"].usable
    assert result.contacts["phone"].confirmed
    assert result.contacts["email"].lost


def test_a_plan_without_a_config_needs_the_subject_type() -> None:
    result = plan.build(None, "forgot", SelfCheck(), subject="enterprise")
    assert result.subject_type == "enterprise"
    assert not result.configured
    assert result.provider is None
    assert result.numbers == ()
    with pytest.raises(ValueError, match="subject"):
        plan.build(None, "forgot", SelfCheck())


def test_an_unnamed_provider_reads_well_in_both_languages(write_config) -> None:
    result = plan.build(load(write_config(PERSONAL)), "subject-changed", SelfCheck())
    step = next(s.entry for s in result.steps if s.entry.id == "provider-update")
    assert "your original access provider (the one you filed through)" in step.text(
        "en", result.values("en")
    )
    assert "请联系原接入商（即您当初备案时用的那一家）" in step.text(
        "zh_CN", result.values("zh_CN")
    )


def test_a_known_contact_is_named_masked_in_its_route(write_config) -> None:
    result = plan.build(load(write_config(PERSONAL)), "forgot", SelfCheck())
    verify = next(s for s in result.steps if s.entry.id == "verify")
    sms = verify.alternatives[0]
    assert "当初绑定的手机号（139****5678）" in sms.text("zh_CN", result.values("zh_CN"))
    assert "the phone number you bound (139****5678)" in sms.text("en", result.values("en"))
