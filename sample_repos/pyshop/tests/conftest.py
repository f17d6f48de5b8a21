"""Shared fixtures: an in-memory database, fast password hashing, fake outboxes."""

import sqlite3
from collections.abc import Iterator

import pytest

from pyshop.auth.users import create_user
from pyshop.billing.gateways import FakeGateway
from pyshop.catalog.products import create_product
from pyshop.config import Settings, override_settings, reset_settings
from pyshop.db.connection import connect
from pyshop.db.migrations import migrate
from pyshop.db.models import Product, User
from pyshop.notifications.dispatcher import Dispatcher, set_dispatcher
from pyshop.notifications.email import MemoryBackend
from pyshop.notifications.sms import MemorySmsClient


@pytest.fixture(autouse=True)
def settings() -> Iterator[Settings]:
    yield override_settings(
        database_path=":memory:",
        secret_key="test-secret",
        password_hash_iterations=1_000,
        email_backend="memory",
        sms_api_key="",
        stripe_key="",
        base_url="https://shop.test",
    )
    set_dispatcher(None)
    reset_settings()


@pytest.fixture
def conn(settings: Settings) -> Iterator[sqlite3.Connection]:
    connection = connect(":memory:")
    migrate(connection)
    yield connection
    connection.close()


@pytest.fixture
def dispatcher(conn: sqlite3.Connection, settings: Settings) -> Dispatcher:
    instance = Dispatcher(MemoryBackend(), MemorySmsClient(), conn, settings)
    set_dispatcher(instance)
    return instance


@pytest.fixture
def outbox(dispatcher: Dispatcher) -> list:
    assert isinstance(dispatcher.email_backend, MemoryBackend)
    return dispatcher.email_backend.outbox


@pytest.fixture
def sms_outbox(dispatcher: Dispatcher) -> list:
    assert isinstance(dispatcher.sms_client, MemorySmsClient)
    return dispatcher.sms_client.outbox


@pytest.fixture
def gateway() -> FakeGateway:
    return FakeGateway()


@pytest.fixture
def user(conn: sqlite3.Connection) -> User:
    return create_user(conn, "alice@example.com", "sunflower-meadow-77", "Alice Liddell")


@pytest.fixture
def mug(conn: sqlite3.Connection) -> Product:
    return create_product(
        conn, "MUG-001", "Enamel Camp Mug", 1_800, category="kitchen", stock=10,
        description="A 350 ml enamel mug for coffee on the trail.",
    )


@pytest.fixture
def tee(conn: sqlite3.Connection) -> Product:
    return create_product(conn, "TEE-100", "Logo T-Shirt", 2_500, category="apparel", stock=3)


@pytest.fixture
def order_factory(conn: sqlite3.Connection, user: User, mug: Product):
    """Insert an unpaid order for ``user`` directly, bypassing checkout."""
    from pyshop.orders.history import require_order

    counter = {"n": 0}

    def make(quantity: int = 2, tax_cents: int = 0, shipping_cents: int = 599):
        counter["n"] += 1
        subtotal = mug.price_cents * quantity
        cursor = conn.execute(
            "INSERT INTO orders (number, user_id, status, currency, subtotal_cents,"
            " tax_cents, shipping_cents, total_cents, ship_name, ship_line1, ship_city,"
            " ship_region, ship_postal_code, ship_country, created_at)"
            " VALUES (?, ?, 'pending_payment', 'USD', ?, ?, ?, ?, 'Alice', '1 Main St',"
            " 'Springfield', 'OR', '97477', 'US', '2024-05-01T10:00:00+00:00')",
            (f"PS-TEST-{counter['n']}", user.id, subtotal, tax_cents, shipping_cents,
             subtotal + tax_cents + shipping_cents),
        )
        order_id = int(cursor.lastrowid or 0)
        conn.execute(
            "INSERT INTO order_lines (order_id, product_id, sku, name, quantity,"
            " unit_price_cents) VALUES (?, ?, ?, ?, ?, ?)",
            (order_id, mug.id, mug.sku, mug.name, quantity, mug.price_cents),
        )
        return require_order(conn, order_id)

    return make
