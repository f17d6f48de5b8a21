"""Product search.

A deliberately simple ranked search over product names, descriptions and
SKUs. Candidates are fetched with ``LIKE`` and then scored in Python: name
matches count more than description matches, and typing an exact SKU puts
that product first.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from pyshop.db.models import Product
from pyshop.utils.slugs import slugify

STOP_WORDS = frozenset({"a", "an", "and", "the", "for", "of", "with", "in", "to"})
MAX_TERMS = 8


@dataclass(frozen=True)
class SearchHit:
    product: Product
    score: float


def tokenize(text: str) -> list[str]:
    """Lower-case, accent-free words without stop words: ``"The Crème Mug"`` ->
    ``["creme", "mug"]``."""
    words = slugify(text, max_length=500).split("-") if text.strip() else []
    return [w for w in words if w and w not in STOP_WORDS][:MAX_TERMS]


def score_product(product: Product, terms: list[str], raw_query: str = "") -> float:
    """Relevance of ``product`` for the query ``terms`` (0 means no match)."""
    if raw_query.strip().upper() == product.sku:
        return 100.0
    name_words = tokenize(product.name)
    description_words = set(tokenize(product.description))
    score = 0.0
    for term in terms:
        if term in name_words:
            score += 3.0
        elif any(word.startswith(term) for word in name_words):
            score += 2.0
        elif term in description_words:
            score += 1.0
    # Prefer shorter names when the scores tie: "Mug" before "Mug tree stand".
    return score + (1.0 / (1 + len(name_words)) if score else 0.0)


def _candidates(
    conn: sqlite3.Connection, terms: list[str], raw_query: str, category: str | None
) -> list[Product]:
    like_clauses = " OR ".join(
        "LOWER(name) LIKE ? OR LOWER(description) LIKE ?" for _ in terms
    )
    params: list[str] = [raw_query.strip().upper()]
    for term in terms:
        params += [f"%{term}%", f"%{term}%"]
    sql = f"SELECT * FROM products WHERE active = 1 AND (sku = ? OR {like_clauses})"
    if category:
        sql += " AND category = ?"
        params.append(category.lower())
    return [Product.from_row(row) for row in conn.execute(sql, params).fetchall()]


def search_products(
    conn: sqlite3.Connection,
    query: str,
    *,
    category: str | None = None,
    limit: int = 20,
) -> list[SearchHit]:
    """Search the catalog; results are ordered by descending relevance."""
    terms = tokenize(query)
    if not terms:
        return []
    hits = [
        SearchHit(product, score)
        for product in _candidates(conn, terms, query, category)
        if (score := score_product(product, terms, query)) > 0
    ]
    hits.sort(key=lambda hit: (-hit.score, hit.product.name))
    return hits[:limit]
