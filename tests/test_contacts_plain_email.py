"""The plain-address fast path of validate_email gives email-validator's own answer."""

from __future__ import annotations

import subprocess
import sys

import email_validator
from email_validator import EmailNotValidError
from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES
from hypothesis import example, given
from hypothesis import strategies as st

from beianaudit.contacts import validation
from beianaudit.contacts.validation import _plain_email
from tests.fuzzing import budget


def reference(address: str) -> validation.Email | None:
    try:
        result = email_validator.validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return None
    return validation.Email(result.normalized, result.ascii_domain.lower())


def test_the_copied_tables_are_email_validators() -> None:
    assert list(validation.SPECIAL_USE_DOMAINS) == email_validator.SPECIAL_USE_DOMAIN_NAMES
    assert set(CASE_INSENSITIVE_MAILBOX_NAMES) == validation.CASE_INSENSITIVE_MAILBOXES


WORDS = ["a", "Z", "zhang", "wei", "1", "_", "+", "-", "x" * 63, "x" * 64]
NAMES = [*WORDS * 3, *CASE_INSENSITIVE_MAILBOX_NAMES, "Info", "POSTMASTER", "a..b", ".a", "a."]
# Mostly plain parts (repeated to weigh them), with every kind of near miss among them.
GOOD = ["mail", "example", "Zhang-Wei", "MAIL", "x" * 63, "1", "co", "b2"]
LABELS = [*GOOD * 4, "x" * 64, "-a", "a-", "xn--fiqs8s", "ab--c", "a_b", ""]
SUFFIXES = [*["cn", "com", "CN", "org", "Net"] * 6, *email_validator.SPECIAL_USE_DOMAIN_NAMES]
SUFFIXES += ["c1", "1", "xn--fiqs8s", "a-"]
ADDRESS = st.builds(
    lambda local, host, suffix: ".".join(local) + "@" + ".".join([*host, suffix]),
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=4),
    st.lists(st.sampled_from(LABELS), min_size=0, max_size=4),
    st.sampled_from(SUFFIXES),
)


@budget(250)
@given(ADDRESS | st.text("aZ09_+-.@ ", max_size=30))
@example("zhangwei@example.com")
@example("Zhang.Wei+tag@Mail.EXAMPLE.com")
@example("a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".cn")  # 254 characters
@example("a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".com")  # 255: too long
def test_a_plain_address_gets_email_validators_answer(address: str) -> None:
    mine = _plain_email(address)
    if mine is not None:
        assert mine == reference(address), address


def test_plain_addresses_take_the_fast_path() -> None:
    for address in ("zhangwei@example.com", "Zhang.Wei+tag@Mail.EXAMPLE.com", "a_b-c@x-y.com.cn"):
        assert _plain_email(address) == reference(address) is not None


def test_a_plain_address_is_judged_without_importing_email_validator() -> None:
    code = (
        "import sys\nfrom beianaudit.contacts.validation import validate_email\n"
        "validate_email(' zhangwei@example.com ')\nprint('email_validator' in sys.modules)\n"
        "validate_email('张伟@例子.中国')\nprint('email_validator' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
