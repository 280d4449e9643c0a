"""installed_entry_points finds what importlib.metadata finds, without importing it."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest

from beianaudit import registry

PLUGIN = (
    "[console_scripts]\nxy = x:y\n\n[beianaudit.checks]\nXY100 = tests.plugins.fake:says_hello\n"
)


def dist(folder: Path, name: str, entry_points: str | None, meta_name: str) -> None:
    info = folder / f"{name}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {meta_name}\nVersion: 1\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)


def reference() -> list[tuple[str, str, str]]:
    eps = importlib.metadata.entry_points(group=registry.GROUP)
    return sorted((e.name, e.value, e.dist.metadata["Name"]) for e in eps)  # type: ignore[union-attr]


def mine() -> list[tuple[str, str, str]]:
    return sorted((e.name, e.value, e.dist_name) for e in registry.installed_entry_points())


def test_a_third_party_plugin_is_found_and_run_as_importlib_metadata_finds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dist(tmp_path / "a", "beianaudit_fake_plugin-1.0", PLUGIN, "beianaudit-fake-plugin")
    dist(tmp_path / "a", "unrelated-2.0", "[console_scripts]\nu = u:main\n", "unrelated")
    dist(tmp_path / "a", "no_entry_points-1.0", None, "no-entry-points")
    # The same distribution later on the path is shadowed, as importlib.metadata does.
    dist(tmp_path / "b", "beianaudit_fake_plugin-0.9", PLUGIN.replace("XY100", "XY999"), "x")
    monkeypatch.syspath_prepend(str(tmp_path / "b"))
    monkeypatch.syspath_prepend(str(tmp_path / "a"))
    importlib.invalidate_caches()
    assert mine() == reference()
    assert ("XY100", "tests.plugins.fake:says_hello", "beianaudit-fake-plugin") in mine()
    found, problems = registry.discover()
    plugin = [r for r in found if r.check.id == "XY100"]
    assert not problems
    assert [r.origin for r in plugin] == ["beianaudit-fake-plugin"]
    assert all(r.origin == registry.BUILTIN for r in found if r.check.id.startswith("BA"))


def test_the_installed_built_ins_are_what_importlib_metadata_finds() -> None:
    assert mine() == reference()
    assert len(mine()) >= 17


def test_finding_the_checks_does_not_import_importlib_metadata() -> None:
    code = (
        "import sys\nfrom beianaudit import registry\nregistry.discover()\n"
        "print('importlib.metadata' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
