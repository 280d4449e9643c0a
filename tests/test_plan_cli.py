"""``beianaudit plan`` as a user runs it: questions, formats, languages."""

from __future__ import annotations

import json
from importlib.metadata import EntryPoint

import pytest

from beianaudit import registry
from beianaudit.commands import plan as command
from beianaudit.recovery.plan import SITUATIONS, load_data

# Both contacts confirmed a few weeks before TODAY (2026-11-25): the contact checks say "ok".
FRESH = (
    '[subject]\ntype = "{subject}"\nid = "330106199003071236"\n'
    '[filing]\nprovider = "阿里云"\nnumbers = ["浙ICP备2021000001号-1"]\n'
    '[contacts]\nphone = "13912345678"\nphone_verified = 2026-11-01\n'
    'email = "zhangwei@example.com"\nemail_verified = 2026-11-01\n'
)
QUESTION = "[y/n]"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(command, "is_terminal", lambda: True)


@pytest.fixture
def only(monkeypatch: pytest.MonkeyPatch):
    """Register exactly these checks, as if they were the installed ones."""

    def register(*eps: EntryPoint) -> None:
        monkeypatch.setattr(registry, "installed_entry_points", lambda: list(eps))

    return register


@pytest.mark.parametrize(
    ("subject", "materials"),
    [
        ("personal", ["居民身份证正反面复印件", "本人手持身份证的照片"]),
        (
            "enterprise",
            ["营业执照复印件（加盖单位公章）", "法定代表人身份证复印件", "备案信息变更申请表"],
        ),
    ],
)
def test_a_user_who_lost_the_phone_answers_two_questions_in_chinese(
    run_cli, write_config, terminal, subject: str, materials: list[str]
) -> None:
    """The issue's "done when": two answers, the exact path and the subject's materials."""
    path = write_config(FRESH.format(subject=subject))
    result = run_cli("--lang", "zh_CN", "plan", "--config", str(path), input="n\ny\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.count(QUESTION) == 2
    assert "绑定手机 139****5678 现在还能收到短信验证码吗？" in result.stderr
    assert "绑定邮箱 zh******@example.com 现在还能收到邮件吗？" in result.stderr
    out = result.stdout
    kind = {"personal": "个人", "enterprise": "单位"}[subject]
    assert out.startswith(f"找回方案：绑定手机号已丢失（{kind}主体）")
    assert "选择邮箱验证：验证邮件发到绑定邮箱 zh******@example.com" in out
    assert "短信验证" not in out  # the lost phone is not a path
    assert "仅当以上步骤都不成功时：申请人工审核" in out
    for material in [*materials, "原绑定手机号已丢失的证明"]:
        assert material in out
    assert "手机 139****5678：已绑定；你表示已收不到验证码：不要依赖它" in out
    assert "13912345678" not in result.output


def test_answers_in_chinese(run_cli, write_config, terminal) -> None:
    """是 and 否 answer as y and n do; anything else asks again, saying how to answer."""
    path = write_config(FRESH.format(subject="personal"))
    result = run_cli("--lang", "zh_CN", "plan", "--config", str(path), input="也许\n否\n是\n")
    assert result.exit_code == 0, result.output
    assert "请回答 y（是）或 n（否）" in result.stderr
    assert result.stdout.startswith("找回方案：绑定手机号已丢失（个人主体）")


def test_a_corrected_id_shows_what_to_change(run_cli, write_config) -> None:
    """Masked, but for the character to type differently (O → 0 at position 5)."""
    path = write_config(FRESH.format(subject="personal").replace("330106", "3301O6"))
    out = run_cli("plan", "--config", str(path), "--situation", "forgot").stdout
    assert "33010*********1236" in out
    assert "330106199003071236" not in out


@pytest.mark.parametrize(
    ("answers", "situation"),
    [
        ("n\nn\n", "both-lost"),
        ("y\nn\n", "email-lost"),
        ("y\ny\ny\n", "subject-changed"),
        ("y\ny\nn\ny\n", "certificate-lost"),
        ("y\ny\nn\nn\ny\n", "account-abnormal"),
        ("y\ny\nn\nn\nn\n", "forgot"),
    ],
)
def test_the_answers_choose_the_situation(
    run_cli, write_config, terminal, answers: str, situation: str
) -> None:
    path = write_config(FRESH.format(subject="personal"))
    result = run_cli("plan", "--config", str(path), "--format", "json", input=answers)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["situation"] == situation
    assert out["situation_from"] == "answers"
    assert result.stderr.count(QUESTION) == answers.count("\n")


def test_the_certificate_question_names_the_subjects_certificate(
    run_cli, write_config, terminal
) -> None:
    personal = write_config(FRESH.format(subject="personal"), name="p.toml")
    enterprise = write_config(FRESH.format(subject="enterprise"), name="e.toml")
    answers = "y\ny\nn\nn\nn\n"
    assert (
        "Is the resident ID card lost?"
        in run_cli("plan", "--config", str(personal), input=answers).stderr
    )
    assert (
        "Is the business licence lost?"
        in run_cli("plan", "--config", str(enterprise), input=answers).stderr
    )


def test_a_contact_the_config_lacks_is_not_asked_about(run_cli, write_config, terminal) -> None:
    text = FRESH.format(subject="personal").split("email =")[0]
    result = run_cli("plan", "--config", str(write_config(text)), input="n\n")
    assert result.exit_code == 0
    assert result.stderr.count(QUESTION) == 1
    assert result.stdout.startswith("Recovery plan: both the phone number and the email are lost")


def test_no_answer_is_one_line_and_exit_2(run_cli, write_config, terminal) -> None:
    path = write_config(FRESH.format(subject="personal"))
    result = run_cli("plan", "--config", str(path), input="")
    assert result.exit_code == 2
    assert "name your situation with --situation" in result.stderr
    assert "Traceback" not in result.output


def test_without_a_terminal_only_the_config_decides(run_cli, write_config) -> None:
    """No phone bound: the contact checks' readiness finding points to "phone lost"."""
    text = FRESH.format(subject="enterprise").replace('phone = "13912345678"\n', "")
    text = text.replace("phone_verified = 2026-11-01\n", "")
    result = run_cli("plan", "--config", str(write_config(text)), "--format", "json")
    assert result.exit_code == 0, result.output
    assert QUESTION not in result.output
    out = json.loads(result.stdout)
    assert (out["situation"], out["situation_from"]) == ("phone-lost", "config")
    assert out["contacts"]["phone"]["status"] == "missing"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("situation", SITUATIONS)
def test_every_situation_from_the_option(
    run_cli, write_config, situation: str, lang: str, only
) -> None:
    only()
    path = write_config(FRESH.format(subject="enterprise"))
    result = run_cli("--lang", lang, "plan", "--config", str(path), "--situation", situation)
    assert result.exit_code == 0, result.output
    label = load_data().situations[situation].zh if lang == "zh_CN" else None
    label = label or load_data().situations[situation].en
    assert label in result.output.splitlines()[0]
    assert "010-12381" in result.output
    assert "阿里云" in result.output


def test_json_contract(run_cli, write_config, only) -> None:
    only()
    path = write_config(FRESH.format(subject="personal"))
    result = run_cli("plan", "--config", str(path), "--situation", "both-lost", "--format", "json")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["tool"] == "beianaudit"
    assert out["ok"] is True
    assert out["findings"] == []
    assert out["subject_type"] == "personal"
    assert [s["n"] for s in out["steps"]] == list(range(1, len(out["steps"]) + 1))
    assert out["steps"][0]["id"] == "self-check"
    assert all(s["zh"] and s["en"] for s in out["steps"])
    assert [m["id"] for m in out["materials"]] == ["id-copy", "id-photo", "lost-number-proof"]
    assert out["contacts"]["phone"] == {
        "value": "139****5678",
        "status": "ok",
        "age_days": None,
        "lost": True,
        "usable": False,
    }
    assert out["contacts"]["hotline"] == "010-12381"
    assert out["contacts"]["provider"] == "阿里云"


def test_markdown_is_a_printable_checklist(run_cli, write_config, only) -> None:
    only()
    path = write_config(FRESH.format(subject="enterprise"))
    result = run_cli(
        "--lang", "zh_CN", "plan", "--config", str(path), "--situation", "subject-changed",
        "--format", "markdown",
    )  # fmt: skip
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "# 找回方案：主体信息已变更（单位主体）"
    assert "## 需准备的材料" in lines
    assert "- [ ] 1. 先自查" in result.stdout
    assert "- [ ] 2. 联系接入商 阿里云" in result.stdout
    assert "- [ ] 新（或补领的）营业执照复印件（加盖单位公章）" in lines
    assert (
        "- 手机 `139****5678`：已绑定（未安装联系方式检查，无法判断是否仍有效）；可用它接收验证码"
        in lines
    )


def test_the_self_check_names_what_the_identifier_check_found(run_cli, write_config, only) -> None:
    only(EntryPoint("BA201", "tests.test_plan_selfcheck:id_lookalike", registry.GROUP))
    path = write_config(FRESH.format(subject="personal"))
    result = run_cli("plan", "--config", str(path), "--situation", "forgot")
    assert result.exit_code == 0
    assert "· subject.id: looks mistyped" in result.stdout
    assert "330106199003071236" not in result.stdout


def test_a_broken_config_is_one_line_and_exit_2(run_cli, write_config) -> None:
    result = run_cli("plan", "--config", str(write_config('[subject]\ntype = "robot"\n')))
    assert result.exit_code == 2
    assert result.output.startswith("beianaudit: ")
    assert len(result.output.splitlines()) == 1
