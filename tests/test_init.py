"""``beianaudit init`` as a user meets it: options in scripts (CliRunner), questions on a
terminal (a real pseudo-terminal), and a file that ``check`` passes."""

from __future__ import annotations

import os
import stat
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.commands import init
from beianaudit.config import load
from tests.conftest import SAMPLES, TODAY
from tests.fuzzing import assert_one_line, budget
from tests.terminal import CTRL_C, CTRL_D, Terminal

ID = "330106199003071236"
# The data of samples/personal.toml, as options.
SAMPLE_OPTIONS = [
    "--subject-type", "personal", "--name", "张伟", "--id", ID,
    "--phone", "13912345678", "--phone-verified", "2026-10-01",
    "--email", "zhangwei@example.com", "--email-verified", "2026-10-01",
    "--filing-number", "浙ICP备2021000001号-1", "--domain", "zhangwei.cn",
    "--provider", "阿里云", "--login-url", "https://beian.miit.gov.cn/",
]  # fmt: skip


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- options (scripts) ---------------------------------------------------------------------


def test_options_write_a_config_that_check_passes(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    result = run_cli("init", "--config", str(path), *SAMPLE_OPTIONS)
    assert result.exit_code == 0, result.output
    assert f"wrote {path} (mode 600)" in result.output
    assert mode(path) == 0o600
    config = load(path)
    assert (config.subject.id, config.contacts.phone) == (ID, "13912345678")
    assert config.filing.numbers == ("浙ICP备2021000001号-1",)
    check = run_cli("check", "--config", str(path))
    assert check.exit_code == 0, check.output
    summary = check.output.splitlines()[-1]  # counts only what is there: "1 info"
    assert "error" not in summary, check.output
    assert "warning" not in summary, check.output


def test_print_is_the_sample_and_writes_nothing(run_cli, tmp_path: Path) -> None:
    """samples/personal.toml is what init writes from its data: the same keys, values and
    bilingual comments, below the sample's own header."""
    path = tmp_path / "config.toml"
    result = run_cli("init", "--print", "--config", str(path), *SAMPLE_OPTIONS)
    assert result.exit_code == 0, result.stderr
    assert not path.exists()
    sample = (SAMPLES / "personal.toml").read_text(encoding="utf-8")
    assert result.stdout.split("[subject]", 1)[1] == sample.split("[subject]", 1)[1]
    assert result.stdout.startswith("# beianaudit 配置：由 beianaudit init 于 2026-11-25 写入")


def test_policy_comment_says_which_defaults_are_the_article_s(run_cli) -> None:
    """Only length 8, four classes and 123456/admin come from the recovery article;
    min_score, min_change_percent and stale_after_days are beianaudit's own defaults."""
    result = run_cli("init", "--print", *SAMPLE_OPTIONS)
    head = result.stdout.split("[policy]", 1)[1].split("min_length", 1)[0]
    article, own = head.split("min_score", 1)
    for key in ("min_score", "min_change_percent", "stale_after_days"):
        assert key not in article
        assert key in own
    assert "beianaudit 自己的默认值" in own
    assert "beianaudit's own defaults" in own
    assert "找回文章的建议" in article
    assert "recovery article's advice" in own.split("/")[1]


def test_no_date_given_no_date_recorded_and_omitted_answers_are_left_out(run_cli) -> None:
    """A phone given without --phone-verified was never said to receive a code: no date."""
    result = run_cli(
        "init", "--print", "--subject-type", "enterprise", "--phone", "+86 139 1234 5678"
    )
    assert result.exit_code == 0, result.stderr
    parsed = tomllib.loads(result.stdout)
    assert parsed["contacts"] == {"phone": "13912345678"}
    assert parsed["subject"] == {"type": "enterprise"}
    assert parsed["filing"] == {}
    assert parsed["policy"]["stale_after_days"] == 180


def test_contacts_without_dates_are_never_confirmed_for_check_and_remind(
    run_cli, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    result = run_cli(
        "init", "--no-input", "--config", str(path), "--subject-type", "personal",
        "--phone", "13912345678", "--email", "a@b.cn",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "_verified" not in path.read_text()
    check = run_cli("check", "--config", str(path), "--only", "BA403")
    assert check.exit_code == 1, check.output
    assert "never confirmed" in check.output
    remind = run_cli("remind", "--config", str(path))
    assert remind.exit_code == 1, remind.output
    assert remind.output.strip()


def test_default_path_with_private_folders(run_cli, tmp_path: Path) -> None:
    result = run_cli("init", *SAMPLE_OPTIONS)
    assert result.exit_code == 0, result.output
    path = tmp_path / "xdg-config" / "beianaudit" / "config.toml"  # conftest's XDG_CONFIG_HOME
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700  # every folder init creates
    assert "next: beianaudit check\n" in result.output  # the default needs no --config
    assert run_cli("check").exit_code == 0


def test_environment_names_the_file(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "from-env.toml"
    result = run_cli("init", *SAMPLE_OPTIONS, env={"BEIANAUDIT_CONFIG": str(path)})
    assert result.exit_code == 0, result.output
    assert load(path).subject.name == "张伟"


def test_created_0600_not_narrowed_afterwards(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no umask to help and every chmod disabled, the mode is what the file was
    created with: 0600 (a file created 0644 and chmodded later would show 0644 here)."""
    monkeypatch.setattr(os, "fchmod", lambda fd, mode: None)
    monkeypatch.setattr(os, "chmod", lambda *a, **k: None)
    old = os.umask(0)
    try:
        result = run_cli("init", "--config", str(tmp_path / "new" / "c.toml"), *SAMPLE_OPTIONS)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert mode(tmp_path / "new" / "c.toml") == 0o600
    assert mode(tmp_path / "new") == 0o700


def test_never_overwrites_without_force(run_cli, write_config, tmp_path: Path) -> None:
    path = write_config("# mine\n", mode=0o644)
    result = run_cli("init", "--config", str(path), *SAMPLE_OPTIONS)
    assert result.exit_code == 2
    assert_one_line(result.stderr)
    assert "exists already; nothing was written (to replace it: --force)" in result.stderr
    assert path.read_text(encoding="utf-8") == "# mine\n"
    forced = run_cli("init", "--config", str(path), "--force", *SAMPLE_OPTIONS)
    assert forced.exit_code == 0, forced.output
    assert load(path).subject.id == ID
    assert mode(path) == 0o600  # not the old file's 0644
    assert leftovers(tmp_path) == []


def test_force_through_a_link_replaces_the_file_it_names(run_cli, write_config, tmp_path) -> None:
    target = write_config("# mine\n")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    assert run_cli("init", "--config", str(link), "--force", *SAMPLE_OPTIONS).exit_code == 0
    assert link.is_symlink()
    assert load(target).subject.id == ID


def test_a_file_appearing_meanwhile_is_not_replaced(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check before the questions is not the guard: the final link is, atomically."""
    path = tmp_path / "config.toml"
    real = init.make_folders

    def racing(folder: Path) -> None:
        real(folder)
        path.write_text("# written meanwhile\n", encoding="utf-8")

    monkeypatch.setattr(init, "make_folders", racing)
    result = run_cli("init", "--config", str(path), *SAMPLE_OPTIONS)
    assert result.exit_code == 2
    assert "exists already" in result.stderr
    assert path.read_text(encoding="utf-8") == "# written meanwhile\n"
    assert leftovers(tmp_path) == []


def test_without_hard_links_the_name_is_claimed_exclusively(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system without hard links (FAT, some network mounts): the name is claimed
    with O_EXCL, so an existing file is still never replaced."""
    import errno

    def no_links(source: str, target: str) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "config.toml"
    assert run_cli("init", "--config", str(path), *SAMPLE_OPTIONS).exit_code == 0
    assert mode(path) == 0o600
    assert load(path).subject.id == ID
    assert leftovers(tmp_path) == []
    real = init.make_folders

    def racing(folder: Path) -> None:
        real(folder)
        (tmp_path / "other.toml").write_text("# written meanwhile\n", encoding="utf-8")

    monkeypatch.setattr(init, "make_folders", racing)
    result = run_cli("init", "--config", str(tmp_path / "other.toml"), *SAMPLE_OPTIONS)
    assert result.exit_code == 2
    assert "exists already" in result.stderr
    assert (tmp_path / "other.toml").read_text(encoding="utf-8") == "# written meanwhile\n"
    assert leftovers(tmp_path) == []


def test_unwritable_folder_is_one_line(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    if os.access(folder, os.W_OK):
        pytest.skip("running as root: every folder is writable")
    result = run_cli("init", "--config", str(folder / "c.toml"), *SAMPLE_OPTIONS)
    assert result.exit_code == 2
    assert_one_line(result.stderr)
    assert "cannot write the config file" in result.stderr


def test_without_a_terminal_the_subject_type_is_needed(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    result = run_cli("init", "--config", str(path), "--name", "张伟")
    assert result.exit_code == 2
    assert_one_line(result.stderr)
    assert "no terminal to ask on" in result.stderr
    assert "--subject-type" in result.stderr
    assert not path.exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--id", "3301O6199003071236"], "--id: the resident ID number has look-alike "
         "characters: type 33010*********1236"),
        (["--id", "330106199003071235"], "--id: the resident ID number is invalid"),
        (["--phone", "1391234567"], "--phone: the phone number is not a mainland mobile number"),
        (["--email", "zhangwei@"], "--email: the email address is not valid"),
        (["--phone", "13912345678", "--phone-verified", "2026-12-01"],
         "--phone-verified: 2026-12-01 lies in the future (today is 2026-11-25)"),
        (["--email", "a@example.com", "--email-verified", "1900-01-01"],
         "--email-verified: 1900-01-01 is before the ICP filing system began (2005-03-20); "
         "a typo?"),
        (["--phone", "13912345678", "--phone-verified", "yesterday"],
         "--phone-verified: not a date"),
        (["--email-verified", "2026-10-01"], "--email-verified without --email"),
        (["--filing-number", "粵ICP备12345678号-1"], "--filing-number: the ICP filing number has "
         "look-alike characters: type 粤ICP备12345678号-1"),
        (["--domain", "https://zhangwei.cn/"], "--domain: not a domain name"),
        (["--login-url", "https://beian.miit.gov.cn.evil.com/"], "--login-url: LOOK-ALIKE"),
        (["--login-url", "http://beian.miit.gov.cn/"], "--login-url: the real filing system, "
         "but over plain http"),
        (["--name", "张\x1b[31m伟"], "--name: holds control or invisible characters"),
    ],
)  # fmt: skip
def test_a_bad_option_is_one_line_naming_it(run_cli, tmp_path, options, message) -> None:
    path = tmp_path / "c.toml"
    result = run_cli("init", "--config", str(path), "--subject-type", "personal", *options)
    assert result.exit_code == 2, result.output
    assert_one_line(result.stderr)
    assert message in result.stderr
    assert "\x1b" not in result.stderr
    assert "330106199003071236" not in result.stderr  # a resident ID is masked
    assert not path.exists()


def test_the_subject_type_decides_the_kind_of_id(run_cli) -> None:
    personal_id_for_a_company = run_cli("init", "--print", "--subject-type", "enterprise",
                                        "--id", ID)  # fmt: skip
    assert personal_id_for_a_company.exit_code == 2
    assert "--id: the unified social credit code" in personal_id_for_a_company.stderr
    company = run_cli("init", "--print", "--subject-type", "enterprise", "--id",
                      "91330106MA27Q8K08R")  # fmt: skip
    assert company.exit_code == 0, company.stderr
    assert "# 统一社会信用代码 / unified social credit code\nid = " in company.stdout
    assert run_cli("init", "--print", "--id", ID).exit_code == 2  # which kind? needs the type


def test_options_in_chinese(run_cli) -> None:
    result = run_cli("init", "--lang", "zh_CN", "--print")
    assert result.exit_code == 2
    assert "没有可提问的终端" in result.stderr


printable = st.text(
    st.characters(exclude_categories=["Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"]), max_size=60
)


@budget(25)
@given(name=printable, provider=printable)
def test_any_name_and_provider_round_trip(tmp_path_factory, name: str, provider: str) -> None:
    """Whatever text is accepted comes back from the loader exactly (tomlkit quotes it)."""
    answers = init.Answers(type="personal")
    try:
        answers.name, answers.provider = init.judge_text(name), init.judge_text(provider)
    except init.Rejected:
        return
    path = tmp_path_factory.mktemp("rt") / "c.toml"
    path.write_text(init.render(answers, TODAY), encoding="utf-8")
    config = load(path)
    assert (config.subject.name or "", config.filing.provider or "") == (
        name.strip(),
        provider.strip(),
    )


def _valid_id(value: str) -> bool:
    from beianaudit.identifiers import VALID
    from beianaudit.identifiers.judgement import judge_subject_id

    return judge_subject_id(value, "personal", TODAY).verdict == VALID


def _valid_number(value: str) -> bool:
    from beianaudit.identifiers import VALID
    from beianaudit.identifiers.judgement import judge_filing_number

    return judge_filing_number(value, TODAY).verdict == VALID


def _valid_contact(kind: str, value: str) -> bool:
    from beianaudit.contacts.validation import Status, assess

    return assess(kind, value, None, TODAY, 1).status is Status.NEVER_CONFIRMED


JUDGES = [
    (lambda r: init.judge_id(r, "personal", TODAY), _valid_id),
    (lambda r: init.judge_number(r, TODAY), _valid_number),
    (lambda r: init.judge_contact("phone", r, TODAY), lambda v: _valid_contact("phone", v)),
    (lambda r: init.judge_contact("email", r, TODAY), lambda v: _valid_contact("email", v)),
]


@budget(25)
@given(
    raw=st.text(max_size=40)
    | st.sampled_from(
        ["3301O6199003071236", "粵ICP备12345678号-1", "+86 139 1234 5678", "zhangwei@example.com"]
    )
)
def test_judges_agree_with_the_checks(raw: str) -> None:
    """An answer init accepts is one the check on that key does not fault, and so is a
    correction it offers."""
    for judge, valid in JUDGES:
        rejected: init.Rejected | None = None
        try:
            value = judge(raw)
        except init.Rejected as exc:
            rejected = exc
        if rejected is None:
            assert valid(value)
            continue
        assert str(rejected)
        if rejected.suggestion is not None:
            assert valid(judge(rejected.suggestion))


# --- a terminal ----------------------------------------------------------------------------

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # fork with threads

needs_pty = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")


@needs_pty
def test_questions_judge_each_answer_as_typed(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "cfg" / "config.toml"
    with Terminal(["init", "--config", str(path)]) as term:
        term.expect("Ctrl-C stops without writing anything")
        term.answer("Subject type: personal (个人) or enterprise (单位): ", "personal")
        term.answer("Name, as on the ID card: ", "张伟")
        term.answer("Resident ID number: ", "3301O6199003071236")  # letter O for a zero
        term.expect("position 5: “O” (U+004F) looks like “0”")
        term.answer("Use 33010*********1236? [Y/n]: ", "")
        term.answer("Mobile phone bound to the filing account: ", "+86 139-1234-5678")
        term.answer("(YYYY-MM-DD): ", "")  # no default: Enter records no date
        term.answer("Email bound to the filing account: ", "zhangwei@")
        term.expect("the email address is not valid")
        term.answer("Email bound to the filing account: ", "zhangwei@example.com")
        term.answer("(YYYY-MM-DD): ", "2999-01-01")
        term.expect("lies in the future")
        term.answer("(YYYY-MM-DD): ", "2026-10-01")
        term.answer("one at a time (Enter when done): ", "粵ICP备12345678号-1")
        term.answer("Use 粤ICP备12345678号-1? [Y/n]: ", "是")
        term.answer("ICP filing number, one at a time (Enter when done): ", "")
        term.answer("Filed domain, one at a time (Enter when done): ", "https://zhangwei.cn/")
        term.answer("Use zhangwei.cn? [Y/n]: ", "y")
        term.answer("Filed domain, one at a time (Enter when done): ", "")
        term.answer("Access provider (接入商): ", "阿里云")
        term.answer("Bookmarked login URL: ", "beian-miit.cn/login")
        term.expect("LOOK-ALIKE")
        term.answer("Use https://beian.miit.gov.cn/? [Y/n]: ", "")
        term.expect(f"wrote {path} (mode 600); next: beianaudit check --config {path}")
        assert term.finish() == 0
        assert "330106199003071236" not in term.screen  # echoed input aside, all masked
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    config = load(path)
    assert config.subject.id == "330106199003071236"
    assert config.contacts.phone == "13912345678"
    assert config.filing.numbers == ("粤ICP备12345678号-1",)
    assert config.filing.domains == ("zhangwei.cn",)
    assert config.filing.login_url == "https://beian.miit.gov.cn/"
    assert config.contacts.phone_verified is None  # Enter said nothing about the phone
    assert config.contacts.email_verified == date(2026, 10, 1)
    check = run_cli("check", "--config", str(path), today=date(2026, 10, 1))
    assert check.exit_code == 1, check.output
    assert "BA403" in check.output


@needs_pty
def test_chinese_prompts_end_with_a_full_width_colon(tmp_path: Path) -> None:
    with Terminal(["init", "--print"], lang="zh_CN.UTF-8") as term:
        term.answer("主体类型，personal（个人）或 enterprise（单位）：", "单位")
        term.answer("单位名称（与营业执照一致）：", "杭州某某科技有限公司")
        term.answer("统一社会信用代码：", "")
        term.answer("备案账号绑定的手机号：", "")
        term.answer("备案账号绑定的邮箱：", "")
        term.expect("配置中没有记录可用的手机或邮箱")  # BA404: nothing recorded
        term.answer("备案号，每次输入一个（输完直接回车）：", "")
        term.answer("已备案的域名，每次输入一个（输完直接回车）：", "")
        term.answer("接入商：", "")
        term.answer("收藏的登录地址：", "")  # no default: Enter records no URL
        term.expect('type = "enterprise"')
        assert term.finish() == 0
        assert "login_url" not in term.screen


@needs_pty
def test_ctrl_c_exits_130_with_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    with Terminal(["init", "--config", str(path)]) as term:
        term.answer("or enterprise (单位): ", "personal")
        term.expect("Name, as on the ID card: ")
        term.wait_reading()
        term.send(CTRL_C)
        term.expect("interrupted: nothing was written")
        assert term.finish() == 130
    assert not path.exists()
    assert not path.parent.exists()  # folders are made only to write


@needs_pty
def test_ctrl_d_is_one_line_and_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    with Terminal(["init", "--config", str(path)]) as term:
        term.expect("or enterprise (单位): ")
        term.send(CTRL_D)
        term.expect("no answer (the input ended): nothing was written")
        assert term.finish() == 2
    assert not path.exists()


@needs_pty
def test_an_existing_config_stops_before_any_question(write_config) -> None:
    path = write_config()
    with Terminal(["init", "--config", str(path)]) as term:
        term.expect("exists already")
        assert term.finish() == 2
        assert "Subject type" not in term.screen


@needs_pty
def test_no_input_asks_nothing_on_a_terminal(tmp_path: Path) -> None:
    with Terminal(["init", "--print", "--no-input", "--subject-type", "personal"]) as term:
        term.expect('type = "personal"')
        assert term.finish() == 0
        assert "?" not in term.screen


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("through_link", [False, True])
def test_force_never_replaces_a_pipe_or_a_device(
    run_cli, tmp_path: Path, through_link: bool
) -> None:
    """As root, --force over /dev/null once swapped a regular file in for the device; a
    FIFO stands in for any special file here (the same check refuses both)."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    path = fifo
    if through_link:
        path = tmp_path / "link.toml"
        path.symlink_to(fifo)
    result = run_cli("init", "--config", str(path), "--force", *SAMPLE_OPTIONS)
    assert result.exit_code == 2
    assert_one_line(result.stderr)
    assert result.stderr == (
        f"beianaudit: {path}: not a regular file (a pipe, a device or a socket); "
        "nothing was written\n"
    )
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert path.is_symlink() == through_link
    assert leftovers(tmp_path) == []


def test_force_never_replaces_a_device(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A character device, faked through ``stat`` (never a real device in a test)."""
    path = tmp_path / "config.toml"
    path.write_text("# mine\n", encoding="utf-8")
    real_stat = os.stat

    def fake_stat(p, *args, **kw):  # type: ignore[no-untyped-def]
        found = real_stat(p, *args, **kw)
        if str(p) == str(path):
            return os.stat_result((stat.S_IFCHR | 0o666, *tuple(found)[1:]))
        return found

    monkeypatch.setattr(os, "stat", fake_stat)
    result = run_cli("init", "--config", str(path), "--force", *SAMPLE_OPTIONS)
    assert result.exit_code == 2
    assert "not a regular file (a pipe, a device or a socket)" in result.stderr
    assert path.read_text(encoding="utf-8") == "# mine\n"
