"""Python: imports and their resolution (packages, relative imports, `src/` layouts)."""

from __future__ import annotations

import re

import tree_sitter_python
from tree_sitter import Node

from ..model import ImportRef
from .base import LanguageSpec, ProjectFiles, closest_to, node_text

__all__ = ["PYTHON"]


def extract_imports(node: Node) -> list[ImportRef]:
    """`import a.b, c as d` and `from ..x import y, z as w` to import references."""
    if node.type == "import_statement":
        refs = []
        for name in node.children_by_field_name("name"):
            target = name.child_by_field_name("name") if name.type == "aliased_import" else name
            refs.append(ImportRef(node_text(target)))
        return refs
    module = node.child_by_field_name("module_name")
    text = node_text(module)
    level = len(text) - len(text.lstrip("."))
    names = []
    for name in node.children_by_field_name("name"):
        target = name.child_by_field_name("name") if name.type == "aliased_import" else name
        names.append(node_text(target))
    return [ImportRef(text.lstrip("."), tuple(names), level)]


def _module_table(project: ProjectFiles) -> dict[str, tuple[str, ...]]:
    """Dotted module name → files that can be imported under it.

    A file's name runs from the topmost folder of its package chain (folders with
    `__init__.py`), which handles `src/` layouts and scripts beside tests; the path from the
    repo root is added too, for namespace packages.
    """
    cached = project.cache.get("python.modules")
    if cached is not None:
        return cached
    table: dict[str, list[str]] = {}
    for path in sorted(project.paths):
        if not path.endswith((".py", ".pyi")):
            continue
        parts = path[: path.rfind(".")].split("/")
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names = {".".join(parts)}
        folder = path.rpartition("/")[0]
        depth = 0  # how many folders above the file belong to its package chain
        while folder and f"{folder}/__init__.py" in project.paths:
            depth += 1
            folder = folder.rpartition("/")[0]
        start = len(path.split("/")) - 1 - depth
        names.add(".".join(parts[start:]))
        for name in names:
            if name:
                table.setdefault(name, []).append(path)
    result = {name: tuple(paths) for name, paths in table.items()}
    project.cache["python.modules"] = result
    return result


def _by_path(project: ProjectFiles, base: str) -> tuple[str, ...]:
    for candidate in (f"{base}.py", f"{base}/__init__.py", f"{base}.pyi"):
        if candidate in project.paths:
            return (candidate,)
    return ()


def resolve(project: ProjectFiles, importer: str, ref: ImportRef) -> tuple[str, ...]:
    """The repo files an import refers to: the module, and imported submodules."""
    found: list[str] = []
    if ref.level:
        folder = importer.rpartition("/")[0]
        for _ in range(ref.level - 1):
            folder = folder.rpartition("/")[0]
        base = "/".join(p for p in (folder, ref.module.replace(".", "/")) if p)
        for name in ref.names or ("",):
            sub = _by_path(project, f"{base}/{name}") if name and name != "*" else ()
            found.extend(sub or _by_path(project, base))
    else:
        table = _module_table(project)
        for name in ref.names or ("",):
            sub = table.get(f"{ref.module}.{name}", ()) if name and name != "*" else ()
            found.extend(closest_to(sub or table.get(ref.module, ()), importer))
    return tuple(sorted(set(found)))


PYTHON = LanguageSpec(
    name="python",
    extensions=(".py", ".pyi"),
    grammar=tree_sitter_python.language,
    query="python",
    extract_imports=extract_imports,
    resolve=resolve,
    test_path=re.compile(r"(^|/)(tests?/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)"),
)
