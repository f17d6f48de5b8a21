"""The languages scope parses, each a `LanguageSpec`: grammar, query file and import handling.

Adding a language means a query file in `graph/queries/`, a module here with `extract_imports`
and `resolve`, and one entry in `LANGUAGES`.
"""

from __future__ import annotations

import os

from .base import LanguageSpec, ProjectFiles
from .go import GO
from .java import JAVA
from .javascript import JAVASCRIPT, TSX, TYPESCRIPT
from .python import PYTHON
from .ruby import RUBY
from .rust import RUST

__all__ = ["LANGUAGES", "LanguageSpec", "ProjectFiles", "language_for"]

LANGUAGES: tuple[LanguageSpec, ...] = (PYTHON, JAVASCRIPT, TYPESCRIPT, TSX, GO, RUST, JAVA, RUBY)

_BY_EXTENSION = {ext: spec for spec in LANGUAGES for ext in spec.extensions}


def language_for(path: str) -> LanguageSpec | None:
    """The language of `path` by its extension, or None for files indexed lexically."""
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".d.ts"):
        return _BY_EXTENSION.get(".ts")
    return _BY_EXTENSION.get(os.path.splitext(name)[1].lower())
