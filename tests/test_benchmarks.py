"""benchmarks/run_all.py: the row contract, failures kept apart, and every benchmark in
the folder honouring ``--json --n``."""

from __future__ import annotations

import importlib.util
import json
import math
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
    script(tmp_path, "slow", "time.sleep(30)")
    (tmp_path / "helper.py").write_text("raise SystemExit(3)\n", encoding="utf-8")
    rows = run_all.collect(run_all.scripts(tmp_path), n=7, timeout=1)
    by_name = {r.benchmark: r for r in rows}
    assert set(by_name) == {"good", "crash", "chatty", "slow"}  # helpers are not run
    assert by_name["good"] == run_all.Row("good", **ROW)
    assert by_name["crash"].error == "exit 1: boom: no data"
    assert by_name["chatty"].error == "stdout is not one JSON document"
    assert by_name["slow"].error == "timed out after 1 s"
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


@budget(100)
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


def test_every_benchmark_honours_json_and_n() -> None:
    """What run_all relies on: each script in benchmarks/ prints valid rows with
    ``--json --n 1``. They run side by side: some start many processes whatever --n is."""
    paths = run_all.scripts()
    assert "cold_start" in {p.stem for p in paths}
    assert "run_all" not in {p.stem for p in paths}
    with ThreadPoolExecutor(max_workers=len(paths)) as pool:
        results = list(pool.map(lambda p: run_all.run_one(p, n=1, timeout=60), paths))
    for path, rows in zip(paths, results, strict=True):
        assert rows, path
        assert all(r.error is None for r in rows), rows
