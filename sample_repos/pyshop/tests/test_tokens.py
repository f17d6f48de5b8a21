import pytest

from pyshop.auth.login import authenticate
from pyshop.auth.tokens import (
    consume_reset_token,
    create_reset_token,
    request_password_reset,
    verify_reset_token,
)
from pyshop.errors import ValidationError
from pyshop.sessions.store import SessionStore


def test_token_is_stored_hashed(conn, user):
    token = create_reset_token(conn, user.id)
    stored = conn.execute("SELECT token_hash FROM password_reset_tokens").fetchone()[0]
    assert token not in stored
    assert verify_reset_token(conn, token) == user.id


def test_new_token_revokes_previous_one(conn, user):
    old = create_reset_token(conn, user.id)
    new = create_reset_token(conn, user.id)
    assert verify_reset_token(conn, old) is None
    assert verify_reset_token(conn, new) == user.id


def test_consume_sets_password_and_is_single_use(conn, user, settings):
    store = SessionStore(conn, settings)
    session = store.create(user_id=user.id)
    token = create_reset_token(conn, user.id)

    consume_reset_token(conn, token, "brand-new-password-9")

    assert authenticate(conn, "alice@example.com", "brand-new-password-9").id == user.id
    assert store.get(session.id) is None
    with pytest.raises(ValidationError, match="invalid or has expired"):
        consume_reset_token(conn, token, "another-password-10")


def test_weak_new_password_is_rejected(conn, user):
    token = create_reset_token(conn, user.id)
    with pytest.raises(ValidationError):
        consume_reset_token(conn, token, "short")
    assert verify_reset_token(conn, token) == user.id


def test_request_password_reset_emails_a_link(conn, user, outbox):
    assert request_password_reset(conn, "alice@example.com")
    assert len(outbox) == 1
    assert "https://shop.test/reset-password?token=" in outbox[0].body


def test_request_password_reset_for_unknown_email_sends_nothing(conn, outbox):
    assert not request_password_reset(conn, "nobody@example.com")
    assert outbox == []
