"""The id batch's template lines are the encoder's lines (issue 20).

``id --file`` writes the line of a plain valid value from a template
(``Result.fields_line``, ``commands.identifier.valid_line``) rather than through the
report and the JSON encoder; the credit-code reading of a valid resident ID is settled
before its region code is weighed.  Each is held here to the slow path over generated
identifiers: valid, mistyped, look-alike, residence permits and any text.
"""

from __future__ import annotations

import importlib.util
import io
import sys

import click
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from beianaudit.commands import identifier
from beianaudit.commands.common import BatchOutput, LineCache, Tally
from beianaudit.commands.identifier import id_command, valid_line
from beianaudit.finding import Severity
from beianaudit.identifiers import RIC, VALID, Result, judge
from beianaudit.identifiers.explain import finding
from beianaudit.identifiers.judgement import plain_valid_ric
from beianaudit.identifiers.kinds import USCC_ALPHABET
from beianaudit.report import Report, render_fields, render_jsonl
from tests.conftest import ROOT, TODAY
from tests.fuzzing import budget
from tests.test_identifiers_props import full_path, icps, lookalike_forms, rics, usccs

VALUES = st.one_of(
    rics(),
    usccs(),
    icps(),
    st.builds(
        lambda v, at, c: v[:at] + c + v[at + 1 :],
        rics(),
        st.integers(0, 17),
        st.sampled_from(USCC_ALPHABET),
    ),
    st.builds(lambda v, at: next(iter(lookalike_forms(v, at))), usccs(), st.integers(0, 17)),
    st.text(max_size=24),
)


@budget(100)
@given(VALUES, st.sampled_from([None, "ric", "uscc", "icp", "psb"]))
@example("810000199001011230", None)  # a Hong Kong residence permit
@example("11010519491231002X", None)
@example("91350100M000100Y43", None)
def test_a_template_line_is_the_encoders_line(value: str, kind: str | None) -> None:
    result = judge(value, kind, TODAY)
    line = result.fields_line()
    if line is not None:
        assert line == render_fields(result.as_json())
    if result.verdict == VALID and not result.alternatives:
        found = finding(result, "id")
        assert found is None
        assert valid_line(result) == render_jsonl(Report((), extra=result.as_json()))


def test_the_templates_are_taken_by_plain_valid_values() -> None:
    """Not vacuous: a valid resident ID, credit code and residence permit take them."""
    for value in ("11010519491231002X", "91350100M000100Y43", "810000199001011230"):
        result = judge(value, None, TODAY)
        assert result.verdict == VALID, value
        assert result.fields_line() is not None


# Valid as a resident ID (河北 131101) and as a credit code (pair 13, region 110119
# 延庆区): the one kind of valid resident ID the early answer must leave to the full path.
BOTH = "131101198001011253"


def test_a_value_valid_as_both_kinds_keeps_both_readings() -> None:
    result = judge(BOTH, None, TODAY)
    assert [(r.kind, r.verdict) for r in result.readings] == [("ric", VALID), ("uscc", VALID)]
    assert result == full_path(BOTH)


@budget(75)
@given(rics(), st.integers(0, 17), st.sampled_from(USCC_ALPHABET + "X"))
@example(BOTH, 0, "1")
def test_valid_resident_ids_settled_early_agree_with_the_full_path(
    value: str, at: int, char: str
) -> None:
    for typed in (value, value[:at] + char + value[at + 1 :]):
        assert judge(typed, None, TODAY) == full_path(typed), typed


def _bench():  # type: ignore[no-untyped-def]
    """benchmarks/identifiers.py, which imports its sibling timing."""
    path = ROOT / "benchmarks" / "identifiers.py"
    spec = importlib.util.spec_from_file_location("bench_ids", path)
    assert spec is not None
    assert spec.loader is not None
    if str(ROOT / "benchmarks") not in sys.path:
        sys.path.insert(0, str(ROOT / "benchmarks"))
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def _plain_lines(values: list[str], fmt: str, kind: str | None) -> list[str]:
    """Each value's line as the batch wrote it before its cache: judged afresh each time."""
    lines = []
    for value in values:
        result = judge(value, kind, TODAY)
        if fmt == "compact":
            line = result.fields_line()
            lines.append(render_fields(result.as_json()) if line is None else line)
        elif result.verdict == VALID and not result.alternatives:
            lines.append(valid_line(result))
        else:
            found = finding(result, "id")
            lines.append(render_jsonl(Report((found,) if found else (), extra=result.as_json())))
    return lines


def _batch_lines(values: list[str], fmt: str, kind: str | None) -> tuple[list[str], bool]:
    """The batch's lines (``_emit_compact``, ``_emit_jsonl``), with its line cache."""
    out = io.StringIO()
    ctx = click.Context(id_command, obj={"today": TODAY})
    sink = BatchOutput(out)
    if fmt == "compact":
        failed = identifier._emit_compact(iter(values), kind, ctx, sink)
    else:
        failed = identifier._emit_jsonl(
            iter(values), kind, ctx, sink, Severity.parse("error"), Tally()
        )
    sink.flush()
    return out.getvalue().splitlines(), failed


@pytest.mark.parametrize("fmt", ["compact", "jsonl"])
def test_the_batch_cache_prints_what_judging_afresh_prints(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The benchmark's mix, each value twice (far apart and side by side), the cache
    started afresh every 5 values (a clear between repeats)."""
    mix = _bench().mixed(150)
    values = mix + mix[::-1] + [mix[0]] * 3
    monkeypatch.setattr(LineCache, "SIZE", 5)
    lines, failed = _batch_lines(values, fmt, None)
    assert lines == _plain_lines(values, fmt, None)
    assert failed == any(judge(v, None, TODAY).verdict != VALID for v in values)


@budget(20)
@given(st.lists(VALUES, min_size=1, max_size=4), st.sampled_from([None, "ric", "uscc"]))
def test_generated_batches_print_what_judging_afresh_prints(
    values: list[str], kind: str | None
) -> None:
    for fmt in ("compact", "jsonl"):
        lines, _failed = _batch_lines(values + values, fmt, kind)
        assert lines == _plain_lines(values + values, fmt, kind)


@budget(60)
@given(st.one_of(rics(), VALUES))
@example("810000199001011230")  # a Hong Kong residence permit
@example("110101199003074477")
@example(BOTH)  # valid as a credit code too: both readings, not plainly a resident ID
def test_a_plainly_valid_resident_id_is_what_judge_says(value: str) -> None:
    """``plain_valid_ric`` only ever says yes to what ``judge`` calls a valid resident ID
    and nothing more, for a detected kind and for ``--kind ric``."""
    if plain_valid_ric(value, TODAY):
        assert judge(value, None, TODAY) == Result(value, RIC, VALID)
        assert judge(value, RIC, TODAY) == Result(value, RIC, VALID)


def test_most_valid_resident_ids_are_plainly_valid() -> None:
    """The straight line is taken: by most valid resident IDs of the benchmark's mix, and
    never by a value judge() calls anything else."""
    values = _bench().mixed(600)
    plain = [v for v in values if plain_valid_ric(v, TODAY)]
    rics = [v for v in values if judge(v, None, TODAY) == Result(v, RIC, VALID)]
    assert set(plain) <= set(rics)
    assert len(plain) > 0.8 * len(rics)  # 384 of 432 (the rest: a credit code reading fits)
