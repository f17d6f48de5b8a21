"""JavaScript/TypeScript: placeholder until queries and resolver land."""

from __future__ import annotations

import tree_sitter_javascript
import tree_sitter_typescript

from ..model import ImportRef
from .base import LanguageSpec, ProjectFiles

__all__ = ["JAVASCRIPT", "TSX", "TYPESCRIPT"]


def resolve(project: ProjectFiles, importer: str, ref: ImportRef) -> tuple[str, ...]:
    return ()


JAVASCRIPT = LanguageSpec(
    "javascript",
    (".js", ".jsx", ".mjs", ".cjs"),
    tree_sitter_javascript.language,
    "javascript",
    lambda n: [],
    resolve,
)
TYPESCRIPT = LanguageSpec(
    "typescript",
    (".ts", ".mts", ".cts"),
    tree_sitter_typescript.language_typescript,
    "typescript",
    lambda n: [],
    resolve,
)
TSX = LanguageSpec(
    "tsx", (".tsx",), tree_sitter_typescript.language_tsx, "tsx", lambda n: [], resolve
)
