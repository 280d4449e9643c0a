"""Every message exists in Chinese and English, and the compiled catalogs are current."""

from __future__ import annotations

import gettext

import catalogs  # tools/catalogs.py (pytest's pythonpath)
import pytest

from beianaudit import i18n


def test_every_message_has_a_chinese_translation() -> None:
    gaps = catalogs.missing("zh_CN")
    assert not gaps, "untranslated: " + "; ".join(f"{where}: {m!r}" for m, where in gaps.items())


def test_every_message_is_in_the_english_catalogs() -> None:
    gaps = catalogs.missing("en")
    assert not gaps, "not in en catalogs: " + "; ".join(f"{w}: {m!r}" for m, w in gaps.items())


def test_translations_keep_the_placeholders() -> None:
    for msgid, msgstr in catalogs.translations("zh_CN").items():
        singular = msgid if isinstance(msgid, str) else msgid[0]
        for form in (msgstr,) if isinstance(msgstr, str) else msgstr:
            if form:
                assert catalogs.fields(form) == catalogs.fields(singular), msgid


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_compiled_catalogs_match_the_po_files(lang: str) -> None:
    for catalog in catalogs.catalogs(lang):
        mo = catalog.path.with_suffix(".mo")
        assert mo.exists(), f"{mo} missing: run python tools/catalogs.py compile"
        with mo.open("rb") as fh:
            compiled = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
        for message in catalog:
            if not message.id or not message.string:
                continue
            if isinstance(message.id, str):
                assert compiled.get(message.id) == message.string, f"{mo} stale: recompile"
            else:
                for n, form in enumerate(message.string):
                    if form:
                        assert compiled.get((message.id[0], n)) == form, f"{mo} stale"


def test_chinese_is_served_after_a_plain_install() -> None:
    i18n.set_language("zh_CN")
    assert i18n._("No problems found.") == "未发现问题。"
    assert i18n.ngettext("{n} error", "{n} errors", 2) == "{n} 个错误"
    i18n.set_language("en")
    assert i18n._("No problems found.") == "No problems found."
    assert i18n.ngettext("{n} error", "{n} errors", 2) == "{n} errors"


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LC_MESSAGES": "zh_CN"}, "zh_CN"),
    ],
)
def test_language_from_env(env: dict[str, str], lang: str) -> None:
    assert i18n.language_from_env(env) == lang
