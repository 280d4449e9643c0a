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


# --- mask_text: identifiers however they are written ------------------------------------

import re  # noqa: E402

import pytest  # noqa: E402

from beianaudit.mask import mask_text  # noqa: E402

WIDE = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
SEPARATORS = ["", "", "", " ", "  ", "-", "－", "—", "–", "‐", ".", "/", "(", ")", "\u3000", " - "]
USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("330106 19900307 1236", "19900307"),
        ("330106-19900307-1236", "19900307"),
        ("3301 0619 9003 0712 36", "0619 9003"),
        ("3301 0619 9003 0712 3X", "0619 9003"),
        ("9133 0106 MA27 XK1A 2X", "0106 MA27"),
        ("ID330106199003071236", "19900307"),
        ("Tel13812345678", "1234"),
        ("１３８－１２３４－５６７８", "１２３４"),
        ("138—1234—5678", "1234"),
        ("138.1234.5678", "1234"),
        ("(138)12345678", "1234"),
        ("ZhangWei＠example．com", "angWei"),
    ],
)
def test_reported_spellings_are_masked(text: str, hidden: str) -> None:
    assert hidden not in mask_text(text)


def test_two_phones_side_by_side_are_both_masked() -> None:
    assert mask_text("13812345678 13912345678") == "138****5678 139****5678"


def _written(value: str, draw: st.DrawFn) -> str:
    """``value`` with a separator drawn between any two characters, maybe full width."""
    out = value[0]
    for c in value[1:]:
        out += draw(st.sampled_from(SEPARATORS)) + c
    return out.translate(WIDE) if draw(st.booleans()) else out


@st.composite
def written_identifier(draw: st.DrawFn) -> tuple[str, str]:
    """(the identifier, how the note writes it)."""
    kind = draw(st.sampled_from(["ric", "uscc", "phone", "email"]))
    if kind == "email":
        local = draw(st.from_regex(r"[A-Za-z][A-Za-z0-9._]{3,12}", fullmatch=True))
        value = f"{local}@example.com"
        return local, value.translate(WIDE) if draw(st.booleans()) else value
    if kind == "ric":
        value = draw(st.from_regex(r"[0-9]{17}[0-9X]", fullmatch=True))
    elif kind == "uscc":
        value = draw(st.from_regex(rf"[{USCC}]{{2}}[0-9]{{6}}[{USCC}]{{10}}", fullmatch=True))
    else:
        value = draw(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
        value = draw(st.sampled_from(["", "+86 ", "86-"])) + value
    return value[-11:] if kind == "phone" else value, _written(value, draw)


AROUND = st.text(st.sampled_from("身份证电话寄出已，。：（） abcXYZ"), max_size=6)


@given(written_identifier(), AROUND, AROUND)
def test_no_identifier_written_any_way_is_shown_whole(
    found: tuple[str, str], before: str, after: str
) -> None:
    """Over-masking is the safe error: whatever the grouping, width and surrounding text,
    the identifier's characters never appear together in the output."""
    import unicodedata

    value, written = found
    if not re.fullmatch(r"[0-9]{17}[0-9X]|1[0-9]{10}", value):  # glued: only an ID or phone
        before, after = before.rstrip("abcXYZ"), after.lstrip("abcXYZ")
    masked = mask_text(before + written + after)
    seen = "".join(c for c in unicodedata.normalize("NFKC", masked) if c.isalnum()).upper()
    assert value.upper() not in seen
