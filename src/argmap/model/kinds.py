"""The model's fixed vocabularies: sides, attack kinds, debate formats, the format version.

Plain enums, free of pydantic, so that every stage can name them without loading the
model's classes (diagrams and analysis compare `Side.PRO`, `Attack.UNDERCUT`).
"""

from __future__ import annotations

from enum import StrEnum

FORMAT_VERSION = 1


class Side(StrEnum):
    PRO = "pro"
    CON = "con"

    @property
    def other(self) -> Side:
        return Side.CON if self is Side.PRO else Side.PRO


class Attack(StrEnum):
    """ASPIC+ attack kinds."""

    REBUT = "rebut"  # the attacked conclusion is false
    UNDERMINE = "undermine"  # the attacked premise or its evidence is false or unreliable
    UNDERCUT = "undercut"  # even if the premise holds, it does not support its parent


class DebateFormat(StrEnum):
    GENERIC = "generic"
    BP = "bp"
    WSDC = "wsdc"
    PF = "pf"
    LD = "ld"
    POLICY = "policy"
