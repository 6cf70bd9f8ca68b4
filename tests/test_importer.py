"""The importer: a Markdown article becomes a data skeleton that validates; the supplied article
reproduces the project's paragraphs and every citation marker."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefing.data.importer import import_article, join_cut_blocks, skeleton_files, split_blocks
from briefing.data.load import load_briefing
from briefing.data.problems import Severity
from conftest import ROOT, TESTS

SOURCE = TESTS / "fixtures" / "source" / "moscows-leverage-in-the-balkans.md"


def project_article() -> dict[str, object]:
    article = yaml.safe_load((ROOT / "data" / "article.yml").read_text("utf-8"))
    assert isinstance(article, dict)
    return article


def test_the_supplied_article_has_76_link_markers() -> None:
    assert len(re.findall(r"\]\(#\)", SOURCE.read_text("utf-8"))) == 76


def test_import_reproduces_the_projects_paragraphs() -> None:
    imported = import_article(SOURCE.read_text("utf-8"))
    paragraphs = project_article()["paragraphs"]
    assert isinstance(paragraphs, list)
    assert [(pid, text) for pid, text, _ in imported.paragraphs] == [
        (p["id"], p["text"]) for p in paragraphs
    ]
    assert imported.title == project_article()["title"]
    assert imported.author == "John P. Ruehl"
    assert imported.publisher == "Globetrotter"
    assert imported.author_bio.startswith("John P. Ruehl is an Australian-American journalist")


def test_import_finds_every_marker_and_joins_the_one_cut_in_two() -> None:
    imported = import_article(SOURCE.read_text("utf-8"))
    assert len(imported.sources) == 75  # 76 markers, one of them cut in two by a page break
    joined = [s for s in imported.sources if s.cited_as.startswith("accepted power-sharing")]
    assert [s.cited_as for s in joined] == [
        "accepted power-sharing stipulations as part of the Dayton Peace Agreement in 1995"
    ]
    assert all(source.url == "" for source in imported.sources)
    project = yaml.safe_load((ROOT / "data" / "sources.yml").read_text("utf-8"))
    assert [(s.paragraph, s.cited_as) for s in imported.sources] == [
        (s["paragraph"], s["cited_as"]) for s in project
    ]


def test_page_break_cuts_are_joined() -> None:
    blocks = split_blocks("One sentence through growing\n\neconomic ties.\n\nNext one.\n")
    assert join_cut_blocks(blocks) == ["One sentence through growing economic ties.", "Next one."]


def test_links_keep_their_addresses(tmp_path: Path) -> None:
    article = "# T\n\n*A B*\n\nSee [the report](https://example.org/r) and [this](#).\n"
    imported = import_article(article)
    assert [(s.cited_as, s.url) for s in imported.sources] == [
        ("the report", "https://example.org/r"),
        ("this", ""),
    ]


def test_command_writes_a_skeleton_that_validates_with_coverage_warnings(tmp_path: Path) -> None:
    out = tmp_path / "data"
    command = [sys.executable, str(ROOT / "scripts" / "import_article.py"), str(SOURCE)]
    result = subprocess.run([*command, "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"wrote 6 files to {out}\nclaims go in {out}/claims/<theme id>.yml, one file per theme\n"
    )
    loaded = load_briefing(out)
    assert loaded.briefing is not None
    assert len(loaded.briefing.sources) == 75
    assert {problem.severity for problem in loaded.problems} == {Severity.WARNING}
    again = subprocess.run([*command, "--out", str(out)], capture_output=True, text=True)
    assert again.returncode == 1
    assert again.stderr.startswith(f"{out}/article.yml: error: exists already")


ARTICLES = TESTS / "fixtures" / "articles"


def test_the_skeleton_has_no_claims_file_for_a_draft_without_themes() -> None:
    """Claims live in claims/<theme>.yml; a new draft has no theme, so no claims file yet, and
    the articles of other shapes below show that such a folder loads with warnings only."""
    files = skeleton_files(import_article(SOURCE.read_text("utf-8")), SOURCE.name)
    assert sorted(files) == [
        "actors.yml", "article.yml", "levers.yml", "sources.yml", "targets.yml", "themes.yml"
    ]  # fmt: skip
    assert files["themes.yml"] == []


@pytest.mark.parametrize(
    ("head", "subtitle", "author"),
    [
        ("*How Belgrade weighs Moscow against Brussels*\n\n*Jane Doe*", "How Belgrade weighs "
         "Moscow against Brussels", "Jane Doe"),
        ("*How Moscow Plays Serbia*\n\n*Jane Doe*", "How Moscow Plays Serbia", "Jane Doe"),
        ("_Why the talks stalled_\n\nBy Jane Doe", "Why the talks stalled", "Jane Doe"),
        ("## What the survey shows\n\n*Jane Doe*", "What the survey shows", "Jane Doe"),
        ("*How Moscow Plays Serbia*", "How Moscow Plays Serbia", ""),
    ],
)  # fmt: skip
def test_a_standfirst_before_the_byline_is_not_the_author(
    head: str, subtitle: str, author: str
) -> None:
    imported = import_article(f"# Title\n\n{head}\n\nThe body.\n")
    assert (imported.subtitle, imported.author) == (subtitle, author)
    assert [text for _, text, _ in imported.paragraphs] == ["The body."]
    note = skeleton_files(imported, "a.md")["article.yml"]
    assert isinstance(note, dict)
    assert note["source_note"] == (
        f'Imported from a.md. Its standfirst, not kept as a paragraph, reads: "{subtitle}".'
    )


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("*By Jane Doe*", "Jane Doe"),
        ("**By Jane Doe**", "Jane Doe"),
        ("by Jane Doe.", "Jane Doe"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("**By Jane Doe, Ana Ruiz and Jan van der Roe**", "Jane Doe, Ana Ruiz and Jan van der Roe"),
        ("By [Jane Doe](https://x.example/authors/jane)", "Jane Doe"),
        ("*John P. Ruehl*", "John P. Ruehl"),
    ],
)  # fmt: skip
def test_by_bylines_name_the_authors(byline: str, author: str) -> None:
    imported = import_article(f"# Title\n\n{byline}\n\nThe body.\n")
    assert imported.author == author
    assert [text for _, text, _ in imported.paragraphs] == ["The body."]
    assert imported.sources == []


@pytest.mark.parametrize("opening", ["By 2020, the war had ended.", "By then it was late."])
def test_a_paragraph_opening_with_by_is_no_byline(opening: str) -> None:
    imported = import_article(f"# Title\n\n{opening}\n\nThe body.\n")
    assert imported.author == ""
    assert [text for _, text, _ in imported.paragraphs] == [opening, "The body."]


@pytest.mark.parametrize(
    ("link", "url"),
    [
        ("[Foo](https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("[Foo](https://x.example/a_(b_(c)))", "https://x.example/a_(b_(c))"),
        ("[Foo](<https://x.example/a (b)>)", "https://x.example/a%20(b)"),
    ],
)  # fmt: skip
def test_addresses_with_parentheses_are_kept_whole(link: str, url: str) -> None:
    imported = import_article(f"# T\n\n*Jane Doe*\n\nSee {link} (and more).\n")
    assert [(s.cited_as, s.url) for s in imported.sources] == [("Foo", url)]
    assert imported.paragraphs[0][1] == "See [Foo] (and more)."


@pytest.mark.parametrize("title", ['"The Title"', "'The Title'", "(The Title)"])
def test_a_link_title_is_not_part_of_the_address(title: str) -> None:
    imported = import_article(
        f"# T\n\n*Jane Doe*\n\nSee [the report](https://x.example/y {title}).\n"
    )
    assert [(s.cited_as, s.url) for s in imported.sources] == [
        ("the report", "https://x.example/y")
    ]
    assert imported.paragraphs[0][1] == "See [the report]."


@pytest.mark.parametrize("bracket", ["[sic]", "[...]", "[…]", "[emphasis added]", "[the minister]"])
def test_editorial_brackets_stay_text_and_are_no_sources(bracket: str) -> None:
    markdown = f'# T\n\n*Jane Doe*\n\nShe said "it {bracket} will pass" [here](#).\n'
    imported = import_article(markdown)
    escaped = bracket.replace("[", "\\[").replace("]", "\\]")
    assert imported.paragraphs[0][1] == f'She said "it {escaped} will pass" [here].'
    assert [s.cited_as for s in imported.sources] == ["here"]


def test_markdown_escapes_and_reference_links() -> None:
    markdown = (
        "# T\n\n*Jane Doe*\n\n"
        "A \\[bracket\\], a \\*star\\*, [a report][r], [Collapsed][], [shortcut] and [sic].\n\n"
        '[r]: https://x.example/r "Title"\n[collapsed]: <https://x.example/c>\n'
        "[Shortcut]: https://x.example/s\n"
    )
    imported = import_article(markdown)
    assert imported.paragraphs == [
        (
            "p01",
            "A \\[bracket\\], a *star*, [a report], [Collapsed], [shortcut] and \\[sic\\].",
            "body",
        )
    ]
    assert [(s.cited_as, s.url) for s in imported.sources] == [
        ("a report", "https://x.example/r"),
        ("Collapsed", "https://x.example/c"),
        ("shortcut", "https://x.example/s"),
    ]


@pytest.mark.parametrize(
    ("footer", "bio"),
    [
        ("## About the author\n\nJane Doe is a reporter.\n\nShe lives in Lisbon.",
         "Jane Doe is a reporter. She lives in Lisbon."),
        ("**Author Bio**\n\nJane Doe is a reporter.", "Jane Doe is a reporter."),
        ("About the author:\n\n*Jane Doe* is a reporter.", "Jane Doe is a reporter."),
        ("Jane Doe is a reporter.", "Jane Doe is a reporter."),
        ("Jane Doe, a reporter, lives in Lisbon.", "Jane Doe, a reporter, lives in Lisbon."),
    ],
)  # fmt: skip
def test_an_author_bio_without_italics(footer: str, bio: str) -> None:
    imported = import_article(f"# T\n\nBy Jane Doe\n\nThe body.\n\n{footer}\n")
    assert imported.author_bio == bio
    assert [text for _, text, _ in imported.paragraphs] == ["The body."]


def test_a_biography_heading_far_from_the_end_is_part_of_the_body() -> None:
    body = "\n\n".join(f"Paragraph {n} on her life." for n in range(1, 8))
    imported = import_article(f"# T\n\nBy Jane Doe\n\n## Biography\n\n{body}\n")
    assert imported.author_bio == ""
    assert len(imported.paragraphs) == 8


def test_bios_of_two_authors_and_a_last_paragraph_that_names_no_author() -> None:
    two = "# T\n\nBy Jane Doe and John Roe\n\nBody.\n\nJane Doe is a reporter.\n\nJohn Roe edits.\n"
    assert import_article(two).author_bio == "Jane Doe is a reporter. John Roe edits."
    other = "# T\n\nBy Jane Doe\n\nThe body.\n\nJohn Roe is the minister.\n"
    imported = import_article(other)
    assert imported.author_bio == ""
    assert [text for _, text, _ in imported.paragraphs] == [
        "The body.",
        "John Roe is the minister.",
    ]


@pytest.mark.parametrize(
    ("footer", "publisher", "credits"),
    [
        ("This article was originally published by The Courier.", "The Courier", []),
        ("This article was produced by [Globetrotter](#).", "Globetrotter", [("Globetrotter", "")]),
        ("*Source:* The Courier", "The Courier", None),
        ("Source: The Courier", "The Courier", None),
        ("**Source**: The Courier", "The Courier", None),
        ("Originally published at [The Courier](https://courier.example/a).", "The Courier",
         [("The Courier", "https://courier.example/a")]),
        ("© 2023 The Courier", "The Courier", []),
        ("Copyright © 2021-2023 The Courier. All rights reserved.", "The Courier", []),
        ("This article is republished from [The Conversation](https://tc.example/) under a "
         "Creative Commons license.", "The Conversation", [("The Conversation", "https://tc.example/")]),
    ],
)  # fmt: skip
def test_other_publishers_footers_are_the_credit(
    footer: str, publisher: str, credits: list[tuple[str, str]] | None
) -> None:
    imported = import_article(f"# T\n\nBy Jane Doe\n\nThe body.\n\n{footer}\n")
    assert imported.publisher == publisher
    roles = [role for _, _, role in imported.paragraphs]
    assert roles == (["body"] if credits is None else ["body", "credit"])
    assert [(s.cited_as, s.url) for s in imported.sources] == (credits or [])
    sources = skeleton_files(imported, "a.md")["sources.yml"]
    assert isinstance(sources, list)
    assert all(source["role"] == "credit" for source in sources)


def test_a_long_last_paragraph_opening_with_published_stays_body() -> None:
    last = "Published in 2019 by the ministry, the report found that most wells had run dry."
    imported = import_article(f"# T\n\nBy Jane Doe\n\nThe body.\n\n{last}\n")
    assert imported.publisher == ""
    assert [role for _, _, role in imported.paragraphs] == ["body", "body"]


@pytest.mark.parametrize(
    ("name", "author", "bio", "publisher", "sources", "credits", "urls"),
    [
        ("desalination", "Ana Ruiz and Tomás Ortega", "Ana Ruiz is", "The Lisbon Review", 7, 0, 6),
        ("night-trains", "Priya Nair", "Priya Nair is", "Harbour Press", 5, 0, 5),
        ("reef-survey", "Mele Tupou", "Not given.", "Pacific Notes", 6, 1, 3),
    ],
)
def test_articles_of_other_shapes_give_a_draft_that_validates(
    tmp_path: Path,
    name: str,
    author: str,
    bio: str,
    publisher: str,
    sources: int,
    credits: int,
    urls: int,
) -> None:
    article = ARTICLES / f"{name}.md"
    out = tmp_path / "data"
    command = [sys.executable, str(ROOT / "scripts" / "import_article.py"), str(article)]
    result = subprocess.run([*command, "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    loaded = load_briefing(out)
    assert {problem.severity for problem in loaded.problems} == {Severity.WARNING}
    assert loaded.briefing is not None
    briefing = loaded.briefing
    assert (briefing.article.author, briefing.article.publisher) == (author, publisher)
    assert briefing.article.author_bio.startswith(bio)
    assert len(briefing.sources) == sources
    assert sum(source.role == "credit" for source in briefing.sources.values()) == credits
    assert sum(bool(source.url) for source in briefing.sources.values()) == urls
    assert not (out / "claims.yml").exists() and not (out / "claims").exists()


def test_editorial_brackets_validate_as_text(tmp_path: Path) -> None:
    markdown = "# T\n\nBy Jane Doe\n\nIt will recieve [sic] funding [...] soon, [they said](#).\n"
    out = tmp_path / "data"
    out.mkdir()
    for name, document in skeleton_files(import_article(markdown), "a.md").items():
        (out / name).write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    loaded = load_briefing(out)
    assert {problem.severity for problem in loaded.problems} == {Severity.WARNING}
    assert loaded.briefing is not None
    assert [source.cited_as for source in loaded.briefing.sources.values()] == ["they said"]
