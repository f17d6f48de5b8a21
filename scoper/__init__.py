"""scope: load only the context a coding task needs."""

from __future__ import annotations

__version__ = "0.1.0"
