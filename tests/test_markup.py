"""Escaping: hostile text from YAML comes out as visible text, never as markup."""

from __future__ import annotations

import markdown
import pytest

from briefing.pages.markup import html_text, md, md_url, meta, one_line, yaml_string

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](http://evil.example/x.png)",
    'text {: onclick="alert(1)" }',
    "*em* _u_ `code` **strong**",
    "# heading",
    "1. list item",
    "- bullet",
    "> quote",
    "&amp; &copy; &#60;",
    "!!! warning",
    "| a | b |",
    "back\\slash",
    "<http://evil.example>",
    "line one\nline two\n\n<div>block</div>",
    "    indented code",
    "[^1] and [ref][1]",
    "---",
]
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_escaping_renders_the_text_itself(text: str) -> None:
    html = markdown.markdown(md(text), extensions=EXTENSIONS)
    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html[3:-4]
    assert "<" not in inner.replace("&lt;", "")  # no element of any kind
    visible = inner.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    assert visible.replace("&amp;", "&") == " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_escaping_survives_a_table_cell(text: str) -> None:
    html = markdown.markdown(f"| a |\n| --- |\n| {md(text)} |", extensions=EXTENSIONS)
    assert html.count("<td>") == 1
    for tag in ("<script", "<img", "<a ", "<div", "<em", "<code", "<strong"):
        assert tag not in html


@pytest.mark.parametrize(
    "text",
    [*HOSTILE, "", " ", "one line", " lead", "trail ", "two  spaces", "tab\there", "cr\r",
     "no\u00a0break", "line\u2028separator", "unit\x1fseparator", "zero\u200bwidth"],
)  # fmt: skip
def test_one_line_collapses_white_space_exactly_as_split_and_join(text: str) -> None:
    assert one_line(text) == " ".join(text.split())


def test_html_escaping() -> None:
    assert html_text('<a href="x">\'</a>') == "&lt;a href=&quot;x&quot;&gt;&#x27;&lt;/a&gt;"


def test_front_matter_string_cannot_break_out_of_its_line() -> None:
    assert yaml_string('a"\nb: c') == '"a\\" b: c"'


def test_url_cannot_leave_its_link_destination() -> None:
    assert md_url('https://example.org/a(b)"<c> d') == "https://example.org/a%28b%29%22%3Cc%3E%20d"
    html = markdown.markdown(f"[x]({md_url('https://example.org/a)b')})")
    assert html == '<p><a href="https://example.org/a%29b">x</a></p>'


def test_page_meta_is_html_escaped_for_themes_that_print_it_raw() -> None:
    assert meta('"><script>x</script>') == '"&quot;&gt;&lt;script&gt;x&lt;/script&gt;"'
