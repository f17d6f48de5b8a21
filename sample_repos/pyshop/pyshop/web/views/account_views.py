"""Customer account endpoints: order history, invoices, profile."""

from __future__ import annotations

from ...auth.permissions import can_view_order, has_permission, require_login
from ...auth.users import update_profile
from ...billing.invoices import require_invoice
from ...errors import NotFound
from ...orders.history import list_orders_for_user, require_order
from ..request import Request
from ..response import Response, json_response
from ..routes import Router
from ..serializers import invoice_summary, invoice_to_dict, order_to_dict, user_to_dict
from . import app_of


@require_login
def order_history(request: Request) -> Response:
    app = app_of(request)
    assert request.user is not None
    orders = list_orders_for_user(app.conn, request.user.id)
    return json_response({"orders": [order_to_dict(order) for order in orders]})


@require_login
def order_detail(request: Request, order_id: int) -> Response:
    app = app_of(request)
    order = require_order(app.conn, order_id)
    if not can_view_order(request.user, order):
        # 404 rather than 403: do not confirm that the order number exists.
        raise NotFound(f"order {order_id} not found")
    return json_response(order_to_dict(order))


@require_login
def invoice_detail(request: Request, invoice_id: int) -> Response:
    app = app_of(request)
    user = request.user
    assert user is not None
    invoice = require_invoice(app.conn, invoice_id)
    if invoice.user_id != user.id and not has_permission(user, "invoices:view_any"):
        raise NotFound(f"invoice {invoice_id} not found")
    order = require_order(app.conn, invoice.order_id)
    return json_response(
        {"invoice": invoice_to_dict(invoice), "summary": invoice_summary(invoice, order)}
    )


@require_login
def edit_profile(request: Request) -> Response:
    app = app_of(request)
    assert request.user is not None
    data = request.data()
    user = update_profile(
        app.conn, request.user.id, full_name=data.get("name"), email=data.get("email")
    )
    return json_response({"user": user_to_dict(user)})


def register(router: Router) -> None:
    router.add("GET", "/account/orders", order_history)
    router.add("GET", "/account/orders/<int:order_id>", order_detail)
    router.add("GET", "/account/invoices/<int:invoice_id>", invoice_detail)
    router.add("POST", "/account/profile", edit_profile)
