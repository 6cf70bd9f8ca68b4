"""Markdown article -> data skeleton: metadata, numbered paragraphs, one source per link.

The article is read in three parts. The head: the `# Title`, a standfirst, the byline. The body:
one paragraph per block, a block that a page break cut mid-sentence joined again. The footer: the
author's bio, the publisher's credit line and a `Source:` line. Links follow CommonMark: inline
(`[a](url "title")`, with balanced parentheses in the address), full, collapsed and shortcut
references. Square brackets that are not a link (`[sic]`) stay text, escaped as `\\[sic\\]`: in the
data a bare bracket pair is a citation marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# A block that ends like this closes its sentence; any other ending was cut by a page break.
SENTENCE_END = re.compile(r"""[.!?:;"”’]\s*$""")
SLUG_WORDS = 4
CREDIT_WORDS = 8  # a publisher's name is short: "Published in 2019 by ..., the report" is prose
HEAD_WINDOW = 3  # the byline is one of the first blocks after the title, or there is none
FOOTER_WINDOW = 6  # a bio heading further up ("## Biography" of the article's subject) is body

# Markdown's backslash escapes are hidden as private-use characters while links and emphasis are
# parsed, so that an escaped `\[` or `\*` takes part in neither.
_ESCAPABLE = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_HIDDEN = 0xF0000
_ESCAPE = re.compile(r"\\([" + re.escape(_ESCAPABLE) + r"])")
_RELEASE = {_HIDDEN + ord(char): char for char in _ESCAPABLE}
# While emphasis is stripped, a link's anchor text sits between these two characters.
_OPEN, _CLOSE = "\ue000", "\ue001"
_ANCHOR = re.compile(f"{_OPEN}([^{_OPEN}{_CLOSE}]*){_CLOSE}")
_EMPHASIS = (
    re.compile(r"(?<!\*)(\*{1,3})(?![\s*])(.+?)(?<![\s*])\1(?!\*)"),
    re.compile(r"(?<![\w_])(_{1,3})(?![\s_])(.+?)(?<![\s_])\1(?![\w_])"),
)
_REFERENCE = re.compile(
    r"^ {0,3}\[([^\]^][^\]]*)\]:\s*(<[^>\n]*>|\S+)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*$"
)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_THEMATIC_BREAK = re.compile(r"(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})")
_ATX = re.compile(r"(#{1,6})\s+(.*?)(?:\s+#+)?\s*")
_SETEXT = re.compile(r"(.+?)\s+(={3,}|-{3,})")  # its lines are joined: 3 at least
_WRAPPED = re.compile(r"(\*{1,3}|_{1,3})(?!\s).+(?<!\s)\1")

# A byline: `*Jane Doe*`, `By Jane Doe`, `**By Jane Doe and John Roe**`.
_BY = re.compile(r"by\s+", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_PARTICLES = {"al", "bin", "da", "de", "del", "della", "den", "der", "di", "dos", "du", "el",
              "ibn", "la", "le", "ten", "ter", "van", "von", "y"}  # fmt: skip
# Capitalised words a headline has and a name has not: `*How Moscow Plays Serbia*` is no byline.
_NOT_NAMES = {"a", "an", "and", "are", "as", "at", "for", "from", "how", "in", "is", "its", "new",
              "not", "of", "on", "or", "our", "the", "their", "to", "what", "when", "where", "who",
              "why", "will", "with"}  # fmt: skip

# The footer: a bio heading, the author's bio, the publisher's credit and a `Source:` line.
_BIO_HEADING = re.compile(
    r"(?:about the (?:authors?|writers?|contributors?)|authors?(?:['’]s)? bios?|"
    r"author biography|biography|bio)\s*:?",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"(\*{1,2}|_{1,2})?Source(?::\1?|\1?:)\s+(.+)", re.IGNORECASE)
_WHO = r"(?P<who>.+?)"
_CREDIT_END = r"(?:\s+under\s.*|\.\s.*|\.)?"
_CREDITS = tuple(
    re.compile(pattern + _CREDIT_END, re.IGNORECASE)
    for pattern in (
        r"(?:this (?:article|story|piece|essay|post|report) (?:was|is|has been) )?"
        r"(?:originally |first )?(?:produced|published|republished|distributed|syndicated)"
        rf" (?:by|at|in|on|from|with) {_WHO}",
        rf"(?:originally|first) (?:appeared|ran) (?:at|in|on) {_WHO}",
        rf"(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?,?\s+)?{_WHO}"
        r"(?:\.?\s+all rights reserved)?",
    )
)


@dataclass
class ImportedSource:
    """One link of the article: its anchor text, paragraph and address ('' where it is `#`)."""

    id: str
    cited_as: str
    paragraph: str
    url: str


@dataclass
class ImportedArticle:
    """What the importer recovers from a Markdown article."""

    title: str = ""
    author: str = ""
    author_bio: str = ""
    publisher: str = ""
    paragraphs: list[tuple[str, str, str]] = field(default_factory=list)  # (id, text, role)
    sources: list[ImportedSource] = field(default_factory=list)
    subtitle: str = ""  # the standfirst between the title and the byline, as plain text


@dataclass(frozen=True)
class _Link:
    start: int
    end: int
    anchor: str
    url: str


def split_blocks(markdown: str) -> list[str]:
    """Blank-line separated blocks, each with its lines joined by spaces."""
    blocks = re.split(r"\n\s*\n", markdown.replace("\r\n", "\n").replace("\ufeff", ""))
    return [
        " ".join(line.strip() for line in block.splitlines()) for block in blocks if block.strip()
    ]


def join_cut_blocks(blocks: list[str]) -> list[str]:
    """Join blocks that a page break cut mid-sentence, and re-join a link cut in two."""
    joined: list[str] = []
    for block in blocks:
        previous = joined[-1] if joined else ""
        if (
            previous
            and _is_prose(previous)
            and _is_prose(block)
            and not SENTENCE_END.search(previous)
        ):
            joined[-1] = _join_pair(previous, block)
        else:
            joined.append(block)
    return joined


def _is_prose(block: str) -> bool:
    return not block.startswith(("#", "*"))


def _join_pair(first: str, second: str) -> str:
    cut_link = re.search(r"\[([^\]]+)\]\(([^)]*)\)$", first)
    next_link = re.match(r"\[([^\]]+)\]\(([^)]*)\)", second)
    if cut_link and next_link and cut_link.group(2) == next_link.group(2):
        merged = f"[{cut_link.group(1)} {next_link.group(1)}]({cut_link.group(2)})"
        return first[: cut_link.start()] + merged + second[next_link.end() :]
    return f"{first} {second}"


def import_article(markdown: str) -> ImportedArticle:
    """Parse the head (title, standfirst, byline), the body paragraphs with one source per
    link, and the footer (author's bio, the publisher's credit line, a `Source:` line)."""
    body, references = _take_references(markdown)
    blocks = [
        block
        for block in (_IMAGE.sub("", block).strip() for block in split_blocks(body))
        if block and not _THEMATIC_BREAK.fullmatch(block)
    ]
    article = ImportedArticle()
    start = _read_head(article, blocks, references)
    names = _NAME_SPLIT.split(article.author) if article.author else []
    end = _footer_start(blocks, start, names, references)
    for block in join_cut_blocks(blocks[start:end]):
        _add_paragraph(article, block, "body", references)
    _read_footer(article, blocks[end:], references)
    return article


def _take_references(markdown: str) -> tuple[str, dict[str, str]]:
    """The text without its link reference definitions, and those definitions by label."""
    kept: list[str] = []
    references: dict[str, str] = {}
    for line in markdown.replace("\r\n", "\n").split("\n"):
        match = _REFERENCE.match(line)
        if match:
            references.setdefault(_label(match.group(1)), match.group(2).strip("<>"))
        else:
            kept.append(line)
    return "\n".join(kept), references


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _read_head(article: ImportedArticle, blocks: list[str], references: dict[str, str]) -> int:
    """Take the title, standfirst and byline out of `blocks`; return where the body starts."""
    title_at = next((i for i, block in enumerate(blocks) if _heading(block)[0] == 1), None)
    if title_at is not None:
        article.title = _inline_plain(_heading(blocks.pop(title_at))[1], references)
    at = title_at or 0
    window = blocks[at : at + HEAD_WINDOW]
    bylines = [(_byline(block, references), block) for block in window]
    found = [i for i, (byline, _) in enumerate(bylines) if byline]
    by_first = [i for i in found if _BY.match(_inline_plain(bylines[i][1], references))]
    if found:
        byline_at = (by_first or found)[0]
        article.author = bylines[byline_at][0] or ""
        standfirst = blocks[at : at + byline_at]
        del blocks[at : at + byline_at + 1]
    else:
        is_standfirst = bool(window) and (
            _WRAPPED.fullmatch(window[0]) is not None or _heading(window[0])[0] > 1
        )
        standfirst = blocks[at : at + 1] if is_standfirst else []
        del blocks[at : at + len(standfirst)]
    article.subtitle = " ".join(
        _inline_plain(_heading(block)[1] or block, references) for block in standfirst
    )
    return at


def _heading(block: str) -> tuple[int, str]:
    """The level and text of an ATX (`## Text`) or setext (`Text` over `===`) heading; (0, '')
    for any other block."""
    atx = _ATX.fullmatch(block)
    if atx:
        return len(atx.group(1)), atx.group(2)
    setext = _SETEXT.fullmatch(block)
    if setext:
        return (1 if setext.group(2).startswith("=") else 2), setext.group(1)
    return 0, ""


def _byline(block: str, references: dict[str, str]) -> str | None:
    """The author(s) a byline names, or None when the block is no byline. A byline is set off
    by `By` or by emphasis, and holds only names."""
    text = _inline_plain(block, references)
    by = _BY.match(text)
    if not by and not _WRAPPED.fullmatch(block):
        return None
    names = text[by.end() :] if by else text
    names = names.strip().rstrip(".")
    parts = _NAME_SPLIT.split(names)
    if names and all(_is_name(part, shortest=1 if by else 2) for part in parts):
        return names
    return None


def _is_name(text: str, shortest: int) -> bool:
    words = text.split()
    if not shortest <= len(words) <= 5 or any(word.casefold() in _NOT_NAMES for word in words):
        return False
    return all(
        word in _PARTICLES or (word[0].isupper() and re.fullmatch(r"[^\W\d_][\w.'’-]*", word))
        for word in words
    )


def _footer_start(
    blocks: list[str], start: int, names: list[str], references: dict[str, str]
) -> int:
    """Where the footer begins: at a bio heading, or at the run of bio, credit and `Source:`
    lines that closes the article."""
    last = max(start, len(blocks) - FOOTER_WINDOW)
    headings = [i for i in range(last, len(blocks)) if _is_bio_heading(blocks[i], references)]
    end = headings[-1] if headings else len(blocks)
    while end > start and _is_footer_line(blocks[end - 1], names, references):
        end -= 1
    return end


def _is_bio_heading(block: str, references: dict[str, str]) -> bool:
    text = _inline_plain(_heading(block)[1] or block, references)
    return _BIO_HEADING.fullmatch(text) is not None


def _is_footer_line(block: str, names: list[str], references: dict[str, str]) -> bool:
    if _SOURCE_LINE.fullmatch(block) or _credit_publisher(block, references):
        return True
    text = _inline_plain(block, references)
    return any(re.match(re.escape(name) + r"[\s,(]", text) for name in names if name)


def _credit_publisher(block: str, references: dict[str, str]) -> str:
    """Who a credit line ("This article was produced by X.", "© 2023 X") names; '' if none."""
    text = _inline_plain(block, references)
    for pattern in _CREDITS:
        match = pattern.fullmatch(text)
        who = match.group("who").strip().rstrip(".") if match else ""
        if who and len(who.split()) <= CREDIT_WORDS:
            return who
    return ""


def _read_footer(article: ImportedArticle, blocks: list[str], references: dict[str, str]) -> None:
    """Bio heading, bio, credit lines and `Source:`; the credit lines become credit paragraphs."""
    credited, bio = "", []
    for block in blocks:
        source_line = _SOURCE_LINE.fullmatch(block)
        if _is_bio_heading(block, references):
            continue
        if source_line:
            article.publisher = _inline_plain(source_line.group(2), references)
        elif publisher := _credit_publisher(block, references):
            credited = credited or publisher
            _add_paragraph(article, block, "credit", references)
        else:
            bio.append(_inline_plain(block, references))
    article.publisher = article.publisher or credited
    article.author_bio = " ".join(bio)


def _inline_plain(markdown: str, references: dict[str, str]) -> str:
    """Inline Markdown as a reader sees it: links as their anchor text, no emphasis."""
    text, _ = _inline(markdown, references)
    return _release(_ANCHOR.sub(r"\1", text))


def _inline(markdown: str, references: dict[str, str]) -> tuple[str, list[str]]:
    """The text with emphasis stripped and each link's anchor between _OPEN and _CLOSE, and the
    links' addresses in order. Escaped characters stay hidden."""
    hidden = _ESCAPE.sub(lambda m: chr(_HIDDEN + ord(m.group(1))), markdown)
    pieces, urls, at = [], [], 0
    for link in _links(hidden, references):
        pieces += [hidden[at : link.start], _OPEN, link.anchor, _CLOSE]
        urls.append(link.url)
        at = link.end
    text = "".join([*pieces, hidden[at:]])
    for _ in range(3):  # nested emphasis, `***both***` or `**bold *and* italic**`
        for pattern in _EMPHASIS:
            text = pattern.sub(r"\2", text)
    return text, urls


def _release(text: str) -> str:
    """Hidden escaped characters back as themselves."""
    return text.translate(_RELEASE)


def _links(text: str, references: dict[str, str]) -> list[_Link]:
    """Every link of `text`, left to right: `[a](url "title")`, `[a][ref]`, `[a][]`, `[ref]`.
    Brackets that form none of these (`[sic]`, `[...]`) are no link."""
    found, at = [], 0
    while (start := text.find("[", at)) >= 0:
        close = _closing_bracket(text, start)
        if close < 0:
            break
        anchor, after = text[start + 1 : close], close + 1
        link = None
        if text.startswith("(", after):
            link = _inline_destination(text, after + 1)
        elif text.startswith("[", after) and (label_end := text.find("]", after)) >= 0:
            label = _label(_release(text[after + 1 : label_end] or anchor))
            if label in references:
                link = (references[label], label_end + 1)
        elif _label(_release(anchor)) in references:
            link = (references[_label(_release(anchor))], after)
        if link is None:
            at = start + 1
            continue
        url, end = link
        found.append(_Link(start, end, anchor, _release(url)))
        at = end
    return found


def _closing_bracket(text: str, start: int) -> int:
    depth = 0
    for at in range(start, len(text)):
        depth += {"[": 1, "]": -1}.get(text[at], 0)
        if depth == 0:
            return at
    return -1


def _inline_destination(text: str, at: int) -> tuple[str, int] | None:
    """After `](`: the address (in `<...>`, or with balanced parentheses), an optional title,
    then `)`. Returns the address and the index after `)`, or None when it is no link."""
    at = _skip_spaces(text, at)
    if text.startswith("<", at):
        close = text.find(">", at)
        if close < 0:
            return None
        url, at = text[at + 1 : close], close + 1
    else:
        depth, end = 0, at
        while end < len(text) and not text[end].isspace():
            if text[end] == "(":
                depth += 1
            elif text[end] == ")":
                if depth == 0:
                    break
                depth -= 1
            end += 1
        if depth:
            return None
        url, at = text[at:end], end
    spaced = _skip_spaces(text, at)
    if spaced > at and spaced < len(text) and text[spaced] in "\"'(":
        closer = ")" if text[spaced] == "(" else text[spaced]
        end_title = text.find(closer, spaced + 1)
        if end_title < 0:
            return None
        spaced = _skip_spaces(text, end_title + 1)
    if not text.startswith(")", spaced):
        return None
    return url, spaced + 1


def _skip_spaces(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _add_paragraph(
    article: ImportedArticle, block: str, role: str, references: dict[str, str]
) -> None:
    paragraph_id = f"p{len(article.paragraphs) + 1:02d}"
    taken = {source.id for source in article.sources}
    text, urls = _inline(block, references)
    anchors = [" ".join(_release(anchor).split()) for anchor in _ANCHOR.findall(text)]
    for anchor, url in zip(anchors, urls, strict=True):
        if not anchor:
            continue  # an empty anchor (an icon link) is no citation marker
        source_id = _unique(f"src-{_slug(anchor)}", taken)
        taken.add(source_id)
        article.sources.append(ImportedSource(source_id, anchor, paragraph_id, _address(url)))
    marked = _ANCHOR.sub(lambda m: f"{_OPEN}{m.group(1)}{_CLOSE}" if m.group(1) else "", text)
    escaped = _data_escape(_release(marked))
    article.paragraphs.append(
        (paragraph_id, escaped.replace(_OPEN, "[").replace(_CLOSE, "]"), role)
    )


def _data_escape(text: str) -> str:
    r"""In the data a bracket pair is a citation marker: a literal bracket is written `\[` or
    `\]`, and a literal backslash `\\`."""
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def _address(url: str) -> str:
    """The link's address when it is an absolute http(s) URL; '' for `#`, a relative or other
    address (the data keeps only addresses a reader can follow, and never invents one)."""
    url = url.replace(" ", "%20")  # `<https://x/a b>`: the same address, as a browser sends it
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc and not re.search(r"\s", url):
        return url
    return ""


def _slug(text: str) -> str:
    ascii_text = text.lower().translate(str.maketrans("čćšžđ", "ccszd"))
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(words[:SLUG_WORDS]) or "link"


def _unique(candidate: str, taken: set[str]) -> str:
    number, unique = 2, candidate
    while unique in taken:
        unique, number = f"{candidate}-{number}", number + 1
    return unique


def skeleton_files(article: ImportedArticle, source_name: str) -> dict[str, object]:
    """The data files of a new briefing, as plain data: {file name: YAML document}.

    Claims live in `claims/<theme>.yml`, one file per theme; a new draft has no theme yet, so
    the skeleton holds no claims file (the loader reads a missing `claims/` as no claims)."""
    paragraphs = [
        {"id": pid, "text": text, **({"role": role} if role != "body" else {})}
        for pid, text, role in article.paragraphs
    ]
    sources = [
        {
            "id": source.id,
            "cited_as": source.cited_as,
            "paragraph": source.paragraph,
            "url": source.url,
            **({"role": "credit"} if _is_credit(article, source) else {}),
        }
        for source in article.sources
    ]
    standfirst = f' Its standfirst, not kept as a paragraph, reads: "{article.subtitle}".'
    return {
        "article.yml": {
            "title": article.title or "Untitled",
            "author": article.author or "Unknown",
            "author_bio": article.author_bio or "Not given.",
            "publisher": article.publisher or "Not given.",
            "source_note": f"Imported from {source_name}." + (standfirst * bool(article.subtitle)),
            "date_note": "The supplied text carries no publication date.",
            "draft": True,
            "paragraphs": paragraphs,
        },
        "sources.yml": sources,
        "themes.yml": [],
        "levers.yml": [],
        "targets.yml": [],
        "actors.yml": [],
    }


def _is_credit(article: ImportedArticle, source: ImportedSource) -> bool:
    roles = {pid: role for pid, _, role in article.paragraphs}
    return roles.get(source.paragraph) == "credit"
