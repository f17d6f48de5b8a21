"""SQLite persistence: connections, schema migrations and row models."""

from .connection import get_connection, transaction

__all__ = ["get_connection", "transaction"]
