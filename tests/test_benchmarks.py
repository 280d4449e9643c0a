"""benchmarks/run_all.py: the row contract, failures kept apart, and every benchmark in
the folder honouring ``--json --n``."""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT
from tests.fuzzing import budget

spec = importlib.util.spec_from_file_location("run_all", ROOT / "benchmarks" / "run_all.py")
assert spec
assert spec.loader
run_all = importlib.util.module_from_spec(spec)
sys.modules["run_all"] = run_all  # dataclasses look their module up
spec.loader.exec_module(run_all)

ROW = {"figure": "urls/s", "median": 123456.0, "unit": "1/s", "baseline": 300000.0, "ratio": 0.41}


def script(folder: Path, name: str, body: str) -> Path:
    path = folder / f"{name}.py"
    main = 'if __name__ == "__main__":\n    ' + "\n    ".join(body.splitlines())
    path.write_text("import json, sys, time\n" + main + "\n", encoding="utf-8")
    return path


def test_rows_parsed_and_failures_reported_per_benchmark(tmp_path: Path) -> None:
    script(
        tmp_path,
        "good",
        f"assert sys.argv[1:] == ['--json', '--n', '7']\nprint(json.dumps([{ROW!r}]))",
    )
    script(tmp_path, "crash", "sys.exit('boom: no data')")
    script(tmp_path, "chatty", "print('median 3 ms')")
    script(tmp_path, "slow", "time.sleep(3600)")
    (tmp_path / "helper.py").write_text("raise SystemExit(3)\n", encoding="utf-8")
    found = run_all.scripts(tmp_path)
    assert {p.stem for p in found} == {"good", "crash", "chatty", "slow"}  # helpers are not run
    # The quick ones get a hang guard far above their milliseconds (a loaded 2-core
    # machine may take seconds to start Python); only the sleeper meets its timeout.
    rows = run_all.collect([p for p in found if p.stem != "slow"], n=7, timeout=300)
    rows += run_all.collect([p for p in found if p.stem == "slow"], n=7, timeout=2)
    by_name = {r.benchmark: r for r in rows}
    assert by_name["good"] == run_all.Row("good", **ROW)
    assert by_name["crash"].error == "exit 1: boom: no data"
    assert by_name["chatty"].error == "stdout is not one JSON document"
    assert by_name["slow"].error == "timed out after 2 s"
    text = run_all.table(rows)
    assert "FAILED" in text
    assert "123,456" in text
    assert "0.41" in text
    markdown = run_all.table(rows, markdown=True).splitlines()
    assert markdown[0] == "| benchmark | figure | median | unit | baseline | ratio |"
    assert len(markdown) == 2 + len(rows)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("{}", "not a JSON list"),
        ("[1]", "lacks one of"),
        (json.dumps([{**ROW, "median": None}]), "'median' is not a finite number"),
        (json.dumps([{**ROW, "ratio": "fast"}]), "'ratio' is not a finite number"),
        (json.dumps([{**ROW, "median": True}]), "'median' is not a finite number"),
        ('[{"figure": 1, "median": 1, "unit": "ms", "baseline": null, "ratio": null}]', "strings"),
        ("[" + json.dumps(ROW).replace("123456.0", "NaN") + "]", "finite"),
    ],
)
def test_contract_violations(text: str, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        run_all.parse_rows("b", text)


@budget(25)
@given(
    st.text()
    | st.recursive(
        st.none() | st.floats() | st.text(max_size=5),
        lambda x: st.lists(x) | st.dictionaries(st.sampled_from(run_all.FIELDS), x),
    ).map(json.dumps)
)
def test_parse_rows_never_crashes(text: str) -> None:
    try:
        rows = run_all.parse_rows("b", text)
    except ValueError as exc:
        message = str(exc)
        rows = []
    else:
        message = ""
    assert "\n" not in message
    for row in rows:
        assert math.isfinite(row.median)


def test_machine_line() -> None:
    line = run_all.machine()
    assert "Python 3." in line
    assert "\n" not in line


BENCHMARKS = run_all.scripts()


def in_parallel(fn, paths):  # type: ignore[no-untyped-def]
    with ThreadPoolExecutor(max_workers=len(paths)) as pool:
        return list(pool.map(fn, paths))


def test_every_benchmark_offers_json_and_n() -> None:
    """What run_all relies on, cheaply: each script's ``--help`` names ``--json`` and ``--n``."""
    names = {p.stem for p in BENCHMARKS}
    assert "cold_start" in names
    assert "run_all" not in names
    helps = in_parallel(
        lambda p: subprocess.run(
            [sys.executable, str(p), "--help"], capture_output=True, text=True, timeout=60
        ),
        BENCHMARKS,
    )
    for path, done in zip(BENCHMARKS, helps, strict=True):
        assert done.returncode == 0, (path, done.stderr)
        assert "--json" in done.stdout, path
        assert "--n " in done.stdout or "--n=" in done.stdout or "--n," in done.stdout, path


@pytest.mark.skipif(
    not os.environ.get("BEIANAUDIT_BENCHMARKS"),
    reason="runs every benchmark (20 s and more); set BEIANAUDIT_BENCHMARKS=1",
)
def test_every_benchmark_prints_valid_rows() -> None:
    """``--json --n 1`` prints rows of the contract, for each script."""
    results = in_parallel(lambda p: run_all.run_one(p, n=1, timeout=120), BENCHMARKS)
    for path, rows in zip(BENCHMARKS, results, strict=True):
        assert rows, path
        assert all(r.error is None for r in rows), rows
