"""Refunds.

Refunds are issued against individual payments. :func:`refund_invoice`
spreads a refund over an invoice's payments, newest first. When an invoice
was only partially paid, the customer is refunded their share of the returned
value, not the full value (see :func:`prorated_refund_cents`).
"""

from __future__ import annotations

import sqlite3

from ..db.connection import transaction
from ..db.models import Invoice, OrderLine, Payment, Refund
from ..errors import PaymentError, ValidationError
from ..utils.dates import to_iso, utcnow
from .gateways import PaymentGateway
from .invoices import apply_refund
from .payments import payments_for_invoice


def prorated_refund_cents(invoice: Invoice, value_cents: int) -> int:
    """How much of ``value_cents`` of goods to give back on ``invoice``.

    For a fully paid invoice this is the value itself. For a partially paid
    invoice the customer only gets back the fraction they actually paid.
    """
    if invoice.amount_paid_cents >= invoice.total_cents:
        return value_cents
    ratio = invoice.amount_paid_cents / invoice.total_cents
    return int(value_cents * ratio)


def refund_payment(
    conn: sqlite3.Connection,
    payment: Payment,
    invoice: Invoice,
    gateway: PaymentGateway,
    amount_cents: int,
    reason: str = "",
) -> Refund:
    """Refund ``amount_cents`` of a single payment through the gateway."""
    if payment.status not in ("succeeded", "partially_refunded"):
        raise ValidationError(f"Payment {payment.id} cannot be refunded ({payment.status}).")
    if amount_cents <= 0 or amount_cents > payment.refundable_cents:
        raise ValidationError("Refund amount exceeds what is left on the payment.")
    result = gateway.refund(payment.provider_ref, amount_cents)
    if not result.ok:
        raise PaymentError(result.error or "Refund failed.")
    payment.refunded_cents += amount_cents
    payment.status = "refunded" if payment.refundable_cents == 0 else "partially_refunded"
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO refunds (payment_id, invoice_id, amount_cents, reason, provider_ref,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (payment.id, invoice.id, amount_cents, reason, result.provider_ref,
             to_iso(utcnow())),
        )
        conn.execute(
            "UPDATE payments SET refunded_cents = ?, status = ? WHERE id = ?",
            (payment.refunded_cents, payment.status, payment.id),
        )
        apply_refund(conn, invoice, amount_cents)
    row = conn.execute("SELECT * FROM refunds WHERE id = ?", (cursor.lastrowid,)).fetchone()
    return Refund.from_row(row)


def refund_invoice(
    conn: sqlite3.Connection,
    invoice: Invoice,
    gateway: PaymentGateway,
    value_cents: int | None = None,
    reason: str = "",
) -> list[Refund]:
    """Refund goods worth ``value_cents`` (default: everything still refundable)."""
    refundable = invoice.amount_paid_cents - invoice.amount_refunded_cents
    if value_cents is None:
        remaining = refundable
    else:
        remaining = min(prorated_refund_cents(invoice, value_cents), refundable)
    if remaining <= 0:
        raise ValidationError("Nothing to refund on this invoice.")
    refunds: list[Refund] = []
    for payment in reversed(payments_for_invoice(conn, invoice.id)):
        if remaining == 0:
            break
        if payment.status not in ("succeeded", "partially_refunded"):
            continue
        amount = min(remaining, payment.refundable_cents)
        if amount > 0:
            refunds.append(refund_payment(conn, payment, invoice, gateway, amount, reason))
            remaining -= amount
    return refunds


def refund_order_line(
    conn: sqlite3.Connection,
    invoice: Invoice,
    line: OrderLine,
    quantity: int,
    gateway: PaymentGateway,
) -> list[Refund]:
    """Refund ``quantity`` returned units of one order line."""
    if not 0 < quantity <= line.quantity:
        raise ValidationError("Cannot return more units than were ordered.", field="quantity")
    value = line.unit_price_cents * quantity
    return refund_invoice(
        conn, invoice, gateway, value, reason=f"Returned {quantity} x {line.sku}"
    )


def refunds_for_invoice(conn: sqlite3.Connection, invoice_id: int) -> list[Refund]:
    rows = conn.execute(
        "SELECT * FROM refunds WHERE invoice_id = ? ORDER BY id", (invoice_id,)
    ).fetchall()
    return [Refund.from_row(row) for row in rows]
