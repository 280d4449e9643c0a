"""atheris harness for the URL parsers: ``classify`` and ``extract`` (see fuzz/README.md).

    python fuzz/urls.py [-runs=N] [libFuzzer options] [CORPUS_DIR…]

Beyond "no exception": a link judged ``official`` must, as the browser's URL
parser (ada-url) reads the URL beianaudit serialised, be https to exactly
beian.miit.gov.cn, and judging that serialisation again must say ``official``
too; every link found in a text is a slice of it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import run, text_of

ROOT = Path(__file__).resolve().parent.parent
OFFICIAL_HOST = "beian.miit.gov.cn"


def one_input(data: bytes) -> None:
    import ada_url

    from beianaudit.url_classify import VERDICTS, classify
    from beianaudit.url_extract import extract

    text = text_of(data)
    result = classify(text)
    assert result.verdict in VERDICTS, result.verdict
    json.dumps(result.extra())
    if result.verdict == "official":
        parsed = ada_url.parse_url(result.url)
        assert parsed["protocol"] == "https:", (text, result.url)
        assert parsed["hostname"].rstrip(".") == OFFICIAL_HOST, (text, result.url)
        assert classify(result.url).verdict == "official", (text, result.url)
    for found in extract(text):
        assert text[found.start : found.start + len(found.written)] == found.written
        assert classify(found.link).verdict in VERDICTS


def seeds() -> Iterator[str]:
    corpus = ROOT / "tests" / "data" / "urls" / "corpus.jsonl"
    if corpus.exists():
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)["url"]
    yield "您的备案信息异常，请登录 beian-miit.cn/login 处理。"
    yield "https://beian.miit.gov.cn\\@evil.example/"


if __name__ == "__main__":
    run(
        one_input,
        seeds(),
        ["beianaudit.url_classify", "beianaudit.url_extract", "beianaudit.url_lookalike"],
    )
