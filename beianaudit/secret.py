"""A password held in memory: its repr and str never show it.

Tracebacks, ``repr(context)``, logging and f-strings all go through ``repr``/``str``,
so wrapping the value here keeps it out of every accidental output.  Only
:meth:`reveal` gives it back, and only code that needs the characters calls it.
"""

from __future__ import annotations


class Secret:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __len__(self) -> int:
        return len(self._value)

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __reduce__(self) -> object:
        raise TypeError("a Secret is not pickled")
