"""axe-core accessibility checks for the browser tests.

axe-core comes from npm at the version pinned in package.json (``./scripts/setup``
installs it into node_modules/); it is injected into the page from that local file, never
from a network. The application's Content-Security-Policy forbids inline scripts, so pages
checked here must come from a browser context made with ``bypass_csp=True``
(``AXE_CONTEXT_OPTIONS``).

Usage in a browser test::

    from accessibility import AXE_CONTEXT_OPTIONS, axe_violations, format_violations

    context = browser.new_context(**AXE_CONTEXT_OPTIONS)
    page = context.new_page()
    page.goto(url)
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pytest
from playwright.sync_api import Error as PlaywrightError

REPO: Final = Path(__file__).resolve().parent.parent
AXE_SCRIPT: Final = REPO / "node_modules" / "axe-core" / "axe.min.js"
#: The WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA.
WCAG_TAGS: Final = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
#: Browser-context options that let the axe script run despite the page's CSP.
AXE_CONTEXT_OPTIONS: Final[dict[str, Any]] = {"bypass_csp": True}

_RUN_AXE: Final = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact || "",
    help: violation.help,
    help_url: violation.helpUrl,
    nodes: violation.nodes.map((node) => ({
      target: node.target.map(String).join(" "),
      html: node.html,
      summary: node.failureSummary || "",
    })),
  }));
}"""


@dataclass(frozen=True)
class AxeNode:
    """One element that breaks a rule."""

    target: str
    html: str
    summary: str


@dataclass(frozen=True)
class AxeViolation:
    """One axe rule broken on a page, with the elements that break it."""

    id: str
    impact: str
    help: str
    help_url: str
    nodes: tuple[AxeNode, ...]


def axe_violations(page: Any, tags: tuple[str, ...] = WCAG_TAGS) -> list[AxeViolation]:
    """Run axe-core over ``page`` (a Playwright page) for the rules tagged ``tags``.

    Fails the calling test, with the command that installs it, when axe-core is missing.
    """
    if not AXE_SCRIPT.exists():
        pytest.fail(
            f"{AXE_SCRIPT.relative_to(REPO)} is missing: run ./scripts/setup "
            "(it installs axe-core from npm with `npm ci`)",
            pytrace=False,
        )
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        try:
            page.add_script_tag(path=str(AXE_SCRIPT))
        except PlaywrightError as error:
            pytest.fail(
                "axe-core did not load: make the browser context with AXE_CONTEXT_OPTIONS "
                f"(bypass_csp=True) when the page's Content-Security-Policy blocks it ({error})",
                pytrace=False,
            )
    raw: list[dict[str, Any]] = page.evaluate(_RUN_AXE, list(tags))
    return [
        AxeViolation(
            id=item["id"],
            impact=item["impact"],
            help=item["help"],
            help_url=item["help_url"],
            nodes=tuple(
                AxeNode(target=node["target"], html=node["html"], summary=node["summary"])
                for node in item["nodes"]
            ),
        )
        for item in raw
    ]


def format_violations(violations: list[AxeViolation], where: str = "", max_nodes: int = 5) -> str:
    """A readable report of ``violations`` (at most ``max_nodes`` elements per rule)."""
    count = sum(len(violation.nodes) for violation in violations)
    place = f" on {where}" if where else ""
    lines = [f"{len(violations)} axe rule(s) broken by {count} element(s){place}:"]
    for violation in violations:
        lines.append(
            f"- {violation.id} [{violation.impact}]: {violation.help} ({violation.help_url})"
        )
        for node in violation.nodes[:max_nodes]:
            lines.append(f"    at {node.target}: {node.html[:160]}")
            for detail in node.summary.splitlines():
                if detail.strip():
                    lines.append(f"      {detail.strip()}")
        if len(violation.nodes) > max_nodes:
            lines.append(f"    … and {len(violation.nodes) - max_nodes} more")
    return "\n".join(lines)
