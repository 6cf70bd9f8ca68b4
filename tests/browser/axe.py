"""axe-core in a Playwright page: the serious and critical violations of a rule set or of tags."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

WCAG22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
"""The tags of every WCAG 2.0, 2.1 and 2.2 success criterion at levels A and AA."""

_RUN = """async ({rules, tags, within}) => {
  const options = {resultTypes: ["violations"]};
  if (rules) options.runOnly = {type: "rule", values: rules};
  if (tags) options.runOnly = {type: "tag", values: tags};
  const results = await axe.run(within ? {include: [within]} : document, options);
  return results.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
}"""


def serious_violations(
    page: Page,
    rules: list[str] | None = None,
    tags: list[str] | None = None,
    within: str | None = None,
) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now (all rules unless told; the whole page unless
    `within` selects a part) and return the serious and critical violations."""
    try:
        from axe_playwright_python.base import AXE_FILE_PATH
    except ImportError:
        pytest.fail(
            "axe-core is missing: pip install -e '.[test]' (it comes with axe-playwright-python)",
            pytrace=False,
        )
    page.add_script_tag(path=str(Path(AXE_FILE_PATH)))
    violations: list[dict[str, Any]] = page.evaluate(
        _RUN, {"rules": rules, "tags": tags, "within": within}
    )
    return violations
