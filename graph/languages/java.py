"""Java: imports and their resolution by path suffix.

Import references: `import a.b.C;` → `ImportRef("a.b.C")`; `import a.b.*;` →
`ImportRef("a.b", ("*",))`; `import static a.b.C.m;` → `ImportRef("a.b.C", ("m",))` and
`import static a.b.C.*;` → `ImportRef("a.b.C", ("*",))`: the module is always a class or a
package, the names what is taken from it.

Resolution ignores source roots (`src/main/java/`, module folders...): `a.b.C` is any file whose
path ends with `a/b/C.java`; a nested class `a.b.C.Inner` falls back to `a/b/C.java`. A `*`
import names a class (static import) when such a file exists, else a package: every `.java`
file directly in a folder ending with `a/b`. JDK and library classes resolve to ().
"""

from __future__ import annotations

import re

import tree_sitter_java
from tree_sitter import Node

from ..model import ImportRef
from .base import LanguageSpec, ProjectFiles, node_text

__all__ = ["JAVA"]


def extract_imports(node: Node) -> list[ImportRef]:
    """An `import` declaration to its import reference."""
    static = any(child.type == "static" for child in node.children)
    wildcard = any(child.type == "asterisk" for child in node.named_children)
    target = next((c for c in node.named_children if c.type != "asterisk"), None)
    name = "".join(node_text(target).split())
    if not name:
        return []
    if wildcard:
        return [ImportRef(name, ("*",))]
    if static:
        owner, _, member = name.rpartition(".")
        return [ImportRef(owner, (member,))] if owner else []
    return [ImportRef(name)]


def _suffix_tables(project: ProjectFiles) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Path suffixes (`a/b/C`, `b/C`, `C`) → class files; folder suffixes → folders."""
    cached = project.cache.get("java.suffixes")
    if cached is not None:
        return cached
    classes: dict[str, list[str]] = {}
    folders: dict[str, list[str]] = {}
    for folder, files in project.directories.items():
        java = [f for f in files if f.endswith(".java")]
        if not java:
            continue
        for suffix in _suffixes(folder):
            folders.setdefault(suffix, []).append(folder)
        for path in java:
            for suffix in _suffixes(path.removesuffix(".java")):
                classes.setdefault(suffix, []).append(path)
    project.cache["java.suffixes"] = (classes, folders)
    return classes, folders


def _suffixes(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[i:]) for i in range(len(parts))] if path else []


def _class_files(project: ProjectFiles, dotted: str) -> list[str]:
    """Files of a class, or of the outermost class holding a nested one (`a.b.C.Inner`)."""
    classes, _ = _suffix_tables(project)
    parts = dotted.split(".")
    # At least a package and a class: classes of the default package cannot be imported.
    while len(parts) >= 2:
        found = classes.get("/".join(parts))
        if found:
            return found
        parts.pop()
    return []


def _package_files(project: ProjectFiles, dotted: str) -> list[str]:
    _, folders = _suffix_tables(project)
    found = []
    for folder in folders.get(dotted.replace(".", "/"), []):
        found.extend(f for f in project.directories[folder] if f.endswith(".java"))
    return found


def resolve(project: ProjectFiles, importer: str, ref: ImportRef) -> tuple[str, ...]:
    """The class files (or a package's files, for `*`) an import names; () outside the repo."""
    if ref.names == ("*",):  # a class's static members, or a package
        classes, _ = _suffix_tables(project)
        found = classes.get(ref.module.replace(".", "/"), []) or _package_files(project, ref.module)
        found = found or _class_files(project, ref.module)  # members of a nested class
    else:
        found = _class_files(project, ref.module)
    return tuple(sorted(set(found)))


JAVA = LanguageSpec(
    name="java",
    extensions=(".java",),
    grammar=tree_sitter_java.language,
    query="java",
    extract_imports=extract_imports,
    resolve=resolve,
    test_path=re.compile(r"(^|/)src/test/|Tests?\.java$"),
)
