"""The real briefing's pages against a committed snapshot: any change to what readers see (a
page's text, a page added or gone) fails here and shows in review. The snapshot keeps a digest
per page and per line, not the text: small enough to commit, and enough to say which lines
changed; the diff shows the current text around them.

Rewrite it after a deliberate change to the data or the templates:

    .venv/bin/python -m pytest tests/test_snapshot.py --update-snapshot
"""

from __future__ import annotations

import difflib
import hashlib
import json

import pytest

from briefing.data.load import load_briefing
from briefing.pages.render import render_site
from conftest import ROOT, TESTS

SNAPSHOT = TESTS / "golden" / "real.digests.json"
SHOWN_PAGES = 5  # pages whose diff is printed; the rest are named
SHOWN_LINES = 40  # diff lines printed per page


def _digest(text: str, length: int = 64) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def snapshot_of(pages: dict[str, str]) -> dict[str, dict[str, object]]:
    """{path: {"sha256": the page's digest, "lines": a short digest of each line}}."""
    return {
        path: {"sha256": _digest(text), "lines": [_digest(line, 10) for line in text.split("\n")]}
        for path, text in sorted(pages.items())
    }


def page_diff(path: str, text: str, lines: list[str]) -> list[str]:
    """A unified diff of the snapshot's lines (known by digest only) against the page's text:
    unchanged and new lines read as text, each old line as its number and digest."""
    current = text.split("\n")
    digests = [_digest(line, 10) for line in current]
    out = [f"--- {path} (snapshot)", f"+++ {path} (now)"]
    matcher = difflib.SequenceMatcher(a=lines, b=digests, autojunk=False)
    for group in matcher.get_grouped_opcodes(2):
        first, last = group[0], group[-1]
        out.append(
            f"@@ -{first[1] + 1},{last[2] - first[1]} +{first[3] + 1},{last[4] - first[3]} @@"
        )
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                out += [f" {line}" for line in current[b1:b2]]
                continue
            out += [f"- <line {n + 1}, digest {lines[n]}>" for n in range(a1, a2)]
            out += [f"+{line}" for line in current[b1:b2]]
    return out


def report(old: dict[str, dict[str, object]], pages: dict[str, str]) -> str:
    """What changed, readably: pages gone, pages new, and the first changed pages' diffs."""
    new = snapshot_of(pages)
    gone = sorted(set(old) - set(new))
    added = sorted(set(new) - set(old))
    changed = sorted(p for p in set(old) & set(new) if old[p]["sha256"] != new[p]["sha256"])
    text = [f"{len(changed)} page(s) changed, {len(added)} new, {len(gone)} gone."]
    text += [f"  gone: {path}" for path in gone] + [f"  new: {path}" for path in added]
    text += [f"  changed: {path}" for path in changed]
    for path in changed[:SHOWN_PAGES]:
        lines = old[path]["lines"]
        assert isinstance(lines, list)
        diff = page_diff(path, pages[path], lines)
        text += ["", *diff[:SHOWN_LINES]]
        if len(diff) > SHOWN_LINES:
            text.append(f"... {len(diff) - SHOWN_LINES} more diff lines")
    text += ["", "If the change is meant: pytest tests/test_snapshot.py --update-snapshot"]
    return "\n".join(text)


@pytest.fixture(scope="module")
def real_pages() -> dict[str, str]:
    briefing = load_briefing(ROOT / "data").briefing
    assert briefing is not None
    return dict(render_site(briefing).items())


def test_real_pages_match_the_snapshot(real_pages: dict[str, str], update_snapshot: bool) -> None:
    if update_snapshot:
        entries = [
            f"{json.dumps(path)}:{json.dumps(entry, separators=(',', ':'))}"
            for path, entry in snapshot_of(real_pages).items()
        ]
        SNAPSHOT.write_text("{\n" + ",\n".join(entries) + "\n}\n", "utf-8")
    old = json.loads(SNAPSHOT.read_text("utf-8"))
    if old != snapshot_of(real_pages):
        pytest.fail(report(old, real_pages), pytrace=False)


def test_the_report_names_the_changed_page_and_shows_its_lines(
    real_pages: dict[str, str],
) -> None:
    old = snapshot_of(real_pages)
    changed = dict(real_pages)
    changed["index.md"] = changed["index.md"].replace("\n", "\nA new line.\n", 3)
    del changed["figures/index.md"]
    text = report(old, changed)
    assert text.startswith("1 page(s) changed, 0 new, 1 gone.")
    assert "  changed: index.md" in text and "  gone: figures/index.md" in text
    assert "+A new line." in text and "--- index.md (snapshot)" in text
    assert any(line.startswith(" ") for line in text.splitlines())  # context, as text


def test_snapshot_file_is_one_line_per_page() -> None:
    # One page's change is then a one-line change in review.
    lines = SNAPSHOT.read_text("utf-8").splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert len(lines) == len(json.loads("\n".join(lines))) + 2
