"""The words a debater says for an attack, beside the formal term.

Debaters say "not true", "does not follow" and "turn", not rebut, undercut and
undermine. Every printed output (HTML, PDF, Markdown, Word, diagrams) takes its
words from here, so a sheet and a diagram never name one attack two ways; the
formal ASPIC+ term goes beside it, small, and the legend says both once.
"""

from __future__ import annotations

from argmap.model import Attack

PLAIN: dict[Attack, str] = {
    Attack.REBUT: "not true",
    Attack.UNDERMINE: "their reason is false",
    Attack.UNDERCUT: "does not follow",
}
_UNDERMINE_EVIDENCE = "their evidence is bad"
TURN = "turn"


def attack_words(kind: Attack | None, *, turn: bool = False, on_evidence: bool = False) -> str:
    """What a debater calls this attack: a turn, or what it says of its target.

    `on_evidence` says the undermined target rests on cards, so the attack is on
    the evidence rather than on a stated reason.
    """
    if turn:
        return TURN
    kind = kind or Attack.REBUT
    if kind is Attack.UNDERMINE and on_evidence:
        return _UNDERMINE_EVIDENCE
    return PLAIN[kind]


def legend() -> list[tuple[str, str]]:
    """(plain words, formal term) for every attack kind and the turn: the key, once."""
    rows = [(PLAIN[Attack.REBUT], "rebut")]
    rows.append((f"{PLAIN[Attack.UNDERMINE]} / {_UNDERMINE_EVIDENCE}", "undermine"))
    rows.append((PLAIN[Attack.UNDERCUT], "undercut"))
    rows.append((TURN, "turn: their point, once answered, counts for us"))
    return rows
