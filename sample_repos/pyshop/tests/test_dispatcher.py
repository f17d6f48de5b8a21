from pyshop.notifications.dispatcher import Dispatcher
from pyshop.notifications.email import MemoryBackend, send_email
from pyshop.notifications.sms import MemorySmsClient, send_sms, truncate_sms
from pyshop.notifications.templates import TemplateError, render_email, render_sms


def test_render_email_fills_placeholders():
    rendered = render_email("password_reset", {"first_name": "Alice", "reset_url": "https://x"})
    assert rendered.subject == "Reset your PyShop password"
    assert "https://x" in rendered.body
    assert rendered.body.endswith("https://pyshop.test")


def test_missing_placeholder_is_an_error():
    try:
        render_sms("order_placed", {"order_number": "PS-1"})
    except TemplateError as exc:
        assert "total" in str(exc)
    else:
        raise AssertionError("expected TemplateError")


def test_send_email_validates_recipient():
    backend = MemoryBackend()
    message = send_email(" Alice@Example.COM", "Hi", "Body", backend)
    assert message.to == "alice@example.com"
    assert backend.outbox == [message]


def test_send_sms_normalises_numbers_and_truncates():
    client = MemorySmsClient()
    message = send_sms("+1 (503) 555-0100", "x" * 1000, client)
    assert message.to == "+15035550100"
    assert len(message.body) == 459
    assert truncate_sms("  a   b ") == "a b"


def test_order_placed_goes_out_by_email_and_sms(conn, order_factory, user, dispatcher,
                                                outbox, sms_outbox):
    order = order_factory()
    order.ship_phone = "+15035550100"
    dispatcher.notify_order_placed(order, user)
    assert outbox[0].to == "alice@example.com"
    assert sms_outbox[0].body.startswith(f"PyShop: order {order.number} confirmed")
    statuses = conn.execute("SELECT channel, status FROM notification_log").fetchall()
    assert [tuple(row) for row in statuses] == [("email", "sent"), ("sms", "sent")]


def test_failures_are_logged_not_raised(conn, user, settings, order_factory):
    class BrokenBackend(MemoryBackend):
        def send(self, message):
            raise OSError("relay down")

    dispatcher = Dispatcher(BrokenBackend(), MemorySmsClient(), conn, settings)
    dispatcher.notify_order_placed(order_factory(), user)
    row = conn.execute("SELECT channel, status FROM notification_log").fetchone()
    assert tuple(row) == ("email", "failed")
