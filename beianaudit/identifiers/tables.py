"""The data tables under ``data/identifiers/``: look-alike characters, provinces and the
credit-code categories.

Loaded once, on first use, into plain dicts so that judging an identifier costs
dictionary look-ups, never a regular expression per character.
"""

from __future__ import annotations

import functools

from beianaudit import data_text

ALWAYS = "always"  # mapped wherever it stands (other scripts, traditional forms, dashes)
POSITIONAL = "lookalike"  # mapped only where the target may stand (O is 0 among digits)


def _rows(name: str) -> list[list[str]]:
    text = data_text(f"identifiers/{name}")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@functools.cache
def lookalikes() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """``(always, positional)``: ``always`` maps a character to (target, class);
    ``positional`` maps one to the targets it may stand for."""
    always: dict[str, tuple[str, str]] = {}
    positional: dict[str, str] = {}
    for code, target, cls, *_glyph in _rows("lookalikes.tsv"):
        char = chr(int(code.removeprefix("U+"), 16))
        if cls == POSITIONAL:
            positional[char] = positional.get(char, "") + target
        else:
            always[char] = (target, cls)
    return always, positional


@functools.cache
def provinces() -> dict[str, str]:
    """Abbreviation → province, for ICP and public-security filing numbers."""
    return {abbr: name for abbr, name in _rows("provinces.tsv")}


@functools.cache
def uscc_categories() -> frozenset[str]:
    """The registration authority and category pairs (``91``, ``Y1``…) GB 32100 allows."""
    return frozenset(
        authority + category for authority, category, *_names in _rows("uscc_categories.tsv")
    )
