"""docs/api/ covers what the package offers: every REST service, every workflow transition,
and its example files (no file without a link, no link without a file).

A service is documented by a heading ``## <METHOD> <name>`` on any page of docs/api/
(``## POST @signatures``); a service without a name (a verb on the object itself) by
``## <METHOD> <type>`` with the type its ``for`` interface names (``IRegistration`` →
``## DELETE <registration>``). A heading may go on after the name (``## GET @deadlines of a
network``). A transition is documented in docs/api/workflows.md by a table row starting with
its id in backticks under the heading ``## <workflow id>``.
"""

from lxml import etree
from pathlib import Path

import pytest
import re


REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "kooperation"
DOCS = REPO / "docs" / "api"
EXAMPLES = DOCS / "examples"
PLONE = "http://namespaces.plone.org/plone"
HEADING = re.compile(r"^## (GET|POST|PATCH|PUT|DELETE) (@[\w-]+|<[a-z-]+>)(?:\s|$)", re.M)
LINK = re.compile(r"\]\((examples/[^)\s]+)\)")


def registered_services():
    """{(method, name)} of every plone:service in the package's ZCML files."""
    services = {}
    for path in sorted(PACKAGE.rglob("*.zcml")):
        for element in etree.parse(str(path)).iter(f"{{{PLONE}}}service"):
            name = element.get("name")
            if not name:
                interface = element.get("for").rsplit(".", 1)[-1]
                name = f"<{interface.removeprefix('I').lower()}>"
            services[(element.get("method").upper(), name)] = path.relative_to(REPO)
    return services


def documented_services():
    found = set()
    for page in DOCS.glob("*.md"):
        found.update(HEADING.findall(page.read_text(encoding="utf-8")))
    return found


def workflows():
    """{workflow id: [transition ids]} of the package's workflow definitions."""
    result = {}
    folder = PACKAGE / "profiles" / "default" / "workflows"
    for path in sorted(folder.glob("*/definition.xml")):
        root = etree.parse(str(path)).getroot()
        result[root.get("workflow_id")] = [t.get("transition_id") for t in root.iter("transition")]
    return result


def workflow_sections():
    """{workflow id: its section's text} of docs/api/workflows.md."""
    text = (DOCS / "workflows.md").read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.M)[1:]
    return {part.split("\n", 1)[0].strip(): part for part in parts}


def test_services_are_found():
    services = registered_services()
    assert ("POST", "@signatures") in services
    assert ("DELETE", "<registration>") in services
    assert len(services) > 25


def test_every_service_has_an_entry():
    services = registered_services()
    missing = sorted(set(services) - documented_services())
    assert not missing, "Services without an entry in docs/api/ (a heading '## METHOD name'):\n" + (
        "\n".join(f"  ## {method} {name}   ({services[method, name]})" for method, name in missing)
    )


def test_no_entry_without_a_service():
    stale = sorted(documented_services() - set(registered_services()))
    assert not stale, f"docs/api/ documents services that are not registered: {stale}"


@pytest.mark.parametrize("workflow", sorted(workflows()))
def test_every_transition_has_an_entry(workflow):
    sections = workflow_sections()
    assert workflow in sections, f"docs/api/workflows.md has no section '## {workflow}'"
    section = sections[workflow]
    missing = [
        transition
        for transition in workflows()[workflow]
        if not re.search(rf"^\| `{re.escape(transition)}` \|", section, re.M)
    ]
    assert not missing, f"docs/api/workflows.md, ## {workflow}: no row for {missing}"


def test_every_example_is_linked_and_every_link_has_a_file():
    linked = set()
    for page in DOCS.glob("*.md"):
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            linked.add(target)
    files = {f"examples/{path.name}" for path in EXAMPLES.iterdir()}
    assert sorted(linked - files) == [], "links to example files that do not exist"
    assert sorted(files - linked) == [], "example files no page links"
    pairs = {name.rsplit(".", 1)[0] for name in files}
    for stem in pairs:
        assert {f"{stem}.req", f"{stem}.resp"} <= files, f"{stem}: request or response missing"


def test_the_readme_links_the_reference():
    assert "docs/api/README.md" in (REPO / "README.md").read_text(encoding="utf-8")
