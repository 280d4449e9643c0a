"""The JSON twins of TOML package data (issue 20): the same data, never used stale."""

from __future__ import annotations

import json
import sys
import tomllib
import zlib
from pathlib import Path

import pytest

import beianaudit
from beianaudit import JSON_TWINS, data_toml
from tests.conftest import SAMPLES

DATA = Path(beianaudit.__file__).parent / "data"


@pytest.mark.parametrize("path", JSON_TWINS)
def test_each_twin_is_fresh_and_holds_the_tomls_data(path: str) -> None:
    raw = (DATA / path).read_bytes()
    twin = json.loads((DATA / f"{path}.json").read_text("utf-8"))
    assert (twin["size"], twin["crc32"]) == (len(raw), zlib.crc32(raw)), (
        f"stale: run python tools/data_json.py ({path} changed)"
    )
    assert twin["data"] == tomllib.loads(raw.decode("utf-8"))
    assert data_toml(path) == twin["data"]


@pytest.mark.parametrize("path", JSON_TWINS)
def test_a_stale_twin_is_not_used(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import pkgutil

    real = pkgutil.get_data
    edited = b'edited_after_the_twin = "yes"\n' + (DATA / path).read_bytes()

    def get_data(package: str, resource: str) -> bytes | None:
        return edited if resource == f"data/{path}" else real(package, resource)

    monkeypatch.setattr(pkgutil, "get_data", get_data)
    assert data_toml(path)["edited_after_the_twin"] == "yes"


def test_a_toml_without_a_twin_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    import pkgutil

    real = pkgutil.get_data

    def get_data(package: str, resource: str) -> bytes | None:
        if resource.endswith(".json"):
            raise FileNotFoundError(resource)
        return real(package, resource)

    monkeypatch.setattr(pkgutil, "get_data", get_data)
    assert data_toml(JSON_TWINS[0]) == tomllib.loads((DATA / JSON_TWINS[0]).read_text("utf-8"))


def _fresh_header(path: str) -> dict:
    raw = (DATA / path).read_bytes()
    return {"crc32": zlib.crc32(raw), "size": len(raw)}


BROKEN_TWINS = {
    "cut short": lambda path: (DATA / f"{path}.json").read_bytes()[:100],
    "empty": lambda path: b"",
    "not UTF-8": lambda path: b"\xff\xfe{}",
    "a list": lambda path: b"[1, 2]",
    "a number": lambda path: b"7",
    "no data": lambda path: json.dumps(_fresh_header(path)).encode(),
    "data not a table": lambda path: json.dumps({**_fresh_header(path), "data": []}).encode(),
    "deep": lambda path: b"[" * 100_000,
}


@pytest.mark.parametrize("path", JSON_TWINS)
@pytest.mark.parametrize("broken", sorted(BROKEN_TWINS))
def test_a_broken_twin_is_ignored_and_the_toml_parsed(
    path: str, broken: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pkgutil

    real = pkgutil.get_data
    twin = BROKEN_TWINS[broken](path)

    def get_data(package: str, resource: str) -> bytes | None:
        return twin if resource == f"data/{path}.json" else real(package, resource)

    monkeypatch.setattr(pkgutil, "get_data", get_data)
    assert data_toml(path) == tomllib.loads((DATA / path).read_text("utf-8"))


def test_plan_runs_with_a_broken_twin(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command, not only the reader: ``plan`` once said 内部错误 on a truncated twin."""
    import pkgutil

    from beianaudit.recovery import plan

    real = pkgutil.get_data

    def get_data(package: str, resource: str) -> bytes | None:
        return b'{"crc' if resource.endswith(".json") else real(package, resource)

    monkeypatch.setattr(pkgutil, "get_data", get_data)
    plan.load_data.cache_clear()
    plan.load_guidance.cache_clear()
    try:
        result = run_cli(
            "plan", "--config", str(SAMPLES / "personal.toml"), "--situation", "forgot"
        )
    finally:
        plan.load_data.cache_clear()
        plan.load_guidance.cache_clear()
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output


def test_the_tool_reports_no_stale_twin() -> None:
    import subprocess

    tool = Path(beianaudit.__file__).parent.parent / "tools" / "data_json.py"
    done = subprocess.run(
        [sys.executable, str(tool), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
