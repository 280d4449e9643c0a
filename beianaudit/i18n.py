"""Translations: gettext catalogs for ``zh_CN`` and ``en``.

Every feature keeps its own catalog file (``locale/<lang>/LC_MESSAGES/<feature>.po``,
compiled to ``.mo`` beside it); all of a language's catalogs are chained into one
translation, so a message id is looked up wherever it lives.  Message ids are the
English text, so a missing translation degrades to English, never to nothing.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

LANGUAGES = ("zh_CN", "en")
LOCALE_DIR = Path(__file__).with_name("locale")

_current: _gettext.NullTranslations | None = None
_current_lang = ""
# Translations already looked up in the current language: a chained lookup walks
# every catalog, and batch commands translate the same few messages per line.
_memo: dict[str, str] = {}
# (the user's LANGUAGE, the value written over it for click): see _translate_click.
_written: tuple[str, str] | None = None


def normalise(value: str) -> str | None:
    """The language a user's spelling names: ``zh``, ``zh-CN``, ``zh_CN.UTF-8``,
    ``ZH_cn`` → ``zh_CN``; ``en``, ``en_US``, ``C``, ``POSIX`` → ``en``; else ``None``.
    Any Chinese (``zh_TW`` too) gets ``zh_CN``, the only Chinese catalog."""
    base = value.strip().partition(".")[0].partition("@")[0].replace("-", "_").lower()
    if base == "zh" or base.startswith("zh_"):
        return "zh_CN"
    if base in ("en", "c", "posix") or base.startswith("en_"):
        return "en"
    return None


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, looked up as gettext does: the first
    known language of ``LANGUAGE``'s colon-separated list, else the first of
    ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set (Chinese for ``zh…``), else ``en``."""
    env = os.environ if environ is None else environ
    language = env.get("LANGUAGE", "")
    if environ is None and _written is not None and language == _written[1]:
        language = _written[0]  # the user's own, not the one set for click below
    for item in language.split(":"):
        lang = normalise(item) if item else None
        if lang:
            return lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def language_from_argv(args: list[str]) -> str | None:
    """The language a ``--lang`` option names in ``args``, if it names a known one."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        return normalise(value)
    return None


def load_catalogs(lang: str) -> _gettext.NullTranslations:
    """Chain every compiled catalog of ``lang`` into one translation."""
    chain: _gettext.NullTranslations = _gettext.NullTranslations()
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    for mo in sorted(folder.glob("*.mo")):
        with mo.open("rb") as fh:
            catalog = _gettext.GNUTranslations(fh)
        catalog.add_fallback(chain)
        chain = catalog
    return chain


def set_language(lang: str | None = None) -> str:
    """Switch every later message to ``lang`` (default: from the environment)."""
    global _current, _current_lang
    lang = lang or language_from_env()
    if lang not in LANGUAGES:
        raise ValueError(lang)
    if lang != _current_lang:
        _current, _current_lang = load_catalogs(lang), lang
        _memo.clear()
        _translate_click(lang)
    return lang


def _translate_click(lang: str) -> None:
    """Let click's own messages (usage, errors, ``--help``) follow ``lang`` too.

    click translates with the standard library's ``gettext.gettext``: the default
    domain ``messages``, in the language the environment names.  Our
    ``messages.po`` holds click's strings, so point that domain at our catalogs
    and name the language in ``LANGUAGE``, gettext's own variable for this.
    """
    global _written
    _gettext.bindtextdomain("messages", str(LOCALE_DIR))
    current = os.environ.get("LANGUAGE", "")
    if _written is None or current != _written[1]:
        _written = (current, lang)  # what the user set, kept for language_from_env
    else:
        _written = (_written[0], lang)
    os.environ["LANGUAGE"] = lang


def current_language() -> str:
    if not _current_lang:
        set_language()
    return _current_lang


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    found = _memo.get(message)
    if found is None:
        if _current is None:
            set_language()
        assert _current is not None
        found = _memo[message] = _current.gettext(message)
    return found


def ngettext(singular: str, plural: str, n: int) -> str:
    if _current is None:
        set_language()
    assert _current is not None
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later, where it is shown."""
    return message


# The system's error strings (strerror) are English whatever the language: the common
# ones of reading and writing files, in both languages (the English as glibc words it);
# any other keeps the system's.
_OS_REASONS = {
    "ENOENT": N_("No such file or directory"),
    "EACCES": N_("Permission denied"),
    "EISDIR": N_("Is a directory"),
    "ENOTDIR": N_("Not a directory"),
    "EROFS": N_("Read-only file system"),
    "ENOSPC": N_("No space left on device"),
    "EIO": N_("Input/output error"),
    "ELOOP": N_("Too many levels of symbolic links"),
    "EINVAL": N_("Invalid argument"),
    "EPERM": N_("Operation not permitted"),
    "EEXIST": N_("File exists"),
    "EFBIG": N_("File too large"),
    "EDQUOT": N_("Disk quota exceeded"),
    "ENXIO": N_("No such device or address"),
}


def os_reason(exc: OSError) -> str:
    """Why ``exc`` happened, in the current language: the one way an ``OSError`` is shown."""
    import errno

    name = errno.errorcode.get(exc.errno) if isinstance(exc.errno, int) else None
    if name in _OS_REASONS:
        return _(_OS_REASONS[name])
    return exc.strerror or type(exc).__name__
