"""The package's layout holds: no import cycles, Zope-free cores, no domain module that
imports a REST service or a view. ``python tests/layout/imports.py`` shows the graph."""

from pathlib import Path

import ast
import pytest
import sys


sys.path.insert(0, str(Path(__file__).parent))
import imports  # noqa: E402


GRAPH = imports.graph()

# The cores that run and are tested without Zope (STYLE.md: pure domain logic).
PURE = (
    "kooperation.deadlines",
    "kooperation.registration",
    "kooperation.rotation",
    "kooperation.reporting",
    "kooperation.printing",
    "kooperation.amendments.texts",
    "kooperation.amendments.redline",
    "kooperation.common.german",
    "kooperation.common.phrases",
    "kooperation.common.emails",
    "kooperation.pdfimport.fields",
    "kooperation.pdfimport.layout",
    "kooperation.pdfimport.numbers",
    "kooperation.pdfimport.reader",
    "kooperation.pdfimport.sandbox",
    "kooperation.pdfimport.collector",
    "kooperation.pdfimport.document",
)
ZOPE = {
    "zope",
    "Zope2",
    "ZODB",
    "ZPublisher",
    "Products",
    "plone",
    "Acquisition",
    "persistent",
    "transaction",
    "z3c",
    "five",
    "OFS",
    "AccessControl",
    "BTrees",
    "collective",
}
# Capability cycles that the move of content/ into the capabilities dissolves (issue 21):
# content/meeting.py imports meetings, meetings imports privacy, privacy reads the Person
# schema in content/; agreements' deadlines read the rule history of their amendments.
KNOWN_CAPABILITY_CYCLES = [
    ["agreements", "amendments"],
    ["content", "meetings", "privacy"],
]


def closure(name):
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo.extend(target for target, _line, _top in GRAPH.get(current, ()))
    return seen


def third_party(module):
    path = imports.modules()[module]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_no_module_imports_itself_round_about():
    """Imports inside functions count: hiding an import does not break a cycle."""
    assert imports.cycles(imports.module_edges(GRAPH, top_only=False)) == []


def test_capability_cycles_do_not_grow():
    edges = {a: set(b) for a, b in imports.capability_edges(GRAPH).items()}
    found = imports.cycles(edges)
    assert all(any(set(c) <= set(k) for k in KNOWN_CAPABILITY_CYCLES) for c in found), found


@pytest.mark.parametrize("core", PURE)
def test_pure_cores_import_nothing_from_zope(core):
    modules = {m for m in imports.modules() if m == core or m.startswith(core + ".")}
    assert modules, core
    reached = set().union(*(closure(m) for m in modules))
    zope = {m: sorted(third_party(m) & ZOPE) for m in sorted(reached)}
    assert {m: found for m, found in zope.items() if found} == {}


def test_the_rest_services_are_a_top_layer():
    """Domain modules, views and jobs never import a REST service module; what services
    share lives in common.rest."""
    wrong = [
        f"{name}:{line} -> {target}"
        for name, targets in GRAPH.items()
        if not name.startswith("kooperation.services")
        for target, line, _top in targets
        if target.startswith("kooperation.services")
    ]
    assert wrong == []


# The portal side of the PDF import still lives in pdfimport/browser/importer.py: its
# marker interface IImportedPDF is stored on imported files, so it moves with a module
# alias and an upgrade (issue 21, the move of the layer folders).
KNOWN_VIEW_IMPORTS = ("kooperation.pdfimport.browser.importer",)


def test_views_are_imported_by_nothing_but_their_zcml():
    """A view module (browser) is a leaf: what two views share is not a view."""
    wrong = [
        f"{name}:{line} -> {target}"
        for name, targets in GRAPH.items()
        for target, line, _top in targets
        if ".browser" in target
        and imports.capability(target) != imports.capability(name)
        and target not in KNOWN_VIEW_IMPORTS
    ]
    assert wrong == []


def test_the_graph_script_prints_each_capability_with_its_imports(capsys):
    imports.main()
    lines = capsys.readouterr().out.splitlines()
    assert "deadlines -> common" in lines  # the engine's phrases
    assert "rotation -> common" in lines
