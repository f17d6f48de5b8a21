import io
import json

import pytest

from pyshop.auth.permissions import Role
from pyshop.auth.users import create_user
from pyshop.errors import MethodNotAllowed, NotFound
from pyshop.web.app import create_app
from pyshop.web.request import Request
from pyshop.web.routes import Router


def _handler(request, **params):
    return params


def test_router_converts_params():
    router = Router()
    router.add("GET", "/orders/<int:order_id>", _handler, name="order")
    router.add("GET", "/products/<slug:slug>", _handler)
    _, params = router.match("GET", "/orders/42")
    assert params == {"order_id": 42}
    assert router.match("GET", "/products/camp-mug/")[1] == {"slug": "camp-mug"}
    assert router.url_for("order", order_id=7) == "/orders/7"


def test_router_404_and_405():
    router = Router()
    router.add("POST", "/login", _handler)
    with pytest.raises(NotFound):
        router.match("GET", "/nope")
    with pytest.raises(MethodNotAllowed):
        router.match("GET", "/login")


@pytest.fixture
def app(conn, settings, dispatcher, gateway):
    return create_app(settings, conn=conn, dispatcher=dispatcher, gateway=gateway)


def call(app, method, path, body=None, cookie=None, query=None):
    headers = {"Content-Type": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    request = Request(method, path, query=query, headers=headers,
                      body=json.dumps(body).encode() if body is not None else b"")
    response = app.handle(request)
    return response, json.loads(response.body or b"null")


def test_login_sets_cookie_and_unlocks_account_pages(app, user):
    response, data = call(app, "POST", "/login",
                          {"email": "alice@example.com", "password": "sunflower-meadow-77"})
    assert response.status == 200
    assert data["user"]["email"] == "alice@example.com"
    cookie = response.cookies[0].split(";")[0]

    response, data = call(app, "GET", "/account/orders", cookie=cookie)
    assert response.status == 200
    assert data == {"orders": []}


def test_account_pages_require_login(app):
    response, data = call(app, "GET", "/account/orders")
    assert response.status == 401
    assert data["error"] == "Please log in."


def test_validation_errors_name_the_field(app):
    response, data = call(app, "POST", "/login", {"email": "alice@example.com"})
    assert response.status == 400
    assert data["field"] == "password"


def test_admin_endpoints_check_permissions(app, conn, user):
    create_user(conn, "ops@example.com", "operations-team-1", "Ops", Role.SUPPORT)
    response, _ = call(app, "POST", "/login",
                       {"email": "ops@example.com", "password": "operations-team-1"})
    cookie = response.cookies[0].split(";")[0]
    response, _ = call(app, "POST", "/admin/invoices/1/refund", {}, cookie=cookie)
    assert response.status == 403


def test_cart_and_search_endpoints(app, mug):
    response, data = call(app, "POST", "/cart/items", {"product_id": mug.id, "quantity": 2})
    assert response.status == 201
    assert data["item_count"] == 2
    _, results = call(app, "GET", "/search", query={"q": "camp mug"})
    assert [r["sku"] for r in results["results"]] == ["MUG-001"]


def test_wsgi_entry_point(app):
    captured = {}

    def start_response(status, headers):
        captured["status"] = status

    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/products", "QUERY_STRING": "",
               "wsgi.input": io.BytesIO(b"")}
    body = b"".join(app(environ, start_response))
    assert captured["status"] == "200 OK"
    assert json.loads(body)["products"] == []
