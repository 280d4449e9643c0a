"""Config hygiene: is the config file itself safe to keep?"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Mapping
from typing import Any

from beianaudit.config import looks_secret
from beianaudit.context import Context
from beianaudit.finding import Finding, Severity
from beianaudit.i18n import N_, _
from beianaudit.registry import check


@check("BA501", N_("Config file permissions"))
def file_permissions(ctx: Context) -> Iterator[Finding]:
    """Warn when group or others may read or write the config file (POSIX)."""
    if os.name != "posix":
        return
    path = ctx.config.path
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return  # it was just read; a file gone since is not this check's business
    if mode & 0o077:
        yield Finding(
            check="BA501",
            severity=Severity.WARNING,
            message=_("the config file is open to group or others (mode {mode:04o})").format(
                mode=mode
            ),
            target="config",
            hint=_("restrict it to yourself: chmod 600 {path}").format(path=path),
            data={"mode": f"{mode:04o}", "path": str(path)},
        )


def _secret_keys(
    table: Mapping[str, Any], prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    for key, value in table.items():
        path = (*prefix, key)
        if looks_secret(key):
            yield path
        if isinstance(value, Mapping):
            yield from _secret_keys(value, path)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, Mapping):
                    yield from _secret_keys(item, path)


@check("BA502", N_("Secrets in the config"))
def secret_keys(ctx: Context) -> Iterator[Finding]:
    """Error on any key named like a secret (password, token…), at any depth."""
    for path in _secret_keys(ctx.config.raw):
        key = ".".join(path)
        line = ctx.config.line_of(*path)
        yield Finding(
            check="BA502",
            severity=Severity.ERROR,
            message=_("the config holds a key named like a secret: {key} (line {line})").format(
                key=key, line=line or "?"
            ),
            target="config",
            hint=_(
                "delete it from the file (and from any backup); keep the password in the OS "
                "keyring instead: beianaudit password --remember"
            ),
            data={"key": key, "line": line},
        )
