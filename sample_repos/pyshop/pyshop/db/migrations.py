"""Schema migrations.

Migrations are plain SQL scripts applied in order and recorded in the
``schema_migrations`` table. Never edit a migration that has shipped; append a
new one instead.
"""

from __future__ import annotations

import sqlite3

from ..utils.dates import to_iso, utcnow
from .connection import transaction

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "users and sessions", """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
            full_name TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT 'customer',
            failed_logins INTEGER NOT NULL DEFAULT 0, locked_until TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
            data TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL, expires_at TEXT NOT NULL
        );
        CREATE INDEX sessions_user_id ON sessions(user_id);
        """),
    (2, "catalog", """
        CREATE TABLE products (
            id INTEGER PRIMARY KEY,
            sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL, slug TEXT NOT NULL UNIQUE,
            description TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT 'general',
            price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
            currency TEXT NOT NULL DEFAULT 'USD',
            active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL
        );
        CREATE TABLE inventory (
            product_id INTEGER PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
            on_hand INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
            reserved INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0)
        );
        """),
    (3, "orders", """
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            user_id INTEGER NOT NULL REFERENCES users(id),
            status TEXT NOT NULL DEFAULT 'pending', currency TEXT NOT NULL,
            subtotal_cents INTEGER NOT NULL, discount_cents INTEGER NOT NULL DEFAULT 0,
            tax_cents INTEGER NOT NULL DEFAULT 0, shipping_cents INTEGER NOT NULL DEFAULT 0,
            total_cents INTEGER NOT NULL,
            ship_name TEXT NOT NULL, ship_line1 TEXT NOT NULL, ship_city TEXT NOT NULL,
            ship_region TEXT NOT NULL DEFAULT '', ship_postal_code TEXT NOT NULL,
            ship_country TEXT NOT NULL, ship_phone TEXT,
            carrier TEXT, tracking_number TEXT,
            created_at TEXT NOT NULL, shipped_at TEXT
        );
        CREATE TABLE order_lines (
            id INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
            product_id INTEGER NOT NULL REFERENCES products(id),
            sku TEXT NOT NULL, name TEXT NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            unit_price_cents INTEGER NOT NULL
        );
        CREATE INDEX orders_user_id ON orders(user_id);
        """),
    (4, "billing", """
        CREATE TABLE invoices (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            order_id INTEGER NOT NULL REFERENCES orders(id),
            user_id INTEGER NOT NULL REFERENCES users(id),
            status TEXT NOT NULL DEFAULT 'open',
            currency TEXT NOT NULL,
            subtotal_cents INTEGER NOT NULL, tax_cents INTEGER NOT NULL,
            total_cents INTEGER NOT NULL,
            amount_paid_cents INTEGER NOT NULL DEFAULT 0,
            amount_refunded_cents INTEGER NOT NULL DEFAULT 0,
            issued_at TEXT NOT NULL, due_at TEXT NOT NULL, paid_at TEXT
        );
        CREATE TABLE payments (
            id INTEGER PRIMARY KEY,
            invoice_id INTEGER NOT NULL REFERENCES invoices(id),
            provider_ref TEXT NOT NULL,
            amount_cents INTEGER NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL,
            refunded_cents INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL
        );
        CREATE TABLE refunds (
            id INTEGER PRIMARY KEY,
            payment_id INTEGER NOT NULL REFERENCES payments(id),
            invoice_id INTEGER NOT NULL REFERENCES invoices(id),
            amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
            reason TEXT NOT NULL DEFAULT '',
            provider_ref TEXT NOT NULL, created_at TEXT NOT NULL
        );
        """),
    (5, "password reset tokens and notification log", """
        CREATE TABLE password_reset_tokens (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT
        );
        CREATE TABLE notification_log (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL, recipient TEXT NOT NULL, template TEXT NOT NULL,
            status TEXT NOT NULL, created_at TEXT NOT NULL
        );
        """),
]


def ensure_migrations_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )


def current_version(conn: sqlite3.Connection) -> int:
    ensure_migrations_table(conn)
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def pending_migrations(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    version = current_version(conn)
    return [m for m in MIGRATIONS if m[0] > version]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply all pending migrations; returns how many were applied."""
    applied = 0
    for version, name, sql in pending_migrations(conn):
        with transaction(conn):
            for statement in sql.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, to_iso(utcnow())),
            )
        applied += 1
    return applied
