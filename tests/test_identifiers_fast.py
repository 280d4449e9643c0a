"""The id batch's template lines are the encoder's lines (issue 20).

``id --file`` writes the line of a plain valid value from a template
(``Result.fields_line``, ``commands.identifier.valid_line``) rather than through the
report and the JSON encoder; the credit-code reading of a valid resident ID is settled
before its region code is weighed.  Each is held here to the slow path over generated
identifiers: valid, mistyped, look-alike, residence permits and any text.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from beianaudit.commands.identifier import valid_line
from beianaudit.identifiers import VALID, judge
from beianaudit.identifiers.explain import finding
from beianaudit.identifiers.kinds import USCC_ALPHABET
from beianaudit.report import Report, render_fields, render_jsonl
from tests.conftest import TODAY
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
