"""Reading orders back: order detail, a customer's order history, cancellation."""

from __future__ import annotations

import sqlite3

from ..billing.gateways import PaymentGateway
from ..billing.invoices import get_invoice_for_order, void_invoice
from ..billing.refunds import refund_invoice
from ..catalog.inventory import release_stock
from ..db.connection import transaction
from ..db.models import Order, OrderLine
from ..errors import NotFound, ValidationError

CANCELLABLE = frozenset({"pending_payment", "payment_failed", "paid"})


def get_order(conn: sqlite3.Connection, order_id: int) -> Order | None:
    row = conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
    if row is None:
        return None
    order = Order.from_row(row)
    order.lines = get_order_lines(conn, order.id)
    return order


def require_order(conn: sqlite3.Connection, order_id: int) -> Order:
    order = get_order(conn, order_id)
    if order is None:
        raise NotFound(f"order {order_id} not found")
    return order


def get_order_lines(conn: sqlite3.Connection, order_id: int) -> list[OrderLine]:
    rows = conn.execute(
        "SELECT * FROM order_lines WHERE order_id = ? ORDER BY id", (order_id,)
    ).fetchall()
    return [OrderLine.from_row(row) for row in rows]


def list_orders_for_user(
    conn: sqlite3.Connection, user_id: int, limit: int = 20, offset: int = 0
) -> list[Order]:
    rows = conn.execute(
        "SELECT id FROM orders WHERE user_id = ? ORDER BY created_at DESC, id DESC"
        " LIMIT ? OFFSET ?",
        (user_id, limit, offset),
    ).fetchall()
    return [require_order(conn, row["id"]) for row in rows]


def cancel_order(conn: sqlite3.Connection, order: Order, gateway: PaymentGateway) -> Order:
    """Cancel an order that has not shipped: refund, release stock, void the invoice."""
    if order.status not in CANCELLABLE:
        raise ValidationError(f"Orders that are {order.status} cannot be cancelled.")
    invoice = get_invoice_for_order(conn, order.id)
    if invoice is not None:
        if invoice.amount_paid_cents > invoice.amount_refunded_cents:
            refund_invoice(conn, invoice, gateway, reason="Order cancelled")
        elif invoice.amount_paid_cents == 0 and invoice.status != "void":
            void_invoice(conn, invoice)
    with transaction(conn):
        if order.status in ("pending_payment", "paid"):
            for line in order.lines:
                release_stock(conn, line.product_id, line.quantity)
        conn.execute("UPDATE orders SET status = 'cancelled' WHERE id = ?", (order.id,))
    order.status = "cancelled"
    return order
