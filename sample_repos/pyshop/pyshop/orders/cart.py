"""Shopping cart.

The cart lives in the visitor's session (``session.data["cart"]``) so that
anonymous visitors can shop before logging in; :func:`pyshop.auth.login.login_user`
carries session data over to the logged-in session.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..billing.discounts import best_discount
from ..billing.tax import compute_tax
from ..db.models import Product
from ..errors import ValidationError
from ..sessions.store import Session
from ..utils.validation import validate_quantity
from .shipping import shipping_cost

CART_SESSION_KEY = "cart"
MAX_LINES = 50


@dataclass
class CartItem:
    product_id: int
    sku: str
    name: str
    category: str
    unit_price_cents: int
    quantity: int

    @property
    def line_total_cents(self) -> int:
        return self.unit_price_cents * self.quantity


@dataclass
class Cart:
    currency: str
    items: dict[int, CartItem] = field(default_factory=dict)

    def add_item(self, product: Product, quantity: int = 1) -> CartItem:
        quantity = validate_quantity(quantity)
        if not product.active:
            raise ValidationError(f"{product.name} is no longer available.")
        if product.currency != self.currency:
            raise ValidationError("All items in a cart must use the same currency.")
        existing = self.items.get(product.id)
        if existing is not None:
            existing.quantity = validate_quantity(existing.quantity + quantity)
            return existing
        if len(self.items) >= MAX_LINES:
            raise ValidationError(f"A cart can hold at most {MAX_LINES} different products.")
        item = CartItem(product.id, product.sku, product.name, product.category,
                        product.price_cents, quantity)
        self.items[product.id] = item
        return item

    def update_quantity(self, product_id: int, quantity: int) -> None:
        """Set a line's quantity; zero removes the line."""
        if quantity == 0:
            self.remove_item(product_id)
            return
        if product_id not in self.items:
            raise ValidationError("That product is not in your cart.")
        self.items[product_id].quantity = validate_quantity(quantity)

    def remove_item(self, product_id: int) -> None:
        self.items.pop(product_id, None)

    def clear(self) -> None:
        self.items.clear()

    @property
    def subtotal_cents(self) -> int:
        return sum(item.line_total_cents for item in self.items.values())

    @property
    def item_count(self) -> int:
        return sum(item.quantity for item in self.items.values())

    def discountable_lines(self) -> list[tuple[str, int]]:
        return [(item.category, item.line_total_cents) for item in self.items.values()]

    def to_dict(self) -> dict[str, Any]:
        return {"currency": self.currency, "items": [asdict(i) for i in self.items.values()]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cart:
        cart = cls(currency=data["currency"])
        for raw in data.get("items", []):
            item = CartItem(**raw)
            cart.items[item.product_id] = item
        return cart


def load_cart(session: Session, default_currency: str) -> Cart:
    data = session.get(CART_SESSION_KEY)
    return Cart.from_dict(data) if data else Cart(currency=default_currency)


def save_cart(session: Session, cart: Cart) -> None:
    if cart.items:
        session.set(CART_SESSION_KEY, cart.to_dict())
    else:
        session.pop(CART_SESSION_KEY)


@dataclass(frozen=True)
class CartTotals:
    subtotal_cents: int
    discount_cents: int
    shipping_cents: int
    tax_cents: int
    total_cents: int
    promotion: str | None = None


def estimate_totals(cart: Cart, country: str = "US", region: str = "") -> CartTotals:
    """Totals shown on the cart page, before the customer enters an address."""
    subtotal = cart.subtotal_cents
    promotion, discount = best_discount(cart.discountable_lines())
    taxable = subtotal - discount
    shipping = shipping_cost(country, taxable) if cart.items else 0
    tax = compute_tax(taxable, country, region)
    return CartTotals(
        subtotal_cents=subtotal,
        discount_cents=discount,
        shipping_cents=shipping,
        tax_cents=tax,
        total_cents=taxable + shipping + tax,
        promotion=promotion.name if promotion else None,
    )
