"""Built-in checks, installed as ``beianaudit.checks`` and registered as entry points.

Id families: BA1xx password, BA2xx identifiers, BA3xx URLs, BA4xx contacts,
BA5xx config hygiene (BA0xx are the registry's own findings).
"""
