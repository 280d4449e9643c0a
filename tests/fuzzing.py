"""What the hardening tests share: their budget, the clock on each input, the one-line
rule, and every command of the CLI.

Every hypothesis test of the suite takes its number of examples from here: ``@budget(n)``,
or :data:`DEFAULT_EXAMPLES` for a bare ``@given`` (the profiles of tests/conftest.py).
The default run stays small so that the whole suite keeps well under two minutes on a
loaded 2-core machine; ``HYPOTHESIS_PROFILE=long pytest`` multiplies every budget by
:data:`LONG_FACTOR` for a deep run.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from hypothesis import HealthCheck, settings

T = TypeVar("T")

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
LONG_FACTOR = 50
# A bare @given's examples (hypothesis' own default is 100): the ``ci`` and ``long``
# profiles of tests/conftest.py.  The budgets written in the tests were cut to a quarter
# when the suite was put under two minutes; the long run gives 12.5 times the old counts.
DEFAULT_EXAMPLES = 25
# Not a speed test (speed is measured in benchmarks/): a bound some 30x above the slowest
# input, which only a quadratic blow-up on a megabyte reaches.  Counted in this process's
# CPU time, not by the wall clock: on a loaded 2-core machine the wall clock runs several
# times faster than the work (measured: 13.9 s of wall clock for 3.7 s of CPU).
BLOW_UP_SECONDS = 30.0
TEN_MB = 10 * 1024 * 1024


def budget(examples: int) -> settings:
    """Hypothesis settings for a fuzz test: ``examples`` now, many more in the long run.

    The blow-up bound is checked by :func:`timed` on each input rather than by
    hypothesis' deadline, which would also count the test's own set-up.
    """
    return settings(
        max_examples=examples * LONG_FACTOR if LONG else examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )


def timed(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call ``fn``, and fail when one input blows up (far past any normal CPU time)."""
    start = time.process_time()
    try:
        return fn(*args, **kwargs)
    finally:
        elapsed = time.process_time() - start
        assert elapsed < BLOW_UP_SECONDS, f"{elapsed:.2f} s of CPU for one input: a blow-up"


def assert_one_line(message: str) -> None:
    """A user-facing error: one non-empty line, no traceback."""
    assert message.strip(), "empty error message"
    assert "\n" not in message.strip(), f"error over several lines: {message!r}"
    assert "Traceback" not in message, message


Words = tuple[str, ...]


def commands(
    group: click.Group | None = None, prefix: Words = ()
) -> list[tuple[Words, click.Command]]:
    """Every command with the words that reach it (``contacts verified``…), found by
    walking the group, so that a command is covered the day it lands."""
    if group is None:
        from beianaudit.cli import cli

        group = cli
    found: list[tuple[Words, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(commands(command, path))
    return found


def finishes(call: Callable[[], object], fifo: Path, bound: float = 120.0) -> object:
    """``call()``'s result, or a failure if it is still blocked after ``bound`` seconds (far
    above any normal run: a guard against a hang on ``fifo``, not a timing assertion).  A
    blocked open of the FIFO is released by opening its other end, so the test ends."""
    import threading

    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["result"] = call()
        except BaseException as exc:  # handed back to the test
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(bound)
    if thread.is_alive():
        for flags in (os.O_WRONLY | os.O_NONBLOCK, os.O_RDONLY | os.O_NONBLOCK):
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, flags))
        thread.join(bound)
        raise AssertionError(f"blocked on the FIFO {fifo}")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("result")
