"""The filing system's rules as plain functions (beianaudit.password.rules)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beianaudit.password import rules as rules
from beianaudit.secret import Secret
from tests.fuzzing import budget


@pytest.mark.parametrize(
    ("password", "classes"),
    [
        ("abcdefgh", {"lower"}),
        ("ABCdef12", {"upper", "lower", "digit"}),
        ("Abc1!xyz", {"upper", "lower", "digit", "special"}),
        ("密码Ａ１！", set()),  # full-width and Chinese count for no class
        ("~ {}|", {"special"}),
    ],
)
def test_character_classes(password: str, classes: set[str]) -> None:
    assert rules.character_classes(password) == classes


@pytest.mark.parametrize(
    ("password", "banned", "found"),
    [
        ("Xy!123456z", (), ["123456"]),
        ("MyADMIN#99", (), ["admin"]),
        ("Hello@Zhangwei9", ("zhangwei",), ["zhangwei"]),
        ("Hello@Zhangwei9", ("ZHANGWEI", "admin"), ["ZHANGWEI"]),
        ("Kx9#mQ2v!Lp7", ("beian",), []),
        ("Admin123456", ("", "admin"), ["123456", "admin"]),
    ],
)
def test_banned_inside_is_case_insensitive_and_anywhere(
    password: str, banned: tuple[str, ...], found: list[str]
) -> None:
    assert rules.banned_inside(password, banned) == found


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Pass word1!", [(5, "U+0020", "space")]),
        ("Ｐａss1!", [(1, "U+FF30", "fullwidth"), (2, "U+FF41", "fullwidth")]),
        ("Ab1!密码", [(5, "U+5BC6", "cjk"), (6, "U+7801", "cjk")]),
        ("Ab\u200b1!", [(3, "U+200B", "invisible")]),
        ("Ab\t1!", [(3, "U+0009", "invisible")]),
        ("Abé1!", [(3, "U+00E9", "other")]),
        ("Ab1!\u3000", [(5, "U+3000", "fullwidth")]),
        ("Kx9#mQ2v!Lp7", []),
    ],
)
def test_odd_characters_name_position_and_code_point(password: str, expected: list) -> None:
    found = [(o.position, o.codepoint, o.kind) for o in rules.odd_characters(password)]
    assert found == expected


@pytest.mark.parametrize(
    ("new", "old", "why"),
    [
        ("Beian@2026x", "Beian@2026x", "same"),
        ("Beian@2026x", "Beian@2025x", "skeleton"),
        ("BEIAN@2031X", "Beian@2025x", "skeleton"),
        ("Tiger#Lakes42", "Tiger#Lake42", "edit"),
        ("Tiger#Lake42x", "Tigr#Lake42", "edit"),
        ("Kx9#mQ2v!Lp7", "Beian@2025x", None),
        ("Tiger#Lake42", "Ocean$Wind77", None),
    ],
)
def test_too_similar(new: str, old: str, why: str | None) -> None:
    assert rules.too_similar(new, old) == why


def test_how_different_is_a_policy() -> None:
    # Four edits in 16 characters: a quarter, too similar by default.
    old, new = "Kx9#mQ2v!Lp7Tz5&", "Kx9#mQ2v!Lp7Ab1*"
    assert rules.too_similar(new, old) == "edit"
    assert rules.too_similar(new, old, percent=10) is None  # more than 2 and 10 %
    assert rules.too_similar(new, old, percent=50) == "edit"


def _levenshtein(a: str, b: str) -> int:
    """Plain, unbounded Levenshtein distance, by recursion over prefixes."""
    rows = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            rows[i][j] = min(
                rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
    return rows[-1][-1]


@budget(40)
@given(st.text(max_size=12), st.text(max_size=12), st.integers(0, 6))
def test_bounded_edit_distance_agrees_with_plain_levenshtein(a: str, b: str, limit: int) -> None:
    exact = _levenshtein(a, b)
    assert rules.edit_distance(a, b, limit) == (exact if exact <= limit else limit + 1)


@budget(40)
@given(st.text())
def test_rules_take_any_unicode(password: str) -> None:
    rules.character_classes(password)
    rules.banned_inside(password, ("", "ß", "İ"))
    rules.too_similar(password, password[::-1])
    for odd in rules.odd_characters(password):
        assert odd.codepoint == f"U+{ord(password[odd.position - 1]):04X}"
        assert not ("!" <= password[odd.position - 1] <= "~")


def test_secret_never_shows_its_value() -> None:
    secret = Secret("Hunter2!Hunter2")
    for shown in (repr(secret), str(secret), f"{secret}", f"{secret!r}", format(secret)):
        assert "Hunter2" not in shown
    assert secret.reveal() == "Hunter2!Hunter2"
    assert len(secret) == 15
    import pickle

    with pytest.raises(TypeError):
        pickle.dumps(secret)
