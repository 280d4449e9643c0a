"""URLs: does the login link in the config lead to the real filing system?"""

from __future__ import annotations

from collections.abc import Iterator

from beianaudit.context import Context
from beianaudit.finding import Finding
from beianaudit.i18n import N_
from beianaudit.registry import check


@check("BA301", N_("Login URL"), needs="filing.login_url")
def login_url(ctx: Context) -> Iterator[Finding]:
    """Judge filing.login_url as a browser reads it: official, look-alike or other."""
    from beianaudit.urls.classify import classify

    url = ctx.config.filing.login_url
    if url is None:
        return
    yield classify(url).finding(target="filing.login_url")
