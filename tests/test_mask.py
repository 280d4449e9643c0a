from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from beianaudit.mask import mask_email, mask_id, mask_middle, mask_phone


def test_examples() -> None:
    assert mask_phone("13912345678") == "139****5678"
    assert mask_id("330106199003071236") == "3301**********1236"
    assert mask_email("zhangwei@example.com") == "zh******@example.com"
    assert mask_email("a@example.com") == "*@example.com"
    assert mask_email("no-at-sign") == "no********"
    assert mask_middle("12345", 3, 4) == "*****"


@given(st.text(), st.integers(0, 5), st.integers(0, 5))
def test_length_kept_and_middle_hidden(value: str, start: int, end: int) -> None:
    masked = mask_middle(value, start, end)
    assert len(masked) == len(value)
    if len(value) > start + end:
        assert masked[start : len(value) - end] == "*" * (len(value) - start - end)
