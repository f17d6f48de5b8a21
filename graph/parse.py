"""Parse one file with tree-sitter into `FileFacts`, using the language's query file."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata, resources

from tree_sitter import Language, Node, Parser, Query, QueryCursor

from .languages import LANGUAGES, LanguageSpec
from .model import FileFacts, ImportRef, Symbol

__all__ = ["parse_source", "parser_fingerprint"]

# A docstring longer than this is cut: its first lines say what the file is for.
MAX_DOC_CHARS = 600


@cache
def _compiled(spec: LanguageSpec) -> tuple[Parser, Query]:
    language = Language(spec.grammar())
    text = resources.files(__package__).joinpath("queries", f"{spec.query}.scm").read_text("utf-8")
    return Parser(language), Query(language, text)


def parse_source(path: str, source: bytes, spec: LanguageSpec) -> FileFacts:
    """Definitions, references, imports and the leading doc of one file.

    A syntax error degrades the file (tree-sitter recovers and the facts found still count);
    the `error` field says so.
    """
    parser, query = _compiled(spec)
    tree = parser.parse(source)
    symbols: list[Symbol] = []
    references: set[str] = set()
    imports: list[ImportRef] = []
    doc = ""
    for _, captures in QueryCursor(query).matches(tree.root_node):
        for capture, nodes in captures.items():
            if capture.startswith("definition."):
                name = captures.get("name")
                if name:
                    symbols.append(_symbol(name[0], nodes[0], capture.split(".", 1)[1]))
            elif capture == "reference":
                references.update(_text(n) for n in nodes)
            elif capture == "import":
                for node in nodes:
                    imports.extend(spec.extract_imports(node))
            elif capture == "doc" and not doc:
                doc = _clean_doc(spec.doc_text(nodes))
    error = "syntax error" if tree.root_node.has_error else ""
    return FileFacts(
        path=path,
        language=spec.name,
        symbols=tuple(sorted(set(symbols), key=lambda s: (s.line, s.name, s.kind))),
        references=tuple(sorted(r for r in references if r)),
        imports=tuple(dict.fromkeys(i for i in imports if i.module or i.level)),
        doc=doc,
        error=error,
    )


def _symbol(name: Node, node: Node, kind: str) -> Symbol:
    if kind == "function" and _inside_class(node):
        kind = "method"
    # A Ruby symbol names a method a macro makes (`attr_reader :id`): the name is without `:`.
    text = _text(name).removeprefix(":")
    return Symbol(text, kind, node.start_point[0] + 1, node.end_point[0] + 1)


def _inside_class(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if "class" in parent.type or parent.type in ("impl_item", "trait_item"):
            return True
        if "function" in parent.type or "method" in parent.type:
            return False
        parent = parent.parent
    return False


def _text(node: Node) -> str:
    return node.text.decode("utf-8", "replace") if node.text else ""


def _clean_doc(raw: str) -> str:
    """Strip comment markers and quotes; keep the first paragraph-ish part."""
    lines = []
    for line in raw.strip().strip("\"'").splitlines():
        line = line.strip()
        for marker in ("///", "//!", "//", "/**", "/*", "*/", "*", "#"):
            if line.startswith(marker):
                line = line[len(marker) :].strip()
                break
        line = line.removesuffix("*/").strip().strip("\"'")
        lines.append(line)
    return " ".join(" ".join(lines).split())[:MAX_DOC_CHARS]


@cache
def parser_fingerprint() -> str:
    """A digest of the query files and grammar versions: facts parsed under another are stale."""
    digest = hashlib.sha1()
    for spec in sorted(LANGUAGES, key=lambda s: s.name):
        query = resources.files(__package__).joinpath("queries", f"{spec.query}.scm")
        digest.update(query.read_bytes())
        digest.update(_version(spec.grammar.__module__.split(".")[0]).encode())
    digest.update(_version("tree_sitter").encode())
    return digest.hexdigest()[:16]


def _version(module: str) -> str:
    try:
        return metadata.version(module.replace("_", "-"))
    except metadata.PackageNotFoundError:
        return "unknown"
