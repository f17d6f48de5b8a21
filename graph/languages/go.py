"""Go: imports and their resolution through the repo's go.mod files.

An import reference's `module` is the import path without quotes (`fmt`, `github.com/x/y/z`),
one per import spec, grouped or not.

An import path equal to, or under, the `module` path of a go.mod in the repo names the folder
(module folder + the rest of the path); it resolves to the `.go` files directly in that folder,
without `_test.go` files unless the importer is a test itself. With nested modules the longest
module path wins, as in Go. The standard library and other modules resolve to ().
"""

from __future__ import annotations

import re

import tree_sitter_go
from tree_sitter import Node

from ..model import ImportRef
from .base import LanguageSpec, ProjectFiles, node_text

__all__ = ["GO"]

_MODULE_LINE = re.compile(r"^\s*module\s+\"?([^\s\"]+)", re.M)
_TEST_FILE = re.compile(r"_test\.go$")


def extract_imports(node: Node) -> list[ImportRef]:
    """An `import` declaration (one spec or a parenthesised group) to import references."""
    refs = []
    specs = [node]
    while specs:
        current = specs.pop(0)
        for child in current.named_children:
            if child.type == "import_spec":
                path = node_text(child.child_by_field_name("path")).strip('"`')
                if path:
                    refs.append(ImportRef(path))
            elif child.type == "import_spec_list":
                specs.append(child)
    return refs


def _modules(project: ProjectFiles) -> tuple[tuple[str, str], ...]:
    """(module path, module folder) of every go.mod, longest module path first."""
    cached = project.cache.get("go.modules")
    if cached is not None:
        return cached
    modules = []
    for path in project.named("go.mod"):
        match = _MODULE_LINE.search(project.read_text(path) or "")
        if match:
            modules.append((match.group(1), path.rpartition("/")[0]))
    result = tuple(sorted(modules, key=lambda m: (-len(m[0]), m)))
    project.cache["go.modules"] = result
    return result


def _package_folder(project: ProjectFiles, import_path: str) -> str | None:
    for module, folder in _modules(project):
        if import_path == module or import_path.startswith(f"{module}/"):
            rest = import_path[len(module) :].strip("/")
            return "/".join(p for p in (folder, rest) if p)
    return None


def resolve(project: ProjectFiles, importer: str, ref: ImportRef) -> tuple[str, ...]:
    """The package's files for an import of a module in the repo, else ()."""
    folder = _package_folder(project, ref.module)
    if folder is None:
        return ()
    with_tests = bool(_TEST_FILE.search(importer))
    return tuple(
        path
        for path in project.directories.get(folder, ())
        if path.endswith(".go") and (with_tests or not _TEST_FILE.search(path))
    )


GO = LanguageSpec(
    name="go",
    extensions=(".go",),
    grammar=tree_sitter_go.language,
    query="go",
    extract_imports=extract_imports,
    resolve=resolve,
    test_path=_TEST_FILE,
)
