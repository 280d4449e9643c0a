"""Every message exists in Chinese and English, and the compiled catalogs are current."""

from __future__ import annotations

import gettext
import subprocess
import sys
from pathlib import Path

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
        if isinstance(msgid, str):
            assert not msgstr or catalogs.fields(msgstr) == catalogs.fields(msgid), msgid
        else:  # one Chinese form serves both: it may use the fields of either
            allowed = catalogs.fields(msgid[0]) | catalogs.fields(msgid[1])
            assert all(catalogs.fields(form) <= allowed for form in msgstr), msgid


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


def test_clicks_own_messages_follow_the_language(run_cli) -> None:
    assert "用法：" in run_cli("--lang", "zh_CN", "--help").output
    result = run_cli("check", "--lang", "zh_CN", "--format", "xml")
    assert result.exit_code == 2
    assert "不是可选值之一" in result.stderr
    assert "Usage:" in run_cli("--lang", "en", "--help").output


def test_lang_on_the_command_line_translates_help_texts_too() -> None:
    script = Path(sys.executable).with_name("beianaudit")
    for args in (["--lang", "zh_CN", "check", "--help"], ["check", "--help", "--lang=zh_CN"]):
        out = subprocess.run([str(script), *args], capture_output=True, text=True, check=True)
        assert "只运行这些检查" in out.stdout
        assert "显示此帮助并退出" in out.stdout


@pytest.mark.parametrize(
    ("args", "lang"),
    [
        (["--lang", "zh_CN", "check"], "zh_CN"),
        (["check", "--lang=en"], "en"),
        (["check", "--lang", "fr"], None),
        (["check", "--", "--lang", "zh_CN"], None),
        (["check", "--lang"], None),
        ([], None),
    ],
)
def test_language_from_argv(args: list[str], lang: str | None) -> None:
    assert i18n.language_from_argv(args) == lang
