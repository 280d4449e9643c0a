"""Chinese throughout under ``--lang zh_CN``: click's help headings and type names, and
the system's error strings (strerror), which come in English whatever the language."""

from __future__ import annotations

import errno
import re

import pytest

from beianaudit.i18n import os_reason, set_language

TABLE = (
    *("ENOENT", "EACCES", "EISDIR", "ENOTDIR", "EROFS", "ENOSPC", "EIO", "ELOOP"),
    *("EINVAL", "EPERM", "EEXIST", "EFBIG", "EDQUOT", "ENXIO"),
)


@pytest.mark.parametrize("name", TABLE)
def test_common_system_errors_are_in_both_languages(name: str) -> None:
    code = getattr(errno, name)
    exc = OSError(code, "system English")
    set_language("zh_CN")
    chinese = os_reason(exc)
    assert re.search(r"[\u4e00-\u9fff]", chinese), chinese
    set_language("en")
    english = os_reason(exc)
    assert english.isascii()
    assert english != chinese


def test_another_error_keeps_the_system_text() -> None:
    set_language("zh_CN")
    assert os_reason(OSError(errno.EBUSY, "Device or resource busy")) == "Device or resource busy"
    assert os_reason(OSError("no errno")) == "OSError"


def test_an_unreadable_file_is_said_in_chinese(run_cli, tmp_path) -> None:
    set_language("zh_CN")
    result = run_cli("--lang", "zh_CN", "url", "--file", str(tmp_path / "none.txt"))
    assert result.exit_code == 2
    assert "No such file" not in result.stderr
    assert "不存在" in result.stderr


def test_help_headings_end_in_a_full_width_colon(run_cli) -> None:
    set_language("zh_CN")
    out = run_cli("--lang", "zh_CN", "--help").output
    assert "选项：" in out
    assert "命令：" in out
    assert "选项:" not in out
    assert "命令:" not in out
    set_language("en")
    out = run_cli("--lang", "en", "--help").output
    assert "Options:" in out
    assert "Commands:" in out


def test_a_number_type_is_named_in_chinese(run_cli) -> None:
    set_language("zh_CN")
    result = run_cli("--lang", "zh_CN", "remind", "--within", "abc")
    assert result.exit_code == 2
    assert "integer" not in result.stderr
    assert "range" not in result.stderr


@pytest.mark.parametrize(
    "source",
    [
        "[subject]\ntype = \n",
        "[subject]\nname = 'a'\nname = 'b'\n",
        "[subject\n",
        "[subject]\ntype\n",
        "[[subject\n",
        "[subject]\ntype = [1\n",
        "[subject]\ntype = {a = 1\n",
        "[subject]\ntype = 'x\n",
        '[subject]\ntype = "\\x"\n',
        "[subject]\ntype = 1 2\n",
        "[subject]\na = {b = 1, b = 2}\n",
    ],
)
def test_toml_syntax_errors_are_said_in_chinese(run_cli, tmp_path, source: str) -> None:
    """tomllib words its errors in English only: the common ones come from the catalog."""
    path = tmp_path / "c.toml"
    path.write_text(source, encoding="utf-8")
    set_language("zh_CN")
    result = run_cli("--lang", "zh_CN", "check", "--config", str(path))
    assert result.exit_code == 2
    reason = result.stderr.split("TOML 语法错误：", 1)[1]
    assert not re.search(r"[A-Za-z]{3,}", reason), reason
    set_language("en")
    english = run_cli("--lang", "en", "check", "--config", str(path)).stderr
    assert "TOML syntax error: " in english
    assert english.isascii()


def test_an_input_folder_is_said_in_chinese(run_cli, tmp_path) -> None:
    """id --file reads its input as url --file does: the system's reason in Chinese."""
    set_language("zh_CN")
    for command in ("id", "url"):
        result = run_cli("--lang", "zh_CN", command, "--file", str(tmp_path))
        assert result.exit_code == 2
        assert result.stderr == f"beianaudit：无法读取 {tmp_path}：这是一个目录\n"


def test_a_provider_is_named_in_chinese(run_cli) -> None:
    set_language("zh_CN")
    out = run_cli("--lang", "zh_CN", "url", "https://beian.aliyun.com/").stdout
    assert "属于接入商阿里云（aliyun.com）" in out
    assert "Alibaba" not in out
    set_language("en")
    out = run_cli("--lang", "en", "url", "https://beian.aliyun.com/").stdout
    assert "Alibaba Cloud (阿里云)" in out
