"""``--text`` extraction tuned for speed (issue 16, point 5) reads exactly as before:
every link, reading and phone link of the frozen reference (tests/extract_reference.py,
the implementation as merged with android_links) on the generators of the URL tests and
on adversarial shapes; and the work grows linearly with the text, counted in lines of
Python executed, not by the clock."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tests.extract_reference as reference
from beianaudit.urls import extract as fast
from tests.fuzzing import budget
from tests.test_fuzz_parsers import NEAR
from tests.test_urls_android import (
    AFTERS,
    ENDS,
    GLUES,
    HOSTS,
    OFFICIAL_LINKS,
    SCHEMES,
    SECOND_LINK_MARKS,
    SECONDS,
    START_GLUES,
    START_MIDS,
    START_TAILS,
    STARTS,
    TAILS,
    start_messages,
)

# Shapes that made extraction slow or quadratic (benchmarks/urls.py TEXT_SHAPES).
SHAPES = [
    "a备",
    "备案.",
    "<a ",
    "[x](",
    "https://beian.miit.gov.cn#",
    "→x.cn←",
    "https://beian.miit.gov.cn备",
    "(https://备案.网址)",
    "1.2.",
    "a.b.",
    "1.1.1.1 ",
    "a.",
    "1234.5.67.",
    "备.",
    "https://",
    "x_y.",
    "a-.",
    "https://a.b/ 京ICP备 ",
    "x.com备",
    "https://beian.miit.gov.cn#x.cn ",
]
PIECES = sorted(
    {
        *GLUES,
        *SECONDS,
        *TAILS,
        *ENDS,
        *STARTS,
        *SCHEMES,
        *HOSTS,
        *AFTERS,
        *START_GLUES,
        *START_MIDS,
        *START_TAILS,
        *OFFICIAL_LINKS,
        *SECOND_LINK_MARKS,
        *SHAPES,
        *("xn--fiqs8s", "com", "cn", "中国", "网址", "evil", "?", "$", ":80", "@", "_", "."),
        *('<a href="https://evil.com/">', "</a>", "[beian.miit.gov.cn](", ")", "&#46;"),
    }
)
messages = st.builds("".join, st.lists(st.sampled_from(PIECES), max_size=16)) | st.builds(
    "".join, st.lists(st.sampled_from(PIECES) | st.sampled_from(list(NEAR)), max_size=40)
)
repeated = st.builds(
    lambda shape, n, head, tail: head + shape * n + tail,
    st.sampled_from(SHAPES) | st.builds("".join, st.lists(st.sampled_from(PIECES), max_size=4)),
    st.integers(1, 300),
    st.sampled_from(PIECES),
    st.sampled_from(PIECES),
)


def _as_tuples(found: list) -> list[tuple]:
    return [(f.start, f.written, f.link, f.stop, f.shown, f.phone) for f in found]


# The steps of the extraction changed on purpose since the reference was frozen, each a
# named function (tests/test_urls_edges.py holds what they read): the equality below
# compares the tuned extraction with them switched off, so it still checks the tuning
# exactly.  Why no independent oracle replaces the frozen copy: the Android port
# (tests/android_linkify.py) backtracks exponentially on the long adversarial shapes, and
# even on short messages its raw spans are not android_links' (389 of the 4680
# start_messages differ: android_links reads the links a phone shows, not each match);
# ada-url judges one URL, not where links are in a text; and no simple specification
# gives the tool's own link boundaries, readings and markup pairs but a second
# implementation, which is what the copy is.
_BEFORE = {
    # a scheme-less host running into a symbol is found whole (登录beian.miit.gov.cn•)
    "_host_then_symbol": lambda mapped, start, end: False,
    # a phone's link to a link's own host, before a symbol, is no second link
    "_host_letters": lambda own: own,
    # Markdown as CommonMark reads it: titles in ' and (), nested brackets, references,
    # character references decoded
    "_MARKDOWN": reference._MARKDOWN,
    "_references": lambda text: [],
    "_commonmark": lambda text: text,
    # a relative target under shown text naming the filing system's host is a target
    "_relative_shown_official": lambda target, shown: False,
}


def assert_same(text: str) -> None:
    assert fast.android_links(text) == reference.android_links(text), text
    saved = {name: getattr(fast, name) for name in _BEFORE}
    try:
        for name, before in _BEFORE.items():
            setattr(fast, name, before)
        tuned = _as_tuples(fast.extract(text))
    finally:
        for name, value in saved.items():
            setattr(fast, name, value)
    assert tuned == _as_tuples(reference.extract(text)), text


@budget(75)
@given(messages | repeated)
def test_the_tuned_extraction_reads_as_the_reference(text: str) -> None:
    assert_same(text)


@budget(40)
@given(st.text(max_size=60) | st.text(st.sampled_from(NEAR + "_$?.-"), max_size=120))
def test_the_tuned_extraction_reads_arbitrary_text_as_the_reference(text: str) -> None:
    assert_same(text)


def test_the_phone_start_messages_read_as_the_reference() -> None:
    for text in start_messages():
        assert_same(text)


@pytest.mark.parametrize("shape", SHAPES)
def test_adversarial_shapes_read_as_the_reference(shape: str) -> None:
    assert_same(shape * (4096 // len(shape)))


PACKAGE = str(Path(fast.__file__).resolve().parent.parent)


def _lines(fn: Callable[[str], object], text: str) -> int:
    """Lines of Python that ``fn(text)`` executes in beianaudit's URL code."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(PACKAGE):
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        fn(text)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("shape", SHAPES)
def test_extraction_work_grows_linearly(shape: str) -> None:
    """The lines executed on four times the text are at most about four times as many
    (quadratic work makes them sixteen times): a count, not a clock."""
    small = shape * (2048 // len(shape))
    big = small * 4
    fast.extract(small)  # warm the caches (the suffix list, compiled patterns)
    work_small, work_big = _lines(fast.extract, small), _lines(fast.extract, big)
    assert work_big <= 4.6 * work_small + 2000, (shape, work_small, work_big)
