import pytest

from pyshop.billing.invoices import (
    PARTIALLY_REFUNDED,
    REFUNDED,
    apply_payment,
    create_invoice_for_order,
)
from pyshop.billing.payments import charge_invoice, get_payment
from pyshop.billing.refunds import (
    prorated_refund_cents,
    refund_invoice,
    refund_order_line,
    refunds_for_invoice,
)
from pyshop.errors import ValidationError


@pytest.fixture
def paid_invoice(conn, order_factory, gateway):
    invoice = create_invoice_for_order(conn, order_factory(quantity=2, shipping_cents=400))
    charge_invoice(conn, invoice, gateway, "tok_visa")
    return invoice


def test_full_refund(conn, paid_invoice, gateway):
    refunds = refund_invoice(conn, paid_invoice, gateway, reason="Customer changed mind")
    assert sum(r.amount_cents for r in refunds) == 4_000
    assert paid_invoice.status == REFUNDED
    assert get_payment(conn, refunds[0].payment_id).status == "refunded"


def test_partial_refund_of_fully_paid_invoice(conn, paid_invoice, gateway):
    refund_invoice(conn, paid_invoice, gateway, 1_000)
    assert paid_invoice.status == PARTIALLY_REFUNDED
    assert paid_invoice.amount_refunded_cents == 1_000


def test_refund_order_line(conn, order_factory, gateway):
    order = order_factory(quantity=3)
    invoice = create_invoice_for_order(conn, order)
    charge_invoice(conn, invoice, gateway, "tok_visa")
    refund_order_line(conn, invoice, order.lines[0], 1, gateway)
    (refund,) = refunds_for_invoice(conn, invoice.id)
    assert refund.amount_cents == 1_800
    assert refund.reason == "Returned 1 x MUG-001"


def test_cannot_return_more_than_ordered(conn, order_factory, gateway):
    order = order_factory(quantity=1)
    invoice = create_invoice_for_order(conn, order)
    charge_invoice(conn, invoice, gateway, "tok_visa")
    with pytest.raises(ValidationError):
        refund_order_line(conn, invoice, order.lines[0], 2, gateway)


def test_prorated_refund_for_half_paid_invoice(conn, order_factory):
    invoice = create_invoice_for_order(conn, order_factory(quantity=2, shipping_cents=400))
    apply_payment(conn, invoice, 2_000)
    assert prorated_refund_cents(invoice, 1_800) == 900


def test_refund_spreads_over_payments_newest_first(conn, order_factory, gateway):
    invoice = create_invoice_for_order(conn, order_factory(quantity=2, shipping_cents=400))
    charge_invoice(conn, invoice, gateway, "tok_visa", amount_cents=3_000)
    charge_invoice(conn, invoice, gateway, "tok_visa", amount_cents=1_000)
    refunds = refund_invoice(conn, invoice, gateway, 1_500)
    assert [r.amount_cents for r in refunds] == [1_000, 500]


def test_nothing_left_to_refund(conn, paid_invoice, gateway):
    refund_invoice(conn, paid_invoice, gateway)
    with pytest.raises(ValidationError, match="Nothing to refund"):
        refund_invoice(conn, paid_invoice, gateway)
