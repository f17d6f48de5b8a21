"""Message templates for emails and text messages.

Templates use :class:`string.Template` placeholders (``$order_number``).
Rendering fails loudly on a missing placeholder so a typo never reaches a
customer's inbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template
from typing import Any

from ..errors import PyshopError

SIGNATURE = "\n\n-- \nThe PyShop team\nhttps://pyshop.test"

EMAIL_TEMPLATES: dict[str, tuple[str, str]] = {
    "order_placed": (
        "Your PyShop order $order_number",
        (
            "Hi $first_name,\n\nThanks for your order! We have received order $order_number"
            " and will let you know when it ships.\n\nOrder total: $total"
        ),
    ),
    "order_shipped": (
        "Your order $order_number has shipped",
        (
            "Hi $first_name,\n\nGood news: order $order_number is on its way with $carrier."
            "\nTracking number: $tracking_number\nTrack it here: $tracking_url"
            "\n\nEstimated delivery: $estimated_delivery"
        ),
    ),
    "password_reset": (
        "Reset your PyShop password",
        (
            "Hi $first_name,\n\nSomeone (hopefully you) asked to reset your password."
            " Use the link below to choose a new one:\n\n$reset_url\n\n"
            "If you did not ask for this, you can ignore this email."
        ),
    ),
    "invoice_paid": (
        "Receipt for invoice $invoice_number",
        (
            "Hi $first_name,\n\nWe received your payment of $amount for invoice"
            " $invoice_number. Thank you!"
        ),
    ),
}

SMS_TEMPLATES: dict[str, str] = {
    "order_placed": "PyShop: order $order_number confirmed ($total). We'll text you when it ships.",
}


class TemplateError(PyshopError):
    pass


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    body: str


def _substitute(text: str, context: dict[str, Any], name: str) -> str:
    try:
        return Template(text).substitute(context)
    except KeyError as exc:
        raise TemplateError(f"template {name!r} needs placeholder {exc.args[0]!r}") from exc


def render_email(name: str, context: dict[str, Any]) -> RenderedEmail:
    """Render the email template ``name`` with ``context``."""
    try:
        subject, body = EMAIL_TEMPLATES[name]
    except KeyError:
        raise TemplateError(f"unknown email template {name!r}") from None
    return RenderedEmail(
        subject=_substitute(subject, context, name),
        body=_substitute(body, context, name) + SIGNATURE,
    )


def render_sms(name: str, context: dict[str, Any]) -> str:
    """Render the text message template ``name`` with ``context``."""
    try:
        text = SMS_TEMPLATES[name]
    except KeyError:
        raise TemplateError(f"unknown SMS template {name!r}") from None
    return _substitute(text, context, name)
