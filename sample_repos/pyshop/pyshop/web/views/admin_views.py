"""Back-office endpoints for support staff and admins."""

from __future__ import annotations

from ...auth.permissions import require_permission
from ...billing.invoices import require_invoice
from ...billing.refunds import refund_invoice
from ...catalog.inventory import low_stock_products, restock, set_stock
from ...catalog.products import create_product
from ...orders.history import cancel_order, require_order
from ...orders.shipping import ship_order
from ...utils.validation import require_fields
from ..request import Request
from ..response import Response, json_response
from ..routes import Router
from ..serializers import invoice_to_dict, order_to_dict, product_to_dict
from . import app_of


@require_permission("orders:ship")
def ship(request: Request, order_id: int) -> Response:
    app = app_of(request)
    fields = require_fields(request.data(), ["carrier", "tracking_number"])
    order = ship_order(
        app.conn,
        require_order(app.conn, order_id),
        fields["carrier"],
        fields["tracking_number"],
        app.dispatcher,
    )
    return json_response(order_to_dict(order))


@require_permission("refunds:issue")
def refund(request: Request, invoice_id: int) -> Response:
    app = app_of(request)
    data = request.data()
    invoice = require_invoice(app.conn, invoice_id)
    amount = data.get("amount_cents")
    refunds = refund_invoice(
        app.conn, invoice, app.gateway, int(amount) if amount else None, data.get("reason", "")
    )
    refunded = sum(r.amount_cents for r in refunds)
    return json_response({"invoice": invoice_to_dict(invoice), "refunded_cents": refunded})


@require_permission("refunds:issue")
def cancel(request: Request, order_id: int) -> Response:
    app = app_of(request)
    order = cancel_order(app.conn, require_order(app.conn, order_id), app.gateway)
    return json_response(order_to_dict(order))


@require_permission("inventory:edit")
def low_stock(request: Request) -> Response:
    app = app_of(request)
    threshold = request.query.get("threshold")
    rows = low_stock_products(app.conn, int(threshold) if threshold else None)
    return json_response({"products": [product_to_dict(p, stock) for p, stock in rows]})


@require_permission("inventory:edit")
def update_stock(request: Request, product_id: int) -> Response:
    app = app_of(request)
    data = request.data()
    if "restock" in data:
        level = restock(app.conn, product_id, int(data["restock"]))
    else:
        level = set_stock(app.conn, product_id, int(require_fields(data, ["on_hand"])["on_hand"]))
    return json_response({"product_id": product_id, "on_hand": level.on_hand,
                          "available": level.available})


@require_permission("catalog:edit")
def add_product(request: Request) -> Response:
    app = app_of(request)
    data = request.data()
    fields = require_fields(data, ["sku", "name", "price_cents"])
    product = create_product(
        app.conn,
        fields["sku"],
        fields["name"],
        int(fields["price_cents"]),
        description=data.get("description", ""),
        category=data.get("category", "general"),
        stock=int(data.get("stock", 0)),
    )
    return json_response(product_to_dict(product), status=201)


def register(router: Router) -> None:
    router.add("POST", "/admin/orders/<int:order_id>/ship", ship)
    router.add("POST", "/admin/orders/<int:order_id>/cancel", cancel)
    router.add("POST", "/admin/invoices/<int:invoice_id>/refund", refund)
    router.add("GET", "/admin/inventory/low-stock", low_stock)
    router.add("POST", "/admin/inventory/<int:product_id>", update_stock)
    router.add("POST", "/admin/products", add_product)
