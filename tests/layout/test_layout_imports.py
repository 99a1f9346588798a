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
    "kooperation.registrations.rules",
    "kooperation.registrations.export",
    "kooperation.rotation",
    "kooperation.reporting",
    "kooperation.printing",
    "kooperation.amendments.texts",
    "kooperation.amendments.redline",
    "kooperation.common.german",
    "kooperation.common.phrases",
    "kooperation.common.emails",
    "kooperation.common.html",
    "kooperation.pdfimport.fields",
    "kooperation.pdfimport.layout",
    "kooperation.pdfimport.numbers",
    "kooperation.pdfimport.reader",
    "kooperation.pdfimport.sandbox",
    "kooperation.pdfimport.collector",
    "kooperation.pdfimport.document",
    "kooperation.esign.validation",
    "kooperation.esign.form",
    "kooperation.esign.messages",
    "kooperation.esign.reportpdf",
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


def test_no_capability_imports_itself_round_about():
    """Folder by folder: a capability imports common/ and those below it, never one that
    imports it back (agreements ask their amendments through IAgreementHistory)."""
    edges = {a: set(b) for a, b in imports.capability_edges(GRAPH).items()}
    assert imports.cycles(edges) == []


@pytest.mark.parametrize("core", PURE)
def test_pure_cores_import_nothing_from_zope(core):
    modules = {m for m in imports.modules() if m == core or m.startswith(core + ".")}
    assert modules, core
    reached = set().union(*(closure(m) for m in modules))
    zope = {m: sorted(third_party(m) & ZOPE) for m in sorted(reached)}
    assert {m: found for m, found in zope.items() if found} == {}


def is_service(module):
    return ".services." in module + "."


def test_the_rest_services_are_a_top_layer():
    """Domain modules, views and jobs never import a REST service module (a capability's
    services/ package); what services share lives in common.rest."""
    wrong = [
        f"{name}:{line} -> {target}"
        for name, targets in GRAPH.items()
        if not is_service(name)
        for target, line, _top in targets
        if is_service(target)
    ]
    assert wrong == []


def test_every_service_lives_in_its_capability():
    assert not [m for m in imports.modules() if m.startswith("kooperation.services")]


def test_views_are_imported_by_nothing_but_their_zcml():
    """A view module (browser) is a leaf: what two views share is not a view."""
    wrong = [
        f"{name}:{line} -> {target}"
        for name, targets in GRAPH.items()
        for target, line, _top in targets
        if ".browser" in target and imports.capability(target) != imports.capability(name)
    ]
    assert wrong == []


def test_the_graph_script_prints_each_capability_with_its_imports(capsys):
    imports.main()
    lines = capsys.readouterr().out.splitlines()
    assert "deadlines -> common" in lines  # the engine's phrases
    assert "rotation -> common" in lines
