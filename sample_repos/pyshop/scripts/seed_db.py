"""Create a development database with an admin user and a small catalog.

Usage::

    python scripts/seed_db.py [path/to/pyshop.sqlite3]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pyshop.auth.permissions import Role
from pyshop.auth.users import create_user, get_user_by_email
from pyshop.catalog.products import create_product, get_product_by_sku
from pyshop.config import override_settings
from pyshop.db.connection import get_connection
from pyshop.db.migrations import migrate

USERS = [
    ("admin@pyshop.test", "correct-horse-battery", "Ada Admin", Role.ADMIN),
    ("support@pyshop.test", "paper-clip-staple-42", "Sam Support", Role.SUPPORT),
    ("customer@pyshop.test", "blue-teapot-sunrise-9", "Casey Customer", Role.CUSTOMER),
]

PRODUCTS = [
    ("MUG-001", "Enamel Camp Mug", 1_800, "kitchen", 40, "A 350 ml enamel mug."),
    ("MUG-002", "Stoneware Coffee Mug", 2_200, "kitchen", 3, "Hand-glazed, dishwasher safe."),
    ("KNF-010", "Chef's Knife 20cm", 8_900, "kitchen", 12, "German steel chef's knife."),
    ("TEE-100", "Logo T-Shirt", 2_500, "apparel", 100, "Organic cotton tee."),
    ("CAP-200", "Wool Beanie", 2_900, "apparel", 0, "Merino wool beanie."),
    ("BK-300", "The Pragmatic Shopkeeper", 3_400, "books", 7, "Paperback, 320 pages."),
]


def seed(path: str) -> None:
    override_settings(database_path=path)
    conn = get_connection(path)
    applied = migrate(conn)
    print(f"applied {applied} migration(s) to {path}")
    for email, password, name, role in USERS:
        if get_user_by_email(conn, email) is None:
            create_user(conn, email, password, name, role)
            print(f"created {role.value} {email}")
    for sku, name, price, category, stock, description in PRODUCTS:
        if get_product_by_sku(conn, sku) is None:
            create_product(conn, sku, name, price, category=category, stock=stock,
                           description=description)
            print(f"created product {sku}")


if __name__ == "__main__":
    seed(sys.argv[1] if len(sys.argv) > 1 else "pyshop.sqlite3")
