"""atheris harness for the URL parsers: ``classify`` and ``extract`` (see fuzz/README.md).

    python fuzz/urls.py [-runs=N] [libFuzzer options] [CORPUS_DIR…]

Beyond "no exception": a link judged ``official`` must, as the browser's URL
parser (ada-url) reads the URL beianaudit serialised, be https to exactly
beian.miit.gov.cn, and judging that serialisation again must say ``official``
too; every link found in a text is a slice of it; and a link in a text judged
``official`` (as ``url --text`` judges it, read on where it runs into the text)
must not, read on to the next white space as a phone reads it, lead to another
host someone can register.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import run, text_of

ROOT = Path(__file__).resolve().parent.parent
OFFICIAL_HOST = "beian.miit.gov.cn"


def one_input(data: bytes) -> None:
    import ada_url

    from beianaudit.urls.classify import VERDICTS, classify, read_on
    from beianaudit.urls.extract import extract

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
        judged = read_on(classify(found.link), found.reading(65536))
        assert judged.verdict in VERDICTS
        if judged.verdict == "official":
            _phone_agrees(re.split(_READING_ENDS, text[found.start :], maxsplit=1)[0], text)


# Where a phone's reading of a link ends: white space (not C0 controls, which a
# browser keeps inside) and the marks that end a Chinese clause.
_READING_ENDS = "[ \t\n\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000，、；：！？]"


def _phone_agrees(token: str, text: str) -> None:
    """The link read on to the end of the reading, as a browser opens it, reaches the
    real host, a government one, or a host no one can register (no public suffix, not
    letters-digits-hyphens)."""
    from beianaudit.urls.classify import classify

    phone = classify(token.encode("utf-8", "replace").decode("utf-8"))
    registrable = re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", phone.registered_domain)
    ip = re.fullmatch(r"\d+\.\d+\.\d+\.\d+|\[.*\]", phone.host)
    government = phone.registered_domain.endswith("gov.cn")
    if phone.verdict != "invalid" and (registrable or ip) and not government:
        assert phone.host.rstrip(".") == OFFICIAL_HOST, (text, token, phone.host)


def seeds() -> Iterator[str]:
    corpus = ROOT / "tests" / "data" / "urls" / "corpus.jsonl"
    if corpus.exists():
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)["url"]
    yield "您的备案信息异常，请登录 beian-miit.cn/login 处理。"
    yield "https://beian.miit.gov.cn\\@evil.example/"
    yield "请登录https://beian.miit.gov.cn.备案.中国/login处理"
    yield "https://beian.miit.gov.cn…@evil.com 谢谢"


if __name__ == "__main__":
    run(
        one_input,
        seeds(),
        ["beianaudit.urls.classify", "beianaudit.urls.extract", "beianaudit.urls.lookalike"],
    )
