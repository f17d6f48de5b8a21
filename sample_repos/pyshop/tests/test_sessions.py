from datetime import timedelta

from pyshop.sessions.expiry import cookie_max_age, is_expired, purge_expired_sessions
from pyshop.sessions.middleware import SessionMiddleware
from pyshop.sessions.store import SessionStore
from pyshop.utils.dates import utcnow
from pyshop.web.request import Request
from pyshop.web.response import Response


def test_create_and_load_session(conn, settings):
    store = SessionStore(conn, settings)
    session = store.create(user_id=None, data={"greeting": "hi"})
    loaded = store.get(session.id)
    assert loaded is not None
    assert loaded.data == {"greeting": "hi"}
    assert loaded.expires_at - loaded.created_at == settings.session_lifetime


def test_expired_session_is_deleted_on_load(conn, settings):
    store = SessionStore(conn, settings)
    session = store.create()
    session.expires_at = utcnow() - timedelta(seconds=1)
    store.save(session)
    assert is_expired(session)
    assert store.get(session.id) is None
    assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0


def test_purge_expired_sessions(conn, settings):
    store = SessionStore(conn, settings)
    live = store.create()
    dead = store.create()
    dead.expires_at = utcnow() - timedelta(days=1)
    store.save(dead)
    assert purge_expired_sessions(conn) == 1
    assert store.get(live.id) is not None


def test_cookie_max_age_counts_down(conn, settings):
    session = SessionStore(conn, settings).new()
    later = session.created_at + timedelta(days=1)
    expected = settings.session_lifetime - timedelta(days=1)
    assert cookie_max_age(session, later) == int(expected.total_seconds())


def test_middleware_skips_cookie_for_empty_anonymous_session(conn, settings):
    middleware = SessionMiddleware(conn, settings=settings)
    request = Request("GET", "/")
    middleware.load(request)
    response = middleware.commit(request, Response("ok"))
    assert response.cookies == []
    assert request.user is None


def test_middleware_roundtrip_via_cookie(conn, settings):
    middleware = SessionMiddleware(conn, settings=settings)
    first = Request("GET", "/")
    middleware.load(first)
    first.session.set("cart", {"currency": "USD", "items": []})
    response = middleware.commit(first, Response("ok"))
    cookie = response.cookies[0]
    assert cookie.startswith(f"{settings.session_cookie_name}={first.session.id}")
    assert "HttpOnly" in cookie

    second = Request("GET", "/", headers={"Cookie": cookie.split(";")[0]})
    middleware.load(second)
    assert second.session.id == first.session.id
    assert second.session.get("cart") == {"currency": "USD", "items": []}


def test_deleted_session_clears_cookie(conn, settings):
    middleware = SessionMiddleware(conn, settings=settings)
    request = Request("GET", "/")
    middleware.load(request)
    request.session.mark_deleted()
    response = middleware.commit(request, Response("bye"))
    assert "Max-Age=0" in response.cookies[0]
