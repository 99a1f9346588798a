"""The package's import graph by capability (folder), read from the source with ``ast``.

``python tests/layout/imports.py`` prints each capability's imports, the imports that run
against ``ORDER`` (upward) and the cycles between modules; test_layout_imports.py holds
the package to it. Imports inside functions count too: hiding one does not make it go away.
"""

from pathlib import Path

import ast
import sys


PACKAGE = "kooperation"
ROOT = Path(__file__).resolve().parents[2] / "src" / PACKAGE


def module_name(path):
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules():
    """{module: path} of every Python module of the package."""
    return {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def imports(path, name, known):
    """[(imported module, line, top level?)] of the package's own modules."""
    tree = ast.parse(path.read_text(), str(path))
    is_package = path.name == "__init__.py"
    found = []
    top = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = name.split(".") if is_package else name.split(".")[:-1]
                parent = parent[: len(parent) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and target.startswith(PACKAGE + "."):
                found.append((target, node.lineno, id(node) in top))
                break
    return found


def capability(module):
    """The first folder (or module) below the package: kooperation.meetings.browser → meetings."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def graph():
    known = modules()
    return {name: imports(path, name, known) for name, path in known.items()}


def cycles(edges):
    """Strongly connected groups (more than one module) of the module graph (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(10000)
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def module_edges(found, top_only=True):
    return {
        name: sorted({t for t, _line, top in targets if top or not top_only})
        for name, targets in found.items()
    }


def capability_edges(found):
    """{capability: {imported capability: [module:line, ...]}}"""
    edges = {}
    for name, targets in found.items():
        for target, line, _top in targets:
            a, b = capability(name), capability(target)
            if a != b:
                edges.setdefault(a, {}).setdefault(b, []).append(f"{name}:{line}")
    return edges


def main():
    found = graph()
    edges = capability_edges(found)
    for name in sorted(edges):
        print(f"{name or '(package)'} -> {', '.join(sorted(edges[name]))}")
    print()
    caps = {a: set(b) for a, b in edges.items()}
    for group in cycles(caps):
        print("capability cycle:", " ".join(group))
        for a in group:
            for b in group:
                if b in edges.get(a, {}):
                    print(f"  {a} -> {b}: {', '.join(edges[a][b][:4])}")
    for group in cycles(module_edges(found, top_only=False)):
        print("module cycle:", " ".join(group))


if __name__ == "__main__":
    main()
