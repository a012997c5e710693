"""Base: what a check rule is, what it finds, and what it is given to look at.

A rule is one module in `argmap.analysis.rules` with a `RULE`: a code, a severity,
a `check` function and a docstring whose PASS and FAIL example maps are the
documentation (docs/checks.md is generated from them and tested against them).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from argmap.analysis import Evaluation
from argmap.diagnostics import Severity
from argmap.graph import MapGraph, YamlPath


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a rule found.

    `node` is the node it concerns (a node's `ignore` list silences it); `path`
    is where to point, by default the node itself; `key` points at the key of
    that entry rather than its value.
    """

    message: str
    node: str | None = None
    path: YamlPath | None = None
    key: bool = False


@dataclass(frozen=True)
class CheckContext:
    """What every rule may read: the resolved map and its evaluation."""

    graph: MapGraph
    evaluation: Evaluation


CheckFunction = Callable[[CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    check: CheckFunction
    doc: str

    @property
    def summary(self) -> str:
        """The docstring's first line."""
        return self.doc.strip().splitlines()[0].strip()

    @property
    def description(self) -> str:
        """The docstring between the first line and the examples."""
        body = self.doc.strip().split("\n", 1)[1] if "\n" in self.doc.strip() else ""
        return textwrap.dedent(body.split("PASS:")[0]).strip()

    def example(self, which: str) -> str:
        """The PASS or FAIL example map of the docstring, as YAML text."""
        marker = f"{which}:"
        if marker not in self.doc:
            raise ValueError(f"rule {self.code} has no {which} example")
        block = self.doc.split(marker, 1)[1]
        if which == "PASS":
            block = block.split("FAIL:", 1)[0]
        return textwrap.dedent(block).strip() + "\n"
