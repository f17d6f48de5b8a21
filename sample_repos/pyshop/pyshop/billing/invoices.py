"""Invoices.

Every order gets exactly one invoice. Its status moves through
``open -> partially_paid -> paid`` as payments arrive, and to
``partially_refunded``/``refunded`` when money is returned. An invoice with no
payments can be voided.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from ..config import Settings, get_settings
from ..db.models import Invoice, Order
from ..errors import NotFound, ValidationError
from ..utils.dates import to_iso, utcnow

OPEN = "open"
PARTIALLY_PAID = "partially_paid"
PAID = "paid"
PARTIALLY_REFUNDED = "partially_refunded"
REFUNDED = "refunded"
VOID = "void"


def next_invoice_number(conn: sqlite3.Connection, now: datetime | None = None) -> str:
    """Sequential per-year numbers: ``INV-2024-00042``."""
    year = (now or utcnow()).year
    row = conn.execute(
        "SELECT COUNT(*) FROM invoices WHERE number LIKE ?", (f"INV-{year}-%",)
    ).fetchone()
    return f"INV-{year}-{int(row[0]) + 1:05d}"


def create_invoice_for_order(
    conn: sqlite3.Connection, order: Order, settings: Settings | None = None
) -> Invoice:
    settings = settings or get_settings()
    existing = get_invoice_for_order(conn, order.id)
    if existing is not None:
        return existing
    now = utcnow()
    cursor = conn.execute(
        "INSERT INTO invoices (number, order_id, user_id, status, currency, subtotal_cents,"
        " tax_cents, total_cents, issued_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            next_invoice_number(conn, now),
            order.id,
            order.user_id,
            OPEN,
            order.currency,
            order.total_cents - order.tax_cents,
            order.tax_cents,
            order.total_cents,
            to_iso(now),
            to_iso(now + timedelta(days=settings.invoice_due_days)),
        ),
    )
    return require_invoice(conn, int(cursor.lastrowid or 0))


def get_invoice(conn: sqlite3.Connection, invoice_id: int) -> Invoice | None:
    row = conn.execute("SELECT * FROM invoices WHERE id = ?", (invoice_id,)).fetchone()
    return Invoice.from_row(row) if row else None


def require_invoice(conn: sqlite3.Connection, invoice_id: int) -> Invoice:
    invoice = get_invoice(conn, invoice_id)
    if invoice is None:
        raise NotFound(f"invoice {invoice_id} not found")
    return invoice


def get_invoice_for_order(conn: sqlite3.Connection, order_id: int) -> Invoice | None:
    row = conn.execute("SELECT * FROM invoices WHERE order_id = ?", (order_id,)).fetchone()
    return Invoice.from_row(row) if row else None


def list_invoices_for_user(conn: sqlite3.Connection, user_id: int) -> list[Invoice]:
    rows = conn.execute(
        "SELECT * FROM invoices WHERE user_id = ? ORDER BY issued_at DESC", (user_id,)
    ).fetchall()
    return [Invoice.from_row(row) for row in rows]


def _save_amounts(conn: sqlite3.Connection, invoice: Invoice) -> None:
    conn.execute(
        "UPDATE invoices SET status = ?, amount_paid_cents = ?, amount_refunded_cents = ?,"
        " paid_at = ? WHERE id = ?",
        (
            invoice.status,
            invoice.amount_paid_cents,
            invoice.amount_refunded_cents,
            to_iso(invoice.paid_at),
            invoice.id,
        ),
    )


def apply_payment(conn: sqlite3.Connection, invoice: Invoice, amount_cents: int) -> Invoice:
    """Record ``amount_cents`` received against ``invoice``."""
    if invoice.status == VOID:
        raise ValidationError("Cannot pay a void invoice.")
    if amount_cents <= 0 or amount_cents > invoice.amount_due_cents:
        raise ValidationError("Payment amount must be between 1 and the amount due.")
    invoice.amount_paid_cents += amount_cents
    if invoice.amount_paid_cents >= invoice.total_cents:
        invoice.status = PAID
        invoice.paid_at = utcnow()
    else:
        invoice.status = PARTIALLY_PAID
    _save_amounts(conn, invoice)
    return invoice


def apply_refund(conn: sqlite3.Connection, invoice: Invoice, amount_cents: int) -> Invoice:
    """Record money returned to the customer for ``invoice``."""
    refundable = invoice.amount_paid_cents - invoice.amount_refunded_cents
    if amount_cents <= 0 or amount_cents > refundable:
        raise ValidationError("Refund exceeds the amount paid on this invoice.")
    invoice.amount_refunded_cents += amount_cents
    if invoice.amount_refunded_cents >= invoice.amount_paid_cents:
        invoice.status = REFUNDED
    else:
        invoice.status = PARTIALLY_REFUNDED
    _save_amounts(conn, invoice)
    return invoice


def void_invoice(conn: sqlite3.Connection, invoice: Invoice) -> Invoice:
    if invoice.amount_paid_cents:
        raise ValidationError("An invoice with payments cannot be voided; refund it instead.")
    invoice.status = VOID
    _save_amounts(conn, invoice)
    return invoice


def overdue_invoices(conn: sqlite3.Connection, now: datetime | None = None) -> list[Invoice]:
    rows = conn.execute(
        "SELECT * FROM invoices WHERE status IN (?, ?) AND due_at < ? ORDER BY due_at",
        (OPEN, PARTIALLY_PAID, to_iso(now or utcnow())),
    ).fetchall()
    return [Invoice.from_row(row) for row in rows]
