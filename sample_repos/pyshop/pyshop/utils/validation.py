"""Input validation helpers.

Each ``validate_*`` function either returns a normalised value or raises
:class:`pyshop.errors.ValidationError` naming the offending field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import ValidationError

EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^\+[1-9]\d{6,14}$")
POSTAL_CODE_PATTERNS = {
    "US": re.compile(r"^\d{5}(-\d{4})?$"),
    "CA": re.compile(r"^[A-Z]\d[A-Z] ?\d[A-Z]\d$"),
    "GB": re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$"),
    "DE": re.compile(r"^\d{5}$"),
}


def normalize_email(email: str) -> str:
    """Lower-case and strip an email address."""
    return email.strip().lower()


def validate_email(email: str, field: str = "email") -> str:
    """Return the normalised address or raise ``ValidationError``."""
    value = normalize_email(email or "")
    if len(value) > 254 or not EMAIL_RE.match(value):
        raise ValidationError("Enter a valid email address.", field=field)
    return value


def validate_phone(phone: str, field: str = "phone") -> str:
    """Return ``phone`` in E.164 form (``+15551234567``)."""
    digits = re.sub(r"[\s\-().]", "", phone or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if not PHONE_RE.match(digits):
        raise ValidationError("Enter a phone number in international format.", field=field)
    return digits


def validate_postal_code(code: str, country: str, field: str = "postal_code") -> str:
    value = (code or "").strip().upper()
    pattern = POSTAL_CODE_PATTERNS.get(country.upper())
    if pattern is not None and not pattern.match(value):
        raise ValidationError(f"Invalid postal code for {country}.", field=field)
    if not value:
        raise ValidationError("Postal code is required.", field=field)
    return value


def validate_quantity(quantity: Any, field: str = "quantity", maximum: int = 99) -> int:
    try:
        value = int(quantity)
    except (TypeError, ValueError):
        raise ValidationError("Quantity must be a whole number.", field=field) from None
    if not 1 <= value <= maximum:
        raise ValidationError(f"Quantity must be between 1 and {maximum}.", field=field)
    return value


def require_fields(data: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """Check that every name in ``fields`` is present and non-blank in ``data``."""
    cleaned: dict[str, Any] = {}
    for name in fields:
        value = data.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            raise ValidationError(f"{name.replace('_', ' ').capitalize()} is required.", field=name)
        cleaned[name] = value
    return cleaned
