"""go: placeholder until its queries and resolver land."""

from __future__ import annotations

import tree_sitter_go

from ..model import ImportRef
from .base import LanguageSpec, ProjectFiles

__all__ = ["GO"]


def resolve(project: ProjectFiles, importer: str, ref: ImportRef) -> tuple[str, ...]:
    return ()


GO = LanguageSpec(
    name="go",
    extensions=(".go",),
    grammar=tree_sitter_go.language,
    query="go",
    extract_imports=lambda node: [],
    resolve=resolve,
)
