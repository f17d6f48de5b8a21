"""The error hierarchy (rooted in `scoper.graph.errors`), turned into messages by the CLI."""

from __future__ import annotations

from scoper.graph.errors import IndexError_, RepoError, ScopeError

__all__ = ["IndexError_", "InputError", "ModelError", "RepoError", "ScopeError", "WriteError"]


class InputError(ScopeError):
    """The task, task file or another argument is unusable."""


class ModelError(ScopeError):
    """The model is not in the price table."""


class WriteError(ScopeError):
    """A file scope manages could not be written safely (and was left untouched)."""
