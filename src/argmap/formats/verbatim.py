"""Verbatim: evidence from a Word file in Verbatim's outline, imported as a map.

Verbatim (the paperless debate template for Word; manual in ashtarcommunications/
verbatim, docs/) files evidence under Word's Heading 1-4, which it calls Pocket,
Hat, Block and Tag; under each tag comes a one-line cite (the author's name and the
date in its Cite style) and the card, whose words to read aloud are underlined and
highlighted. This importer reads:

- Pocket and Hat: the headings a block sits under, kept as the `tags` of its claim;
- Block: one claim. "A2 X" / "AT: X" (answers to) is an argument of the other side,
  and the tags under it are our rebuttals of it; any other block is a claim of ours,
  and its tags are premises supporting it;
- Tag: one node, its text the tag line (a leading answer number is dropped); lines
  between the tag and its first cite become the node's text, the tag its title; a
  tag outside any block is a claim of ours;
- cite and card: one evidence card. The cite gives a source (author, qualifications,
  date, title, publication, URL: each only when it can be read); the card's words are
  the `quote`, its highlighted words (or, with no highlighting, its underlined words)
  marked `==read aloud==` (argmap.quotes).

"Ours" is the proposition, unless the first Pocket names a side ("Negative: ...").
What Verbatim allows but the map cannot hold (blank headings, a card without a tag,
a cite without a date or title) is imported as far as it goes and reported as a
located note, `FILE:paragraph N: warning[code]: message`.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from argmap.formats.base import ImportFailed, ImportNote
from argmap.model import ArgMap, Node, Side, Source
from argmap.quotes import MARK

if TYPE_CHECKING:
    from docx.styles.style import BaseStyle
    from docx.text.paragraph import Paragraph

NAME = "Verbatim"
MAX_UNPACKED = 256 * 1024 * 1024  # a Word file's parts, unzipped: beyond this, refuse

# Heading levels by style name or alias (Verbatim's template: "heading 1" alias "Pocket").
_LEVELS = {
    "heading 1": 1,
    "pocket": 1,
    "heading 2": 2,
    "hat": 2,
    "heading 3": 3,
    "block": 3,
    "heading 4": 4,
    "tag": 4,
}
_CITE_STYLES = {"cite", "style 13 pt bold"}
_LABEL_STYLE = "argmap label"  # argmap's own codes and marks after a tag (argmap.brief.docx)
# "A2 X", "AT X", "A/T: X", "at: X", "Answers to X" (but not "At least ...")
_ANSWERS_TO = re.compile(
    r"^\s*(?:(?i:A2|A/T|answers?\s+to)\b|AT\b|(?i:at)(?=\s*:))\s*[:\-\u2013\u2014]?\s*"
)
_CODE = re.compile(r"^([A-Z][A-Za-z]?[0-9][A-Za-z0-9.]*|[A-Z]T):\s+")  # "O1.3: ", "PT: "
_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+")
_SIDES = {
    "aff": Side.PRO,
    "affirmative": Side.PRO,
    "pro": Side.PRO,
    "proposition": Side.PRO,
    "government": Side.PRO,
    "neg": Side.CON,
    "negative": Side.CON,
    "con": Side.CON,
    "opposition": Side.CON,
}
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"\u201d]+")
_LOCATOR = re.compile(r"\s\[([^\[\]]+)\]\s*$")  # "... [p. 12]": where in the source
_ACCESSED = re.compile(r"\(\s*accessed[^)]*\)\.?", re.I)
_TITLE = re.compile(r"[\"\u201c]([^\"\u201c\u201d]+)[\"\u201d]")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"  # month names
_DATE = re.compile(
    r"\b(?:\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
    rf"|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{4}}"
    r"|(?:1[5-9]|2[0-9]|3[0-9])\d{2})\b",
    re.I,
)


@dataclass
class _Run:
    text: str
    read: bool = False  # highlighted
    underlined: bool = False
    cite: bool = False  # in the Cite style
    label: bool = False  # argmap's own label after a tag: "[P1.2 · not true · ✔ stands]"
    bold: bool = False


@dataclass
class _Card:
    where: str
    cite: list[_Run]
    paragraphs: list[list[_Run]] = field(default_factory=list)


@dataclass
class _Tag:
    text: str
    where: str
    code: str | None = None  # argmap's code, from its label
    body: list[str] = field(default_factory=list)
    cards: list[_Card] = field(default_factory=list)


@dataclass
class _Block:
    text: str
    where: str
    headings: list[str]  # the pocket and hat it sits under
    code: str | None = None  # argmap's code: "A2 P1.2: ..." -> P1.2
    notes: list[str] = field(default_factory=list)
    cards: list[_Card] = field(default_factory=list)  # cards with no tag of their own
    tags: list[_Tag] = field(default_factory=list)


def import_map(data: bytes, file: str) -> tuple[ArgMap, list[ImportNote]]:
    """The map of a Verbatim Word file, and notes on what it could not hold."""
    document = _open(data)
    reader = _Reader()
    for number, paragraph in enumerate(document.paragraphs, 1):
        where = f"paragraph {number}"
        try:
            reader.read(paragraph, where)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            # python-docx meets XML that Word's schema does not allow
            raise ImportFailed(where, f"not a readable Word paragraph: {exc}") from None
    if reader.preamble:
        reader.note(
            reader.preamble_at,
            "before-headings",
            f"{reader.preamble} paragraph(s) before the first heading (a title page?) skipped",
        )
    if not reader.blocks and not reader.loose:
        raise ImportFailed(
            "paragraph 1",
            "no Verbatim headings found (Pocket, Hat, Block or Tag: Word's Heading 1-4): "
            "nothing to import",
        )
    return _Builder(reader, _title(document, file)).build()


def _open(data: bytes) -> Any:
    """The python-docx Document, or ImportFailed saying what the file is instead."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFailed("1:1", "not a Word file (.docx): not a zip archive")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError) as exc:
        raise ImportFailed("1:1", f"not a Word file (.docx): a broken zip archive: {exc}") from None
    if "word/document.xml" not in names:
        raise ImportFailed("1:1", "a zip archive, but not a Word document (no word/document.xml)")
    if unpacked > MAX_UNPACKED:
        raise ImportFailed(
            "1:1", f"unpacks to {unpacked:,} bytes; Word files are limited to {MAX_UNPACKED:,}"
        )
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds on a broken package
        raise ImportFailed("1:1", f"not a readable Word document: {exc}") from None


def _title(document: Any, file: str) -> str:
    title = (document.core_properties.title or "").strip()
    if title:
        return str(title)
    stem = re.split(r"[\\/]", file)[-1].rsplit(".", 1)[0]
    return stem or "Verbatim import"


# --- reading: paragraphs into blocks, tags and cards ------------------------------------


def _style_names(style: BaseStyle | None) -> list[str]:
    """A style's name and aliases, and those of the styles it is based on."""
    from docx.oxml.ns import qn

    names: list[str] = []
    seen = 0
    while style is not None and seen < 10:  # basedOn chains are short; cycles are not ours
        names.extend(n.strip().lower() for n in (style.name or "").split(","))
        aliases = style.element.find(qn("w:aliases"))
        if aliases is not None:
            names.extend(a.strip().lower() for a in (aliases.get(qn("w:val")) or "").split(","))
        style = getattr(style, "base_style", None)
        seen += 1
    return names


def _level(paragraph: Paragraph) -> int:
    from docx.oxml.ns import qn

    for name in _style_names(paragraph.style):
        if name in _LEVELS:
            return _LEVELS[name]
    ppr = paragraph._p.pPr
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if outline is not None and (outline.get(qn("w:val")) or "").isdigit():
        level = int(outline.get(qn("w:val"))) + 1
        return level if level <= 4 else 0
    return 0


def _runs(paragraph: Paragraph) -> list[_Run]:
    """The paragraph's runs (those inside hyperlinks too), with what the importer needs."""
    from docx.oxml.ns import qn
    from docx.text.run import Run

    out: list[_Run] = []
    for item in paragraph.iter_inner_content():
        for run in [item] if isinstance(item, Run) else item.runs:
            styles = _style_names(run.style) if run.style is not None else []
            if _LABEL_STYLE in styles:
                out.append(_Run(run.text, label=True))
                continue
            rpr = run._r.rPr
            mark = rpr.find(qn("w:highlight")) if rpr is not None else None
            shade = rpr.find(qn("w:shd")) if rpr is not None else None
            fill = (shade.get(qn("w:fill")) or "auto").lower() if shade is not None else "auto"
            highlighted = (mark is not None and mark.get(qn("w:val")) != "none") or fill not in (
                "auto",
                "ffffff",
            )
            underline = _underline(rpr)
            if underline is None and run.style is not None:
                underline = _underline(run.style.element.rPr)
            underlined = bool(underline)
            cite = bool(_CITE_STYLES.intersection(styles))
            bold = bool(run.bold) or (run.bold is None and bool(_bold(run.style)))
            out.append(_Run(run.text, highlighted, underlined, cite, bold=bold))
    return out


def _bold(style: Any) -> bool:
    from docx.oxml.ns import qn

    rpr = style.element.rPr if style is not None else None
    mark = rpr.find(qn("w:b")) if rpr is not None else None
    return mark is not None and mark.get(qn("w:val")) not in ("0", "false", "none")


def _underline(rpr: Any) -> bool | None:
    """Underlined (any kind), not (`none`), or not said: read from the XML, as Word writes it."""
    from docx.oxml.ns import qn

    mark = rpr.find(qn("w:u")) if rpr is not None else None
    if mark is None:
        return None
    return mark.get(qn("w:val")) not in ("none", "0", "false")


class _Reader:
    def __init__(self) -> None:
        self.notes: list[ImportNote] = []
        self.pocket = ""
        self.hat = ""
        self.side: Side | None = None
        self.blocks: list[_Block] = []
        self.loose: list[tuple[list[str], _Tag]] = []  # tags outside any block
        self.block: _Block | None = None
        self.tag: _Tag | None = None
        self.card: _Card | None = None
        self.orphan = False  # reading a card that has nowhere to go
        self.preamble = 0  # paragraphs before the first heading
        self.preamble_at = ""

    def note(self, where: str, code: str, message: str) -> None:
        self.notes.append(ImportNote(where, code, message))

    def read(self, paragraph: Paragraph, where: str) -> None:
        level = _level(paragraph)
        runs = _runs(paragraph)
        if level:
            self.heading(level, runs, where)
        else:
            self.body([r for r in runs if not r.label], where)

    def heading(self, level: int, runs: list[_Run], where: str) -> None:
        text = " ".join("".join(r.text for r in runs if not r.label).split())
        label = re.match(r"\s*\[?\s*([^\s\u00b7\]]+)", "".join(r.text for r in runs if r.label))
        if level == 4:
            text = _NUMBER.sub("", text)
        if not text:
            name = ("Pocket", "Hat", "Block", "Tag")[level - 1]
            self.note(where, "blank-heading", f"a blank {name} heading; skipped")
            return
        self.card, self.orphan = None, False
        if level == 1:
            if self.side is None and not self.blocks and not self.loose:
                first = re.split(r"[\s:,.\-]+", text.lower())[0]
                self.side = _SIDES.get(first)
            self.pocket, self.hat, self.block, self.tag = text, "", None, None
        elif level == 2:
            self.hat, self.block, self.tag = text, None, None
        elif level == 3:
            headings = [h for h in (self.pocket, self.hat) if h]
            code = _CODE.match(_ANSWERS_TO.sub("", text, count=1))
            self.block = _Block(text, where, headings, code.group(1) if code else None)
            self.blocks.append(self.block)
            self.tag = None
        else:
            self.tag = _Tag(text, where, label.group(1) if label else None)
            if self.block is not None:
                self.block.tags.append(self.tag)
            else:
                self.loose.append(([h for h in (self.pocket, self.hat) if h], self.tag))

    def body(self, runs: list[_Run], where: str) -> None:
        text = "".join(r.text for r in runs)
        if not text.strip():
            return
        if not (self.pocket or self.hat or self.block or self.tag):
            self.preamble += 1  # a title page: reported once, at the end
            self.preamble_at = self.preamble_at or where
            return
        # a cite typed by hand can only be the first line under a tag
        first = self.tag is not None and not self.tag.cards and not self.tag.body
        if _is_cite(runs, first):
            self.card = _Card(where, runs)
            self.orphan = False
            if self.tag is not None:
                self.tag.cards.append(self.card)
            elif self.block is not None:
                self.block.cards.append(self.card)
                self.note(
                    where,
                    "card-no-tag",
                    f"a card with no tag; kept as evidence of the block '{self.block.text}'",
                )
            else:
                self.orphan = True
                self.note(where, "card-no-tag", "a card outside any tag or block; skipped")
            return
        if self.orphan:
            return
        if self.card is not None:
            self.card.paragraphs.append(runs)
        elif self.tag is not None:
            self.tag.body.append(text.strip())
        elif self.block is not None:
            self.block.notes.append(text.strip())
        else:
            self.note(where, "outside-block", "text outside any block or tag; skipped")


def _is_cite(runs: list[_Run], first: bool) -> bool:
    """A cite: text in the Cite style; or, first under a tag, a hand-made one (below)."""
    if any(r.cite and r.text.strip() for r in runs):
        return True
    return False if not first else _looks_like_cite(runs)


def _looks_like_cite(runs: list[_Run]) -> bool:
    """A cite typed by hand, which Verbatim's "Fix Fake Tags" hunts: it opens in bold (the
    name, no Cite style), is short, unmarked, and has a date and a quoted title or a URL."""
    text = "".join(r.text for r in runs)
    opening = next((r for r in runs if r.text.strip()), None)
    return (
        opening is not None
        and opening.bold
        and len(text) <= 500
        and not any(r.read or r.underlined for r in runs)
        and bool(_DATE.search(text))
        and bool(_URL.search(text) or _TITLE.search(text))
    )


# --- building: the map --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cite:
    label: str
    source: dict[str, str]
    missing: tuple[str, ...]


def parse_cite(runs: list[_Run]) -> _Cite:
    """A source from a one-line cite: only the fields that can be read in it.

    Reads Verbatim's recommended form (`Aaron Hardy, creator of Verbatim, 1-1-3000,
    "Verbatim Online Manual," https://...`, name and date in the Cite style) and
    argmap's own (`Hardy 3000` in the Cite style, then `Aaron Hardy (creator of
    Verbatim). "Verbatim Online Manual." Publication. 3000-01-01. URL`).
    """
    text = " ".join("".join(r.text for r in runs).split())
    styled = " ".join("".join(r.text if r.cite else " " for r in runs).split())
    lead = ""  # a label in the Cite style that opens the cite: argmap's "Author Year"
    first = next((r for r in runs if r.text.strip()), None)
    if first is not None and first.cite and text.startswith(first.text.strip()):
        lead = first.text.strip()
    if lead and re.fullmatch(r".*\b(?:n\.d\.|\d{4}[a-z]?)", lead) is None:
        lead = ""  # a Cite run that is a name alone, not argmap's "Author Year"
    rest = text[len(lead) :].strip() if lead else text
    source: dict[str, str] = {}
    locator = _LOCATOR.search(rest)
    if locator:
        source["locator"] = locator.group(1).strip()
        rest = rest[: locator.start()]
    urls = _URL.findall(rest)
    if urls:
        source["url"] = urls[0].rstrip(".,;)")
        rest = rest.replace(urls[0], " ")
    accessed = _ACCESSED.search(rest)
    if accessed:
        source["accessed"] = accessed.group(0).strip("(). ")[len("accessed") :].strip()
        rest = rest.replace(accessed.group(0), " ")
    title = _TITLE.search(rest)
    before, after = (rest[: title.start()], rest[title.end() :]) if title else (rest, "")
    if title:
        source["title"] = title.group(1).strip().rstrip(",.;:")
    # a date after the title is the last one there (argmap's order: publication, date);
    # before it, the first (Verbatim's order: name, qualifications, date, title)
    dates = list(_DATE.finditer(after))
    date = dates[-1] if dates else _DATE.search(before)
    if date is None and lead:
        date = _DATE.search(lead)
    if date is not None:
        source["date"] = date.group(0)
        if date.string is after:
            after = after[: date.start()] + after[date.end() :]
        elif date.string is before:
            before = before[: date.start()] + before[date.end() :]
    after = re.sub(r"[.,;]\s*(?=[.,;])", "", after)  # what the date left: ". ."
    author, qualifications = _author(before)
    if not author:
        author = _strip_date(lead) or _strip_date(styled)
    if author:
        source["author"] = author
    if qualifications:
        source["qualifications"] = qualifications
    publication = _clean(after)
    if publication and title:
        source["publication"] = publication
    missing = tuple(k for k in ("author", "date", "title") if k not in source)
    label = lead or styled or source.get("author", "") or text[:40]
    return _Cite(label, source, missing)


def _author(before: str) -> tuple[str, str]:
    """Author and qualifications from the text before the title."""
    before = before.strip(" ,.;:")
    if not before:
        return "", ""
    match = re.match(r"^([^()]+?)\s*\((.+)\)[\s,.;:]*$", before)
    if match:
        return _clean(match.group(1)), _clean(match.group(2))
    parts = [p for p in (_clean(p) for p in before.split(",")) if p]
    if not parts:
        return "", ""
    return parts[0], ", ".join(parts[1:])


def _strip_date(text: str) -> str:
    return _clean(_DATE.sub(" ", text))


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,.;:")


class _Builder:
    def __init__(self, reader: _Reader, title: str) -> None:
        self.reader = reader
        self.title = title
        self.notes = reader.notes
        self.note = reader.note
        self.ours = reader.side or Side.PRO
        self.sources: dict[str, Source] = {}
        self.by_cite: dict[str, str] = {}  # cite text -> source id
        self.by_code: dict[str, Node] = {}  # argmap's codes, in its own Word briefs

    def build(self) -> tuple[ArgMap, list[ImportNote]]:
        claims: list[Node] = []
        hat_claim: dict[tuple[str, ...], Node] = {}  # our block that opens a hat
        for block in self.reader.blocks:
            node = self.block(block)
            key = tuple(block.headings)
            ours = node.side is self.ours
            # argmap's codes say what an "A2" block answers: A2 P1.2.1.1 -> P1.2.1
            parent = self.by_code.get(block.code.rsplit(".", 1)[0]) if block.code else None
            if not ours and parent is None and key in hat_claim:
                # "A2" blocks under the hat of our contention: the attacks it must answer
                parent = hat_claim[key]
            if ours and key not in hat_claim and len(key) == 2:
                hat_claim[key] = node
            if not ours and parent is not None and "." in (block.code or "."):
                parent.rebuttals.append(node)
                node.side = None  # below a root, the tree gives the side
                continue
            claims.append(node)
        for headings, tag in self.reader.loose:
            claims.append(self.node(tag, side=self.ours, tags=headings))
        argmap = ArgMap(argmap=1, title=self.title, sources=self.sources, claims=claims)
        return argmap, self.notes

    def block(self, block: _Block) -> Node:
        text = block.text
        answers = _ANSWERS_TO.match(text)
        if answers:
            text = text[answers.end() :]
        text = _CODE.sub("", text).strip() or block.text
        data: dict[str, Any] = {
            "side": self.ours.other if answers else self.ours,
            "text": text,
            "tags": block.headings,
            "evidence": [self.evidence(c) for c in block.cards],
        }
        if block.notes:
            data["notes"] = "\n".join(block.notes)
        children = []
        for tag in block.tags:
            if not answers and tag.text.split() == text.split():  # the claim's own tag
                data["evidence"] += [self.evidence(c) for c in tag.cards]
                if tag.body:
                    data["title"], data["text"] = text, "\n".join(tag.body)
                continue
            children.append(self.node(tag))
        data["rebuttals" if answers else "premises"] = children
        node = Node.model_validate(data)
        if block.code:
            self.by_code.setdefault(block.code, node)
        return node

    def node(self, tag: _Tag, side: Side | None = None, tags: list[str] | None = None) -> Node:
        data: dict[str, Any] = {"text": tag.text}
        if tag.body:
            data["title"], data["text"] = tag.text, "\n".join(tag.body)
        if side is not None:
            data["side"] = side
        if tags:
            data["tags"] = tags
        data["evidence"] = [self.evidence(c) for c in tag.cards]
        node = Node.model_validate(data)
        if tag.code:
            self.by_code.setdefault(tag.code, node)
        return node

    def evidence(self, card: _Card) -> dict[str, Any]:
        cite_text = " ".join("".join(r.text for r in card.cite).split())
        cite = parse_cite(card.cite)
        locator = cite.source.get("locator")
        if locator:  # one source, cited at different places
            cite_text = cite_text[: cite_text.rfind("[")].rstrip()
        source_id = self.by_cite.get(cite_text)
        if source_id is None:
            source_id = self.source(card, cite, cite_text)
        data = {"source": source_id, "quote": self.quote(card), "locator": locator}
        return {k: v for k, v in data.items() if v}

    def source(self, card: _Card, cite: _Cite, cite_text: str) -> str:
        fields = {k: v for k, v in cite.source.items() if k != "locator"}
        for missing in cite.missing:
            if missing == "date":
                self.note(card.where, "cite-no-date", "this cite gives no date")
            elif missing == "author":
                self.note(card.where, "cite-no-author", "no author found in this cite")
        if "title" not in fields:
            self.note(
                card.where,
                "cite-no-title",
                "no quoted title in this cite; the whole cite is kept as the title",
            )
            fields["title"] = cite_text
        fields.setdefault("author", cite.label or cite_text)
        base = re.sub(r"[^A-Za-z0-9]+", "-", cite.label).strip("-").lower()[:40] or "source"
        source_id, n = base, 1
        while source_id in self.sources:
            n += 1
            source_id = f"{base}-{n}"
        self.sources[source_id] = Source.model_validate(fields)
        self.by_cite[cite_text] = source_id
        return source_id

    def quote(self, card: _Card) -> str | None:
        """The card's words, a line per paragraph, the words to read aloud marked."""
        runs = [r for p in card.paragraphs for r in p]
        highlighted = any(r.read and r.text.strip() for r in runs)

        def read(run: _Run) -> bool:
            return run.read if highlighted else run.underlined

        lines: list[str] = []
        for paragraph in card.paragraphs:
            line = ""
            open_mark = False
            for run in paragraph:
                text = run.text.replace("\u00b6", "\n")  # Verbatim's condensed paragraphs
                if MARK in text:
                    message = f"'{MARK}' in the card text is read as '= ='"
                    self.note(card.where, "mark-in-text", message)
                    text = text.replace(MARK, "= =")
                if read(run) != open_mark and text:
                    line += MARK
                    open_mark = not open_mark
                line += text
            if open_mark:
                line += MARK
            lines.append(line)
        text = "\n".join(line.strip() for line in "\n".join(lines).split("\n")).strip()
        return text or None
