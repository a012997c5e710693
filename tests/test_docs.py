"""The documentation's examples are real: every YAML map in docs/ validates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.validate import load_map_text

DOCS = Path(__file__).resolve().parent.parent / "docs"
FENCE = re.compile(r"```yaml\n(.*?)```", re.S)
EXAMPLES = [
    (doc, i, block)
    for doc in sorted(DOCS.glob("*.md"))
    for i, block in enumerate(FENCE.findall(doc.read_text(encoding="utf-8")))
    if block.lstrip().startswith("argmap:")
]


@pytest.mark.parametrize(
    ("doc", "index", "block"), EXAMPLES, ids=[f"{d.stem}-{i}" for d, i, _ in EXAMPLES]
)
def test_documented_map_validates(doc: Path, index: int, block: str) -> None:
    result = load_map_text(block, f"{doc.name}[{index}]")
    assert [str(d) for d in result.diagnostics] == []


def test_format_reference_has_a_complete_example() -> None:
    assert any(doc.name == "format.md" for doc, _, _ in EXAMPLES)


def test_every_diagnostic_code_is_documented() -> None:
    golden = Path(__file__).resolve().parent / "golden"
    emitted = {
        m.group(1)
        for f in golden.glob("*.expected")
        for m in re.finditer(r"(?:error|warning)\[([a-z-]+)\]", f.read_text(encoding="utf-8"))
    }
    documented = set(re.findall(r"^\| `([a-z-]+)`", (DOCS / "validate.md").read_text(), re.M))
    assert emitted, "no golden diagnostics found"
    assert emitted <= documented, emitted - documented
