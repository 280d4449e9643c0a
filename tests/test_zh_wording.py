"""Chinese wording a native reviewer asked for: plain phrasing, one term per idea."""

from __future__ import annotations

import re
from pathlib import Path

from beianaudit import i18n
from beianaudit.urls.classify import classify

ROOT = Path(__file__).resolve().parent.parent
ZH = ROOT / "beianaudit/locale/zh_CN/LC_MESSAGES"


def test_url_verdicts_read_plainly() -> None:
    i18n.set_language("zh_CN")
    official = classify("https://beian.miit.gov.cn/").message()
    assert official == "此链接指向备案系统官方网址：主机名为 beian.miit.gov.cn"
    brand = classify("https://beian.example.com/").message()
    assert "在 miit.gov.cn 之外出现了“beian”字样" in brand
    assert "这个名字" not in brand


def test_one_term_per_idea_in_the_chinese_catalogs() -> None:
    msgstrs = "\n".join(
        m
        for po in ZH.glob("*.po")
        for m in re.findall(r'^msgstr "(.*)"$', po.read_text("utf-8"), re.M)
    )
    for stray in ("找回教程", "找回指引", "密钥环", "破解者"):
        assert stray not in msgstrs


def test_the_prefix_has_a_full_width_colon_in_chinese(run_cli) -> None:
    result = run_cli("--lang", "zh_CN", "check", "--config", "/nonexistent/config.toml")
    assert result.exit_code == 2
    assert result.stderr.startswith("beianaudit：")


def test_the_check_digit_is_explained_with_a_hedge(run_cli) -> None:
    out = run_cli("--lang", "zh_CN", "id", "330106199003071235").output
    assert "校验未通过" in out
    assert "第 18 位（校验位）与前面各位对不上，可能有某一位输错" in out


def test_url_verdicts_have_one_colon_before_their_reasons_in_chinese() -> None:
    """“仿冒：…：…” read badly: the verdict itself holds no colon, the reasons follow one."""
    i18n.set_language("zh_CN")
    links = [
        "https://beian-miit.com/",
        "https://example.com/",
        "http://beian.miit.gov.cn/",
        "https://beian.miit.gov.cn/",
        "https://www.miit.gov.cn/",
    ]
    for link in links:
        message = classify(link).message()
        verdict = message.partition("：")[0]
        assert message.count("：") == 1, message
        assert verdict, message


def test_the_password_advice_names_the_filing_system_as_whose_names_they_are(run_cli) -> None:
    sample = str(ROOT / "samples" / "personal.toml")
    for lang, whose in (
        ("en", "the filing system's own names (beian, miit, icp)"),
        ("zh_CN", "备案系统自己的名称（beian、miit、icp）"),
    ):
        args = ("--lang", lang, "password", "--password-stdin", "--config", sample)
        out = run_cli(*args, input="Beianmiit@2026\n").output
        assert out.count(whose) == 2, out  # the warning, and the advice to leave them out
        assert "service" not in out
