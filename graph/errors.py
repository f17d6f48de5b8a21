"""The one error hierarchy. Every message says what failed and how to fix it."""

from __future__ import annotations

__all__ = ["IndexError_", "RepoError", "ScopeError"]


class ScopeError(Exception):
    """Base for every error shown to the user as a one-line message."""


class RepoError(ScopeError):
    """The repository path is missing, not a folder, or unusable."""


class IndexError_(ScopeError):
    """The index could not be opened or written anywhere."""
