"""JavaScript and TypeScript: imports and their resolution.

An import reference's `module` is the specifier as written (`./a`, `@scope/pkg/sub`); `names` are
the imported names, `default` for a default import and `*` for a namespace import or re-export.
ES imports and re-exports, `require("x")`, `import("x")` and TS `import x = require("x")` count.

Resolution, in order:
- relative specifiers, against the importer's folder;
- `compilerOptions.paths` and `baseUrl` of the nearest tsconfig.json/jsconfig.json above the
  importer, following relative `extends`;
- workspace packages: a package.json in the repo whose `name` is the specifier or its prefix,
  through its `exports`, `source`/`types`/`module`/`main` fields or `src/index`.
A candidate path is tried as is, with each extension, as the `.ts` twin of a `.js` path (ESM
TypeScript), then as a folder's index file. Anything else (npm packages, node builtins) is ().
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any

import tree_sitter_javascript
import tree_sitter_typescript
from tree_sitter import Node

from ..model import ImportRef
from .base import LanguageSpec, ProjectFiles, load_jsonc, node_text

__all__ = ["JAVASCRIPT", "TSX", "TYPESCRIPT"]

EXTENSIONS = (".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")
_INDEX_FILES = tuple(f"index{ext}" for ext in EXTENSIONS)
# TypeScript ESM code imports `./foo.js` and means foo.ts (the file it compiles to).
_SOURCE_TWINS = {
    ".js": (".ts", ".tsx", ".d.ts"),
    ".jsx": (".tsx",),
    ".mjs": (".mts", ".d.mts"),
    ".cjs": (".cts", ".d.cts"),
}
# Build output folders whose files live, as sources, under src/.
_BUILD_FOLDERS = frozenset({"dist", "lib", "build", "out", "esm", "cjs"})
_BUILT_SUFFIXES = (".d.ts", ".d.mts", ".d.cts", ".js", ".mjs", ".cjs")
_CONFIG_NAMES = ("tsconfig.json", "jsconfig.json")
_MAX_EXTENDS = 8
_PACKAGE_FIELDS = ("source", "types", "typings", "module", "main")


# --- Extraction -------------------------------------------------------------------------------


def extract_imports(node: Node) -> list[ImportRef]:
    """An import/export statement or a `require`/`import()` call to import references."""
    if node.type == "call_expression":
        arguments = node.child_by_field_name("arguments")
        first = arguments.named_children[0] if arguments and arguments.named_children else None
        return [ImportRef(_string_value(first))] if first is not None else []
    source = node.child_by_field_name("source")
    names: list[str] = []
    for child in node.named_children:
        if child.type == "import_require_clause":  # TS `import x = require("y")`
            source = child.child_by_field_name("source")
        elif child.type in ("import_clause", "export_clause"):
            names.extend(_clause_names(child))
        elif child.type == "namespace_export":
            names.append("*")
    if source is None:
        return []
    if node.type == "export_statement" and not names:
        names.append("*")  # `export * from "./x"`
    return [ImportRef(_string_value(source), tuple(names))]


def _clause_names(clause: Node) -> list[str]:
    names = []
    for child in clause.named_children:
        if child.type == "identifier":
            names.append("default")
        elif child.type == "namespace_import":
            names.append("*")
        elif child.type == "named_imports":
            names.extend(_clause_names(child))
        elif child.type in ("import_specifier", "export_specifier"):
            names.append(node_text(child.child_by_field_name("name")))
    return names


def _string_value(node: Node) -> str:
    text = node_text(node)
    return text[1:-1] if len(text) >= 2 and text[0] in "'\"`" else ""


# --- Candidate files --------------------------------------------------------------------------


def _file_for(project: ProjectFiles, base: str) -> str | None:
    """The file a module path names: exact, with an extension, its TS twin, or a folder index."""
    paths = project.paths
    if base in paths:
        return base
    for ext in EXTENSIONS:
        if base + ext in paths:
            return base + ext
    stem, ext = posixpath.splitext(base)
    for twin in _SOURCE_TWINS.get(ext, ()):
        if stem + twin in paths:
            return stem + twin
    folder = f"{base}/" if base else ""
    for index in _INDEX_FILES:
        if folder + index in paths:
            return folder + index
    return None


def _source_for(project: ProjectFiles, path: str) -> str | None:
    """The file behind a package entry: itself, or the source of a build output path
    (`dist/index.js` → `src/index.ts`), since build output is rarely committed."""
    found = _file_for(project, path)
    if found:
        return found
    stem = next((path[: -len(s)] for s in _BUILT_SUFFIXES if path.endswith(s)), path)
    parts = stem.split("/")
    for i, part in enumerate(parts):
        if part in _BUILD_FOLDERS:
            found = _file_for(project, "/".join([*parts[:i], "src", *parts[i + 1 :]]))
            if found:
                return found
    return _file_for(project, stem)


def _join(folder: str, relative: str) -> str | None:
    """A repo path from a folder and a relative path; None when it climbs out of the repo."""
    joined = posixpath.normpath(posixpath.join(folder, relative))
    if joined == ".":
        return ""
    if joined.startswith("../") or joined == ".." or joined.startswith("/"):
        return None
    return joined


# --- tsconfig paths ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _PathMap:
    """The module-name mapping one tsconfig gives (after `extends`), in repo paths."""

    base_url: str | None
    paths_base: str
    patterns: tuple[tuple[str, tuple[str, ...]], ...]


def _config_for(project: ProjectFiles, folder: str) -> _PathMap | None:
    """The path mapping of the nearest tsconfig/jsconfig at or above `folder`."""
    nearest: dict[str, str | None] = project.cache.setdefault("js.nearest_config", {})
    if folder not in nearest:
        found = next((c for c in _config_paths(folder) if c in project.paths), None)
        if found is None and folder:
            parent = folder.rpartition("/")[0]
            _config_for(project, parent)
            found = nearest[parent]
        nearest[folder] = found
    config = nearest[folder]
    if config is None:
        return None
    maps: dict[str, _PathMap] = project.cache.setdefault("js.path_maps", {})
    if config not in maps:
        maps[config] = _path_map(project, config)
    return maps[config]


def _config_paths(folder: str) -> tuple[str, ...]:
    return tuple(f"{folder}/{name}" if folder else name for name in _CONFIG_NAMES)


def _path_map(project: ProjectFiles, config: str, depth: int = 0) -> _PathMap:
    base_url: str | None = None
    paths: dict[str, Any] | None = None
    paths_dir = config.rpartition("/")[0]
    # Walk the extends chain from the leaf; the first config to set an option wins.
    for path in _extends_chain(project, config):
        options = _compiler_options(project, path)
        folder = path.rpartition("/")[0]
        if base_url is None and isinstance(options.get("baseUrl"), str):
            base_url = _join(folder, options["baseUrl"])
        if paths is None and isinstance(options.get("paths"), dict):
            paths, paths_dir = options["paths"], folder
    if base_url is None and paths is None and depth == 0:
        # A solution-style tsconfig (Vite, Angular) keeps its options in referenced configs.
        for reference in _references(project, config):
            mapping = _path_map(project, reference, depth + 1)
            if mapping.patterns or mapping.base_url is not None:
                return mapping
    patterns = []
    for pattern, targets in (paths or {}).items():
        if isinstance(targets, list):
            patterns.append((pattern, tuple(t for t in targets if isinstance(t, str))))
    # The longest matching prefix wins, as in TypeScript.
    patterns.sort(key=lambda item: -len(item[0].partition("*")[0]))
    paths_base = base_url if base_url is not None else paths_dir
    return _PathMap(base_url, paths_base, tuple(patterns))


def _references(project: ProjectFiles, config: str) -> list[str]:
    data = _load_json(project, config)
    references = data.get("references") if isinstance(data, dict) else None
    found = []
    for reference in references if isinstance(references, list) else []:
        path = reference.get("path") if isinstance(reference, dict) else None
        target = _extended_config(project, config.rpartition("/")[0], path)
        if target and target != config:
            found.append(target)
    return found


def _extends_chain(project: ProjectFiles, config: str) -> list[str]:
    """The config and those it extends, nearest first (breadth-first for `extends` lists)."""
    chain = [config]
    for path in chain:  # grows while iterating
        data = _load_json(project, path)
        extends = data.get("extends") if isinstance(data, dict) else None
        for name in [extends] if isinstance(extends, str) else extends or []:
            found = _extended_config(project, path.rpartition("/")[0], name)
            if found and found not in chain and len(chain) < _MAX_EXTENDS:
                chain.append(found)
    return chain


def _extended_config(project: ProjectFiles, folder: str, name: Any) -> str | None:
    """A relative `extends` target as a repo path (package-name extends are not followed)."""
    if not isinstance(name, str) or not name.startswith("."):
        return None
    base = _join(folder, name)
    if base is None:
        return None
    for candidate in (base, f"{base}.json", f"{base}/tsconfig.json"):
        if candidate in project.paths:
            return candidate
    return None


def _compiler_options(project: ProjectFiles, path: str) -> dict[str, Any]:
    data = _load_json(project, path)
    options = data.get("compilerOptions") if isinstance(data, dict) else None
    return options if isinstance(options, dict) else {}


def _load_json(project: ProjectFiles, path: str) -> Any:
    loaded: dict[str, Any] = project.cache.setdefault("js.json", {})
    if path not in loaded:
        text = project.read_text(path)
        loaded[path] = load_jsonc(text) if text is not None else None
    return loaded[path]


def _through_paths(project: ProjectFiles, mapping: _PathMap, spec: str) -> str | None:
    for pattern, targets in mapping.patterns:
        star = _match_pattern(pattern, spec)
        if star is None:
            continue
        for target in targets:
            base = _join(mapping.paths_base, target.replace("*", star))
            found = _file_for(project, base) if base is not None else None
            if found:
                return found
    if mapping.base_url is not None:
        base = _join(mapping.base_url, spec)
        return _file_for(project, base) if base is not None else None
    return None


def _match_pattern(pattern: str, spec: str) -> str | None:
    """What `*` stands for when `spec` matches `pattern` ("" for an exact pattern), else None."""
    prefix, star, suffix = pattern.partition("*")
    if not star:
        return "" if spec == pattern else None
    if spec.startswith(prefix) and spec.endswith(suffix) and len(spec) >= len(prefix + suffix):
        return spec[len(prefix) : len(spec) - len(suffix)]
    return None


# --- Workspace packages -----------------------------------------------------------------------


def _packages(project: ProjectFiles) -> dict[str, str]:
    """Package name → folder of the package.json declaring it (the shallowest one wins)."""
    cached = project.cache.get("js.packages")
    if cached is not None:
        return cached
    manifests = {p for p in project.named("package.json") if "node_modules/" not in p}
    # Workspace members too: a member's own .gitignore may hide its tracked package.json from
    # discovery (zod's does), yet the workspace globs still name the folder.
    manifests.update(f"{folder}/package.json" for folder in _workspace_folders(project))
    table: dict[str, str] = {}
    for path in sorted(manifests, key=lambda p: (p.count("/"), p)):
        data = _load_json(project, path)
        name = data.get("name") if isinstance(data, dict) else None
        if isinstance(name, str) and name not in table:
            table[name] = path.rpartition("/")[0]
    project.cache["js.packages"] = table
    return table


def _workspace_folders(project: ProjectFiles) -> list[str]:
    """Folders matching the root's workspace globs (package.json `workspaces`, pnpm)."""
    globs = _pnpm_globs(project.read_text("pnpm-workspace.yaml") or "")
    root = _load_json(project, "package.json")
    workspaces = root.get("workspaces") if isinstance(root, dict) else None
    if isinstance(workspaces, dict):  # yarn's {"packages": [...]}
        workspaces = workspaces.get("packages")
    if isinstance(workspaces, list):
        globs += [g for g in workspaces if isinstance(g, str)]
    patterns = [_glob_regex(g) for g in globs if not g.startswith("!")]
    if not patterns:
        return []
    # Every folder holding files at any depth: a member may have no file of its own in view.
    folders = {f.rsplit("/", i)[0] for f in project.directories for i in range(f.count("/") + 1)}
    return sorted(f for f in folders if any(p.fullmatch(f) for p in patterns))


def _pnpm_globs(text: str) -> list[str]:
    globs: list[str] = []
    inside = False
    for line in text.splitlines():
        stripped = line.strip()
        if not line.startswith((" ", "\t", "-")):
            inside = stripped == "packages:"
        elif inside and stripped.startswith("-"):
            globs.append(stripped[1:].strip().strip("'\""))
    return globs


def _glob_regex(glob: str) -> re.Pattern[str]:
    """A workspace glob as a regex over folder paths: `*` is one segment, `**` any depth."""
    parts = []
    for token in re.split(r"(\*\*/?|\*)", glob.strip("/").removeprefix("./")):
        if token.startswith("**"):
            parts.append("(?:.*/)?" if token.endswith("/") else ".*")
        elif token == "*":
            parts.append("[^/]+")
        else:
            parts.append(re.escape(token))
    return re.compile("".join(parts))


def _split_package(spec: str) -> tuple[str, str]:
    """`@scope/pkg/sub/x` → (`@scope/pkg`, `sub/x`); `pkg/sub` → (`pkg`, `sub`)."""
    parts = spec.split("/")
    count = 2 if spec.startswith("@") else 1
    return "/".join(parts[:count]), "/".join(parts[count:])


def _through_package(project: ProjectFiles, spec: str) -> str | None:
    name, subpath = _split_package(spec)
    folder = _packages(project).get(name)
    if folder is None:
        return None
    manifest = _load_json(project, f"{folder}/package.json" if folder else "package.json")
    manifest = manifest if isinstance(manifest, dict) else {}
    key = f"./{subpath}" if subpath else "."
    targets = _export_targets(manifest.get("exports"), key)
    if subpath:
        targets += [subpath, f"src/{subpath}"]
    else:
        targets += [f for f in map(manifest.get, _PACKAGE_FIELDS) if isinstance(f, str)]
        targets += ["src/index", "."]
    for target in targets:
        found = _package_file(project, folder, target)
        if found:
            return found
    return None


def _package_file(project: ProjectFiles, folder: str, target: str) -> str | None:
    """A package-relative target; also under `src/`, for packages built into their own root."""
    for relative in (target, f"src/{target.removeprefix('./')}"):
        base = _join(folder, relative)
        found = _source_for(project, base) if base is not None else None
        if found:
            return found
    return None


def _export_targets(exports: Any, key: str) -> list[str]:
    """The paths an `exports` map offers for a subpath key, every condition, in order."""
    if exports is None:
        return []
    if isinstance(exports, (str, list)) or not any(k.startswith(".") for k in exports):
        return _condition_leaves(exports) if key == "." else []
    if key in exports:
        return _condition_leaves(exports[key])
    for pattern, value in exports.items():
        star = _match_pattern(pattern, key) if "*" in pattern else None
        if star is not None:
            return [leaf.replace("*", star) for leaf in _condition_leaves(value)]
    return []


def _condition_leaves(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _condition_leaves(item)]
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _condition_leaves(item)]
    return []


# --- Resolution -------------------------------------------------------------------------------


def resolve(project: ProjectFiles, importer: str, ref: ImportRef) -> tuple[str, ...]:
    """The repo file an import specifier refers to, or () for packages outside the repo."""
    spec = ref.module.split("?", 1)[0]  # bundler query strings: `./icon.svg?raw`
    folder = importer.rpartition("/")[0]
    if spec.startswith((".", "/")):
        base = _join(folder, spec) if spec.startswith(".") else None
        found = _file_for(project, base) if base is not None else None
        return (found,) if found else ()
    mapping = _config_for(project, folder)
    found = _through_paths(project, mapping, spec) if mapping is not None else None
    found = found or _through_package(project, spec)
    return (found,) if found else ()


# Test files: `__tests__/`, `test/`, `tests/` folders and `*.test.ts`, `*.spec.js`, `*.test-d.ts`.
_TEST_PATH = re.compile(r"(^|/)(__tests__|tests?)/|\.(test|spec)(-d)?\.[cm]?[jt]sx?$")

JAVASCRIPT = LanguageSpec(
    name="javascript",
    extensions=(".js", ".jsx", ".mjs", ".cjs"),
    grammar=tree_sitter_javascript.language,
    query="javascript",
    extract_imports=extract_imports,
    resolve=resolve,
    test_path=_TEST_PATH,
)
TYPESCRIPT = LanguageSpec(
    name="typescript",
    extensions=(".ts", ".mts", ".cts"),
    grammar=tree_sitter_typescript.language_typescript,
    query="typescript",
    extract_imports=extract_imports,
    resolve=resolve,
    test_path=_TEST_PATH,
)
TSX = LanguageSpec(
    name="tsx",
    extensions=(".tsx",),
    grammar=tree_sitter_typescript.language_tsx,
    query="tsx",
    extract_imports=extract_imports,
    resolve=resolve,
    test_path=_TEST_PATH,
)
