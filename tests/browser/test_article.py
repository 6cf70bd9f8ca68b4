"""The article page reads as the article was written: each paragraph's visible text is the
paragraph's text with its citation markers turned into links, not a word more or less."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
import yaml

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from .harness import Site

pytestmark = pytest.mark.browser

MARKER = re.compile(r"\[([^\[\]]+)\]")


def test_paragraphs_read_as_written(real_site: Site, page: Page) -> None:
    article = yaml.safe_load((real_site.root.parent / "data" / "article.yml").read_text("utf-8"))
    page.goto(real_site.page("article/"))
    shown = page.eval_on_selector_all(
        "p.article-paragraph",
        "paragraphs => paragraphs.map(p => [p.id, p.innerText])",
    )
    expected = {
        paragraph["id"]: " ".join(MARKER.sub(r"\1", paragraph["text"]).split())
        for paragraph in article["paragraphs"]
    }
    assert [pid for pid, _ in shown] == list(expected)
    for pid, text in shown:
        number, _, body = " ".join(text.split()).partition(" ")
        assert number == f"¶{int(pid[1:])}"
        assert body == expected[pid], f"#{pid} reads differently from the article"
