"""Turn domain objects into JSON-friendly dicts for API responses."""

from __future__ import annotations

from typing import Any

from ..billing.currency import format_money
from ..billing.tax import tax_breakdown
from ..catalog.inventory import StockLevel
from ..db.models import Invoice, Order, Product, User
from ..orders.cart import Cart, CartTotals
from ..utils.dates import format_date, to_iso


def user_to_dict(user: User) -> dict[str, Any]:
    return {"id": user.id, "email": user.email, "name": user.full_name, "role": user.role}


def product_to_dict(product: Product, stock: StockLevel | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": product.id,
        "sku": product.sku,
        "name": product.name,
        "slug": product.slug,
        "description": product.description,
        "category": product.category,
        "price": format_money(product.price_cents, product.currency),
        "price_cents": product.price_cents,
        "currency": product.currency,
    }
    if stock is not None:
        data["available"] = stock.available
        data["in_stock"] = stock.in_stock
    return data


def cart_to_dict(cart: Cart, totals: CartTotals) -> dict[str, Any]:
    cur = cart.currency
    return {
        "items": [
            {
                "product_id": item.product_id,
                "name": item.name,
                "quantity": item.quantity,
                "unit_price": format_money(item.unit_price_cents, cur),
                "line_total": format_money(item.line_total_cents, cur),
            }
            for item in cart.items.values()
        ],
        "item_count": cart.item_count,
        "subtotal": format_money(totals.subtotal_cents, cur),
        "discount": format_money(totals.discount_cents, cur),
        "promotion": totals.promotion,
        "shipping": format_money(totals.shipping_cents, cur),
        "tax": format_money(totals.tax_cents, cur),
        "total": format_money(totals.total_cents, cur),
    }


def order_to_dict(order: Order) -> dict[str, Any]:
    cur = order.currency
    return {
        "id": order.id,
        "number": order.number,
        "status": order.status,
        "created_at": to_iso(order.created_at),
        "shipped_at": to_iso(order.shipped_at),
        "carrier": order.carrier,
        "tracking_number": order.tracking_number,
        "lines": [
            {"sku": line.sku, "name": line.name, "quantity": line.quantity,
             "line_total": format_money(line.line_total_cents, cur)}
            for line in order.lines
        ],
        "total": format_money(order.total_cents, cur),
    }


def invoice_to_dict(invoice: Invoice) -> dict[str, Any]:
    cur = invoice.currency
    return {
        "id": invoice.id,
        "number": invoice.number,
        "status": invoice.status,
        "total": format_money(invoice.total_cents, cur),
        "paid": format_money(invoice.amount_paid_cents, cur),
        "due": format_money(invoice.amount_due_cents, cur),
        "refunded": format_money(invoice.amount_refunded_cents, cur),
        "due_at": to_iso(invoice.due_at),
    }


def invoice_summary(invoice: Invoice, order: Order) -> dict[str, Any]:
    """Display-ready invoice data for the account page and the PDF renderer."""
    cur = invoice.currency
    taxable = order.subtotal_cents - order.discount_cents
    return {
        "number": invoice.number,
        "status": invoice.status,
        "issued": format_date(invoice.issued_at) if invoice.issued_at else "",
        "due": format_date(invoice.due_at) if invoice.due_at else "",
        "lines": [
            {
                "description": f"{line.quantity} x {line.name}",
                "amount": format_money(line.line_total_cents, cur),
            }
            for line in order.lines
        ],
        "discount": format_money(-order.discount_cents, cur),
        "shipping": format_money(order.shipping_cents, cur),
        "taxes": [
            {"name": name, "amount": format_money(cents, cur)}
            for name, cents in tax_breakdown(taxable, order.ship_country, order.ship_region)
        ],
        "total": format_money(invoice.total_cents, cur),
        "paid": format_money(invoice.amount_paid_cents, cur),
        "due_amount": format_money(invoice.amount_due_cents, cur),
        "refunded": format_money(invoice.amount_refunded_cents, cur),
    }
