"""axe-core in the browser tests: inject the vendored axe.min.js (axe/README.md) and run it."""

from pathlib import Path


AXE = Path(__file__).resolve().parent / "axe" / "axe.min.js"
# BITV 2.0 points to EN 301 549, which requires WCAG 2.1 level AA.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING = ("critical", "serious")


def axe_violations(page):
    """The violations axe finds on the page as it is now: [{id, impact, help, nodes}]."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                               resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                          html: n.html.slice(0, 200),
                                          summary: n.failureSummary}))}));
        }""",
        TAGS,
    )
    return result


def serious(violations):
    return [v for v in violations if v["impact"] in FAILING]


def describe(violations):
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']} ({v['help']}), {len(v['nodes'])}×")
        for node in v["nodes"][:20]:
            lines.append(f"    {node['target']}: {node['html'][:120]}")
            if v["id"] == "color-contrast":
                lines.append("      " + node["summary"].splitlines()[-1])
    return "\n".join(lines)
