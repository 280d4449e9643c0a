"""``beianaudit id`` and the BA201/BA202 checks, as a user drives them."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest
from beianaudit.checks.identifiers import filing_numbers, subject_id

from beianaudit.config import load
from beianaudit.context import Context
from tests.conftest import SAMPLES, TODAY

RIC = "330106199003071236"


def test_id_names_the_o_and_what_to_type(run_cli) -> None:
    result = run_cli("id", "3301O6199003071236")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "3301O*********1236  [resident ID number] look-alike characters"
    assert "position 5: “O” (U+004F) looks like “0”: type “0”" in lines[1]
    assert lines[2].endswith("type instead: 33010*********1236")
    assert lines[3].index("^") == lines[2].index("33010") + 4
    assert RIC not in result.output  # the middle of a resident ID is never shown whole


def test_id_in_chinese(run_cli) -> None:
    result = run_cli("id", "--lang", "zh_CN", "3301O6199003071236")
    assert "第 5 位：“O”（U+004F）形似 “0”：请输入 “0”" in result.output
    assert "应输入" in result.output


def test_valid_id_is_masked_and_exits_0(run_cli) -> None:
    result = run_cli("id", RIC)
    assert result.exit_code == 0
    assert result.output.strip() == "3301**********1236  [resident ID number] valid"


def test_id_json_contract(run_cli) -> None:
    result = run_cli("id", "--format", "json", "91330106MA27QBK08R")
    data = json.loads(result.output)
    assert data["tool"] == "beianaudit"
    assert (data["kind"], data["verdict"], data["suggestion"]) == (
        "uscc",
        "lookalike",
        "91330106MA27Q8K08R",
    )
    assert data["problems"][0]["reason"] == "b8"
    (finding,) = data["findings"]
    assert finding["check"] == "BA201"
    assert finding["data"]["verdict"] == "lookalike"
    several = json.loads(run_cli("id", "--format", "json", RIC, "x").output)
    assert [r["verdict"] for r in several["results"]] == ["valid", "invalid"]


def test_a_credit_code_with_a_look_alike_is_read_as_one(run_cli) -> None:
    """Read as a resident ID it is wrong twice over; as a credit code B is simply 8."""
    data = json.loads(run_cli("id", "--format", "json", "913501B81234567888").output)
    assert (data["kind"], data["suggestion"]) == ("uscc", "913501881234567888")


def test_a_look_alike_without_a_single_correction_reads_as_a_sentence(run_cli) -> None:
    data = json.loads(run_cli("id", "--format", "json", "91350100123456788Z").output)
    message = data["findings"][0]["message"]
    assert "is look-alike" not in message
    assert "compare it with the document" in message


def test_id_kind_option(run_cli) -> None:
    data = json.loads(run_cli("id", "--kind", "icp", "--format", "json", RIC).output)
    assert (data["kind"], data["verdict"]) == ("icp", "invalid")


def test_batch_jsonl_one_line_per_input_in_order(run_cli, tmp_path) -> None:
    lines = [RIC, " " + RIC, "", "浙ICP备2021000001号-1", "junk\u200b", "9" * 100_000]
    path = tmp_path / "ids.txt"
    path.write_bytes("\r\n".join(lines).encode() + b"\n\x00\n")
    result = run_cli("id", "--file", str(path), "--format", "jsonl")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["verdict"] for o in out] == [  # the blank line skipped
        "valid",
        "lookalike",
        "valid",
        "invalid",
        "invalid",
        "invalid",
    ]
    assert out[3]["input"] == "junk\\u200b"


def test_batch_from_stdin(run_cli) -> None:
    result = run_cli("id", "--file", "-", input=f"{RIC}\n3301O6199003071236\n")
    assert result.output.count("[resident ID number]") == 2
    assert result.output.startswith("line 1: 3301**********1236")
    assert "\nline 2: 3301O" in result.output


def test_batch_json_lists_results_even_for_one_line(run_cli) -> None:
    result = run_cli("id", "--file", "-", "--format", "json", input=f"{RIC}\n")
    assert result.exit_code == 0
    assert len(json.loads(result.output)["results"]) == 1


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "compact"])
def test_an_empty_batch_is_no_input_not_an_all_clear(run_cli, fmt: str) -> None:
    result = run_cli("id", "--file", "-", "--format", fmt, input="")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no identifiers in the input" in result.stderr
    assert "no findings" not in result.output


def test_id_needs_values_or_a_file(run_cli) -> None:
    result = run_cli("id")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def run(check, path):
    return list(check.run(Context(config=load(path), today=TODAY)))


def test_checks_pass_on_the_samples() -> None:
    for sample in ("personal.toml", "enterprise.toml"):
        assert run(subject_id, SAMPLES / sample) == []
        assert run(filing_numbers, SAMPLES / sample) == []


def test_checks_report_lookalikes_in_the_config(write_config) -> None:
    path = write_config(
        '[subject]\ntype = "personal"\nid = "3301O6199003071236"\n'
        '[filing]\nnumbers = ["浙ICP备2021000001号-1", "浙ICP備2021000001號", "粤B2-20090059"]\n'
    )
    (found,) = run(subject_id, path)
    assert (found.check, found.target) == ("BA201", "subject.id")
    assert found.data == {**found.data, "verdict": "lookalike", "kind": "ric", "suggestion": RIC}
    assert RIC not in found.message
    numbers = run(filing_numbers, path)
    assert [(f.target, f.data["verdict"]) for f in numbers] == [
        ("filing.numbers[1]", "lookalike"),
        ("filing.numbers[2]", "invalid"),
    ]
    assert numbers[1].data["kind"] == "icp"


def test_subject_type_decides_the_kind(write_config) -> None:
    path = write_config('[subject]\ntype = "enterprise"\nid = "' + RIC + '"\n')
    (found,) = run(subject_id, path)
    assert found.data["kind"] == "uscc"


def test_check_command_runs_them(run_cli, write_config) -> None:
    path = write_config('[subject]\ntype = "personal"\nid = "3301O6199003071236"\n')
    result = run_cli("check", "--config", str(path), "--format", "json", "--only", "BA201,BA202")
    assert result.exit_code == 1
    assert [f["check"] for f in json.loads(result.output)["findings"]] == ["BA201"]


@pytest.mark.skipif(os.name != "posix", reason="select on a pipe")
def test_batch_streams_one_result_per_line_as_it_reads() -> None:
    """The first result arrives while the input is still open."""
    script = Path(sys.executable).with_name("beianaudit")
    proc = subprocess.Popen(
        [str(script), "id", "--file", "-", "--format", "jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    try:
        assert proc.stdin is not None
        assert proc.stdout is not None
        proc.stdin.write(b"3301O6199003071236\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 20)
        assert ready, "no result before the input was closed"
        first = json.loads(proc.stdout.readline())
        assert first["suggestion"] == RIC
        proc.stdin.close()
        assert proc.wait(20) == 1
    finally:
        proc.kill()


@pytest.mark.parametrize("fmt", ["text", "jsonl", "json", "compact"])
def test_a_line_that_is_not_utf8_is_an_input_error_naming_file_line_and_byte(
    run_cli, tmp_path, fmt: str
) -> None:
    path = tmp_path / "ids.txt"
    path.write_bytes(RIC.encode() + b"\n3301\xff06199003071236\n" + RIC.encode() + b"\n")
    result = run_cli("id", "--file", str(path), "--format", fmt)
    assert result.exit_code == 2
    assert result.stderr == (
        f"beianaudit: {path}:2: not UTF-8 text (byte 5 of the line); "
        "this line and the ones after it were not checked\n"
    )
    assert "\ufffd" not in result.stdout  # nothing judged that nobody typed
    if fmt != "json":  # what came before was judged and shown as it streamed
        assert result.stdout.count("330106") + result.stdout.count("3301**") == 1


def test_not_utf8_on_stdin_is_named_in_chinese_too(run_cli) -> None:
    result = run_cli("--lang", "zh_CN", "id", "--file", "-", input=b"\xff\xfe330106\n")
    assert result.exit_code == 2
    assert result.stderr == (
        "beianaudit：标准输入:1：不是 UTF-8 文本（该行第 1 字节）；本行及其后各行均未检查\n"
    )
