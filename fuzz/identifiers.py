"""atheris harness for the identifier parser: ``judge`` with every kind (see fuzz/README.md).

    python fuzz/identifiers.py [-runs=N] [libFuzzer options] [CORPUS_DIR…]

Beyond "no exception": a value judged ``valid`` passes its kind's own fault
check and is canonical (only the characters the standard writes); a suggestion
is itself valid; the JSON result grows no faster than the input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import run, text_of

TODAY = date(2026, 11, 25)
KINDS = (None, "ric", "uscc", "icp", "psb")


def one_input(data: bytes) -> None:
    from beianaudit.identifiers.judgement import VALID, judge
    from beianaudit.identifiers.kinds import FAULTS, RIC_CHECK, USCC_SET

    kind = KINDS[data[0] % len(KINDS)] if data else None
    value = text_of(data[1:])
    result = judge(value, kind, TODAY)
    # One problem a character at most: the JSON grows with the input, never faster.
    assert len(json.dumps(result.as_json())) < 400 * (len(value) + 10)
    if result.verdict == VALID:
        # (An invalid value may be named as another kind: "京ICP证…" asked as psb
        # is said to be a telecom licence, so only a valid one must keep the kind.)
        assert kind is None or result.kind == kind, (kind, result)
        assert FAULTS[result.kind](value, TODAY) is None, (value, result)
        if result.kind == "ric":
            assert value[:17].isascii(), value
            assert value[:17].isdigit(), value
            assert value[17] in RIC_CHECK, value
        if result.kind == "uscc":
            assert len(value) == 18, value
            assert set(value) <= USCC_SET, value
    if result.suggestion is not None:
        assert judge(result.suggestion, result.kind, TODAY).verdict == VALID, result


def seeds() -> Iterator[str]:
    yield from (
        "\x00330106199003071236",
        "\x01330106199O03071236",
        "\x0091350100M000100Y43",
        "\x02 91350100M0001OOY43",
        "\x00浙ICP备2021000001号-1",
        "\x03粵ICP備2021000001號－1A",
        "\x04京公网安备 11010502030143号",
        "\x00京ICP证000001号",
        "\x01３３０１０６１９９００３０７１２３ｘ",
    )


if __name__ == "__main__":
    run(one_input, seeds(), ["beianaudit.identifiers.judgement", "beianaudit.identifiers.kinds"])
