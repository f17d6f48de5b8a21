"""Value objects of the repository model."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Discovery",
    "FileFacts",
    "ImportRef",
    "SkipCounts",
    "SourceFile",
    "Symbol",
]


@dataclass(frozen=True)
class SourceFile:
    """A text file discovery kept. `path` is repo-relative with `/` separators."""

    path: str
    size: int
    mtime_ns: int
    secret: bool = False


@dataclass(frozen=True)
class SkipCounts:
    """Files discovery saw but left out, by reason."""

    ignored: int = 0
    binary: int = 0
    oversized: int = 0
    outside_links: int = 0
    unreadable: int = 0
    oversized_paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class Discovery:
    """What a walk of the repository found."""

    root: str
    files: tuple[SourceFile, ...]
    skipped: SkipCounts = field(default_factory=SkipCounts)

    @property
    def secrets(self) -> tuple[str, ...]:
        return tuple(f.path for f in self.files if f.secret)


@dataclass(frozen=True)
class Symbol:
    """A definition: a function, class, method, type, constant..."""

    name: str
    kind: str
    line: int
    end_line: int


@dataclass(frozen=True)
class ImportRef:
    """One imported module as written in the source.

    `module` is the import string (`pyshop.auth.login`, `../utils/log`, `github.com/x/y`);
    `level` counts leading dots of a Python relative import; `names` are the names imported
    from it, when the syntax lists them (they may be submodules).
    """

    module: str
    names: tuple[str, ...] = ()
    level: int = 0


@dataclass(frozen=True)
class FileFacts:
    """What parsing one file yields."""

    path: str
    language: str
    symbols: tuple[Symbol, ...] = ()
    references: tuple[str, ...] = ()
    imports: tuple[ImportRef, ...] = ()
    doc: str = ""
    error: str = ""
