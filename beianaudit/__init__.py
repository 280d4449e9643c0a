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
