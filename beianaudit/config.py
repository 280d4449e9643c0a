"""The TOML config: find it, load it, validate it against the contract in DESIGN.md.

Every error is one line that names the file, the line and the key, and never the
value: a value may be a secret typed into the wrong place.
"""

from __future__ import annotations

import os
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

from beianaudit import CONFIG_ENV
from beianaudit.i18n import N_, _, os_reason

MAX_BYTES = 1 << 20
# Deeper than any config needs; tomllib takes quadratic time on long dotted keys
# and deep values overflow the stack of whatever walks them.
MAX_DEPTH = 64
SUBJECT_TYPES = ("personal", "enterprise")
SECRET_WORDS = ("password", "passwd", "secret", "token", "pwd")


class ConfigError(Exception):
    """A config that cannot be used; ``str()`` is the one line to show."""


@dataclass(frozen=True)
class Subject:
    type: str
    name: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Filing:
    numbers: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    provider: str | None = None
    login_url: str | None = None


@dataclass(frozen=True)
class Contacts:
    phone: str | None = None
    phone_verified: date | None = None
    email: str | None = None
    email_verified: date | None = None


@dataclass(frozen=True)
class Policy:
    min_length: int = 8
    min_classes: int = 4
    min_score: int = 3
    banned: tuple[str, ...] = ("123456", "admin")
    # A new password must differ from the old one in more than this share of its
    # characters (edit distance), and in more than two.
    min_change_percent: int = 25
    stale_after_days: int = 180


SECTIONS: dict[str, type] = {
    "subject": Subject,
    "filing": Filing,
    "contacts": Contacts,
    "policy": Policy,
}
# Inclusive bounds of the integer keys; a value outside is a config error.
RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("policy", "min_length"): (1, 4096),
    ("policy", "min_classes"): (1, 4),
    ("policy", "min_score"): (0, 4),
    ("policy", "min_change_percent"): (0, 100),
    ("policy", "stale_after_days"): (1, 36500),
}


@dataclass(frozen=True)
class Config:
    path: Path
    subject: Subject
    filing: Filing = field(default_factory=Filing)
    contacts: Contacts = field(default_factory=Contacts)
    policy: Policy = field(default_factory=Policy)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)
    text: str = field(default="", repr=False)

    def line_of(self, *key: str) -> int | None:
        return locate(self.text, key)


def looks_secret(key: str) -> bool:
    """A key named like a secret (``password``, ``api_token``…)."""
    lowered = key.lower()
    return any(word in lowered for word in SECRET_WORDS)


def holds_secret(key: str, value: Any) -> bool:
    """``key`` or any key below it looks like a secret.

    The loader leaves such keys to the config hygiene check (BA502), whose advice
    (move it to the keyring) matters more than "unknown key".
    """
    if looks_secret(key):
        return True
    if isinstance(value, dict):
        return any(holds_secret(k, v) for k, v in value.items())
    if isinstance(value, list):
        return any(holds_secret("", v) for v in value)
    return False


def default_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("beianaudit")) / "config.toml"


def resolve_path(explicit: str | os.PathLike[str] | None) -> Path:
    """``--config`` (click also fills it from ``BEIANAUDIT_CONFIG``), else the default."""
    if explicit:
        path = Path(explicit)
        if not path.exists():
            raise ConfigError(_("{path}: config file not found").format(path=path))
        return path
    path = default_path()
    if not path.exists():
        raise ConfigError(
            _(
                "no config file at {path}: write one with beianaudit init, "
                "or name one with --config PATH or {env}"
            ).format(path=path, env=CONFIG_ENV)
        )
    return path


def not_regular(path: Path, mode: int | None = None) -> str | None:
    """Why ``path`` is no file to read or write, as a phrase; ``None`` for a regular file
    (through any symbolic link) or when nothing is there (the open then says why).

    The one check for every file the tool reads or writes: opening a FIFO waits for a
    writer, ``/dev/null`` reads as empty, and replacing either swaps a file in for it.
    ``mode`` is an ``fstat`` result's, to check an open file again.
    """
    import stat

    if mode is None:
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return None
    if stat.S_ISDIR(mode):
        return _("is a directory")
    if not stat.S_ISREG(mode):
        return _("not a regular file (a pipe, a device or a socket)")
    return None


def read_text(path: Path) -> str:
    """The config's text.  Only a regular file is read: the kind is taken from ``stat``
    before opening (opening a FIFO for reading waits for a writer; ``/dev/null`` would
    read as an empty config, ``/dev/zero`` as endless bytes), and checked again on the
    open file, opened without blocking, in case the path was swapped in between."""
    try:
        os.stat(path)
        if (reason := not_regular(path)) is not None:
            raise _not_a_file(path, reason)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if (reason := not_regular(path, os.fstat(fh.fileno()).st_mode)) is not None:
                raise _not_a_file(path, reason)
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ConfigError(
            _("{path}: cannot read the config file ({reason})").format(
                path=path, reason=os_reason(exc)
            )
        ) from None
    if len(data) > MAX_BYTES:
        raise ConfigError(_("{path}: larger than 1 MiB, not a beianaudit config").format(path=path))
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(
            _("{path}:{line}: not UTF-8 text (byte {byte})").format(
                path=path, line=line, byte=exc.start
            )
        ) from None


def _not_a_file(path: Path, reason: str) -> ConfigError:
    return ConfigError(_("{path}: {reason}, not a config file").format(path=path, reason=reason))


def load(path: Path) -> Config:
    """Read, parse and validate ``path``; raise :class:`ConfigError` on any problem."""
    import tomllib

    text = read_text(path)
    too_deep = ConfigError(_("{path}: nested too deeply to be a config").format(path=path))
    if _DEEP_KEY.search(text):
        raise too_deep
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_syntax_error(path, text, str(exc))) from None
    except RecursionError:
        raise too_deep from None
    if depth(raw) > MAX_DEPTH:
        raise too_deep
    return Config(path=path, raw=raw, text=text, **_validate(path, text, raw))


_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")


def _syntax_error(path: Path, text: str, message: str) -> str:
    match = _POSITION.search(message)
    reason = message[: match.start()] if match else message
    line = int(match.group(1)) if match and match.group(1) else text.count("\n") + 1
    key = printable(_key_on_line(text, line))
    where = f"{path}:{line}: {key}: " if key else f"{path}:{line}: "
    return where + _("TOML syntax error: {reason}").format(reason=toml_reason(reason))


# tomllib's own error texts (as CPython 3.11 words them; the English msgid is tomllib's
# text), so that zh output has no English; any other is shown as tomllib wrote it.
_TOML_REASONS: tuple[tuple[str, str], ...] = (
    (r"Invalid value", N_("Invalid value")),
    (r"Invalid statement", N_("Invalid statement")),
    (r"Cannot overwrite a value", N_("Cannot overwrite a value")),
    (
        r"Expected '\]' at the end of a table declaration",
        N_("Expected ']' at the end of a table declaration"),
    ),
    (
        r"Expected '\]\]' at the end of an array declaration",
        N_("Expected ']]' at the end of an array declaration"),
    ),
    (
        r"Expected '=' after a key in a key/value pair",
        N_("Expected '=' after a key in a key/value pair"),
    ),
    (
        r"Expected newline or end of document after a statement",
        N_("Expected newline or end of document after a statement"),
    ),
    (r"Invalid initial character for a key part", N_("Invalid initial character for a key part")),
    (r"Unclosed array", N_("Unclosed array")),
    (r"Unclosed inline table", N_("Unclosed inline table")),
    (r"Unterminated string", N_("Unterminated string")),
    (r"Invalid date or datetime", N_("Invalid date or datetime")),
    (r"Invalid hex value", N_("Invalid hex value")),
    (r"Unescaped '\\' in a string", N_("Unescaped '\\' in a string")),
    (
        r"Escaped character is not a Unicode scalar value",
        N_("Escaped character is not a Unicode scalar value"),
    ),
    (r"Expected (?P<x>(['\"]).+\2)", N_("Expected {x}")),
    (r"Found invalid character (?P<x>.+)", N_("Found invalid character {x}")),
    (r"Illegal character (?P<x>.+)", N_("Illegal character {x}")),
    (r"Cannot declare (?P<x>.+) twice", N_("Cannot declare {x} twice")),
    (r"Cannot mutate immutable namespace (?P<x>.+)", N_("Cannot mutate immutable namespace {x}")),
    (r"Cannot redefine namespace (?P<x>.+)", N_("Cannot redefine namespace {x}")),
    (r"Duplicate inline table key (?P<x>.+)", N_("Duplicate inline table key {x}")),
)


def toml_reason(reason: str) -> str:
    """tomllib's English ``reason`` in the current language (the common ones)."""
    for pattern, message in _TOML_REASONS:
        match = re.fullmatch(pattern, reason)
        if match:
            groups = match.groupdict()
            return _(message).format(**groups) if groups else _(message)
    return reason


def depth(value: Any) -> int:
    """How deeply tables and arrays nest in a parsed value (without recursion)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest


def printable(text: str) -> str:
    """``text`` with control and invisible characters escaped, so an error stays one line."""
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text
    )


def _validate(path: Path, text: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    def fail(key: tuple[str, ...], message: str) -> ConfigError:
        line = locate(text, key)
        where = f"{path}:{line}" if line else str(path)
        return ConfigError(f"{where}: {printable('.'.join(key))}: {message}")

    sections: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in SECTIONS and holds_secret(name, value):
            continue  # reported by the config hygiene check, with its own advice
        cls = SECTIONS.get(name)
        if cls is None:
            raise fail(
                (name,), _("unknown section (known: {known})").format(known=", ".join(SECTIONS))
            )
        if not isinstance(value, dict):
            raise fail((name,), _("must be a table ([{name}])").format(name=name))
        sections[name] = _build(cls, name, value, fail)
    if "subject" not in sections:
        raise fail(("subject",), _("the [subject] table with its type is required"))
    return sections


def _build(cls: type, section: str, table: Mapping[str, Any], fail: Any) -> Any:
    hints = typing.get_type_hints(cls)
    known = [f.name for f in fields(cls)]
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in hints and holds_secret(key, value):
            continue
        if key not in hints:
            raise fail(
                (section, key), _("unknown key (known: {known})").format(known=", ".join(known))
            )
        values[key] = _coerce(hints[key], value, (section, key), fail)
    required = [
        f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING
    ]
    for key in required:
        if key not in values:
            raise fail((section, key), _("required key is missing"))
    if section == "subject" and values["type"] not in SUBJECT_TYPES:
        raise fail(("subject", "type"), _('must be "personal" or "enterprise"'))
    return cls(**values)


def _coerce(hint: Any, value: Any, key: tuple[str, ...], fail: Any) -> Any:
    expected = _strip_optional(hint)
    if typing.get_origin(expected) is tuple:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        return _wrong_type(_("a list of strings"), value, key, fail)
    if expected is int:
        if isinstance(value, int) and not isinstance(value, bool):
            low, high = RANGES[key]
            if not low <= value <= high:
                raise fail(key, _("must be between {low} and {high}").format(low=low, high=high))
            return value
        return _wrong_type(_("an integer"), value, key, fail)
    if expected is date:
        if isinstance(value, date) and not isinstance(value, datetime):
            from beianaudit.contacts.validation import FILING_SYSTEM_START

            if value < FILING_SYSTEM_START:  # as contacts verified --on and init refuse it
                raise fail(
                    key,
                    _("{date} is before the ICP filing system began ({start}); a typo?").format(
                        date=value.isoformat(), start=FILING_SYSTEM_START.isoformat()
                    ),
                )
            return value
        return _wrong_type(_("a date such as 2026-10-01 (no quotes)"), value, key, fail)
    if isinstance(value, str):
        return value
    return _wrong_type(_("a string"), value, key, fail)


def _strip_optional(hint: Any) -> Any:
    if isinstance(hint, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0]
    return hint


def _wrong_type(expected: str, value: Any, key: tuple[str, ...], fail: Any) -> typing.NoReturn:
    raise fail(
        key,
        _("expected {expected}, found {found}").format(expected=expected, found=toml_type(value)),
    )


def toml_type(value: Any) -> str:
    """The TOML name of a parsed value's type, translated."""
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, int):
        return _("an integer")
    if isinstance(value, float):
        return _("a float")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, datetime):
        return _("a date-time")
    if isinstance(value, date):
        return _("a date")
    if isinstance(value, list):
        return _("an array")
    if isinstance(value, dict):
        return _("a table")
    return _("a time")


# --- where a key stands in the text -------------------------------------------------------

_KEY_PART = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
_ASSIGN = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART = re.compile(_KEY_PART)
# A dotted key of more than MAX_DEPTH parts anywhere (possessive and anchored at the
# start of a part, so the search stays linear on a 1 MiB line).
_ONE_PART = r"""(?:[A-Za-z0-9_-]++|"[^"\n]*+"|'[^'\n]*+')"""
_DEEP_KEY = re.compile(
    rf"""(?<![A-Za-z0-9_.'"-]){_ONE_PART}(?:[ \t]*+\.[ \t]*+{_ONE_PART}){{{MAX_DEPTH}}}"""
)


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in _PART.findall(dotted))


def _line_paths(text: str) -> typing.Iterator[tuple[int, tuple[str, ...]]]:
    """Each line that names a key, with the full dotted path it names."""
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _HEADER.match(line):
            table = _split_key(header.group(1))
            yield number, table
        elif assign := _ASSIGN.match(line):
            yield number, table + _split_key(assign.group(1))


def locate(text: str, key: tuple[str, ...]) -> int | None:
    """The line that defines ``key``, or the closest enclosing table or inline table.

    A best effort over the text (tomllib keeps no positions): lines inside
    multi-line strings that look like keys can mislead it, never crash it.
    """
    best, best_depth = None, 0
    for number, path in _line_paths(text):
        depth = min(len(path), len(key))
        if depth > best_depth and path[:depth] == key[:depth]:
            best, best_depth = number, depth
            if path == key:
                break
    return best


def _key_on_line(text: str, line: int) -> str:
    for number, path in _line_paths(text):
        if number == line:
            return ".".join(path)
        if number > line:
            break
    return ""
