"""Config loading under fuzzing: arbitrary text and bytes, mutated samples, generated
TOML, 10 MB files and deep nesting. Each input loads, or fails with one line, within
a second; a config that loads goes through every registered check without a crash."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import tomlkit
from hypothesis import given
from hypothesis import strategies as st

from beianaudit import registry
from beianaudit.config import MAX_DEPTH, RANGES, SECTIONS, Config, ConfigError, load
from beianaudit.context import Context
from tests.conftest import MINIMAL, SAMPLES, TODAY
from tests.fuzzing import TEN_MB, assert_one_line, budget, timed

SAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.toml"))]
CHECKS, _problems = registry.discover()


# Marks string values: a config error names the key, never the value, which may be a
# secret typed into the wrong place.
VALUE_MARK = "\u2603Vq7"


def load_or_error(path: Path) -> Config | None:
    """Load ``path`` in under a second; a ConfigError must be one line naming the file,
    and no marked value."""
    try:
        return timed(load, path)
    except ConfigError as exc:
        message = str(exc)
    assert_one_line(message)
    assert message.startswith(str(path)), message
    assert VALUE_MARK not in message, message
    return None


def run_every_check(config: Config) -> None:
    findings = registry.run(CHECKS, Context(config=config, today=TODAY))
    crashed = [f for f in findings if f.check == registry.CRASH_ID]
    assert not crashed, [f.data for f in crashed]


def write(tmp_path: Path, data: str | bytes) -> Path:
    path = tmp_path / "config.toml"
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    path.chmod(0o600)
    return path


@budget(40)
@given(st.text())
def test_arbitrary_text(tmp_path: Path, text: str) -> None:
    load_or_error(write(tmp_path, text))


@budget(25)
@given(st.binary())
def test_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    load_or_error(write(tmp_path, data))


@budget(40)
@given(
    st.sampled_from(SAMPLE_TEXTS),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 8), st.text(max_size=8)), max_size=6),
)
def test_mutated_samples(tmp_path: Path, text: str, edits: list) -> None:
    """Cut and splice the real samples: errors land on the right kind of line."""
    for where, cut, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut :]
    config = load_or_error(write(tmp_path, text))
    if config is not None:
        run_every_check(config)


# --- generated TOML: syntactically valid, with the real keys and wrong types ---------------

KNOWN_KEYS = sorted({(s, f) for s, cls in SECTIONS.items() for f in cls.__dataclass_fields__})
scalars = st.one_of(
    st.text(max_size=40),
    st.text(max_size=20).map(lambda text: text + VALUE_MARK),
    st.integers(-(2**63), 2**63 - 1),
    st.integers(-5, 5000),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(date(1, 1, 1), date(9999, 12, 31)),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
tables = st.dictionaries(
    st.sampled_from([k for _s, k in KNOWN_KEYS]) | st.text(max_size=12), values, max_size=6
)
documents = st.dictionaries(
    st.sampled_from([*SECTIONS, "extra"]) | st.text(max_size=10),
    tables | values,
    max_size=5,
)


@budget(50)
@given(documents, st.sampled_from(["personal", "enterprise", "company", None]))
def test_generated_documents(tmp_path: Path, doc: dict, subject_type: str | None) -> None:
    if subject_type is not None and isinstance(doc.get("subject"), dict):
        doc["subject"]["type"] = subject_type
    config = load_or_error(write(tmp_path, tomlkit.dumps(doc)))
    if config is None:
        return
    for (section, key), (low, high) in RANGES.items():
        assert low <= getattr(getattr(config, section), key) <= high
    run_every_check(config)


# --- size and depth --------------------------------------------------------------------

NEST = MAX_DEPTH * 4
DEEP = {
    "arrays": "a = " + "[" * NEST + "]" * NEST,
    "arrays unclosed": "a = " + "[" * 400_000,
    "inline tables": "a = " + "{b = " * NEST + "1" + "}" * NEST,
    "dotted key": MINIMAL + "x" + ".x" * 400_000 + " = 1\n",
    "quoted dotted key": MINIMAL + '"x"' + ' . "x"' * 100_000 + " = 1\n",
    "table header": "[" + "a." * 400_000 + "a]\n",
    "array of tables": "[[" + "a." * 400_000 + "a]]\n",
    "unclosed header": "[" + "a . " * 200_000,
    "inline dotted": "a = {" + "b." * 300_000 + "b = 1}\n",
    "mixed": "["
    + "a." * (MAX_DEPTH // 2)
    + "a]\n"
    + "b." * (MAX_DEPTH // 2)
    + "b = "
    + "[" * MAX_DEPTH
    + "]" * MAX_DEPTH,
}


@pytest.mark.parametrize("name", DEEP)
def test_deep_nesting_is_refused_quickly(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, DEEP[name])
    with pytest.raises(ConfigError) as caught:
        timed(load, path)
    assert_one_line(str(caught.value))
    assert str(caught.value).startswith(str(path))


def test_nesting_a_config_may_need_still_loads(tmp_path: Path) -> None:
    text = MINIMAL + "[policy]\nbanned = " + "[" * 3 + '"x"' + "]" * 3 + "\n"
    with pytest.raises(ConfigError, match=r"policy\.banned: expected a list of strings"):
        load(write(tmp_path, text))


@pytest.mark.parametrize(
    "data",
    [
        b"a" * TEN_MB,
        b"# " + b"\xff" * TEN_MB,
        (MINIMAL + 'name = "' + "张" * (TEN_MB // 3) + '"\n').encode(),
        b"\n" * TEN_MB,
    ],
    ids=["one 10 MB line", "10 MB binary", "10 MB value", "10 MB of newlines"],
)
def test_ten_megabytes(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ConfigError, match="larger than 1 MiB"):
        timed(load, write(tmp_path, data))


def test_just_under_the_limit_loads_in_time(tmp_path: Path) -> None:
    name = "张" * ((1 << 20) // 3 - 40)
    config = timed(load, write(tmp_path, MINIMAL + f'name = "{name}"\n'))
    assert config.subject.name == name


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('"a\\nb" = 1\n', "a\\nb: unknown section"),
        (MINIMAL + '"k\\u001b[31m" = 1\n', "subject.k\\x1b[31m: unknown key"),
        (MINIMAL + '"k\\u2028" = 1\n', "subject.k\\u2028: unknown key"),
    ],
)
def test_control_characters_in_keys_are_escaped(tmp_path: Path, text: str, shown: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load(write(tmp_path, text))
    assert_one_line(str(caught.value))
    assert "\x1b" not in str(caught.value)
    assert shown in str(caught.value)


# --- config updates round-trip ---------------------------------------------------------

comment_lines = st.text(
    st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\u2028\u2029\x85"),
    max_size=20,
).map(lambda c: "# " + c)


@budget(25)
@given(
    st.sampled_from(SAMPLE_TEXTS),
    st.lists(st.tuples(st.floats(0, 1), comment_lines), max_size=5),
    st.sampled_from(["phone_verified", "email_verified"]),
    st.dates(date(2005, 3, 20), TODAY),  # from FILING_SYSTEM_START, as --on takes
)
def test_update_keeps_everything_else(
    tmp_path: Path, text: str, comments: list, key: str, day: date
) -> None:
    """``contacts verified`` on any commented sample: the value set, every other value and
    every comment kept, the file still a valid config."""
    from beianaudit.config_update import set_value

    lines = text.splitlines()
    for where, comment in comments:
        lines.insert(int(where * len(lines)), comment)
    path = write(tmp_path, "\n".join(lines) + "\n")
    before = load_or_error(path)
    if before is None:  # a comment line that broke a multi-line value
        return
    timed(set_value, path, ("contacts", key), day)
    after = timed(load, path)
    assert getattr(after.contacts, key) == day
    expected = {**before.raw, "contacts": {**before.raw.get("contacts", {}), key: day}}
    assert after.raw == expected
    kept = path.read_text(encoding="utf-8").splitlines()
    assert [c for c in lines if c.lstrip().startswith("#")] == [
        c for c in kept if c.lstrip().startswith("#")
    ]
