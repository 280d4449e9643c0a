"""The README's quick start stays true: CI runs exactly its test command, and its first
command ends in a clean run of the main job."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path

from tests.conftest import ROOT


def quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_is_two_commands() -> None:
    install_and_run, install_and_test = quick_start_commands()
    assert "beianaudit init --config" in install_and_run
    assert "beianaudit check --config" in install_and_run
    assert "[test]" in install_and_test
    assert "pytest" in install_and_test


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def test_quick_start_ends_in_a_clean_check(tmp_path: Path) -> None:
    """The beianaudit steps of the first command, run by the installed program with the
    words the shell would give them (``$c`` is the fresh temporary file, ``$(date +%F)``
    today), end in exit 0."""
    program = Path(sys.executable).with_name("beianaudit")
    config = tmp_path / "fresh" / "config.toml"
    steps = [
        shlex.split(
            step.replace('"$c"', shlex.quote(str(config))).replace(
                '"$(date +%F)"', date.today().isoformat()
            )
        )
        for step in quick_start_commands()[0].split(" && ")
        if step.startswith(".venv/bin/beianaudit ")
    ]
    assert [words[1] for words in steps] == ["init", "check"]
    for words in steps:
        done = subprocess.run(
            [str(program), *words[1:]], capture_output=True, text=True, timeout=300, check=False
        )  # the timeout is a hang guard
        assert done.returncode == 0, done.stdout + done.stderr
    assert config.stat().st_mode & 0o777 == 0o600
    summary = done.stdout.splitlines()[-1]  # counts only what is there: "1 info"
    assert "error" not in summary, done.stdout
    assert "warning" not in summary, done.stdout
