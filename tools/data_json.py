"""Write the JSON twin of each TOML data file that is read at start-up.

    python tools/data_json.py [--check]

``beianaudit.data_toml`` reads ``beianaudit/data/<path>.json`` instead of parsing
``beianaudit/data/<path>`` with tomllib (ten times slower) when the twin records the
TOML's exact size and CRC-32; otherwise it parses the TOML.  The twin's data is the
TOML's, parsed by tomllib: the source and licence are the TOML file's own.  Run this
after every edit of a listed TOML (``tests/test_data_json.py`` fails until then);
``--check`` only reports stale twins (exit 1).
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from beianaudit import JSON_TWINS  # noqa: E402

DATA = ROOT / "beianaudit" / "data"


def twin_text(path: str) -> str:
    """The JSON twin of ``data/<path>``, as this tool writes it."""
    raw = (DATA / path).read_bytes()
    made = {
        "generated_by": "tools/data_json.py",
        "source": f"beianaudit/data/{path}",
        "size": len(raw),
        "crc32": zlib.crc32(raw),
        "data": tomllib.loads(raw.decode("utf-8")),
    }
    return json.dumps(made, ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale twins only")
    args = parser.parse_args()
    stale = []
    for path in JSON_TWINS:
        target = DATA / f"{path}.json"
        text = twin_text(path)
        if target.exists() and target.read_text("utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            target.write_text(text, "utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
    if args.check and stale:
        print("stale: " + ", ".join(stale) + " (run python tools/data_json.py)")
        sys.exit(1)


if __name__ == "__main__":
    main()
