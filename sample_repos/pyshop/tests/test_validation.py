from datetime import date, datetime, timezone

import pytest

from pyshop.errors import ValidationError
from pyshop.utils.dates import add_business_days, format_date, parse_iso, to_iso
from pyshop.utils.slugs import slugify, unique_slug
from pyshop.utils.validation import (
    require_fields,
    validate_email,
    validate_phone,
    validate_postal_code,
    validate_quantity,
)


def test_validate_email():
    assert validate_email("  Bob@Example.ORG ") == "bob@example.org"
    for bad in ["", "bob", "bob@", "bob@example", "a b@example.com"]:
        with pytest.raises(ValidationError):
            validate_email(bad)


def test_validate_phone():
    assert validate_phone("0044 20 7946 0958") == "+442079460958"
    with pytest.raises(ValidationError):
        validate_phone("555-0100")


def test_validate_postal_code():
    assert validate_postal_code("k1a 0b1", "CA") == "K1A 0B1"
    assert validate_postal_code("12345-6789", "US") == "12345-6789"
    with pytest.raises(ValidationError):
        validate_postal_code("1234", "DE")


def test_validate_quantity_and_required_fields():
    assert validate_quantity("3") == 3
    with pytest.raises(ValidationError):
        validate_quantity("three")
    with pytest.raises(ValidationError) as excinfo:
        require_fields({"email": "a@b.co", "password": "  "}, ["email", "password"])
    assert excinfo.value.field == "password"


def test_slugify():
    assert slugify("Crème Brûlée Torch (Large)") == "creme-brulee-torch-large"
    assert slugify("!!!") == "item"
    assert len(slugify("word " * 40)) <= 80


def test_unique_slug(conn, mug):
    assert mug.slug == "enamel-camp-mug"
    assert unique_slug(conn, "products", "Enamel Camp Mug") == "enamel-camp-mug-2"
    with pytest.raises(ValueError):
        unique_slug(conn, "users", "x")


def test_iso_roundtrip_and_business_days():
    moment = datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)
    assert parse_iso(to_iso(moment)) == moment
    assert parse_iso(None) is None
    assert add_business_days(date(2024, 5, 3), 1) == date(2024, 5, 6)
    assert format_date(moment) == "1 May 2024"
