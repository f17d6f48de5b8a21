"""rust: placeholder until its queries and resolver land."""

from __future__ import annotations

import tree_sitter_rust

from ..model import ImportRef
from .base import LanguageSpec, ProjectFiles

__all__ = ["RUST"]


def resolve(project: ProjectFiles, importer: str, ref: ImportRef) -> tuple[str, ...]:
    return ()


RUST = LanguageSpec(
    name="rust",
    extensions=(".rs",),
    grammar=tree_sitter_rust.language,
    query="rust",
    extract_imports=lambda node: [],
    resolve=resolve,
)
