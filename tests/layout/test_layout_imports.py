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
    "kooperation.meetings.rotation",
    "kooperation.members.reporting",
    "kooperation.printing",
    "kooperation.amendments.texts",
    "kooperation.amendments.redline",
    "kooperation.common.german",
    "kooperation.common.phrases",
    "kooperation.common.emails",
    "kooperation.common.html",
    "kooperation.common.csvsafe",
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


def own_module(node):
    """Does the import statement ``node`` import one of the package's modules?"""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        names = ["kooperation." if node.level else node.module or ""]
    return any(name == "kooperation" or name.startswith("kooperation.") for name in names)


def hidden_imports(tree):
    """The statements of ``tree`` that import a package module inside a function."""
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            if in_function and isinstance(child, ast.Import | ast.ImportFrom) and own_module(child):
                found.append(child)
            visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    visit(tree, False)
    return found


def reason(line):
    """The comment of a source line (a ``noqa`` is no reason)."""
    if "#" not in line:
        return ""
    comment = line.split("#", 1)[1].strip()
    return "" if comment.lower().startswith("noqa") else comment


def test_hidden_imports_of_the_package_say_why():
    """Imports at the module top; one inside a function states its reason on its line
    (``# lazy: imports Plone`` in the CLI), so none stays hidden just because it was."""
    wrong = []
    for name, path in imports.modules().items():
        lines = path.read_text().splitlines()
        for node in hidden_imports(ast.parse("\n".join(lines), str(path))):
            if not reason(lines[node.lineno - 1]):
                wrong.append(f"{name}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    assert wrong == []


def test_a_hidden_import_without_a_comment_is_found():
    source = (
        "import kooperation\n"
        "def f():\n"
        "    from kooperation.audit import log_event\n"
        "    from kooperation.sitesetup import ensure_site  # lazy: imports Plone\n"
        "    from plone import api\n"
        "    import kooperation.jobs  # noqa: F401\n"
        "class C:\n"
        "    def m(self):\n"
        "        from . import moved\n"
    )
    lines = source.splitlines()
    found = [
        (n.lineno, bool(reason(lines[n.lineno - 1]))) for n in hidden_imports(ast.parse(source))
    ]
    assert found == [(3, False), (4, True), (6, False), (9, False)]


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
    assert "printing -> common" in lines
