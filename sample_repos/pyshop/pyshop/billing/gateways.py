"""Payment gateways.

Production uses :class:`StripeGateway`; development and tests use
:class:`FakeGateway`, which accepts the same test card tokens Stripe does
(``tok_visa`` succeeds, ``tok_chargeDeclined`` is declined).
"""

from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Protocol

from ..config import Settings, get_settings


@dataclass
class ChargeResult:
    ok: bool
    provider_ref: str = ""
    error: str | None = None


class PaymentGateway(Protocol):
    def charge(
        self, amount_cents: int, currency: str, source: str, description: str
    ) -> ChargeResult: ...

    def refund(self, provider_ref: str, amount_cents: int) -> ChargeResult: ...


@dataclass
class FakeGateway:
    """In-memory gateway for development and tests."""

    charges: dict[str, int] = field(default_factory=dict)
    refunded: dict[str, int] = field(default_factory=dict)

    DECLINED_TOKENS = frozenset({"tok_chargeDeclined", "tok_insufficientFunds"})

    def charge(
        self, amount_cents: int, currency: str, source: str, description: str
    ) -> ChargeResult:
        if source in self.DECLINED_TOKENS:
            return ChargeResult(ok=False, error="Your card was declined.")
        ref = f"ch_fake_{secrets.token_hex(8)}"
        self.charges[ref] = amount_cents
        return ChargeResult(ok=True, provider_ref=ref)

    def refund(self, provider_ref: str, amount_cents: int) -> ChargeResult:
        charged = self.charges.get(provider_ref)
        if charged is None:
            return ChargeResult(ok=False, error="No such charge.")
        already = self.refunded.get(provider_ref, 0)
        if already + amount_cents > charged:
            return ChargeResult(ok=False, error="Refund exceeds charge.")
        self.refunded[provider_ref] = already + amount_cents
        return ChargeResult(ok=True, provider_ref=f"re_fake_{secrets.token_hex(8)}")


class StripeGateway:
    """Minimal Stripe client using the form-encoded REST API."""

    API = "https://api.stripe.com/v1"

    def __init__(self, api_key: str, timeout: float = 15.0) -> None:
        self.api_key = api_key
        self.timeout = timeout

    def _post(self, path: str, params: dict[str, str | int]) -> dict:
        request = urllib.request.Request(
            f"{self.API}{path}",
            data=urllib.parse.urlencode(params).encode(),
            headers={"Authorization": f"Bearer {self.api_key}"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            body = json.loads(exc.read() or b"{}")
            return {"error": body.get("error", {}).get("message", str(exc))}

    def charge(
        self, amount_cents: int, currency: str, source: str, description: str
    ) -> ChargeResult:
        params: dict[str, str | int] = {
            "amount": amount_cents,
            "currency": currency.lower(),
            "source": source,
            "description": description,
        }
        data = self._post("/charges", params)
        if "error" in data:
            return ChargeResult(ok=False, error=str(data["error"]))
        return ChargeResult(ok=True, provider_ref=data["id"])

    def refund(self, provider_ref: str, amount_cents: int) -> ChargeResult:
        data = self._post("/refunds", {"charge": provider_ref, "amount": amount_cents})
        if "error" in data:
            return ChargeResult(ok=False, error=str(data["error"]))
        return ChargeResult(ok=True, provider_ref=data["id"])


def get_gateway(settings: Settings | None = None) -> PaymentGateway:
    """Stripe when a real key is configured, otherwise the fake gateway."""
    key = (settings or get_settings()).stripe_key
    if not key or key.endswith("_fake"):
        return FakeGateway()
    return StripeGateway(key)
