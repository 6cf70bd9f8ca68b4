"""Markdown article -> data skeleton: metadata, numbered paragraphs, one source per link."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]*)\)")
# A block that ends like this closes its sentence; any other ending was cut by a page break.
SENTENCE_END = re.compile(r"""[.!?:;"”’]\s*$""")
SLUG_WORDS = 4


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
    """Parse `# Title`, an `*Author*` byline, body paragraphs, then the credit and bio."""
    article = ImportedArticle()
    in_bio = False
    for block in join_cut_blocks(split_blocks(markdown)):
        if block.startswith("# ") and not article.title:
            article.title = block[2:].strip()
        elif re.fullmatch(r"\*[^*]+\*", block) and not article.author:
            article.author = block.strip("*").strip()
        elif re.fullmatch(r"\*Author Bio:?\*:?", block):
            in_bio = True
        elif block.startswith("*Source:*"):
            article.publisher = block.removeprefix("*Source:*").strip()
        elif in_bio and article.author and block.startswith(f"*{article.author}*"):
            article.author_bio = _plain(block)
        else:
            role = "credit" if in_bio else "body"
            _add_paragraph(article, block, role)
    return article


def _plain(block: str) -> str:
    return re.sub(r"\*([^*]+)\*", r"\1", block)


def _add_paragraph(article: ImportedArticle, block: str, role: str) -> None:
    paragraph_id = f"p{len(article.paragraphs) + 1:02d}"
    taken = {source.id for source in article.sources}
    for match in LINK.finditer(block):
        source_id = _unique(f"src-{_slug(match.group(1))}", taken)
        taken.add(source_id)
        url = match.group(2) if match.group(2) != "#" else ""
        article.sources.append(ImportedSource(source_id, match.group(1), paragraph_id, url))
    text = LINK.sub(lambda m: f"[{m.group(1)}]", _plain(block))
    article.paragraphs.append((paragraph_id, text, role))


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
    """The data files of a new briefing, as plain data: {file name: YAML document}."""
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
    return {
        "article.yml": {
            "title": article.title or "Untitled",
            "author": article.author or "Unknown",
            "author_bio": article.author_bio or "Not given.",
            "publisher": article.publisher or "Not given.",
            "source_note": f"Imported from {source_name}.",
            "date_note": "The supplied text carries no publication date.",
            "draft": True,
            "paragraphs": paragraphs,
        },
        "sources.yml": sources,
        "themes.yml": [],
        "levers.yml": [],
        "targets.yml": [],
        "actors.yml": [],
        "claims.yml": [],
    }


def _is_credit(article: ImportedArticle, source: ImportedSource) -> bool:
    roles = {pid: role for pid, _, role in article.paragraphs}
    return roles.get(source.paragraph) == "credit"
