"""Payments: charging invoices through a payment gateway.

Every charge attempt is recorded in the ``payments`` table, including failed
ones, so support can see why a customer's card was declined. The gateway
itself (Stripe, or a fake in development) comes from
:mod:`pyshop.billing.gateways`.
"""

from __future__ import annotations

import sqlite3

from ..auth.users import require_user
from ..db.connection import transaction
from ..db.models import Invoice, Payment
from ..errors import NotFound, PaymentError, ValidationError
from ..notifications.dispatcher import Dispatcher
from ..utils.dates import to_iso, utcnow
from .gateways import PaymentGateway
from .invoices import PAID, apply_payment


def get_payment(conn: sqlite3.Connection, payment_id: int) -> Payment:
    row = conn.execute("SELECT * FROM payments WHERE id = ?", (payment_id,)).fetchone()
    if row is None:
        raise NotFound(f"payment {payment_id} not found")
    return Payment.from_row(row)


def payments_for_invoice(conn: sqlite3.Connection, invoice_id: int) -> list[Payment]:
    rows = conn.execute(
        "SELECT * FROM payments WHERE invoice_id = ? ORDER BY id", (invoice_id,)
    ).fetchall()
    return [Payment.from_row(row) for row in rows]


def charge_invoice(
    conn: sqlite3.Connection,
    invoice: Invoice,
    gateway: PaymentGateway,
    source: str,
    amount_cents: int | None = None,
    dispatcher: Dispatcher | None = None,
) -> Payment:
    """Charge ``source`` (a card token) for the invoice's amount due, or part of it."""
    amount = invoice.amount_due_cents if amount_cents is None else amount_cents
    if amount <= 0 or amount > invoice.amount_due_cents:
        raise ValidationError("Nothing to pay, or amount exceeds the amount due.")
    result = gateway.charge(amount, invoice.currency, source, f"Invoice {invoice.number}")
    now = to_iso(utcnow())
    if not result.ok:
        conn.execute(
            "INSERT INTO payments (invoice_id, provider_ref, amount_cents, currency, status,"
            " created_at) VALUES (?, ?, ?, ?, 'failed', ?)",
            (invoice.id, result.provider_ref, amount, invoice.currency, now),
        )
        raise PaymentError(result.error or "Payment failed.")
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO payments (invoice_id, provider_ref, amount_cents, currency, status,"
            " created_at) VALUES (?, ?, ?, ?, 'succeeded', ?)",
            (invoice.id, result.provider_ref, amount, invoice.currency, now),
        )
        apply_payment(conn, invoice, amount)
    if invoice.status == PAID and dispatcher is not None:
        dispatcher.notify_invoice_paid(invoice, require_user(conn, invoice.user_id))
    return get_payment(conn, int(cursor.lastrowid or 0))
