"""java: placeholder until its queries and resolver land."""

from __future__ import annotations

import tree_sitter_java

from ..model import ImportRef
from .base import LanguageSpec, ProjectFiles

__all__ = ["JAVA"]


def resolve(project: ProjectFiles, importer: str, ref: ImportRef) -> tuple[str, ...]:
    return ()


JAVA = LanguageSpec(
    name="java",
    extensions=(".java",),
    grammar=tree_sitter_java.language,
    query="java",
    extract_imports=lambda node: [],
    resolve=resolve,
)
