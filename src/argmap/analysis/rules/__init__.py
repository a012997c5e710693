"""Rules: the debate-quality checks of `argmap check`, one module per rule.

Each module's docstring documents its rule with a PASS and a FAIL example map;
docs/checks.md is generated from them (`checks_markdown`).
"""

from __future__ import annotations

from argmap.analysis.rules import (
    attack_own_side,
    duplicate_text,
    no_impact,
    open_cq,
    quote_missing,
    short_quote,
    unanswered_attack,
    unused_source,
)
from argmap.analysis.rules.base import CheckContext, Finding, Rule

RULES: tuple[Rule, ...] = (
    unanswered_attack.RULE,
    open_cq.RULE,
    no_impact.RULE,
    quote_missing.RULE,
    short_quote.RULE,
    unused_source.RULE,
    duplicate_text.RULE,
    attack_own_side.RULE,
)
RULES_BY_CODE = {rule.code: rule for rule in RULES}

__all__ = ["RULES", "RULES_BY_CODE", "CheckContext", "Finding", "Rule", "checks_markdown"]


def checks_markdown() -> str:
    """docs/checks.md: every rule with its description and examples."""
    lines = [
        "# Checks",
        "",
        "<!-- Generated from the docstrings in src/argmap/analysis/rules/; "
        "regenerate with `ARGMAP_UPDATE_DOCS=1 pytest tests/test_checks.py`. -->",
        "",
        "`argmap check MAP...` prints validation problems and these debate-quality "
        "warnings as `FILE:LINE:COL: warning[code]: message`. Switch a rule off for one "
        "run with `--disable CODE`, for a whole map with `checks: {disable: [CODE]}`, "
        "or for one node with `ignore: [CODE]` on that node. "
        "See [analysis.md](analysis.md) for what stands and falls.",
        "",
        "| code | severity | what it finds |",
        "|---|---|---|",
        *(f"| [`{r.code}`](#{r.code}) | {r.severity} | {r.summary} |" for r in RULES),
    ]
    for rule in RULES:
        lines += [
            "",
            f"## {rule.code}",
            "",
            f"**{rule.summary}** ({rule.severity})",
            "",
            rule.description,
            "",
            "Passes:",
            "",
            "```yaml",
            rule.example("PASS").rstrip(),
            "```",
            "",
            "Fails:",
            "",
            "```yaml",
            rule.example("FAIL").rstrip(),
            "```",
        ]
    return "\n".join(lines) + "\n"
