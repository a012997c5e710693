"""Analysis: what stands, what falls, and where each side is exposed.

The status vocabulary lives here, upstream of every output, so that diagrams,
briefs and terminal tables show one and the same mark for one status.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """A node's standing under the map's attacks (grounded semantics), or lack of support."""

    STANDS = "stands"
    FALLS = "falls"
    CONTESTED = "contested"
    UNSUPPORTED = "unsupported"
    # granted itself, but an undercut that holds cuts its link to what it supports or
    # attacks: true, yet no longer counts there (never drawn or printed as false)
    CUT = "cut"

    @property
    def glyph(self) -> str:
        """A mark that reads without colour (diagrams, sheets, terminal)."""
        return _GLYPHS[self]


_GLYPHS = {
    Status.STANDS: "\u2714",  # heavy check mark
    Status.FALLS: "\u2718",  # heavy ballot x
    Status.CONTESTED: "\u25d0",  # circle with left half black
    Status.UNSUPPORTED: "?",
    Status.CUT: "\u2702",  # black scissors
}


@dataclass(frozen=True, slots=True)
class Verdict:
    """The evaluation of one node: its status, why, and a gradual strength in 0-1."""

    status: Status
    reason: str
    strength: float | None = None


# Imported last: the engine's modules use Status and Verdict from this package.
from argmap.analysis.evaluation import Evaluation, analyse, evaluate, statuses  # noqa: E402

__all__ = ["Evaluation", "Status", "Verdict", "analyse", "evaluate", "statuses"]
