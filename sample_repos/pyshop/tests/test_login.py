import pytest

from pyshop.auth.login import authenticate, current_user, login_user, logout_user
from pyshop.auth.passwords import hash_password
from pyshop.auth.users import get_user
from pyshop.errors import AccountLocked, AuthenticationError
from pyshop.sessions.store import SessionStore


@pytest.fixture
def store(conn, settings):
    return SessionStore(conn, settings)


def test_login_creates_authenticated_session(conn, store, user):
    session = login_user(conn, store, "Alice@Example.com ", "sunflower-meadow-77")
    assert session.user_id == user.id
    assert store.get(session.id) is not None
    assert current_user(conn, session).email == "alice@example.com"


def test_wrong_password_is_rejected(conn, store, user):
    with pytest.raises(AuthenticationError, match="Invalid email or password"):
        login_user(conn, store, "alice@example.com", "wrong-password-1")
    assert get_user(conn, user.id).failed_logins == 1


def test_unknown_email_gives_same_error(conn, store):
    with pytest.raises(AuthenticationError, match="Invalid email or password"):
        login_user(conn, store, "nobody@example.com", "whatever-password")


def test_account_locks_after_too_many_failures(conn, store, user, settings):
    for _ in range(settings.max_failed_logins - 1):
        with pytest.raises(AuthenticationError):
            authenticate(conn, "alice@example.com", "nope-nope-nope")
    with pytest.raises(AccountLocked):
        authenticate(conn, "alice@example.com", "nope-nope-nope")
    # Even the right password is refused while locked.
    with pytest.raises(AccountLocked):
        authenticate(conn, "alice@example.com", "sunflower-meadow-77")


def test_login_carries_cart_over_from_anonymous_session(conn, store, user):
    anonymous = store.create(data={"cart": {"currency": "USD", "items": []}})
    session = login_user(conn, store, "alice@example.com", "sunflower-meadow-77", anonymous)
    assert session.id != anonymous.id
    assert session.data["cart"] == {"currency": "USD", "items": []}
    assert store.get(anonymous.id) is None


def test_old_hashes_are_upgraded_on_login(conn, user, settings):
    conn.execute(
        "UPDATE users SET password_hash = ? WHERE id = ?",
        (hash_password("sunflower-meadow-77", iterations=10), user.id),
    )
    authenticate(conn, "alice@example.com", "sunflower-meadow-77", settings)
    assert "$1000$" in get_user(conn, user.id).password_hash


def test_logout_everywhere(conn, store, user):
    first = login_user(conn, store, "alice@example.com", "sunflower-meadow-77")
    second = login_user(conn, store, "alice@example.com", "sunflower-meadow-77")
    logout_user(store, first, everywhere=True)
    assert first.deleted
    assert store.get(second.id) is None
