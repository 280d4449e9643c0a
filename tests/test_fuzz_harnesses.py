"""The atheris harnesses in fuzz/ stay runnable: their oracles hold on every seed and on
random bytes, without atheris (which is only needed for the long, guided runs)."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT
from tests.fuzzing import budget

HARNESSES = ["urls", "identifiers"]


def harness(name: str) -> ModuleType:
    sys.path.insert(0, str(ROOT / "fuzz"))
    try:
        spec = importlib.util.spec_from_file_location(f"fuzz_{name}", ROOT / "fuzz" / f"{name}.py")
        assert spec
        assert spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "fuzz"))


MODULES = {name: harness(name) for name in HARNESSES}


@pytest.mark.parametrize("name", HARNESSES)
def test_every_seed_passes_the_oracle(name: str) -> None:
    seeds = list(MODULES[name].seeds())
    assert len(seeds) >= 5
    for seed in seeds:
        MODULES[name].one_input(seed.encode("utf-8"))


@pytest.mark.parametrize("name", HARNESSES)
@budget(20)
@given(data=st.binary(max_size=300))
def test_random_bytes_pass_the_oracle(name: str, data: bytes) -> None:
    MODULES[name].one_input(data)


def test_the_url_oracle_catches_a_wrong_official(monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness would report the worst bug: a foreign host called official."""
    from dataclasses import replace

    from beianaudit.urls import classify as url_classify

    real = url_classify.classify

    def fooled(text: str) -> url_classify.UrlResult:
        result = real(text)
        return replace(result, verdict="official") if "evil" in text else result

    monkeypatch.setattr(url_classify, "classify", fooled)
    with pytest.raises(AssertionError):
        MODULES["urls"].one_input(b"https://beian.miit.gov.cn.evil.example/")


@pytest.mark.parametrize(
    "text",
    [
        "官方入口: https://beian.miit.gov.cn、.evil.com 谢谢",  # Android reads through 、
        "登录https://beian.miit.gov.cn核验，邮箱：a@qq.com",  # a greedy reader, to the @
    ],
)
def test_the_url_oracle_catches_a_reading_left_unjudged(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """Issue 16: if the readings of a link were not judged, the harness would say so
    (nor the links a phone starts elsewhere, which would catch these too)."""
    from beianaudit.urls import extract
    from beianaudit.urls.extract import Found

    monkeypatch.setattr(Found, "readings", lambda self, limit: [])
    monkeypatch.setattr(extract, "android_links", lambda text: [])
    with pytest.raises(AssertionError):
        MODULES["urls"].one_input(text.encode("utf-8"))


@pytest.mark.parametrize(
    "text", ["「beian.miit.gov.c\u200bn\u20601.2.3.4%", "→https:/BEIAN.MIIT.GOV.CN/#％evil.cn<"]
)
def test_the_url_oracle_catches_a_phone_start_left_unread(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """Issue 16: if the links Android starts elsewhere were not read, the harness says so."""
    from beianaudit.urls import extract

    monkeypatch.setattr(extract, "android_links", lambda text: [])
    with pytest.raises(AssertionError):
        MODULES["urls"].one_input(text.encode("utf-8"))
