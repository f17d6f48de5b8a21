"""Notification dispatcher.

The one place that decides *who* is told *what* over *which* channel. Each
``notify_*`` method renders templates and sends them; failures are logged to
``notification_log`` and swallowed, because a flaky mail relay must never
break a checkout.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING, Any

from ..billing.currency import format_money
from ..config import Settings, get_settings
from ..utils.dates import to_iso, utcnow
from .email import EmailBackend, get_email_backend, send_email
from .sms import SmsClient, get_sms_client, send_sms
from .templates import render_email, render_sms

if TYPE_CHECKING:
    from ..db.models import Invoice, Order, User

log = logging.getLogger(__name__)


class Dispatcher:
    def __init__(
        self,
        email_backend: EmailBackend | None = None,
        sms_client: SmsClient | None = None,
        conn: sqlite3.Connection | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        self.email_backend = email_backend or get_email_backend(self.settings)
        self.sms_client = sms_client or get_sms_client(self.settings)
        self.conn = conn

    def _log(self, channel: str, recipient: str, template: str, status: str) -> None:
        if self.conn is None:
            return
        self.conn.execute(
            "INSERT INTO notification_log (channel, recipient, template, status, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (channel, recipient, template, status, to_iso(utcnow())),
        )

    def send_email_template(self, to: str, template: str, context: dict[str, Any]) -> bool:
        try:
            rendered = render_email(template, context)
            send_email(to, rendered.subject, rendered.body, self.email_backend, self.settings)
        except Exception:
            log.exception("email %s to %s failed", template, to)
            self._log("email", to, template, "failed")
            return False
        self._log("email", to, template, "sent")
        return True

    def send_sms_template(self, to: str, template: str, context: dict[str, Any]) -> bool:
        try:
            send_sms(to, render_sms(template, context), self.sms_client, self.settings)
        except Exception:
            log.exception("sms %s to %s failed", template, to)
            self._log("sms", to, template, "failed")
            return False
        self._log("sms", to, template, "sent")
        return True

    def notify_order_placed(self, order: Order, user: User) -> None:
        context = {
            "first_name": user.first_name or "there",
            "order_number": order.number,
            "total": format_money(order.total_cents, order.currency),
        }
        self.send_email_template(user.email, "order_placed", context)
        if order.ship_phone:
            self.send_sms_template(order.ship_phone, "order_placed", context)

    def notify_order_shipped(
        self, order: Order, user: User, tracking_url: str, estimated_delivery: str
    ) -> None:
        context = {
            "first_name": user.first_name or "there",
            "order_number": order.number,
            "carrier": (order.carrier or "").upper(),
            "tracking_number": order.tracking_number or "",
            "tracking_url": tracking_url,
            "estimated_delivery": estimated_delivery,
        }
        self.send_email_template(user.email, "order_shipped", context)

    def notify_password_reset(self, user: User, reset_url: str) -> None:
        context = {"first_name": user.first_name or "there", "reset_url": reset_url}
        self.send_email_template(user.email, "password_reset", context)

    def notify_invoice_paid(self, invoice: Invoice, user: User) -> None:
        context = {
            "first_name": user.first_name or "there",
            "invoice_number": invoice.number,
            "amount": format_money(invoice.amount_paid_cents, invoice.currency),
        }
        self.send_email_template(user.email, "invoice_paid", context)


_default: Dispatcher | None = None


def get_dispatcher() -> Dispatcher:
    """The process-wide dispatcher (created from settings on first use)."""
    global _default
    if _default is None:
        _default = Dispatcher()
    return _default


def set_dispatcher(dispatcher: Dispatcher | None) -> None:
    """Install a dispatcher (the app factory and tests call this)."""
    global _default
    _default = dispatcher
