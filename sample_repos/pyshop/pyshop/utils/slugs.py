"""URL slug helpers used for product and category URLs."""

from __future__ import annotations

import re
import sqlite3
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
MAX_SLUG_LENGTH = 80
_SLUG_TABLES = frozenset({"products"})


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Turn ``"Crème Brûlée Torch (Large)"`` into ``"creme-brulee-torch-large"``."""
    ascii_text = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    )
    slug = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "item"


def unique_slug(conn: sqlite3.Connection, table: str, text: str) -> str:
    """Return a slug for ``text`` that is not yet used in ``table.slug``.

    Collisions get a numeric suffix: ``mug``, ``mug-2``, ``mug-3``...
    """
    if table not in _SLUG_TABLES:
        raise ValueError(f"table {table!r} has no slug column")
    base = slugify(text)
    candidate = base
    suffix = 2
    while conn.execute(
        f"SELECT 1 FROM {table} WHERE slug = ?", (candidate,)
    ).fetchone():
        candidate = f"{base}-{suffix}"
        suffix += 1
    return candidate
