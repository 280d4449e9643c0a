"""The plan's data file: every entry in both languages, sourced, and chosen as the guidance says."""

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
def test_every_entry_has_both_languages_a_source_and_valid_conditions(entry: Entry) -> None:
    assert entry.zh.strip(), f"{entry.id}: no Chinese"
    assert entry.en.strip(), f"{entry.id}: no English"
    assert any("\u4e00" <= c <= "\u9fff" for c in entry.zh), f"{entry.id}: zh is not Chinese"
    assert entry.en.isascii() or not any("\u4e00" <= c <= "\u9fff" for c in entry.en)
    assert placeholders(entry.zh) == placeholders(entry.en), entry.id
    assert placeholders(entry.zh) <= plan.PLACEHOLDERS, entry.id
    assert entry.source in DATA.sources, f"{entry.id}: unknown source {entry.source}"
    assert set(entry.situations) <= set(SITUATIONS), entry.id
    assert entry.subject in (None, *SUBJECT_TYPES), entry.id
    assert entry.needs in (None, *plan.CONTACTS), entry.id


def test_every_label_table_is_complete_and_bilingual() -> None:
    assert set(DATA.situations) == set(SITUATIONS)
    assert set(DATA.subjects) == set(SUBJECT_TYPES)
    labels = [*DATA.sources.values(), *DATA.situations.values(), *DATA.subjects.values()]
    labels += [DATA.provider_unknown, DATA.numbers_unknown, DATA.contact_unknown]
    for label in labels:
        assert label.zh.strip(), label
        assert label.en.strip(), label
    assert DATA.hotline == "010-12381"
    assert DATA.official_url == "https://beian.miit.gov.cn/"


def test_every_source_section_is_used() -> None:
    assert {e.source for e in ENTRIES} == set(DATA.sources)


def test_the_loader_reads_every_key_of_an_entry() -> None:
    """A key added to the data file but not to Entry would be silently dropped."""
    import tomllib
    from importlib.resources import files

    raw = tomllib.loads(files("beianaudit").joinpath("data/plan/plan.toml").read_text("utf-8"))
    known = {f.name for f in fields(Entry)}
    for table in ("steps", "materials", "notes"):
        for item in raw[table]:
            assert set(item) <= known, item["id"]


PERSONAL = '[subject]\ntype = "personal"\n[contacts]\nphone = "13912345678"\nemail = "a@b.cn"\n'
ENTERPRISE = PERSONAL.replace("personal", "enterprise")

# The path each situation takes when both contacts are bound and nothing is known against them.
PATHS = {
    "forgot": ["self-check", "sms-reset", "email-reset", "manual-review", "visit-administration"],
    "phone-lost": [
        "self-check",
        "email-reset",
        "manual-review",
        "visit-administration",
        "rebind-phone",
    ],
    "email-lost": [
        "self-check",
        "sms-reset",
        "manual-review",
        "visit-administration",
        "rebind-email",
    ],
    "both-lost": [
        "self-check",
        "manual-review",
        "visit-administration",
        "rebind-phone",
        "rebind-email",
    ],
    "subject-changed": ["self-check", "provider-update", "reset-with-new-information"],
    "certificate-lost": [
        "self-check",
        "replace-certificate",
        "provider-update",
        "reset-with-new-information",
    ],
    "account-abnormal": ["self-check", "read-announcements", "hotline"],
}
FALLBACK = {
    "forgot": {"manual-review", "visit-administration"},
    "phone-lost": {"manual-review", "visit-administration"},
    "email-lost": {"manual-review", "visit-administration"},
}
MANUAL_REVIEW = ("forgot", "phone-lost", "email-lost", "both-lost")
CHANGED = ("subject-changed", "certificate-lost")
MATERIALS = {
    "personal": {
        **{s: ["id-copy", "id-photo"] for s in MANUAL_REVIEW},
        **{s: ["new-id-copy", "new-id-photo"] for s in CHANGED},
        "account-abnormal": ["filing-numbers"],
    },
    "enterprise": {
        **{s: ["licence-copy", "legal-representative-id", "change-form"] for s in MANUAL_REVIEW},
        **{s: ["new-licence-copy", "legal-representative-id", "change-form"] for s in CHANGED},
        "account-abnormal": ["filing-numbers"],
    },
}
for _subject in SUBJECT_TYPES:
    for _lost in ("phone-lost", "both-lost"):
        MATERIALS[_subject][_lost] = [*MATERIALS[_subject][_lost], "lost-number-proof"]


@pytest.mark.parametrize("subject", SUBJECT_TYPES)
@pytest.mark.parametrize("situation", SITUATIONS)
def test_every_situation_and_subject_type(write_config, situation: str, subject: str) -> None:
    config = load(write_config(PERSONAL if subject == "personal" else ENTERPRISE))
    result = plan.build(config, situation, SelfCheck())
    assert [s.entry.id for s in result.steps] == PATHS[situation]
    assert {s.entry.id for s in result.steps if s.fallback} == FALLBACK.get(situation, set())
    assert [m.id for m in result.materials] == MATERIALS[subject][situation]
    assert result.materials_if_needed == (situation in FALLBACK)
    assert [n.id for n in result.notes] == [
        "no-retries",
        "official-site-only",
        "no-unofficial-channels",
        "keep-receipts",
    ]
    assert {s.entry.subject for s in result.steps} <= {None, subject}
    for lang in ("zh_CN", "en"):
        values = result.values(lang)
        for entry in [*(s.entry for s in result.steps), *result.materials, *result.notes]:
            text = entry.text(lang, values)
            assert "{" not in text, (entry.id, text)
            assert "}" not in text, (entry.id, text)


def test_an_unnamed_provider_reads_well_in_both_languages(write_config) -> None:
    result = plan.build(load(write_config(PERSONAL)), "subject-changed", SelfCheck())
    step = next(s.entry for s in result.steps if s.entry.id == "provider-update")
    assert "your access provider (not named: filing.provider" in step.text(
        "en", result.values("en")
    )
    assert "联系接入商 （配置中未填写 filing.provider）" in step.text(
        "zh_CN", result.values("zh_CN")
    )
