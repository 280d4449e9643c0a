"""The situations a recovery plan knows, by name.

Apart from :mod:`beianaudit.recovery.plan` so that the command line can offer them as
``--situation`` choices without importing the plan and the check registry on
every start-up.
"""

SITUATIONS = (
    "forgot",
    "phone-lost",
    "email-lost",
    "both-lost",
    "subject-changed",
    "certificate-lost",
    "account-abnormal",
)

SUBJECT_TYPES = ("personal", "enterprise")
