"""``beianaudit plan`` as a user runs it: questions, formats, languages."""

from __future__ import annotations

import json
from importlib.metadata import EntryPoint

import pytest

from beianaudit import registry
from beianaudit.commands import plan as command
from beianaudit.recovery.plan import SITUATIONS, SUBJECT_TYPES, load_data
from tests.conftest import SAMPLES

# Both contacts confirmed a few weeks before TODAY (2026-11-25): the contact checks say "ok".
FRESH = (
    '[subject]\ntype = "{subject}"\nid = "330106199003071236"\n'
    '[filing]\nprovider = "阿里云"\nnumbers = ["浙ICP备2021000001号-1"]\n'
    '[contacts]\nphone = "13912345678"\nphone_verified = 2026-11-01\n'
    'email = "zhangwei@example.com"\nemail_verified = 2026-11-01\n'
)
QUESTION = "[y/n"  # [y/n] and [y/n/?]


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
        ("personal", ["本人身份证复印件", "本人手持身份证拍的照片"]),
        ("enterprise", ["营业执照复印件", "身份证复印件", "手持身份证拍的照片"]),
    ],
)
def test_a_user_who_lost_the_phone_answers_two_questions_in_chinese(
    run_cli, write_config, terminal, subject: str, materials: list[str]
) -> None:
    """Two answers, the exact path and the subject's materials."""
    path = write_config(FRESH.format(subject=subject))
    result = run_cli("--lang", "zh_CN", "plan", "--config", str(path), input="n\ny\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.count(QUESTION) == 2
    assert "绑定手机 139****5678 现在还能收到短信验证码吗？" in result.stderr
    assert "绑定邮箱 zh******@example.com 现在还能收到邮件吗？" in result.stderr
    out = result.stdout
    kind = {"personal": "个人", "enterprise": "单位"}[subject]
    assert out.startswith(f"找回方案：绑定的手机号已无法使用（{kind}主体）")
    assert (
        "验证身份：\n      · 邮箱验证：重置链接或验证码发到当初绑定的邮箱（zh******@example.com）"
        in out
    )
    assert "短信验证" not in out  # the lost phone is not a path
    assert "手机和邮箱都收不到验证码时，找回文章说部分系统可能提供人工审核" in out
    assert "走人工审核时，找回文章还提到" in out
    for material in [*materials, "手机号码已丢失的证明"]:
        assert material in out
    assert "备案信息变更申请表" not in out  # the manual review asks for no change form
    assert "手机 139****5678：已绑定，您表示已经收不到验证码，方案中不再走这条路" in out
    assert "13912345678" not in result.output


def test_answers_in_chinese(run_cli, write_config, terminal) -> None:
    """是 and 否 answer as y and n do; anything else asks again, saying how to answer."""
    path = write_config(FRESH.format(subject="personal"))
    result = run_cli("--lang", "zh_CN", "plan", "--config", str(path), input="也许\n否\n是\n")
    assert result.exit_code == 0, result.output
    assert "请回答 y（是）、n（否）或 ?（不确定）" in result.stderr
    assert result.stdout.startswith("找回方案：绑定的手机号已无法使用（个人主体）")


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
        ("?\nn\n", "email-lost"),
        ("?\n?\nn\nn\nn\n", "forgot"),
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


def test_a_contact_the_config_lacks_is_asked_about(run_cli, write_config, terminal) -> None:
    """Leaving the email out of the config says nothing of what the filing system holds."""
    text = FRESH.format(subject="personal").split("email =")[0]
    result = run_cli(
        "plan", "--config", str(write_config(text)), "--format", "json", input="y\ny\nn\nn\nn\n"
    )
    assert result.exit_code == 0, result.output
    assert "Is an email bound to your filing, and does it still receive mail?" in result.stderr
    out = json.loads(result.stdout)
    assert out["situation"] == "forgot"
    assert out["contacts"]["email"]["confirmed"] is True
    assert out["contacts"]["email"]["status"] == "missing"
    verify = next(s for s in out["steps"] if s["id"] == "verify")
    assert [a["id"] for a in verify["alternatives"]] == ["sms-reset", "email-reset"]


def test_no_answer_is_one_line_and_exit_2(run_cli, write_config, terminal) -> None:
    path = write_config(FRESH.format(subject="personal"))
    result = run_cli("plan", "--config", str(path), input="")
    assert result.exit_code == 2
    assert "name your situation with --situation" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_without_contacts_and_a_terminal_both_routes_stay(run_cli, write_config, lang) -> None:
    """No [contacts]: nothing says a contact is lost, so the plan is "forgot" with both
    routes, and says that whether they work is unknown."""
    text = '[subject]\ntype = "enterprise"\n'
    result = run_cli("--lang", lang, "plan", "--config", str(write_config(text)))
    assert result.exit_code == 0, result.output
    assert QUESTION not in result.output
    out = result.stdout
    if lang == "en":
        assert out.startswith("Recovery plan: forgot the password (enterprise subject)")
        assert "By SMS: enter the phone number you bound and type in the code it receives." in out
        assert "or: By email: a reset link or code goes to the email you bound;" in out
        assert "phone: not in the config; unknown whether one is bound in the filing system" in out
    else:
        assert out.startswith("找回方案：忘记密码（单位主体）")
        assert "二选一" in out
        assert "手机：配置中未填写，不确定备案系统里是否绑定、能否收到验证码" in out
    assert "lost-number" not in out


def test_without_a_terminal_a_mistyped_phone_is_unknown(run_cli, write_config) -> None:
    text = FRESH.format(subject="personal").replace("13912345678", "1391234567")
    result = run_cli("plan", "--config", str(write_config(text)), "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert (out["situation"], out["situation_from"]) == ("forgot", "config")
    assert out["contacts"]["phone"]["status"] == "invalid"
    assert out["contacts"]["phone"]["lost"] is False
    verify = next(s for s in out["steps"] if s["id"] == "verify")
    assert [a["id"] for a in verify["alternatives"]] == ["sms-reset", "email-reset"]


def test_on_a_terminal_a_mistyped_phone_is_asked_about(run_cli, write_config, terminal) -> None:
    text = FRESH.format(subject="personal").replace("13912345678", "1391234567")
    result = run_cli("plan", "--config", str(write_config(text)), input="n\ny\n")
    assert result.exit_code == 0, result.output
    assert "Is a phone number bound to your filing" in result.stderr
    assert result.stdout.startswith("Recovery plan: the bound phone number no longer works")
    assert "not a valid value in the config; you said it no longer receives codes" in result.stdout


# --- no config ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("subject", SUBJECT_TYPES)
@pytest.mark.parametrize("situation", SITUATIONS)
def test_a_plan_without_a_config(run_cli, situation: str, subject: str, lang: str) -> None:
    result = run_cli("--lang", lang, "plan", "--situation", situation, "--subject", subject)
    assert result.exit_code == 0, result.output
    data = load_data()
    label = data.situations[situation].zh if lang == "zh_CN" else data.situations[situation].en
    assert label in result.stdout.splitlines()[0]
    assert not {"{", "}"} & set(result.stdout)
    if lang == "zh_CN":
        assert "没有配置文件时" in result.stdout
        assert "方案还会检查您的证件号码" in result.stdout
    else:
        assert "Without a config" in result.stdout
        assert "with a config (--config PATH" in result.stdout
    # Without a config file nothing was left out of one: say there is none.
    assert ("配置中未填写" if lang == "zh_CN" else "not in the config") not in result.stdout
    if lang == "zh_CN":
        assert "接入商：未提供配置文件" in result.stdout
        assert "邮箱：未提供配置文件，" in result.stdout
    else:
        assert "access provider: no config file given" in result.stdout


def test_without_a_config_a_terminal_is_asked_the_subject(run_cli, terminal) -> None:
    result = run_cli("--lang", "zh_CN", "plan", "--situation", "subject-changed", input="单位\n")
    assert result.exit_code == 0, result.output
    assert "备案主体是个人（p）还是单位（e）？" in result.stderr
    assert result.stdout.startswith("找回方案：主体信息已变更（单位主体）")
    assert "新、旧两份营业执照的复印件" in result.stdout


def test_without_a_config_every_question_is_asked(run_cli, terminal) -> None:
    result = run_cli("plan", "--format", "json", input="x\np\n?\nn\n")
    assert result.exit_code == 0, result.output
    assert "answer p (个人) or e (单位)" in result.stderr
    assert "Is a phone number bound to your filing" in result.stderr
    out = json.loads(result.stdout)
    assert (out["situation"], out["subject_type"], out["configured"]) == (
        "email-lost",
        "personal",
        False,
    )


def test_without_a_config_or_a_terminal_the_subject_must_be_named(run_cli) -> None:
    result = run_cli("plan", "--situation", "forgot")
    assert result.exit_code == 2
    assert "--subject personal|enterprise" in result.stderr
    assert len(result.output.splitlines()) == 1


def test_a_named_config_that_is_missing_is_still_an_error(run_cli, tmp_path) -> None:
    result = run_cli("plan", "--situation", "forgot", "--config", str(tmp_path / "nope.toml"))
    assert result.exit_code == 2
    assert "config file not found" in result.stderr


# --- every sample -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize("sample", ["personal.toml", "enterprise.toml"])
def test_every_sample_and_situation(run_cli, sample: str, situation: str, lang: str) -> None:
    path = SAMPLES / sample
    result = run_cli("--lang", lang, "plan", "--config", str(path), "--situation", situation)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert not {"{", "}"} & set(out)
    assert "010-12381" in out
    assert ("阿里云" if sample == "personal.toml" else "腾讯云") in out
    assert "330106199003071236" not in out
    if lang == "zh_CN":
        assert "您" in out
        assert "你" not in out
        assert "上公布的为准（找回文章举例的电话是 010-12381）" in out
    else:
        assert "trust those published on its site" in out
    assert "official guidance" not in out.lower()


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
    assert [s["id"] for s in out["steps"][:2]] == ["have-at-hand", "self-check"]
    assert all(s["zh"] and s["en"] and s["heading"] and s["points"] for s in out["steps"])
    assert [m["id"] for m in out["materials"]] == ["id-copy", "id-photo", "lost-number-proof"]
    assert out["contacts"]["phone"] == {
        "value": "139****5678",
        "status": "ok",
        "age_days": None,
        "lost": True,
        "confirmed": False,
        "usable": False,
        "known": True,
    }
    assert out["configured"] is True
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
    assert "## 可能需要的材料（找回文章举的例子；部分情况下才要求，以受理渠道为准）" in lines
    assert "- [ ] 2. 自查一遍" in result.stdout
    assert "- [ ] 4. 主体信息变了或证件丢了" in result.stdout
    assert "请联系原接入商（阿里云）" in result.stdout
    assert "- [ ] 新、旧两份营业执照的复印件（加盖公章）" in lines
    assert (
        "- 手机 `139****5678`：已绑定（未安装联系方式检查，无法判断是否仍有效），"
        "能否收到验证码不确定，可先试" in lines
    )


def test_the_self_check_names_what_the_identifier_check_found(run_cli, write_config, only) -> None:
    only(EntryPoint("BA201", "tests.test_plan_selfcheck:id_lookalike", registry.GROUP))
    path = write_config(FRESH.format(subject="personal"))
    result = run_cli("plan", "--config", str(path), "--situation", "forgot")
    assert result.exit_code == 0
    assert "· subject's ID number (subject.id): looks mistyped" in result.stdout
    assert "330106199003071236" not in result.stdout


def test_a_broken_config_is_one_line_and_exit_2(run_cli, write_config) -> None:
    result = run_cli("plan", "--config", str(write_config('[subject]\ntype = "robot"\n')))
    assert result.exit_code == 2
    assert result.output.startswith("beianaudit: ")
    assert len(result.output.splitlines()) == 1
