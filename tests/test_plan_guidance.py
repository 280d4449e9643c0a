"""The plan against the guidance it follows: real headings, every point carried, own words.

The guidance (a published third-party how-to, not a notice of the filing system) is
listed point by point in ``beianaudit/data/plan/guidance.toml``; the article itself is not
in the repository, only its fingerprint (``tests/data/plan/guidance_fingerprint.txt``,
made by ``tools/guidance_fingerprint.py``), which is enough to tell a quoted heading from
an invented one and a copied sentence from our own words.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from beianaudit.config import load
from beianaudit.recovery import plan
from beianaudit.recovery.plan import SITUATIONS, SUBJECT_TYPES, SelfCheck

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import guidance_fingerprint  # noqa: E402

GUIDANCE = plan.load_guidance()
DATA = plan.load_data()
PLAN_TOML = files("beianaudit").joinpath("data/plan/plan.toml").read_text("utf-8")
FINGERPRINT = (ROOT / "tests/data/plan/guidance_fingerprint.txt").read_text("utf-8")
HASHES = {
    kind: {line.split()[1] for line in FINGERPRINT.splitlines() if line.startswith(kind + " ")}
    for kind in ("sha256", "line", "run")
}

FULL = (
    '[subject]\ntype = "{subject}"\nid = "330106199003071236"\n'
    '[filing]\nprovider = "阿里云"\nnumbers = ["浙ICP备2021000001号-1"]\n'
    '[contacts]\nphone = "13912345678"\nemail = "zhangwei@example.com"\n'
)
NO_CONTACTS = '[subject]\ntype = "{subject}"\n'
MISTYPED = '[subject]\ntype = "{subject}"\n[contacts]\nphone = "1391234567"\n'
CONFIGS = {"full": FULL, "no-contacts": NO_CONTACTS, "mistyped-phone": MISTYPED, "none": None}


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def test_the_fingerprint_is_of_the_version_the_points_were_read_from() -> None:
    assert HASHES["sha256"] == {GUIDANCE.sha256}
    assert len(HASHES["run"]) > 1000


def test_every_heading_is_one_of_the_articles_own_lines() -> None:
    titled = [h for h in GUIDANCE.headings.values() if h.title]
    assert {h.id for h in GUIDANCE.headings.values() if not h.title} == {"intro"}
    for heading in titled:
        assert guidance_fingerprint.digest(heading.title) in HASHES["line"], heading.id
    assert {h.title for h in titled} >= {
        "基础自查与常规找回方法",
        "长期未登录或系统升级后的应对",
        "注意事项与风险防范",
    }


def test_an_invented_heading_would_be_caught() -> None:
    """What the old plan.toml cited ("五、主体信息变更或证件遗失") is not in the article."""
    for invented in ("五、主体信息变更或证件遗失", "始终注意", "四、人工审核"):
        assert guidance_fingerprint.digest(invented) not in HASHES["line"]


def test_every_point_stands_under_a_heading_and_names_real_situations() -> None:
    for point in GUIDANCE.points.values():
        assert point.heading in GUIDANCE.headings, point.id
        assert set(point.situations) <= set(SITUATIONS), point.id
        assert point.subject in (None, *SUBJECT_TYPES), point.id
        assert point.zh.strip(), point.id
        assert point.en.strip(), point.id


@pytest.mark.parametrize("entry", DATA.entries, ids=lambda e: e.id)
def test_every_entry_cites_a_real_heading_and_real_points(entry: plan.Entry) -> None:
    assert entry.heading in GUIDANCE.headings, entry.id
    assert entry.points, f"{entry.id}: carries no point of the guidance"
    for point in entry.points:
        assert point in GUIDANCE.points, f"{entry.id}: unknown point {point}"
    assert entry.heading in {GUIDANCE.points[p].heading for p in entry.points}, entry.id


def test_every_point_that_applies_somewhere_is_carried_by_some_entry() -> None:
    carried = {p for e in DATA.entries for p in e.points}
    for point in GUIDANCE.points.values():
        if point.situations:
            assert point.id in carried, point.id


def _plan(write_config, config: str | None, situation: str, subject: str) -> plan.Plan:
    loaded = load(write_config(config.format(subject=subject))) if config else None
    return plan.build(loaded, situation, SelfCheck(), subject=subject)


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("subject", SUBJECT_TYPES)
@pytest.mark.parametrize("situation", SITUATIONS)
def test_every_point_that_applies_to_a_situation_is_in_its_plan(
    write_config, situation: str, subject: str, config: str
) -> None:
    result = _plan(write_config, CONFIGS[config], situation, subject)
    wanted = {p.id for p in GUIDANCE.points.values() if p.applies(situation, subject)}
    assert wanted - result.points == set()


# Words that hedge, in each language: an entry carrying a hedged point must hedge too.
HEDGES = {
    "zh": ("可能", "通常", "一般", "建议", "为准", "要求时", "有的"),
    "en": ("may", "usually", "generally", "recommend", "advis", "suggest", "prevail", "if asked"),
}


@pytest.mark.parametrize("entry", DATA.entries, ids=lambda e: e.id)
def test_where_the_guidance_hedges_the_plan_hedges(entry: plan.Entry) -> None:
    if not any(GUIDANCE.points[p].hedge for p in entry.points):
        return
    assert any(word in entry.zh for word in HEDGES["zh"]), entry.id
    assert any(word in entry.en.lower() for word in HEDGES["en"]), entry.id


def test_no_long_run_of_the_article_is_copied_into_the_plan() -> None:
    """Facts carry over, sentences do not: no 12 characters of the article in a row."""
    raw = tomllib.loads(PLAN_TOML)
    copied = []
    for text in strings(raw):
        for run in guidance_fingerprint.runs(text):
            if guidance_fingerprint.digest(run) in HASHES["run"]:
                copied.append(run)
    assert copied == []


def test_the_copy_detector_finds_a_copied_sentence() -> None:
    """A sentence of the article, with its punctuation made full-width, is still caught."""
    sentence = "建议设置包含大小写字母、数字、特殊字符的组合密码，长度不少于8位"
    runs = [guidance_fingerprint.digest(r) for r in guidance_fingerprint.runs(sentence)]
    assert any(r in HASHES["run"] for r in runs)


def test_the_hotline_is_the_articles_example_not_a_fact() -> None:
    support = next(e for e in DATA.steps if e.id == "contact-support")
    assert "{hotline}" in support.zh
    assert "例子" in support.zh
    assert "为准" in support.zh
    assert "example" in support.en
    assert "contact page" in support.en
    assert "热线" not in PLAN_TOML


def test_the_article_is_never_called_official() -> None:
    """It is a third-party how-to: nothing in the project calls it official guidance."""
    pattern = re.compile(r"official (recovery )?guidance|官方(指南|指引|指导)", re.IGNORECASE)
    places = [ROOT / "README.md", *(ROOT / "samples").iterdir()]
    places += [*(ROOT / "beianaudit").rglob("*.py"), *(ROOT / "beianaudit").rglob("*.toml")]
    places += [*(ROOT / "beianaudit").rglob("*.po"), *(ROOT / "checks").rglob("*.py")]
    for path in places:
        if path.is_file():
            assert not pattern.search(path.read_text("utf-8")), path


def test_one_register_in_chinese() -> None:
    """您 throughout the plan's data and catalog, never 你."""
    raw = tomllib.loads(PLAN_TOML)
    assert not [t for t in strings(raw) if "你" in t]
    po = (ROOT / "beianaudit/locale/zh_CN/LC_MESSAGES/plan.po").read_text("utf-8")
    msgstrs = re.findall(r'^msgstr "(.*)"$', po, re.MULTILINE)
    assert msgstrs
    assert not [m for m in msgstrs if "你" in m]
    assert "您" in PLAN_TOML


def test_no_distortions_come_back() -> None:
    """What the issue found invented or distorted stays out of the plan."""
    zh = "\n".join(e.zh for e in DATA.entries)
    en = "\n".join(e.en for e in DATA.entries)
    assert "原件" not in zh  # the article never asks for originals
    assert "运营商" not in zh
    assert "carrier" not in en
    assert "省通信管理局" not in zh
    assert "当地通信管理局" in zh
    assert "will lock" not in en
    assert "会使账号暂时锁定" not in zh
    assert "长期未接入" in zh
    assert "虚假" in zh
    assert "long unused" not in en
    assert "长期未使用" not in zh


def test_the_coverage_table_lists_every_point_and_its_carriers() -> None:
    import plan_coverage

    rows = plan_coverage.table()
    assert len(rows) == 2 + len(GUIDANCE.points)
    for row in rows[2:]:
        point = row.split(" | ")[0].removeprefix("| ")
        carried = row.rsplit(" | ", 1)[1]
        assert (carried == "- |") == (not GUIDANCE.points[point].situations), row


def _text(write_config, situation: str, subject: str, lang: str = "zh_CN") -> str:
    from beianaudit import i18n
    from beianaudit.commands.plan import render

    i18n.set_language(lang)
    return render(_plan(write_config, FULL, situation, subject), lang)


def test_no_small_inventions_come_back() -> None:
    """Details the article does not give: whose ID after a change, what the statement must
    say, that the provider submits on your behalf."""
    zh = "\n".join(e.zh for e in DATA.entries)
    for invented in ("换了法定代表人的，用新的", "写清经过", "代为提交", "有的系统可能可以"):
        assert invented not in zh


@pytest.mark.parametrize("situation", SITUATIONS)
def test_a_personal_plan_names_only_the_persons_own_certificate(write_config, situation) -> None:
    text = _text(write_config, situation, "personal")
    assert "统一社会信用代码" not in text.split("注意事项")[0]
    enterprise = _text(write_config, situation, "enterprise")
    assert "居民身份证号码" not in enterprise.split("注意事项")[0]


@pytest.mark.parametrize("situation", ["subject-changed", "certificate-lost", "account-abnormal"])
def test_the_materials_heading_says_whose_list_it_is(write_config, situation) -> None:
    text = _text(write_config, situation, "enterprise")
    if situation == "account-abnormal":
        # The article lists no appeal materials: what support asks for, not its examples.
        assert "需准备的材料（按客服要求）" in text
        assert "例子" not in text.split("需准备的材料")[1].split("\n")[0]
    else:  # "部分情况下…可能要求": the hedge stays on the heading
        assert "可能需要的材料（找回文章举的例子；部分情况下才要求，以受理渠道为准）" in text


def test_both_lost_says_rebind_once(write_config) -> None:
    text = _text(write_config, "both-lost", "personal")
    assert text.count("登录以后") == 1
    assert "建议把绑定的手机和邮箱换成您现在在用的，再更新配置里的 [contacts]。" in text
