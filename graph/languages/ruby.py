"""Ruby: `require`-family imports and their resolution through `lib/`-style load paths.

Import references: `require_relative "x/y"` → `ImportRef("x/y", level=1)`, relative to the
importing file's folder, as are `require File.expand_path("x", __dir__)` and
`require File.expand_path("../x", __FILE__)`; `require "a/b"`, `load "a/b.rb"` and
`autoload :B, "a/b"` → `ImportRef("a/b")`, looked up on the load path. Dynamic arguments
(interpolated strings, variables) are skipped.

The load path is every folder named `lib` (a gem's `require_paths` default, one per gem in a
monorepo), `spec` or `test` (RSpec and Rake's test task put them there, for the helpers
tests require). A name found under several of them goes to the one sharing the longest folder
prefix with the importer. The standard library and gems outside the repo resolve to ().
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

import tree_sitter_ruby
from tree_sitter import Node

from ..model import ImportRef
from .base import LanguageSpec, ProjectFiles, node_text

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


def extract_imports(node: Node) -> list[ImportRef]:
    """A `require`, `require_relative`, `load` or `autoload` call to its import reference."""
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


def _closest(paths: Sequence[str], importer: str) -> tuple[str, ...]:
    """Of several candidates, the one sharing the longest folder prefix with the importer."""
    if len(paths) <= 1:
        return tuple(paths)
    importer_parts = importer.split("/")

    def shared(path: str) -> int:
        common = 0
        for a, b in zip(path.split("/"), importer_parts, strict=False):
            if a != b:
                break
            common += 1
        return common

    return (min(paths, key=lambda p: (-shared(p), len(p), p)),)


def resolve(project: ProjectFiles, importer: str, ref: ImportRef) -> tuple[str, ...]:
    """The repo file a require names; () for the standard library and outside gems."""
    if ref.level:
        base = posixpath.normpath(posixpath.join(posixpath.dirname(importer), ref.module))
        for candidate in (base, f"{base}.rb"):
            if candidate.endswith(".rb") and candidate in project.paths:
                return (candidate,)
        return ()
    name = posixpath.normpath(ref.module)
    return _closest(_load_path_table(project).get(name, ()), importer)


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
