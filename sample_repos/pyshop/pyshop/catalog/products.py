"""Products.

Prices are stored in minor units of the product's currency. Products are never
hard-deleted (old orders reference them); :func:`deactivate_product` hides a
product from listings and search instead.
"""

from __future__ import annotations

import sqlite3

from pyshop.config import get_settings
from pyshop.db.connection import transaction
from pyshop.db.models import Product
from pyshop.errors import NotFound, ValidationError
from pyshop.utils.dates import to_iso, utcnow
from pyshop.utils.slugs import unique_slug

from ..billing.currency import check_currency


def create_product(
    conn: sqlite3.Connection,
    sku: str,
    name: str,
    price_cents: int,
    *,
    description: str = "",
    category: str = "general",
    currency: str | None = None,
    stock: int = 0,
) -> Product:
    """Add a product to the catalog with an initial stock level."""
    sku = sku.strip().upper()
    if not sku or not name.strip():
        raise ValidationError("SKU and name are required.")
    if price_cents < 0:
        raise ValidationError("Price cannot be negative.", field="price_cents")
    if get_product_by_sku(conn, sku) is not None:
        raise ValidationError(f"SKU {sku} already exists.", field="sku")
    currency = check_currency(currency or get_settings().default_currency)
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO products (sku, name, slug, description, category, price_cents,"
            " currency, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                sku,
                name.strip(),
                unique_slug(conn, "products", name),
                description.strip(),
                category.strip().lower() or "general",
                price_cents,
                currency,
                to_iso(utcnow()),
            ),
        )
        product_id = int(cursor.lastrowid or 0)
        conn.execute(
            "INSERT INTO inventory (product_id, on_hand, reserved) VALUES (?, ?, 0)",
            (product_id, max(stock, 0)),
        )
    return require_product(conn, product_id)


def get_product(conn: sqlite3.Connection, product_id: int) -> Product | None:
    row = conn.execute("SELECT * FROM products WHERE id = ?", (product_id,)).fetchone()
    return Product.from_row(row) if row else None


def require_product(conn: sqlite3.Connection, product_id: int) -> Product:
    product = get_product(conn, product_id)
    if product is None:
        raise NotFound(f"product {product_id} not found")
    return product


def get_product_by_slug(conn: sqlite3.Connection, slug: str) -> Product | None:
    row = conn.execute(
        "SELECT * FROM products WHERE slug = ? AND active = 1", (slug,)
    ).fetchone()
    return Product.from_row(row) if row else None


def get_product_by_sku(conn: sqlite3.Connection, sku: str) -> Product | None:
    row = conn.execute("SELECT * FROM products WHERE sku = ?", (sku.upper(),)).fetchone()
    return Product.from_row(row) if row else None


def list_products(
    conn: sqlite3.Connection,
    category: str | None = None,
    *,
    active_only: bool = True,
    limit: int = 50,
    offset: int = 0,
) -> list[Product]:
    clauses, params = [], []
    if active_only:
        clauses.append("active = 1")
    if category:
        clauses.append("category = ?")
        params.append(category.lower())
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(
        f"SELECT * FROM products {where} ORDER BY name LIMIT ? OFFSET ?",
        (*params, limit, offset),
    ).fetchall()
    return [Product.from_row(row) for row in rows]


def deactivate_product(conn: sqlite3.Connection, product_id: int) -> None:
    require_product(conn, product_id)
    conn.execute("UPDATE products SET active = 0 WHERE id = ?", (product_id,))
