"""beianaudit: offline credential-hygiene audit for ICP filing (备案) accounts."""

__version__ = "0.1.0"

# The environment variable that names the config file (read by every --config option).
CONFIG_ENV = "BEIANAUDIT_CONFIG"


def data_text(path: str) -> str:
    """The text of ``beianaudit/data/<path>`` (UTF-8).

    Read through the package's loader with ``pkgutil.get_data`` (so from a zip too),
    not ``importlib.resources``, whose import alone costs 10 to 30 ms at start-up.
    """
    import pkgutil

    data = pkgutil.get_data(__name__, f"data/{path}")
    if data is None:  # a loader that cannot read data: none of the standard ones
        raise FileNotFoundError(path)
    return data.decode("utf-8")


# TOML package data with a JSON twin (``<path>.json``, written by tools/data_json.py).
JSON_TWINS = ("plan/plan.toml", "plan/guidance.toml")


def data_toml(path: str) -> dict:
    """``beianaudit/data/<path>`` parsed as TOML.

    Read from its JSON twin when the twin was made from these very bytes (it holds
    their CRC-32): ``json.loads`` takes a tenth of ``tomllib``'s time, which every
    ``plan`` pays at start-up.  A twin left stale by an edit of the TOML is not used
    (the TOML is parsed, and ``tests/test_data_json.py`` fails until
    ``python tools/data_json.py`` is run again); nor is a twin that is not one (cut
    short, empty, not UTF-8, not an object, without its ``data``).
    """
    import pkgutil
    import zlib

    raw = pkgutil.get_data(__name__, f"data/{path}")
    if raw is None:  # a loader that cannot read data: none of the standard ones
        raise FileNotFoundError(path)
    try:
        twin = pkgutil.get_data(__name__, f"data/{path}.json")
    except OSError:
        twin = None
    if twin is not None:
        import json

        try:
            made = json.loads(twin)
        except (ValueError, RecursionError):  # cut short, empty, not UTF-8: not a twin
            made = None
        if (
            isinstance(made, dict)
            and made.get("crc32") == zlib.crc32(raw)
            and made.get("size") == len(raw)
            and isinstance(made.get("data"), dict)
        ):
            return made["data"]
    import tomllib

    return tomllib.loads(raw.decode("utf-8"))
