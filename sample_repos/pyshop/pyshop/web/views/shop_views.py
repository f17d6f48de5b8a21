"""Storefront endpoints: product listing, search, cart and checkout."""

from __future__ import annotations

from ...auth.permissions import require_login
from ...catalog.inventory import get_stock
from ...catalog.products import get_product_by_slug, list_products, require_product
from ...catalog.search import search_products
from ...errors import NotFound, OutOfStock
from ...orders.cart import estimate_totals, load_cart, save_cart
from ...orders.checkout import Address, place_order
from ...utils.validation import require_fields, validate_quantity
from ..request import Request
from ..response import Response, json_response
from ..routes import Router
from ..serializers import cart_to_dict, order_to_dict, product_to_dict
from . import app_of, session_of

PAGE_SIZE = 24


def product_list(request: Request) -> Response:
    app = app_of(request)
    page = max(int(request.query.get("page", "1") or 1), 1)
    products = list_products(
        app.conn, request.query.get("category"), limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    items = [product_to_dict(p, get_stock(app.conn, p.id)) for p in products]
    return json_response({"page": page, "products": items})


def product_detail(request: Request, slug: str) -> Response:
    app = app_of(request)
    product = get_product_by_slug(app.conn, slug)
    if product is None:
        raise NotFound("That product does not exist.")
    return json_response(product_to_dict(product, get_stock(app.conn, product.id)))


def search(request: Request) -> Response:
    app = app_of(request)
    hits = search_products(
        app.conn, request.query.get("q", ""), category=request.query.get("category")
    )
    return json_response({"results": [product_to_dict(hit.product) for hit in hits]})


def view_cart(request: Request) -> Response:
    app = app_of(request)
    cart = load_cart(session_of(request), app.settings.default_currency)
    totals = estimate_totals(
        cart, request.query.get("country", "US"), request.query.get("region", "")
    )
    return json_response(cart_to_dict(cart, totals))


def add_to_cart(request: Request) -> Response:
    app = app_of(request)
    session = session_of(request)
    data = request.data()
    product = require_product(app.conn, int(require_fields(data, ["product_id"])["product_id"]))
    quantity = validate_quantity(data.get("quantity", 1))
    cart = load_cart(session, app.settings.default_currency)
    in_cart = cart.items[product.id].quantity if product.id in cart.items else 0
    available = get_stock(app.conn, product.id).available
    if in_cart + quantity > available:
        raise OutOfStock(product.sku, in_cart + quantity, available)
    cart.add_item(product, quantity)
    save_cart(session, cart)
    return json_response(cart_to_dict(cart, estimate_totals(cart)), status=201)


def remove_from_cart(request: Request, product_id: int) -> Response:
    app = app_of(request)
    session = session_of(request)
    cart = load_cart(session, app.settings.default_currency)
    cart.remove_item(product_id)
    save_cart(session, cart)
    return json_response(cart_to_dict(cart, estimate_totals(cart)))


@require_login
def checkout(request: Request) -> Response:
    app = app_of(request)
    session = session_of(request)
    assert request.user is not None
    data = request.data()
    address = Address.from_form(data.get("address") or data)
    token = require_fields(data, ["payment_token"])["payment_token"]
    cart = load_cart(session, app.settings.default_currency)
    order = place_order(
        app.conn, request.user, cart, address, app.gateway, token,
        dispatcher=app.dispatcher, settings=app.settings,
    )
    save_cart(session, cart)
    return json_response(order_to_dict(order), status=201)


def register(router: Router) -> None:
    router.add("GET", "/products", product_list)
    router.add("GET", "/products/<slug:slug>", product_detail)
    router.add("GET", "/search", search)
    router.add("GET", "/cart", view_cart)
    router.add("POST", "/cart/items", add_to_cart)
    router.add("DELETE", "/cart/items/<int:product_id>", remove_from_cart)
    router.add("POST", "/checkout", checkout)
