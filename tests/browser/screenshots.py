"""Screenshots of every kind of page, desktop and phone, light and dark, for a person to look at.

    .venv/bin/python tests/browser/screenshots.py [--out DIR] [--data DIR]

(defaults: /tmp/shots, the repository's data/)

Builds the real site in a temporary folder, serves it on 127.0.0.1 and drives Debian's Chromium.
Each page is shot at the top of the page, and once more at a claim deep in the theme page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    PAGE_TYPES,
    PHONE,
    REAL_DATA,
    build_sites,
    chromium_missing,
    serve,
)
from playwright.sync_api import sync_playwright

SIZES = {"desktop": DESKTOP, "phone": PHONE}
SCHEMES = ("light", "dark")


def main(out: Path, data: Path) -> int:
    problem = chromium_missing()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        roots = build_sites({"real": (data, Path(tmp))})
        with serve(roots["real"]) as site, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            pages = {name: site.page_types[name] for name in PAGE_TYPES}
            pages["claim"] = site.deep_claim["url"]
            for size, viewport in SIZES.items():
                for scheme in SCHEMES:
                    context = browser.new_context(viewport=viewport, color_scheme=scheme)
                    page = context.new_page()
                    for name, path in pages.items():
                        page.goto(site.page(path), wait_until="load")
                        page.wait_for_timeout(150)  # let Material settle the header and toc
                        shot = out / f"{name}-{size}-{scheme}.png"
                        page.screenshot(path=str(shot))
                        print(shot)
                    context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/shots"), help="where to write")
    parser.add_argument("--data", type=Path, default=REAL_DATA, help="the briefing's data folder")
    arguments = parser.parse_args()
    raise SystemExit(main(arguments.out, arguments.data.resolve()))
