"""Checks are found through entry points, built-in and third-party alike."""

from __future__ import annotations

import importlib
import pkgutil
from importlib.metadata import EntryPoint

import beianaudit.checks
import pytest

from beianaudit import registry
from beianaudit.config import load
from beianaudit.context import Context
from beianaudit.finding import Severity
from beianaudit.registry import BUILTIN, CRASH_ID, Check
from tests.conftest import TODAY
from tests.plugins.fake import SECRET


def ep(name: str, value: str) -> EntryPoint:
    return EntryPoint(name=name, value=value, group=registry.GROUP)


FAKE = [
    ep("XY100", "tests.plugins.fake:says_hello"),
    ep("XY101", "tests.plugins.fake:crashes"),
    ep("XY102", "tests.plugins.fake:returns_junk"),
]


def builtin_checks() -> dict[str, Check]:
    """Every Check object defined in a module under beianaudit.checks."""
    found = {}
    for info in pkgutil.iter_modules(beianaudit.checks.__path__, "beianaudit.checks."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, Check):
                found[value.id] = value
    return found


def test_every_builtin_check_is_registered_as_an_entry_point() -> None:
    registered = {r.check.id: r for r in registry.discover()[0]}
    defined = builtin_checks()
    assert defined, "no built-in checks found"
    for check_id, check in defined.items():
        assert check_id in registered, f"{check_id} lacks an entry point in pyproject.toml"
        assert registered[check_id].check is check
        assert registered[check_id].origin == BUILTIN


def test_entry_point_names_are_the_check_ids() -> None:
    for entry in registry.installed_entry_points():
        assert entry.load().id == entry.name


def test_ids_are_unique_and_in_their_family() -> None:
    ids = list(builtin_checks())
    assert len(ids) == len(set(ids))
    assert all(i[:2] == "BA" and i[2] in "12345" and len(i) == 5 for i in ids)


def test_summary_comes_from_the_docstring() -> None:
    check = builtin_checks()["BA501"]
    assert check.summary.startswith("Warn when group or others")


def test_a_fake_plugin_is_picked_up_and_run(write_config) -> None:
    checks, problems = registry.discover([*registry.installed_entry_points(), *FAKE])
    assert not problems
    by_id = {r.check.id: r for r in checks}
    assert by_id["XY100"].origin == "tests.plugins.fake"
    ctx = Context(config=load(write_config()), today=TODAY)
    findings = registry.run([by_id["XY100"]], ctx)
    assert [(f.check, f.message) for f in findings] == [("XY100", "subject is personal")]


def test_a_raising_plugin_becomes_a_finding_and_the_run_goes_on(write_config) -> None:
    checks, _ = registry.discover(FAKE)
    ctx = Context(config=load(write_config()), today=TODAY)
    findings = registry.run(checks, ctx)
    crashes = [f for f in findings if f.check == CRASH_ID]
    assert {f.target for f in crashes} == {"XY101", "XY102"}
    assert all(f.severity is Severity.ERROR for f in crashes)
    assert any(f.check == "XY100" for f in findings), "the healthy check still ran"
    assert not any(SECRET in repr(f) for f in findings), "exception text must not leak"
    assert crashes[0].data["exception"] == "RuntimeError"


def test_a_plugin_that_cannot_load_is_a_finding() -> None:
    checks, problems = registry.discover(
        [ep("XY200", "tests.plugins.nonexistent:x"), ep("XY201", "tests.plugins.fake:not_a_check")]
    )
    assert checks == []
    assert [(p.check, p.target) for p in problems] == [(CRASH_ID, "XY200"), (CRASH_ID, "XY201")]
    assert problems[0].data["exception"] == "ModuleNotFoundError"


def test_select_only_and_skip() -> None:
    checks, _ = registry.discover(FAKE)
    assert [r.check.id for r in registry.select(checks, ["XY100"], [])] == ["XY100"]
    assert [r.check.id for r in registry.select(checks, [], ["XY100"])] == ["XY101", "XY102"]
    with pytest.raises(ValueError, match="XY999"):
        registry.select(checks, ["XY999"], [])
