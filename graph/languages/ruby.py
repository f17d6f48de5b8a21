"""Ruby: requires and constants used, resolved through load paths and autoloading names.

Import references: `require_relative "x/y"` → `ImportRef("x/y", level=1)`, relative to the
importing file's folder, as are `require File.expand_path("x", __dir__)` and
`require File.expand_path("../x", __FILE__)`; `require "a/b"`, `load "a/b.rb"` and
`autoload :B, "a/b"` → `ImportRef("a/b")`, looked up on the load path. Dynamic arguments
(interpolated strings, variables) are skipped.

A constant used (`Token::Signer`, `Refund`) is a reference too, since autoloading (Zeitwerk,
`autoload`) loads a constant's file on first use: `ImportRef("Token::Signer", ("Shop::Session",
"Shop", ""))`, whose names are the namespaces Ruby looks it up in, innermost first, "" the top
level (a required path has no names).

The load path is every folder named `lib` (a gem's `require_paths` default, one per gem in a
monorepo), `spec` or `test` (RSpec and Rake's test task put them there, for the helpers
tests require). A name found under several of them goes to the one sharing the longest folder
prefix with the importer. The standard library and gems outside the repo resolve to ().

A constant resolves by the naming rule of Zeitwerk and of Ruby style generally
(`Shop::TokenSigner` → `shop/token_signer.rb`), on the load path and in Rails' autoload roots
(each folder in `app/`, and its `concerns/`), for the first namespace where such a file exists.
Constants of the standard library and of outside gems find no file.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

import tree_sitter_ruby
from tree_sitter import Node

from ..model import ImportRef
from .base import LanguageSpec, ProjectFiles, closest_to, node_text

__all__ = ["RUBY"]

# Folders Ruby code is required from (see the module docstring).
LOAD_PATH_FOLDERS = frozenset({"lib", "spec", "test"})
_LOADERS = frozenset({"require", "require_relative", "load", "autoload"})
# Comments at the top of a file that are directives, not prose.
_MAGIC_COMMENT = re.compile(
    r"^#\s*(!|-\*-|(frozen_string_literal|(en)?coding|warn_indent|shareable_constant_value"
    r"|typed|rubocop)\s*:)",
    re.I,
)
_LICENCE = re.compile(r"(?i)copyright|licen[cs]e|\(c\)|all rights reserved")
_CONSTANT_PATH = re.compile(r"^[A-Z]\w*(::[A-Z]\w*)*$")
# ActiveSupport's `underscore`, which Zeitwerk's file names follow: HTTPOrigin → http_origin.
_ACRONYM_END = re.compile(r"([A-Z\d]+)([A-Z][a-z])")
_WORD_START = re.compile(r"([a-z\d])([A-Z])")


def extract_imports(node: Node) -> list[ImportRef]:
    """A `require`-family call, or a constant used, to its import reference."""
    if node.type in ("constant", "scope_resolution"):
        return _constant_import(node)
    method = node_text(node.child_by_field_name("method"))
    arguments = node.child_by_field_name("arguments")
    if method not in _LOADERS or arguments is None:
        return []
    values = [c for c in arguments.named_children if c.type != "comment"]
    if method == "autoload":
        values = values[1:]  # autoload :Name, "path"
    if not values:
        return []
    if method != "require_relative":
        relative = _expanded_relative(values[0])
        if relative is not None:
            return [ImportRef(relative, level=1)] if relative else []
    path = _literal(values[0])
    if not path:
        return []
    return [ImportRef(path, level=1 if method == "require_relative" else 0)]


def _constant_import(node: Node) -> list[ImportRef]:
    path = "".join(node_text(node).split())
    if path.startswith("::"):  # `::Foo` is looked up at the top level only
        return [ImportRef(path[2:], ("",))]
    if not _CONSTANT_PATH.match(path):
        return []  # `obj::Foo`, `foo()::Bar`: the namespace is not a constant
    return [ImportRef(path, (*_nesting(node), ""))]


def _nesting(node: Node) -> list[str]:
    """The namespaces (`class`, `module`) lexically around a node, innermost first."""
    names: list[str] = []
    child, parent = node, node.parent
    while parent is not None:
        # A superclass is looked up outside the class it names.
        if parent.type in ("class", "module") and child.type != "superclass":
            name = "".join(node_text(parent.child_by_field_name("name")).split())
            if name:
                names.append(name.removeprefix("::"))
        child, parent = parent, parent.parent
    # `module A; class B::C` nests as A::B::C, then A.
    return ["::".join(reversed(names[i:])) for i in range(len(names))]


def _literal(node: Node) -> str:
    """The text of a plain string literal; "" for interpolated strings and anything else."""
    if node.type != "string" or any(c.type != "string_content" for c in node.named_children):
        return ""
    return node_text(node)[1:-1]


def _expanded_relative(node: Node) -> str | None:
    """`File.expand_path("x", __dir__)` → "x", `File.expand_path("../x", __FILE__)` → "x".

    None when the argument is no such call; "" when it is one with a path it cannot read.
    """
    if node.type != "call" or node_text(node.child_by_field_name("receiver")) != "File":
        return None
    if node_text(node.child_by_field_name("method")) != "expand_path":
        return None
    arguments = node.child_by_field_name("arguments")
    values = arguments.named_children if arguments is not None else []
    if len(values) != 2:
        return None
    path, anchor = _literal(values[0]), node_text(values[1])
    if anchor == "__dir__":
        return path
    if anchor == "__FILE__":  # relative to the file as if it were a folder
        return path.removeprefix("../") if path.startswith("../") else ""
    return None


def leading_doc(nodes: Sequence[Node]) -> str:
    """The file's first comment block, after magic comments; "" for a licence header."""
    block: list[Node] = []
    for node in nodes:
        text = node_text(node)
        if not block and _MAGIC_COMMENT.match(text):
            continue
        if block and node.start_point[0] > block[-1].end_point[0] + 1:
            break  # a blank line ends the block
        block.append(node)
    text = "\n".join(node_text(n) for n in block)
    return "" if _LICENCE.search(text) else text


def _load_path_table(project: ProjectFiles) -> dict[str, tuple[str, ...]]:
    """Required name (`a/b`, `a/b.rb`) → the files on the load path it can name."""
    cached = project.cache.get("ruby.load_path")
    if cached is not None:
        return cached
    table: dict[str, list[str]] = {}
    for path in sorted(project.paths):
        if not path.endswith(".rb"):
            continue
        parts = path.split("/")
        for i, part in enumerate(parts[:-1]):
            if part in LOAD_PATH_FOLDERS:
                name = "/".join(parts[i + 1 :])
                table.setdefault(name, []).append(path)
                table.setdefault(name.removesuffix(".rb"), []).append(path)
    result = {name: tuple(paths) for name, paths in table.items()}
    project.cache["ruby.load_path"] = result
    return result


def _autoload_table(project: ProjectFiles) -> dict[str, tuple[str, ...]]:
    """Underscored constant path (`shop/token_signer`) → the files that would define it."""
    cached = project.cache.get("ruby.autoload")
    if cached is not None:
        return cached
    table = {
        name: list(paths)
        for name, paths in _load_path_table(project).items()
        if not name.endswith(".rb")
    }
    for path in sorted(project.paths):
        parts = path.removesuffix(".rb").split("/")
        if not path.endswith(".rb") or "app" not in parts[:-2]:
            continue
        root = parts.index("app") + 2  # app/models/, app/controllers/...
        names = ["/".join(parts[root:])]
        if parts[root:-1] and parts[root] == "concerns":
            names.append("/".join(parts[root + 1 :]))
        for name in names:
            table.setdefault(name, []).append(path)
    result = {name: tuple(paths) for name, paths in table.items()}
    project.cache["ruby.autoload"] = result
    return result


def _underscore(constant: str) -> str:
    """`Shop::TokenSigner` → `shop/token_signer`."""
    parts = []
    for name in constant.split("::"):
        name = _WORD_START.sub(r"\1_\2", _ACRONYM_END.sub(r"\1_\2", name))
        parts.append(name.lower())
    return "/".join(parts)


def _resolve_constant(project: ProjectFiles, importer: str, ref: ImportRef) -> tuple[str, ...]:
    table = _autoload_table(project)
    for namespace in ref.names:
        constant = f"{namespace}::{ref.module}" if namespace else ref.module
        found = table.get(_underscore(constant))
        if found:
            return closest_to(found, importer)
    return ()


def resolve(project: ProjectFiles, importer: str, ref: ImportRef) -> tuple[str, ...]:
    """The repo file a require or constant names; () for the standard library and gems."""
    if ref.names:
        return _resolve_constant(project, importer, ref)
    if ref.level:
        base = posixpath.normpath(posixpath.join(posixpath.dirname(importer), ref.module))
        for candidate in (base, f"{base}.rb"):
            if candidate.endswith(".rb") and candidate in project.paths:
                return (candidate,)
        return ()
    name = posixpath.normpath(ref.module)
    return closest_to(_load_path_table(project).get(name, ()), importer)


RUBY = LanguageSpec(
    name="ruby",
    # A .gemspec is packaging, and Rakefile or Gemfile have no extension: left lexical.
    extensions=(".rb", ".rake"),
    grammar=tree_sitter_ruby.language,
    query="ruby",
    extract_imports=extract_imports,
    resolve=resolve,
    test_path=re.compile(r"(^|/)(tests?|spec)/|_(test|spec)\.rb$|(^|/)test_[^/]*\.rb$"),
    doc_text=leading_doc,
)
