"""Judge an identifier as the user typed it: valid, look-alike or invalid.

Two stages.  The first is the same for every kind: whitespace and invisible
format characters are dropped, full-width forms, twins from other scripts,
traditional forms and dash variants are mapped.  The second knows which
characters may stand at each position of the kind, so that ``O`` is read as
``0`` only where a digit must stand.  Every change is a :class:`Problem` at the
position as typed; the corrections that make a fully valid value are the
candidates, and a single one is the suggestion.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import operator
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from beianaudit.identifiers.kinds import (
    DIGITS,
    FAULTS,
    ICP,
    KIND_OF_SUBJECT,
    PSB,
    RIC,
    RIC_CHECK,
    USCC,
    USCC_ALPHABET,
    USCC_SET,
    USCC_VALUES,
    USCC_WEIGHTS,
    Fault,
    birth_date,
    fault_icp,
    fault_ric,
    fault_uscc,
    uscc_weighted_sum,
)
from beianaudit.identifiers.regions import (
    RESIDENCE_PERMITS,
    RETIRED_SLACK,
)
from beianaudit.identifiers.regions import region as region_of
from beianaudit.identifiers.tables import lookalikes, provinces, uscc_categories

VALID, LOOKALIKE, INVALID = "valid", "lookalike", "invalid"
MAX_INPUT = 256  # longer than any identifier by far: judged by its length alone
MAX_COMBINATIONS = 4096  # ambiguous characters whose corrections are all tried
_ECHO = 64  # characters of an over-long input echoed back

# What may stand at each position of the fixed-length kinds.
_SLOTS: dict[str, tuple[frozenset[str], ...]] = {
    RIC: (frozenset(DIGITS),) * 17 + (RIC_CHECK,),
    USCC: (USCC_SET,) * 2 + (frozenset(DIGITS),) * 6 + (USCC_SET,) * 8 + (USCC_SET,) * 2,
}
_ICP_LETTERS = frozenset("AX")


@dataclass(frozen=True)
class Problem:
    """Something about one character (or a span) of the input.

    ``position`` and ``char`` are as typed (1-based); a fault of the corrected
    value (checksum, date…) has the position in that value and no character.
    """

    reason: str
    position: int | None = None
    char: str | None = None
    looks_like: str | None = None
    end: int | None = None  # last position of a span (birth date, region)
    count: int | None = None  # characters there are (a wrong length)
    expected: str | None = None  # what should stand there (a filing number's fixed parts)
    year: int | None = None  # the last year of a retired region code

    def as_json(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "end": self.end,
            "char": escape(self.char) if self.char is not None else None,
            "codepoint": f"U+{ord(self.char):04X}" if self.char else None,
            "looks_like": self.looks_like,
            "reason": self.reason,
            "count": self.count,
            "expected": self.expected,
            "year": self.year,
        }


@dataclass(frozen=True)
class Result:
    input: str
    kind: str
    verdict: str
    suggestion: str | None = None
    candidates: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    # 1-based positions of the suggestion that differ from what was typed there.
    changed: tuple[int, ...] = field(default=())
    # Other readings that fit as well (an 18-character value of a detected kind only).
    alternatives: tuple[Result, ...] = ()

    @property
    def readings(self) -> tuple[Result, ...]:
        """Every reading that fits, this one first; empty when there is only this one."""
        return (self, *self.alternatives) if self.alternatives else ()

    @property
    def residence_permit(self) -> str | None:
        """``hong_kong``, ``macao`` or ``taiwan`` for the number of a Hong Kong, Macao or
        Taiwan resident's residence permit (a resident ID number with region 810000,
        820000 or 830000), else ``None``."""
        if self.kind != RIC:
            return None
        return RESIDENCE_PERMITS.get((self.suggestion or self.input)[:6])

    def as_json(self) -> dict[str, Any]:
        """The top-level fields of the JSON contract for one identifier."""
        return {
            "input": escape(self.input),
            "kind": self.kind,
            "verdict": self.verdict,
            "suggestion": self.suggestion,
            "candidates": list(self.candidates),
            "changed": list(self.changed),
            "problems": [p.as_json() for p in self.problems],
            "residence_permit": self.residence_permit,
            "readings": [r.reading_json() for r in self.readings],
        }

    def fields_line(self) -> str | None:
        """``render_fields(self.as_json())`` made from a template, for the batch's common
        line: a valid value of letters and digits with nothing to show but its kind (no
        suggestion, problem or other reading); ``None`` for anything else.  A test holds
        it equal to the encoder's line."""
        if (
            self.problems
            or self.alternatives
            or self.candidates
            or self.changed
            or self.suggestion is not None
            or not (self.input.isascii() and self.input.isalnum())
        ):
            return None
        return fields_line(self.input, self.kind, self.verdict, self.residence_permit)

    def reading_json(self) -> dict[str, Any]:
        """One reading among several: its kind, verdict, suggestion and problems."""
        return {
            "kind": self.kind,
            "verdict": self.verdict,
            "suggestion": self.suggestion,
            "candidates": list(self.candidates),
            "problems": [p.as_json() for p in self.problems],
        }


def fields_line(value: str, kind: str, verdict: str, permit: str | None) -> str:
    """The compact line of a value of letters and digits with nothing to show but its kind,
    verdict and residence permit (:meth:`Result.fields_line`)."""
    shown = "null" if permit is None else f'"{permit}"'
    return (
        f'{{"input":"{value}","kind":"{kind}","verdict":"{verdict}",'
        '"suggestion":null,"candidates":[],"changed":[],"problems":[],'
        f'"residence_permit":{shown},"readings":[]}}'
    )


def plain_valid_ric(value: str, today: date) -> bool:
    """Whether ``value`` is a resident ID typed plainly and valid, that no credit-code
    reading competes with: then ``judge(value, None or "ric", today)`` is
    ``Result(value, RIC, VALID)`` and nothing more (the first test of
    :func:`_fast_digits`, with :func:`fault_ric` inlined), and a batch writes its line
    from :func:`fields_line` without building the result.  ``False`` says nothing:
    the value takes :func:`judge`.  ``tests/test_identifiers_fast.py`` holds the two
    equal."""
    if len(value) != 18 or not value.isascii() or not value[:17].isdigit():
        return False
    if value[17] != _RIC_CHECK_CHARS[(1 - 2 * int(value[:17], 13)) % 11]:
        return False
    born = birth_date(value[6:14])
    if born is None or born > today:
        return False
    region = value[:6]
    known, last = region_of(region)
    if not known and region not in RESIDENCE_PERMITS:
        return False
    if last is not None and born.year > last + RETIRED_SLACK:
        return False
    return value[:2] not in uscc_categories() or not region_of(value[2:4] + "0000")[0]


_RIC_CHECK_CHARS = "0123456789X"  # ISO 7064 MOD 11-2: the check character of each value


def escape(text: str) -> str:
    """Show what cannot be seen: invisible and non-ASCII blank characters as ``\\uXXXX``."""
    if len(text) > MAX_INPUT:
        return escape(text[:_ECHO]) + f"…(+{len(text) - _ECHO})"
    if text.isascii() and text.isprintable():
        return text
    return "".join(c if _visible(c) else f"\\u{ord(c):04x}" for c in text)


def _visible(c: str) -> bool:
    return c == " " or (c.isprintable() and not c.isspace())


@dataclass(slots=True)
class _Char:
    """One kept character: where it was typed, what was typed, what it reads as."""

    position: int
    typed: str
    char: str
    reason: str | None = None


def judge(value: str, kind: str | None = None, today: date | None = None) -> Result:
    """The verdict on ``value`` as typed; ``kind`` is detected when not given."""
    today = today or date.today()
    if kind is None:
        fast = (
            _fast_digits(value, today)
            or _fast_credit_code(value, today)
            or _fast_lookalike(value, today)
        )
        if fast is not None:
            return fast
    elif kind == RIC and _fast_valid_ric(value, today):
        return Result(value, RIC, VALID)
    elif kind == USCC and _fast_valid_uscc(value):
        return Result(value, USCC, VALID)
    if kind in (None, ICP) and "ICP" in value and fault_icp(value, today) is None:
        return Result(value, ICP, VALID)
    if len(value) > MAX_INPUT:
        return Result(value, kind or _guess_long(value), INVALID, problems=(_too_long(value),))
    kept, dropped = _clean(value)
    text = "".join([c.char for c in kept])
    if kind is None:
        return _judge_detected(value, kept, dropped, text, today)
    return _JUDGES[kind](value, kept, dropped, today)


def _fast_valid_ric(value: str, today: date) -> bool:
    """The common case first: a canonical resident ID, checked at C speed."""
    return (
        len(value) == 18
        and value.isascii()
        and value[:17].isdigit()
        and fault_ric(value, today) is None
    )


def _fast_digits(value: str, today: date) -> Result | None:
    """Eighteen digits (the last maybe X), the common case, judged without the slow path:
    the same choice between the readings (see :func:`_choose`) on a value that both
    kinds take as typed.  Also a credit code of digits and B (outside the region code,
    where B cannot stand): a resident ID reads each B as the 8 it looks like.

    ``None`` when the full path must decide: a single B for an 8 could make a credit code.
    """
    if len(value) != 18 or not value.isascii():
        return None
    as_ric = value
    if not value[:17].isdigit() or value[17] not in RIC_CHECK:
        as_ric = value.replace("B", "8")
        if as_ric is value or not as_ric[:17].isdigit() or as_ric[17] not in RIC_CHECK:
            return None
        if "B" in value[2:8]:
            return None  # a credit code reads it as a look-alike too: the full path says
    typed = as_ric is value  # a resident ID as typed
    fault = fault_ric(as_ric, today)
    # Most valid resident IDs: the credit-code reading lacks a weak part (its authority
    # and category pair, or its province), so is not fully plausible: as below, without
    # weighing its region code.
    if (
        typed
        and fault is None
        and (value[:2] not in uscc_categories() or not region_of(value[2:4] + "0000")[0])
    ):
        return Result(value, RIC, VALID)
    uscc_shape = _shape(USCC, value, today)
    if typed and fault is None and -(uscc_shape[1] + uscc_shape[2]) != _FULL[USCC]:
        return Result(value, RIC, VALID)  # the credit-code reading can neither win nor fit

    def read(kind: str) -> Result:
        if kind == RIC:
            if typed:
                if fault is None:
                    return Result(value, RIC, VALID)
                return _result(value, RIC, INVALID, (_fault_problem(fault),))
            # Each B read as 8, as _judge_fixed reads them (see _lookalike).
            problems = tuple(
                _problem("lookalike", i + 1, "B", "8") for i, c in enumerate(value) if c == "B"
            )
            if fault is None:
                changed = tuple(p.position for p in problems)
                return _result(value, RIC, LOOKALIKE, problems, as_ric, changed)
            return _result(value, RIC, LOOKALIKE, (*problems, _fault_problem(fault)))
        uscc_fault = fault_uscc(value)
        if uscc_fault is None:
            return Result(value, USCC, VALID)
        if _b8_swaps(value, today):
            raise _FullPath
        return _result(value, USCC, INVALID, (_fault_problem(uscc_fault),))

    shape = {RIC: _shape(RIC, as_ric, today), USCC: uscc_shape}

    def valid(kind: str) -> bool:
        if kind == RIC:
            return typed and fault is None
        return value[:2] in uscc_categories() and fault_uscc(value) is None

    try:
        return _choose(shape, {RIC: typed, USCC: True}, read, valid)
    except _FullPath:
        return None


def _fast_credit_code(value: str, today: date) -> Result | None:
    """Eighteen characters as a credit code writes them, that no resident ID can be read from
    (a letter other than B among the first 17, or at the end one other than X or B):
    the full path would judge the credit code alone, as typed.

    ``None`` when the full path must decide: a single B↔8 swap could make it valid.
    """
    if len(value) != 18 or not USCC_SET.issuperset(value) or not value[2:8].isdigit():
        return None
    if _DIGITS_OR_B.issuperset(value[:17]) and value[17] in _RIC_LAST_OR_B:
        return None
    fault = fault_uscc(value, today)
    if fault is None:
        return Result(value, USCC, VALID)
    if _b8_swaps(value, today):
        return None
    return _result(value, USCC, INVALID, (_fault_problem(fault),))


_DIGITS_OR_B = frozenset("0123456789B")
_RIC_LAST_OR_B = frozenset("0123456789XB")
_BAIL = ("", "bail")


@functools.cache
def _quick_table() -> dict[str, tuple[str | None, str | None]]:
    """What :func:`_fast_lookalike` makes of each character it knows: ``(target, reason)``,
    ``reason`` ``None`` for a character taken as typed, ``target`` ``None`` for one
    dropped; :data:`_BAIL` for one only the full path can read (V for U in one kind
    only).  O I Z S, which neither kind has, read as the one digit each looks like
    wherever they stand; lower case as upper case.  A b (or a full-width B) may be B or
    8 and an l L or 1: their target is a placeholder, ``\x01`` or ``\x02``, that
    :func:`_fast_lookalike` resolves.
    """
    digits = {"O": "0", "I": "1", "Z": "2", "S": "5"}
    table: dict[str, tuple[str | None, str | None]] = {}
    for code in range(0x21, 0x7F):
        char = chr(code)
        target = digits.get(char.upper()) or char.upper()
        if char in "Vv":
            table[char] = _BAIL
        elif char in _AMBIGUOUS:
            table[char] = (_AMBIGUOUS[char], "lowercase")
        elif target == char:
            table[char] = (char, None)
        else:
            table[char] = (target, "lowercase" if char.upper() == target else "lookalike")
        if char not in "-B":
            wide = chr(code + 0xFEE0)
            table[wide] = _BAIL if table[char] == _BAIL else (table[char][0], "fullwidth")
    for blank in " \t\u00a0\u3000":
        table[blank] = (None, "whitespace")
    for invisible in "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad":
        table[invisible] = (None, "invisible")
    table["\uff22"] = ("\x01", "fullwidth")  # a full-width B may be B or 8
    return table


_AMBIGUOUS = {"b": "\x01", "l": "\x02"}
# A placeholder's readings: (letter, digit).
_PLACEHOLDERS = {"\x01": ("B", "8"), "\x02": ("L", "1")}


@functools.cache
def _quick_translation() -> dict[int, str]:
    """:func:`_quick_table` for ``str.translate``: a dropped character to "", one only the
    full path can read to NUL."""
    translation = {
        ord(char): "\x00" if entry == _BAIL else (entry[0] or "")
        for char, entry in _quick_table().items()
    }
    for placeholder in _PLACEHOLDERS:  # typed as such, not the quick path's b or l
        translation[ord(placeholder)] = "\x00"
    return translation


def _fast_lookalike(value: str, today: date) -> Result | None:
    """The common look-alikes of a resident ID or credit code (blanks and invisible
    characters, full-width forms, lower case, O I Z S for 0 1 2 5) read at C speed: when
    the corrected value is valid and the only reading that fits, the result the full path
    would give, else ``None``.  ``test_quick_lookalikes_agree_with_the_full_path`` holds
    the two together.
    """
    if len(value) > 40:
        return None
    halved = _from_full_width(value)
    canon = (halved or value).translate(_quick_translation())
    if len(canon) != 18 or canon == value or not canon.isascii() or "\x00" in canon:
        return None
    ambiguous = "\x01" in canon or "\x02" in canon
    if ambiguous:
        # A valid credit code that no resident ID can be read from, or None.
        resolved = _resolve(canon, today)
        if resolved is None or "1CP" in resolved:
            return None
        canon, kind = resolved, USCC
    elif "1CP" in canon:
        return None  # I C P: an ICP number's letters, for the full path to read
    elif canon[:17].isdigit() and canon[17] in RIC_CHECK:
        # Both kinds read it alike: the choice _choose makes, a reading that is valid as
        # corrected being a look-alike with a suggestion and one that is not, without.  A
        # valid resident ID has every part plausible: no credit code reads better.
        uscc_shape = _shape(USCC, canon, today)
        if fault_ric(canon, today) is None:
            kind, valid, other_shape = RIC, True, uscc_shape
        else:
            ric_shape = _shape(RIC, canon, today)
            if ric_shape < uscc_shape:
                return None  # the resident ID reads better, and it is not valid
            kind, other_shape = USCC, ric_shape
            valid = canon[:2] in uscc_categories() and fault_uscc(canon, today) is None
        other = USCC if kind == RIC else RIC
        if not valid or -sum(other_shape[1:]) == _FULL[other]:
            return None  # no single correction, or the other reading might fit too
    else:
        as_ric = canon.replace("B", "8")
        if as_ric[:17].isdigit() and as_ric[17] in RIC_CHECK:
            return None  # B for 8: a resident ID might be read from it too
        if not _fast_valid_uscc(canon):
            return None
        kind = USCC
    problems, changed = _quick_problems(value, canon, ambiguous, halved)
    return _result(value, kind, LOOKALIKE, problems, canon, changed)


def _resolve(canon: str, today: date) -> str | None:
    """A quick look-alike's b (B or 8) and l (L or 1) resolved: the one valid credit code
    they make, else ``None`` (several valid ones, or a resident ID that can be read
    from them: the full path says)."""
    # str.replace, not str.translate: a character a translation table lacks costs a
    # KeyError raised and caught inside it.
    as_ric = canon.replace("\x01", "8").replace("\x02", "1").replace("B", "8")
    if as_ric[:17].isdigit() and as_ric[17] in RIC_CHECK:
        return None
    # The region code takes digits only; elsewhere each placeholder is a letter first.
    region = canon[2:8].replace("\x01", "8").replace("\x02", "1")
    canon = canon[:2] + region + canon[8:]
    unsure = [i for i, char in enumerate(canon) if char in _PLACEHOLDERS]
    lettered = canon.replace("\x01", "B").replace("\x02", "L")
    if len(unsure) > 3 or not USCC_SET.issuperset(lettered):
        return None
    # Each letter read as its digit moves the weighted sum by a known amount: only a
    # combination whose check character is then right is checked whole.
    total = uscc_weighted_sum(lettered[:17])
    moves = []
    for i in unsure:
        letter, digit = _PLACEHOLDERS[canon[i]]
        move = (USCC_VALUES[digit] - USCC_VALUES[letter]) * USCC_WEIGHTS[i] if i < 17 else 0
        moves.append(((letter, 0), (digit, move)))
    valid = []
    chars = list(lettered)
    for combination in itertools.product(*moves):
        for i, (char, _move) in zip(unsure, combination, strict=True):
            chars[i] = char
        moved = (total + sum(move for _char, move in combination)) % 31
        if chars[17] == USCC_ALPHABET[-moved % 31]:
            candidate = "".join(chars)
            if fault_uscc(candidate) is None:
                valid.append(candidate)
    return valid[0] if len(valid) == 1 else None


def _quick_problems(
    value: str, canon: str, ambiguous: bool, halved: str | None = None
) -> tuple[tuple[Problem, ...], tuple[int, ...]]:
    """The problems of a quick look-alike and the positions it changes in ``canon``.

    Each problem depends on the character and its position alone, so it is looked up
    (see :class:`_MadeAt`), not built; only a b or l, whose reading ``canon`` resolved,
    is made again.  A dropped character moves the later ones' positions in ``canon``.
    Without a b or l, the whole answer depends on the characters that change and where
    they stand alone: it is kept by that skeleton (the value with every character taken
    as typed blotted out), which a batch meets again and again (an O at position 9, a
    blank at the end).  A value typed full-width throughout (``halved``: its half-width
    form) has a problem at every position, looked up by the half-width character, which
    is quicker to look up than a full-width one (made anew as the value is read).
    """
    if ambiguous:
        return _quick_changes(value, canon)
    if halved is not None:
        return tuple(map(operator.getitem, _WIDE_MADE, halved)), _ALL_CHANGED
    skeleton = value.translate(_quick_skeleton())
    known = _SKELETONS.get(skeleton)
    if known is None:
        known = _quick_changes(value, canon)
        if len(_SKELETONS) < _MAX_SKELETONS:
            _SKELETONS[skeleton] = known
    return known


_SKELETONS: dict[str, tuple[tuple[Problem, ...], tuple[int, ...]]] = {}
_MAX_SKELETONS = 8192
_ALL_CHANGED = tuple(range(1, 19))


@functools.cache
def _quick_skeleton() -> dict[int, str]:
    """Every character :func:`_fast_lookalike` takes as typed to ".", for ``str.translate``;
    the others to themselves (a character the table lacks costs a KeyError inside
    ``str.translate``)."""
    table = _quick_table()
    return {ord(char): char if reason else "." for char, (_target, reason) in table.items()}


def _quick_changes(value: str, canon: str) -> tuple[tuple[Problem, ...], tuple[int, ...]]:
    """:func:`_quick_problems` worked out."""
    problems = list(filter(None, map(operator.getitem, _QUICK_MADE, value)))
    changed = []
    dropped = 0
    for index, problem in enumerate(problems):
        target = problem.looks_like
        if target is None:
            dropped += 1
            continue
        at: int = problem.position - dropped  # type: ignore[operator]
        if target in _PLACEHOLDERS:
            target = canon[at - 1]
            reason = problem.reason
            if reason == "lowercase" and problem.char.upper() != target:  # type: ignore[union-attr]
                reason = "lookalike"  # b read as 8, l as 1
            problems[index] = _problem(reason, problem.position, problem.char, target)  # type: ignore[arg-type]
        changed.append(at)
    return tuple(problems), tuple(changed)


class _MadeAt(dict[str, "Problem | None"]):
    """The quick path's problem for each character typed at one (0-based) position, made
    on first use: a batch meets the same few hundred again and again.  ``None`` for a
    character taken as typed."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def __missing__(self, typed: str) -> Problem | None:
        target, reason = _quick_table().get(typed, (typed, None))
        made = None if reason is None else Problem(reason, self.index + 1, typed, target)
        self[typed] = made
        return made


_QUICK_MADE = [_MadeAt(index) for index in range(40)]  # _fast_lookalike's longest input


class _WideAt(dict[str, Problem]):
    """:class:`_MadeAt`'s problem for the full-width form of each character at one position."""

    __slots__ = ("made",)

    def __init__(self, made: _MadeAt) -> None:
        super().__init__()
        self.made = made

    def __missing__(self, char: str) -> Problem:
        problem = self[char] = self.made[chr(ord(char) + 0xFEE0)]  # type: ignore[assignment]
        return problem  # type: ignore[return-value]


_WIDE_MADE = [_WideAt(made) for made in _QUICK_MADE]


def _from_full_width(value: str) -> str | None:
    """The half-width form of an 18-character value typed full-width throughout (U+FF01 to
    U+FF5E, but for the full-width hyphen and B, which the quick path reads otherwise than
    their half-width forms), else ``None``: with bytes, at C speed."""
    if len(value) != 18 or value.isascii():
        return None
    pairs = value.encode("utf-16-le")
    if pairs[1::2] != _FF18:
        return None
    low = pairs[::2]
    if low.translate(None, _HALVED_LOW):  # a byte left: a character not halved here
        return None
    return low.translate(_HALF_WIDTH).decode("ascii")


_FF18 = b"\xff" * 18
_HALF_WIDTH = bytes.maketrans(bytes(range(0x01, 0x5F)), bytes(range(0x21, 0x7F)))
# The low bytes of the characters halved: U+FF01 to U+FF5E but for - and B.
_HALVED_LOW = bytes(code - 0x20 for code in range(0x21, 0x7F) if chr(code) not in "-B")


def _result(
    value: str,
    kind: str,
    verdict: str,
    problems: tuple[Problem, ...],
    suggestion: str | None = None,
    changed: tuple[int, ...] = (),
) -> Result:
    """A fast path's :class:`Result` with problems, its fields set at once: the frozen
    dataclass's ``__init__`` sets them one ``object.__setattr__`` at a time, which costs
    as much as reading a look-alike.  The property tests compare it whole with the full
    path's, built the ordinary way."""
    result = _new(Result)
    result.__dict__.update(
        input=value,
        kind=kind,
        verdict=verdict,
        suggestion=suggestion,
        candidates=(),
        problems=problems,
        changed=changed,
        alternatives=(),
    )
    return result


_new = object.__new__


@functools.lru_cache(maxsize=8192)
def _problem(reason: str, position: int, char: str, looks_like: str | None) -> Problem:
    """A problem of one character, made once: a batch meets the same ones again and again."""
    return Problem(reason, position, char, looks_like)


def _fast_valid_uscc(value: str) -> bool:
    return fault_uscc(value) is None


def _too_long(value: str) -> Problem:
    return Problem("too_long", count=len(value))


def _guess_long(value: str) -> str:
    return ICP if any(map(_is_han, value[:_ECHO])) else RIC


def _clean(value: str) -> tuple[list[_Char], list[Problem]]:
    """Stage one: drop blanks and invisible characters, map what always reads as another."""
    if value.isascii() and value.isprintable() and " " not in value:
        return [_Char(position, c, c) for position, c in enumerate(value, 1)], []
    always, _positional = lookalikes()
    kept: list[_Char] = []
    dropped: list[Problem] = []
    for position, c in enumerate(value, 1):
        if "!" <= c <= "~":
            kept.append(_Char(position, c, c))
        elif c.isspace():
            dropped.append(_problem("whitespace", position, c, None))
        elif unicodedata.category(c) == "Cf":
            dropped.append(_problem("invisible", position, c, None))
        elif c in always:
            target, cls = always[c]
            kept.append(_Char(position, c, target, cls))
        elif "\uff01" <= c <= "\uff5e":
            kept.append(_Char(position, c, chr(ord(c) - 0xFEE0), "fullwidth"))
        else:
            kept.append(_Char(position, c, c))
    return kept, dropped


def _alternatives(c: _Char, allowed: frozenset[str]) -> str:
    """What ``c`` may stand for where only ``allowed`` may stand ("" when nothing)."""
    if c.char in allowed and c.reason is None:
        return c.char
    return _mapped_alternatives(c.char, allowed)


@functools.lru_cache(maxsize=4096)
def _mapped_alternatives(char: str, allowed: frozenset[str]) -> str:
    positional = lookalikes()[1]
    upper = char.upper()
    options = ""
    # A character already mapped (a Greek Β is a B) may still stand for the B's twin (8).
    for target in (char, upper, *positional.get(char, ""), *positional.get(upper, "")):
        if target in allowed and target not in options:
            options += target
    return options


def _reason(c: _Char, target: str) -> str:
    if c.reason:
        return c.reason
    if c.char != target and c.char.upper() == target:
        return "lowercase"
    return "lookalike"


# --- the fixed-length kinds: resident ID and credit code -------------------------------


def _judge_fixed(
    value: str,
    kept: list[_Char],
    dropped: list[Problem],
    today: date,
    kind: str,
    options: list[str] | None = None,
) -> Result:
    slots = _SLOTS[kind]
    if len(kept) != len(slots):
        return _wrong_length(value, kept, dropped, kind)
    if options is None:
        options = _options(kept, kind)
    illegal = [
        Problem("illegal", c.position, c.typed) for c, o in zip(kept, options, strict=True) if not o
    ]
    if illegal:
        return Result(value, kind, INVALID, problems=_sorted(dropped, _mapped(kept), illegal))
    fault = FAULTS[kind]
    if not dropped and all(
        c.reason is None and o == c.char for c, o in zip(kept, options, strict=True)
    ):
        first = fault("".join(options), today)
        if first is None:
            return Result(value, kind, VALID)
        if kind == USCC:
            swapped = _b8_swaps("".join(options), today)
            if swapped:
                return _lookalike(value, kind, kept, dropped, swapped, options)
        return Result(value, kind, INVALID, problems=(_fault_problem(first),))
    valid = _valid_corrections(options, kind, today)
    result = _lookalike(value, kind, kept, dropped, valid, options)
    if valid:
        return result
    # Explained, but no correction is valid: say why the likeliest one is not.
    likeliest = fault("".join(o[0] for o in options), today)
    extra = (_fault_problem(likeliest),) if likeliest else ()
    return Result(value, kind, LOOKALIKE, problems=result.problems + extra)


def _options(kept: list[_Char], kind: str) -> list[str]:
    """What each character may stand for in ``kind`` ("" where nothing)."""
    return [_alternatives(c, allowed) for c, allowed in zip(kept, _SLOTS[kind], strict=True)]


def _valid_corrections(options: Sequence[str], kind: str, today: date) -> list[str]:
    fault = FAULTS[kind]
    count = 1
    for o in options:
        count *= len(o)
    if count > MAX_COMBINATIONS:
        return []
    return [s for s in map("".join, itertools.product(*options)) if fault(s, today) is None]


def _b8_swaps(value: str, today: date) -> list[str]:
    """Single B↔8 swaps that make a credit code valid (where the other may stand).

    The weighted sum is taken once and each swap moves it by a known amount, so only a
    swap that makes the check character right is checked whole.
    """
    if "8" not in value and "B" not in value:
        return []
    total = uscc_weighted_sum(value[:17])
    found = []
    for i, c in enumerate(value):
        other = _B8.get(c)
        if other is None or other not in _SLOTS[USCC][i]:
            continue
        if i < 17:
            moved = (total + (USCC_VALUES[other] - USCC_VALUES[c]) * USCC_WEIGHTS[i]) % 31
            right = value[17] == USCC_ALPHABET[(31 - moved) % 31]
        else:
            right = other == USCC_ALPHABET[(31 - total) % 31]
        if right:
            candidate = value[:i] + other + value[i + 1 :]
            if fault_uscc(candidate, today) is None:
                found.append(candidate)
    return found


_B8 = {"B": "8", "8": "B"}


def _lookalike(
    value: str,
    kind: str,
    kept: list[_Char],
    dropped: list[Problem],
    valid: list[str],
    options: Sequence[str],
) -> Result:
    """A look-alike result: each changed character named, the suggestion if unique."""
    suggestion = valid[0] if len(valid) == 1 else None
    slots = _SLOTS[kind]
    marked = []
    changed = []
    for i, (c, o) in enumerate(zip(kept, options, strict=True)):
        if suggestion:
            targets = suggestion[i]
        else:
            targets = "".join(sorted({v[i] for v in valid})) if valid else o
        if c.typed == targets:
            continue
        legal_as_typed = c.typed == c.char and c.char in slots[i]
        reason = "b8" if legal_as_typed else _reason(c, targets[0])
        marked.append(_problem(reason, c.position, c.typed, targets))
        changed.append(i + 1)
    return Result(
        value,
        kind,
        LOOKALIKE,
        suggestion=suggestion,
        candidates=tuple(valid) if len(valid) > 1 else (),
        problems=_sorted(dropped, marked),
        changed=tuple(changed) if suggestion else (),
    )


def _wrong_length(value: str, kept: list[_Char], dropped: list[Problem], kind: str) -> Result:
    text = "".join(c.char for c in kept)
    reason = "first_generation" if kind == RIC and len(text) == 15 and text.isdigit() else "length"
    length = Problem(reason, count=len(text))
    return Result(value, kind, INVALID, problems=(*_sorted(dropped, _mapped(kept)), length))


def _mapped(kept: list[_Char]) -> list[Problem]:
    """The characters stage one mapped (full-width, other scripts…), named in any verdict."""
    return [_problem(c.reason, c.position, c.typed, c.char) for c in kept if c.reason]


@functools.lru_cache(maxsize=256)
def _fault_problem(fault: Fault) -> Problem:
    return Problem(fault.reason, fault.position, end=fault.end, year=fault.year)


def _sorted(*groups: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(itertools.chain(*groups), key=lambda p: p.position or 0))


# --- filing numbers: ICP and public security -------------------------------------------


def _judge_filing(
    value: str, kept: list[_Char], dropped: list[Problem], today: date, kind: str
) -> Result:
    text = "".join(c.char for c in kept)
    spaced = kind == PSB and any(_psb_space(kept, p) for p in dropped)
    if spaced:
        dropped = [p for p in dropped if not _psb_space(kept, p)]
    if "ICP证" in text.upper() or _is_business_licence(text):
        return Result(value, ICP, INVALID, problems=(Problem("licence"),))
    parsed = _FilingParser(kept, kind, spaced).parse()
    if isinstance(parsed, Problem):
        return Result(value, kind, INVALID, problems=(*_sorted(dropped, _mapped(kept)), parsed))
    canonical, marked, changed = parsed
    fault = FAULTS[kind](canonical, today)
    if fault is not None:
        return Result(
            value, kind, INVALID, problems=(*_sorted(dropped, marked), _fault_problem(fault))
        )
    if not marked and not dropped:
        return Result(value, kind, VALID)
    return Result(
        value,
        kind,
        LOOKALIKE,
        suggestion=canonical,
        problems=_sorted(dropped, marked),
        changed=tuple(changed),
    )


def _psb_space(kept: list[_Char], problem: Problem) -> bool:
    """The one space that may follow 公网安备 in a public-security number."""
    if problem.char != " ":
        return False
    before = [c for c in kept[:6] if c.position < (problem.position or 0)]
    return (
        len(before) == 5
        and before[-1].position + 1 == problem.position
        and ("".join(c.char for c in before[1:]) == "公网安备")
    )


def _is_business_licence(text: str) -> bool:
    """``粤B2-20090059``: a value-added telecom business licence, not a filing."""
    return len(text) > 4 and text[1:3].upper() in ("B1", "B2") and text[3] == "-"


class _FilingParser:
    """Reads an ICP or public-security number left to right, correcting as it goes."""

    def __init__(self, kept: list[_Char], kind: str, spaced: bool = False) -> None:
        self.kept, self.kind, self.spaced, self.i = kept, kind, spaced, 0
        self.out: list[str] = []
        self.marked: list[Problem] = []
        self.changed: list[int] = []

    def parse(self) -> tuple[str, list[Problem], list[int]] | Problem:
        try:
            self._province()
            if self.kind == ICP:
                self._literal("ICP备")
                self._digits((8, 10), "icp_digits")
                self._literal("号")
                if self.i < len(self.kept):
                    self._site()
            else:
                self._literal("公网安备")
                if self.spaced:  # the space the user typed, where one may stand
                    self.out.append(" ")
                self._digits((14,), "psb_digits")
                self._literal("号")
            if self.i < len(self.kept):
                extra = self.kept[self.i]
                raise _Stop(Problem("trailing", extra.position, extra.typed))
        except _Stop as stop:
            return stop.problem
        return "".join(self.out), self.marked, self.changed

    def _take(self, allowed: frozenset[str], expected: str, reason: str = "format") -> None:
        if self.i >= len(self.kept):
            raise _Stop(Problem("missing", expected=expected))
        c = self.kept[self.i]
        options = _alternatives(c, allowed)
        if not options:
            raise _Stop(Problem(reason, c.position, c.typed, expected=expected))
        self._put(c, options[0])

    def _put(self, c: _Char, target: str) -> None:
        self.out.append(target)
        if c.typed != target:
            self.marked.append(Problem(_reason(c, target), c.position, c.typed, target))
            self.changed.append(len(self.out))
        self.i += 1

    def _province(self) -> None:
        self._take(_province_set(), "京", "province")

    def _literal(self, text: str) -> None:
        for ch in text:
            self._take(_single(ch), ch)

    def _digits(self, lengths: tuple[int, ...], reason: str) -> None:
        """Take a run of digits of one of ``lengths``."""
        start = self.i
        while self.i < len(self.kept) and _alternatives(self.kept[self.i], DIGITS):
            self._take(DIGITS, "0-9")
        if self.i - start not in lengths:
            at = self.kept[start].position if start < len(self.kept) else None
            raise _Stop(Problem(reason, at, count=self.i - start))

    def _site(self) -> None:
        self._take(_single("-"), "-")
        if self.i == len(self.kept):
            raise _Stop(Problem("missing", expected="1"))
        start = self.i
        self._digits(tuple(range(1, 10)), "site")
        if self.out[-(self.i - start)] == "0":
            raise _Stop(Problem("site", self.kept[start].position, self.kept[start].typed))
        if self.i < len(self.kept) and _alternatives(self.kept[self.i], _ICP_LETTERS):
            self._take(_ICP_LETTERS, "A/X")


@functools.cache
def _province_set() -> frozenset[str]:
    return frozenset(provinces())


@functools.cache
def _single(ch: str) -> frozenset[str]:
    return frozenset(ch)


class _Stop(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


# --- detecting the kind ------------------------------------------------------------------


def _judge_detected(
    value: str, kept: list[_Char], dropped: list[Problem], text: str, today: date
) -> Result:
    if "公网安备" in text:
        return _judge_filing(value, kept, dropped, today, PSB)
    if "ICP" in text.upper() or "备" in text or _is_business_licence(text):
        return _judge_filing(value, kept, dropped, today, ICP)
    if not text.isascii() and any(_is_han(c) and c not in lookalikes()[1] for c in text):
        return _judge_filing(value, kept, dropped, today, ICP)  # Chinese text
    digits = _reads_as_digits(kept)
    if len(kept) != 18 or not digits:
        # Not 18 characters: the kind it reads as.  A character that cannot be a digit: no
        # resident ID, so the credit code's verdict stands.
        return _judge_fixed(value, kept, dropped, today, RIC if digits else USCC)
    options = {kind: _options(kept, kind) for kind in (RIC, USCC)}
    shape = {
        kind: _shape(kind, "".join((o or "\x00")[0] for o in opts), today)
        for kind, opts in options.items()
    }
    canonical = {
        kind: not dropped
        and all(c.reason is None and o == c.char for c, o in zip(kept, opts, strict=True))
        for kind, opts in options.items()
    }
    return _choose(
        shape,
        canonical,
        lambda kind: _judge_fixed(value, kept, dropped, today, kind, options[kind]),
        lambda kind: canonical[kind] and FAULTS[kind]("".join(options[kind]), today) is None,
    )


class _FullPath(Exception):
    """Raised by a fast path's reader when only the full path can read the value."""


def _choose(
    shape: dict[str, tuple[int, int, int]],
    canonical: dict[str, bool],
    read: Callable[[str], Result],
    valid: Callable[[str], bool],
) -> Result:
    """The reading that explains an 18-character value best, with the other one when it
    fits too (see :func:`_fits`).

    Better is, in turn: fewer characters that cannot stand where they are in that kind
    (91110000600037341N ends in a letter a resident ID cannot end in); more of the
    kind's fixed parts plausible (see :func:`plausibility`: 91350100123456788Z has no
    region 913501 but one 350100); the better verdict; fewer characters taken for
    others; a tie goes to the resident ID.  ``shape`` holds the first two for each kind
    (see :func:`_shape`), ``canonical`` whether the value is as that kind writes it,
    ``read(kind)`` judges the value as ``kind`` and ``valid(kind)`` says whether it is a
    valid ``kind`` as typed: a reading is judged only when it can win or fit, so that a
    value that is plainly of one kind costs one judgement.
    """
    if shape[RIC] != shape[USCC]:
        first, second = (RIC, USCC) if shape[RIC] < shape[USCC] else (USCC, RIC)
        best = read(first)
        if not _may_fit(shape[second], second, canonical[second], best.verdict == VALID):
            return best
        if -sum(shape[second][1:]) != _FULL[second] and not valid(second):
            return best  # of the wrong shape, it could only fit if it were valid
        other = read(second)
    else:
        ric, uscc = read(RIC), read(USCC)
        keys = {r.kind: (*_rank(r), _corrected(r)) for r in (ric, uscc)}
        best, other = (uscc, ric) if keys[USCC] < keys[RIC] else (ric, uscc)
    if not _fits(other, shape[other.kind], best.verdict == VALID):
        return best
    return dataclasses.replace(best, alternatives=(other,))


def _shape(kind: str, text: str, today: date) -> tuple[int, int, int]:
    """How well ``text`` (a value as ``kind`` reads it) has the shape of ``kind``, lower
    being better: the characters that cannot stand where they are (as ``\x00`` in
    ``text``), then the plausible fixed parts, strong and weak, negated."""
    strong, weak = plausibility(kind, text, today)
    return text.count("\x00"), -strong, -weak


def _corrected(result: Result) -> int:
    """Characters a reading takes as others: a reading that takes them as typed is better."""
    return sum(p.reason in _CORRECTIONS for p in result.problems)


_CORRECTIONS = frozenset({"lookalike", "b8"})


def _may_fit(shape: tuple[int, int, int], kind: str, canonical: bool, beside_valid: bool) -> bool:
    """Whether a reading of this shape could pass :func:`_fits` (before judging it)."""
    illegal, strong, weak = shape
    if illegal:
        return False
    if -(strong + weak) == _FULL[kind]:
        return True
    return canonical and not beside_valid  # only a valid reading fits then


def _fits(result: Result, shape: tuple[int, int, int], beside_valid: bool) -> bool:
    """A reading worth naming beside the chosen one.

    Beside a valid reading, only one that is valid and fully plausible as well: check
    characters that pass are strong evidence (a typo passes MOD 11-2 one time in 11).
    Beside one that is not valid: a valid reading, or one of the right shape (every
    character may stand where it is, every fixed part plausible) with nothing wrong
    but what a single mistyped character does (a check character) or what a look-alike
    correction explains.
    """
    illegal, strong, weak = shape
    full = not illegal and -(strong + weak) == _FULL[result.kind]
    if beside_valid or result.verdict == VALID:
        return result.verdict == VALID and (full or not beside_valid)
    return full and (
        bool(result.suggestion or result.candidates)
        or all(p.reason in _TYPO_FAULTS or p.char is not None for p in result.problems)
    )


_FULL = {RIC: 4, USCC: 3}  # strong and weak parts of each kind (see plausibility)
_TYPO_FAULTS = frozenset({"checksum", "gb11714", "pilot"})


def plausibility(kind: str, text: str, today: date) -> tuple[int, int]:
    """How plausible the fixed parts of ``text`` are for ``kind``, as (strong, weak):
    parts that few random values have count as strong, parts that many have as weak.

    A resident ID: its region code (0.7% of six digits are one) and its birth date are
    strong; its province and the century of its birth (18, 19, 20) weak.  A credit
    code: its region code (GB/T 2260, or 100000 for the central authorities) is strong;
    its registration authority and category pair (36 of 961, and most province codes
    are pairs too) and the province of its region weak.  A single typo spoils one part
    at most, so the reading it came from keeps the others.
    """
    if kind == RIC:
        born = birth_date(text[6:14])
        dated = born is not None and born <= today
        weak = region_of(text[:2] + "0000")[0] + (text[6:8] in _CENTURIES)
        region = text[:6]
        if region in RESIDENCE_PERMITS:
            return 1 + dated, weak
        known, last = region_of(region)
        if not known:
            return int(dated), weak
        retired = (
            born is not None and dated and last is not None and born.year > last + RETIRED_SLACK
        )
        return (not retired) + dated, weak
    region = text[2:8]
    strong = region_of(region)[0] or region == "100000"
    return int(strong), (text[:2] in uscc_categories()) + region_of(text[2:4] + "0000")[0]


_CENTURIES = frozenset({"18", "19", "20"})


def _rank(result: Result) -> tuple[int, bool]:
    """Which reading explains a value better: the better verdict, then the one that can
    say what to type (913501B81234567888 is a credit code with B for 8, not a resident
    ID with a wrong check digit as well)."""
    if result.verdict == VALID:
        return 0, False
    return (1 if result.suggestion or result.candidates else 2), result.suggestion is None


def _is_han(c: str) -> bool:
    """A Chinese character (CJK unified ideographs, their extensions and compatibility forms)."""
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or c >= "\U00020000"


def _reads_as_digits(kept: list[_Char]) -> bool:
    """Every character but the last one reads as a digit (letters that look like one too)."""
    digits = _SLOTS[RIC][0]
    return all(_alternatives(c, digits) for c in kept[:-1])


_JUDGES = {
    RIC: lambda v, k, d, t: _judge_fixed(v, k, d, t, RIC),
    USCC: lambda v, k, d, t: _judge_fixed(v, k, d, t, USCC),
    ICP: lambda v, k, d, t: _judge_filing(v, k, d, t, ICP),
    PSB: lambda v, k, d, t: _judge_filing(v, k, d, t, PSB),
}


def judge_subject_id(value: str, subject_type: str, today: date | None = None) -> Result:
    """``subject.id`` as typed: a resident ID for a person, a credit code for a company."""
    return judge(value, KIND_OF_SUBJECT.get(subject_type), today)


def judge_filing_number(value: str, today: date | None = None) -> Result:
    """A ``filing.numbers`` entry as typed: an ICP or public-security number; anything
    else is judged as the ICP number it was meant to be."""
    result = judge(value, None, today)
    if result.kind not in (ICP, PSB):
        result = judge(value, ICP, today)
    return result
