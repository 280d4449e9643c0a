"""What the atheris harnesses share: seeds, the libFuzzer options, and the run.

A harness module defines ``one_input(data: bytes)`` (which raises on a bug) and
``seeds()``, then calls :func:`run`. ``one_input`` imports nothing from atheris,
so the test suite runs it over the seeds (tests/test_fuzz_harnesses.py) and the
harnesses cannot rot between the long runs.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULTS = ("-runs=20000", "-timeout=1", "-max_len=4096", "-rss_limit_mb=2048")


def text_of(data: bytes) -> str:
    """The fuzzer's bytes as the text a user's line would decode to."""
    return data.decode("utf-8", "replace")


def run(one_input: Callable[[bytes], None], seeds: Iterable[str], modules: list[str]) -> None:
    """Fuzz ``one_input`` with atheris for a fixed number of runs (``-runs=N`` overrides).

    ``modules`` are imported under atheris' instrumentation (coverage guidance);
    without a corpus folder on the command line, a temporary one holds the seeds.
    """
    import importlib

    import atheris

    with atheris.instrument_imports():
        for name in modules:
            importlib.import_module(name)
    args = [sys.argv[0]]
    given = sys.argv[1:]
    args += [d for d in DEFAULTS if not any(a.startswith(d.split("=")[0] + "=") for a in given)]
    args += given
    if not any(not a.startswith("-") for a in given):
        corpus = Path(tempfile.mkdtemp(prefix="beianaudit-fuzz-"))
        for number, seed in enumerate(seeds):
            (corpus / f"seed-{number:04d}").write_bytes(seed.encode("utf-8"))
        args.append(str(corpus))
    atheris.Setup(args, one_input)
    atheris.Fuzz()
