"""Row models: dataclasses mirroring the tables in :mod:`pyshop.db.migrations`.

``from_row`` converts a :class:`sqlite3.Row`, parsing timestamps into datetimes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..utils.dates import parse_iso

TIMESTAMP_SUFFIXES = ("_at", "_until")


class RowModel:
    """Mixin: build a dataclass from a row; ``*_at``/``*_until`` columns are timestamps."""

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Any:
        values = dict(zip(row.keys(), tuple(row), strict=True))
        for key, value in values.items():
            if key.endswith(TIMESTAMP_SUFFIXES):
                values[key] = parse_iso(value)
        return cls(**values)


@dataclass
class User(RowModel):
    id: int
    email: str
    password_hash: str
    full_name: str
    role: str
    failed_logins: int = 0
    locked_until: datetime | None = None
    created_at: datetime | None = None

    @property
    def first_name(self) -> str:
        return self.full_name.split(" ", 1)[0] if self.full_name else ""


@dataclass
class Product(RowModel):
    id: int
    sku: str
    name: str
    slug: str
    description: str
    category: str
    price_cents: int
    currency: str
    active: bool = True
    created_at: datetime | None = None

    def __post_init__(self) -> None:
        self.active = bool(self.active)  # SQLite stores booleans as 0/1


@dataclass
class OrderLine(RowModel):
    product_id: int
    sku: str
    name: str
    quantity: int
    unit_price_cents: int
    id: int | None = None
    order_id: int | None = None

    @property
    def line_total_cents(self) -> int:
        return self.quantity * self.unit_price_cents


@dataclass
class Order(RowModel):
    id: int
    number: str
    user_id: int
    status: str
    currency: str
    subtotal_cents: int
    discount_cents: int
    tax_cents: int
    shipping_cents: int
    total_cents: int
    ship_name: str
    ship_line1: str
    ship_city: str
    ship_region: str
    ship_postal_code: str
    ship_country: str
    ship_phone: str | None = None
    carrier: str | None = None
    tracking_number: str | None = None
    created_at: datetime | None = None
    shipped_at: datetime | None = None
    lines: list[OrderLine] = field(default_factory=list)



@dataclass
class Invoice(RowModel):
    id: int
    number: str
    order_id: int
    user_id: int
    status: str
    currency: str
    subtotal_cents: int
    tax_cents: int
    total_cents: int
    amount_paid_cents: int
    amount_refunded_cents: int
    issued_at: datetime | None = None
    due_at: datetime | None = None
    paid_at: datetime | None = None

    @property
    def amount_due_cents(self) -> int:
        return max(self.total_cents - self.amount_paid_cents, 0)


@dataclass
class Payment(RowModel):
    id: int
    invoice_id: int
    provider_ref: str
    amount_cents: int
    currency: str
    status: str
    refunded_cents: int = 0
    created_at: datetime | None = None

    @property
    def refundable_cents(self) -> int:
        return self.amount_cents - self.refunded_cents


@dataclass
class Refund(RowModel):
    id: int
    payment_id: int
    invoice_id: int
    amount_cents: int
    reason: str
    provider_ref: str
    created_at: datetime | None = None

