import pytest

from pyshop.billing.invoices import (
    PAID,
    PARTIALLY_PAID,
    VOID,
    apply_payment,
    create_invoice_for_order,
    next_invoice_number,
    void_invoice,
)
from pyshop.billing.payments import charge_invoice, payments_for_invoice
from pyshop.errors import PaymentError, ValidationError
from pyshop.web.serializers import invoice_summary


def test_invoice_numbers_are_sequential(conn, order_factory):
    first = create_invoice_for_order(conn, order_factory())
    second = create_invoice_for_order(conn, order_factory())
    year = first.issued_at.year
    assert first.number == f"INV-{year}-00001"
    assert second.number == f"INV-{year}-00002"
    assert next_invoice_number(conn).endswith("00003")


def test_one_invoice_per_order(conn, order_factory):
    order = order_factory()
    assert create_invoice_for_order(conn, order).id == create_invoice_for_order(conn, order).id


def test_partial_then_full_payment(conn, order_factory):
    order = order_factory(quantity=2, shipping_cents=400)  # total 4000
    invoice = create_invoice_for_order(conn, order)
    apply_payment(conn, invoice, 1_500)
    assert invoice.status == PARTIALLY_PAID
    assert invoice.amount_due_cents == 2_500
    apply_payment(conn, invoice, 2_500)
    assert invoice.status == PAID
    assert invoice.paid_at is not None


def test_overpayment_is_rejected(conn, order_factory):
    invoice = create_invoice_for_order(conn, order_factory())
    with pytest.raises(ValidationError):
        apply_payment(conn, invoice, invoice.total_cents + 1)


def test_charge_invoice_records_payment_and_sends_receipt(
    conn, order_factory, gateway, dispatcher, outbox
):
    invoice = create_invoice_for_order(conn, order_factory())
    payment = charge_invoice(conn, invoice, gateway, "tok_visa", dispatcher=dispatcher)
    assert payment.status == "succeeded"
    assert payment.amount_cents == invoice.total_cents
    assert invoice.status == PAID
    assert outbox[0].subject == f"Receipt for invoice {invoice.number}"


def test_declined_card_leaves_invoice_open(conn, order_factory, gateway):
    invoice = create_invoice_for_order(conn, order_factory())
    with pytest.raises(PaymentError, match="declined"):
        charge_invoice(conn, invoice, gateway, "tok_chargeDeclined")
    assert invoice.amount_paid_cents == 0
    assert [p.status for p in payments_for_invoice(conn, invoice.id)] == ["failed"]


def test_void_only_without_payments(conn, order_factory):
    invoice = create_invoice_for_order(conn, order_factory())
    assert void_invoice(conn, invoice).status == VOID
    paid = create_invoice_for_order(conn, order_factory())
    apply_payment(conn, paid, 100)
    with pytest.raises(ValidationError):
        void_invoice(conn, paid)


def test_invoice_summary_formats_money(conn, order_factory):
    order = order_factory(quantity=1, shipping_cents=599)
    summary = invoice_summary(create_invoice_for_order(conn, order), order)
    assert summary["lines"] == [{"description": "1 x Enamel Camp Mug", "amount": "$18.00"}]
    assert summary["total"] == "$23.99"
    assert summary["taxes"] == []
