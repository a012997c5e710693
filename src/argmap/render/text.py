"""Text for Graphviz labels: made safe, escaped, and wrapped to a width.

Every string from a map reaches DOT only through `markup`, which makes it inert:
characters XML cannot carry are replaced, `& < > " '` become entities, and
backslashes are doubled because Graphviz expands `\\N`, `\\G`, `\\L` and friends
even inside HTML-like labels.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

# XML 1.0 refuses C0 controls (bar tab and newline), lone surrogates and U+FFFE/U+FFFF;
# C1 controls are legal but print as garbage. Graphviz passes labels to an XML parser.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """`text` with unprintable characters replaced by U+FFFD and tabs as spaces."""
    if text.isprintable():  # the common case: nothing to replace
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _UNSAFE.sub("\ufffd", text)


def markup(text: str) -> str:
    """`text` as inert content of a Graphviz HTML-like label."""
    return html.escape(clean(text), quote=True).replace("\\", "\\\\")


@functools.cache
def char_width(char: str) -> int:
    """Columns a character takes: 2 for wide East Asian characters, 0 for combining marks."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def one_column_each(text: str) -> bool:
    """Whether every character of `text` takes one column (so widths are lengths):
    true of most text that is not ASCII too (dashes, arrows, accented letters)."""
    return text.isascii() or all(char_width(c) == 1 for c in set(text) if c > "\x7f")


def text_width(text: str) -> int:
    """Columns `text` takes (see `char_width`)."""
    if one_column_each(text):
        return len(text)
    return sum(map(char_width, text))


def _tokens(word: str, width: int) -> list[str]:
    """A word as the pieces a line may break between.

    Scripts written without spaces (Chinese, Japanese) break between any two wide
    characters; a word longer than a line is cut into line-long pieces.
    """
    if word.isascii() and len(word) <= width:
        return [word]
    pieces: list[str] = []
    current, used = "", 0
    for char in word:
        w = char_width(char)
        if current and (used + w > width or w == 2 or (used and char_width(current[-1]) == 2)):
            pieces.append(current)
            current, used = "", 0
        current += char
        used += w
    if current:
        pieces.append(current)
    return pieces


@functools.cache
def _greedy_lines(width: int) -> re.Pattern[str]:
    # The longest run of at most `width` characters that ends before a space or the end:
    # over words joined by single spaces, that is greedy wrapping, done by the regex engine.
    return re.compile(f"(.{{1,{width}}})(?: |$)")


def _wrap_ascii(words: list[str], width: int) -> list[str]:
    """The common case, fast: ASCII words that each fit on a line."""
    return _greedy_lines(width).findall(" ".join(words))


def _wrap_paragraph(paragraph: str, width: int) -> list[str]:
    words = paragraph.split()
    if one_column_each(paragraph) and max(map(len, words), default=0) <= width:
        return _wrap_ascii(words, width)
    lines: list[str] = []
    line, used = "", 0
    for word in words:
        for i, piece in enumerate(_tokens(word, width)):
            w = text_width(piece)
            glue = " " if line and i == 0 else ""
            if line and used + len(glue) + w > width:
                lines.append(line)
                line, used, glue = "", 0, ""
            line += glue + piece
            used += len(glue) + w
    if line:
        lines.append(line)
    return lines


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """`text` broken into lines of at most `width` columns, paragraphs kept.

    With `max_lines`, lines past the limit are dropped and the last kept line
    ends in an ellipsis.
    """
    lines = [line for p in clean(text).split("\n") for line in _wrap_paragraph(p, width)] or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last) + 1 > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "\u2026"
    return lines
