"""Rust: `mod`, `use` and `extern crate`, and their resolution to files of the crate.

Import references, with `::` paths as written:
- `mod foo;` (a module declared without a body) → `ImportRef("mod:foo")`; inside inline modules
  `mod a { mod b; }` → `mod:a::b`; with `#[path = "x.rs"]` (outside inline modules) →
  `ImportRef("path:x.rs")`, a file path relative to the importer's folder;
- `use crate::a::b::{C, d::E};` → `ImportRef("crate::a::b", ("C", "d::E"))`: the path before a
  brace list is the module, the list's items its names (`*` for a glob, `self` for the module);
  a plain `use a::b::C;` is `ImportRef("a::b::C")`; nested lists give one reference each;
- `self::`/`super::` paths are rewritten relative to the file's module when the `use` sits in an
  inline module (`mod tests { use super::*; }` → `self`, names `*`: the file itself);
- `extern crate serde;` → `ImportRef("serde")`, like `use serde;`.

Resolution: a path starts from a base folder, `crate::` at the crate root (the folder of the
nearest lib.rs/main.rs), `self::` at the importer's module folder, `super::` one module up, and
a crate name of the workspace (Cargo.toml `[package] name`, `-` read as `_`) at that crate's root.
Other paths are tried relative to the importer's module (2018 edition), then to the crate root
(2015 edition), then given up as external. The longest prefix of the path that names a file
wins (`a/b.rs` or `a/b/mod.rs`, then `a.rs`...), else the base module's own file (items defined
in lib.rs).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

import tree_sitter_rust
from tree_sitter import Node

from ..model import ImportRef
from .base import LanguageSpec, ProjectFiles, node_text

__all__ = ["RUST"]

_MOD_PREFIX = "mod:"
_PATH_PREFIX = "path:"
_ROOT_FILES = ("lib.rs", "main.rs")
# Files of the module whose children live in their folder.
_FOLDER_MODULES = ("mod.rs", "lib.rs", "main.rs")
# Cargo target folders beside Cargo.toml: integration tests, examples, benchmarks.
_TARGET_FOLDERS = frozenset({"tests", "examples", "benches"})
_PATH_ITEMS = ("identifier", "scoped_identifier", "self", "crate", "super")


# --- Extraction -------------------------------------------------------------------------------


def extract_imports(node: Node) -> list[ImportRef]:
    """A `use`, `extern crate` or body-less `mod` item to import references."""
    inline = _inline_modules(node)
    if node.type == "mod_item":
        path = _path_attribute(node)
        if path and not inline:
            return [ImportRef(_PATH_PREFIX + path)]
        name = node_text(node.child_by_field_name("name"))
        return [ImportRef(_MOD_PREFIX + "::".join([*inline, name]))]
    if node.type == "extern_crate_declaration":
        return [ImportRef(node_text(node.child_by_field_name("name")))]
    argument = node.child_by_field_name("argument")
    if argument is None:
        return []
    refs = _use_tree(argument, "")
    return [ImportRef(_relative(r.module, inline), r.names) for r in refs if r.module]


def _path_attribute(node: Node) -> str:
    """The file a `#[path = "x.rs"]` attribute before a `mod` item names ("" without one)."""
    sibling = node.prev_named_sibling
    while sibling is not None and sibling.type == "attribute_item":
        attribute = sibling.named_children[0] if sibling.named_children else None
        if attribute is not None and node_text(attribute.named_children[0]) == "path":
            value = attribute.child_by_field_name("value")
            return node_text(value).strip('"') if value is not None else ""
        sibling = sibling.prev_named_sibling
    return ""


def _inline_modules(node: Node) -> list[str]:
    """Names of the inline `mod x { ... }` blocks around a node, outermost first."""
    names = []
    parent = node.parent
    while parent is not None:
        if parent.type == "mod_item" and parent.child_by_field_name("body") is not None:
            names.append(node_text(parent.child_by_field_name("name")))
        parent = parent.parent
    return names[::-1]


def _use_tree(node: Node, prefix: str) -> list[ImportRef]:
    if node.type == "use_list":
        return _use_list(node, prefix)
    if node.type == "scoped_use_list":
        path = _join(prefix, _path_text(node.child_by_field_name("path")))
        items = node.child_by_field_name("list")
        return _use_list(items, path) if items is not None else []
    if node.type == "use_wildcard":
        inner = node.named_children[0] if node.named_children else None
        return [ImportRef(_join(prefix, _path_text(inner)), ("*",))]
    if node.type == "use_as_clause":
        return [ImportRef(_join(prefix, _path_text(node.child_by_field_name("path"))))]
    return [ImportRef(_join(prefix, _path_text(node)))]


def _use_list(node: Node, prefix: str) -> list[ImportRef]:
    names: list[str] = []
    refs: list[ImportRef] = []
    for child in node.named_children:
        if child.type in _PATH_ITEMS and prefix:
            names.append(_path_text(child))
        elif child.type == "use_as_clause" and prefix:
            names.append(_path_text(child.child_by_field_name("path")))
        else:  # nested lists, globs, and items of a top-level `use {a, b}`
            refs.extend(_use_tree(child, prefix))
    return [ImportRef(prefix, tuple(names)), *refs] if names else refs


def _path_text(node: Node | None) -> str:
    return "".join(node_text(node).split()).lstrip(":")


def _join(prefix: str, path: str) -> str:
    return f"{prefix}::{path}" if prefix and path else prefix or path


def _relative(path: str, inline: list[str]) -> str:
    """A `self::`/`super::` path seen from inline modules, re-expressed from the file's module."""
    segments = path.split("::")
    if not inline or segments[0] not in ("self", "super"):
        return path
    stack = list(inline)
    ups = 0
    while segments and segments[0] in ("self", "super"):
        if segments.pop(0) == "super":
            if stack:
                stack.pop()
            else:
                ups += 1
    head = ["super"] * ups if ups else ["self"]
    return "::".join([*head, *stack, *segments])


# --- Crates -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Base:
    """Where a path starts: the folder of the module's children and the module's own file."""

    folder: str
    file: str | None


def _crates(project: ProjectFiles) -> dict[str, _Base]:
    """Workspace crate name (`-` as `_`) → its library root."""
    cached = project.cache.get("rust.crates")
    if cached is not None:
        return cached
    table: dict[str, _Base] = {}
    for manifest in project.named("Cargo.toml"):
        sections = _toml_sections(project.read_text(manifest) or "")
        package, lib = sections.get("package", {}), sections.get("lib", {})
        name = lib.get("name") or package.get("name")
        folder = manifest.rpartition("/")[0]
        root = _path(folder, lib.get("path", "src/lib.rs"))
        if name and root in project.paths:
            table.setdefault(name.replace("-", "_"), _Base(root.rpartition("/")[0], root))
    project.cache["rust.crates"] = table
    return table


_SECTION = re.compile(r"^\s*\[([^\]\[]+)\]\s*(#.*)?$")
_STRING_KEY = re.compile(r'^\s*(name|path)\s*=\s*"([^"]*)"')


def _toml_sections(text: str) -> dict[str, dict[str, str]]:
    """The `name`/`path` string keys per `[section]` of a Cargo.toml (enough for crate roots)."""
    sections: dict[str, dict[str, str]] = {}
    current = ""
    for line in text.splitlines():
        header = _SECTION.match(line)
        if header:
            current = header.group(1).strip()
            continue
        key = _STRING_KEY.match(line)
        if key:
            sections.setdefault(current, {}).setdefault(key.group(1), key.group(2))
    return sections


def _crate_root(project: ProjectFiles, importer: str) -> _Base | None:
    """The root of the importer's crate: the nearest lib.rs/main.rs up to the package folder."""
    roots: dict[str, _Base | None] = project.cache.setdefault("rust.roots", {})
    folder = importer.rpartition("/")[0]
    if folder not in roots:
        roots[folder] = _find_root(project, folder)
    return roots[folder]


def _find_root(project: ProjectFiles, folder: str) -> _Base | None:
    while True:
        target = _target_root(project, folder)
        if target is not None:
            return target
        candidates = [_path(folder, name) for name in _ROOT_FILES]
        if _path(folder, "Cargo.toml") in project.paths:
            candidates += [_path(folder, f"src/{name}") for name in _ROOT_FILES]
        for candidate in candidates:
            if candidate in project.paths:
                return _Base(candidate.rpartition("/")[0], candidate)
        if not folder or _path(folder, "Cargo.toml") in project.paths:
            return None
        folder = folder.rpartition("/")[0]


# --- Modules ----------------------------------------------------------------------------------


def _path(folder: str, relative: str) -> str:
    return f"{folder}/{relative}" if folder else relative


def _target_root(project: ProjectFiles, folder: str) -> _Base | None:
    """A target folder (`tests/`, `examples/`, `benches/` beside Cargo.toml, or `src/bin/`)
    is the root folder of its crates; its root file is `tests/tests.rs`-style or main.rs when
    one gathers the others as modules, else each file is a crate root of its own."""
    parent, _, name = folder.rpartition("/")
    binaries = name == "bin" and parent.rpartition("/")[2] == "src"
    beside_manifest = name in _TARGET_FOLDERS and _path(parent, "Cargo.toml") in project.paths
    if not (binaries or beside_manifest):
        return None
    gatherer = next(
        (c for c in (f"{folder}/{name}.rs", f"{folder}/main.rs") if c in project.paths), None
    )
    return _Base(folder, gatherer)


def _is_crate_root(project: ProjectFiles, path: str) -> bool:
    folder, _, name = path.rpartition("/")
    if name in _ROOT_FILES:
        return True
    target = _target_root(project, folder)
    return target is not None and target.file in (None, path)


def _module_folder(project: ProjectFiles, path: str) -> str:
    """Where a file's child modules live: beside mod.rs/lib.rs/main.rs, else in `<stem>/`."""
    folder, _, name = path.rpartition("/")
    if name == "mod.rs" or _is_crate_root(project, path):
        return folder
    return _path(folder, name.removesuffix(".rs"))


def _module_file(project: ProjectFiles, folder: str) -> str | None:
    """The file of the module whose children live in `folder`."""
    candidates = [_path(folder, name) for name in _FOLDER_MODULES]
    if folder:
        candidates.append(f"{folder}.rs")
    return next((c for c in candidates if c in project.paths), None)


def _file_of(project: ProjectFiles, folder: str, segments: list[str]) -> str | None:
    """`folder/a/b.rs` or `folder/a/b/mod.rs`, for the longest prefix of the segments."""
    for count in range(len(segments), 0, -1):
        stem = _path(folder, "/".join(segments[:count]))
        for candidate in (f"{stem}.rs", f"{stem}/mod.rs"):
            if candidate in project.paths:
                return candidate
    return None


def _start(project: ProjectFiles, importer: str, segments: list[str]) -> tuple[_Base, int] | None:
    """The base a path starts from, and how many of its segments that base consumed."""
    head = segments[0]
    if head == "crate":
        root = _crate_root(project, importer)
        return (root, 1) if root else None
    if head in ("self", "super"):
        folder = _module_folder(project, importer)
        ups = 0
        while ups < len(segments) and segments[ups] == "super":
            folder = folder.rpartition("/")[0]
            ups += 1
        if ups == 0:
            return _Base(folder, importer), 1
        return _Base(folder, _module_file(project, folder)), ups
    crate = _crates(project).get(head)
    if crate is not None:
        return crate, 1
    return _Base(_module_folder(project, importer), None), 0


def _resolve_path(project: ProjectFiles, importer: str, path: str) -> str | None:
    segments = [s for s in path.split("::") if s]
    if not segments:
        return None
    start = _start(project, importer, segments)
    if start is None:
        return None
    base, used = start
    found = _file_of(project, base.folder, segments[used:]) or base.file
    if found is None and used == 0:  # 2015-edition paths start at the crate root
        root = _crate_root(project, importer)
        found = _file_of(project, root.folder, segments) if root else None
    return found


def resolve(project: ProjectFiles, importer: str, ref: ImportRef) -> tuple[str, ...]:
    """The files a `mod`, `use` or `extern crate` names; () for crates outside the repo."""
    if ref.module.startswith(_PATH_PREFIX):
        return _declared_path(project, importer, ref.module[len(_PATH_PREFIX) :])
    if ref.module.startswith(_MOD_PREFIX):
        return _declared_module(project, importer, ref.module[len(_MOD_PREFIX) :])
    found: set[str] = set()
    for name in ref.names or ("",):
        full = ref.module if name in ("", "*", "self") else f"{ref.module}::{name}"
        target = _resolve_path(project, importer, full)
        if target:
            found.add(target)
    return tuple(sorted(found))


def _declared_module(project: ProjectFiles, importer: str, module: str) -> tuple[str, ...]:
    """`mod a;` → `a.rs` or `a/mod.rs` in the importer's module folder."""
    stem = _path(_module_folder(project, importer), module.replace("::", "/"))
    return next(((c,) for c in (f"{stem}.rs", f"{stem}/mod.rs") if c in project.paths), ())


def _declared_path(project: ProjectFiles, importer: str, relative: str) -> tuple[str, ...]:
    """`#[path = "x.rs"] mod a;` → x.rs beside the importer."""
    target = posixpath.normpath(_path(importer.rpartition("/")[0], relative))
    return (target,) if target in project.paths else ()


RUST = LanguageSpec(
    name="rust",
    extensions=(".rs",),
    grammar=tree_sitter_rust.language,
    query="rust",
    extract_imports=extract_imports,
    resolve=resolve,
    test_path=re.compile(r"(^|/)tests/"),
)
