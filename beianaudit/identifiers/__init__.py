"""Identifiers a filing uses: resident ID, credit code, ICP and public-security numbers."""

from beianaudit.identifiers.judgement import INVALID, LOOKALIKE, VALID, Problem, Result, judge
from beianaudit.identifiers.kinds import ICP, KINDS, PSB, RIC, USCC

__all__ = [
    "ICP",
    "INVALID",
    "KINDS",
    "LOOKALIKE",
    "PSB",
    "RIC",
    "USCC",
    "VALID",
    "Problem",
    "Result",
    "judge",
]
