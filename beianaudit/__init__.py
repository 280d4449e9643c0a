"""beianaudit: offline credential-hygiene audit for ICP filing (备案) accounts."""

__version__ = "0.1.0"

# The environment variable that names the config file (read by every --config option).
CONFIG_ENV = "BEIANAUDIT_CONFIG"
