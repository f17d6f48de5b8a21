"""Login, logout, sign-up and password reset endpoints."""

from __future__ import annotations

from ...auth.login import current_user, login_user, logout_user
from ...auth.tokens import consume_reset_token, request_password_reset
from ...auth.users import create_user
from ...utils.validation import require_fields, validate_email
from ..request import Request
from ..response import Response, json_response
from ..routes import Router
from ..serializers import user_to_dict
from . import app_of, session_of

RESET_REQUESTED = "If an account exists for that email, we have sent a reset link."


def login(request: Request) -> Response:
    app = app_of(request)
    fields = require_fields(request.data(), ["email", "password"])
    session = login_user(
        app.conn, app.sessions.store, fields["email"], fields["password"], current=request.session
    )
    request.session = session
    request.user = current_user(app.conn, session)
    assert request.user is not None
    return json_response({"user": user_to_dict(request.user)})


def logout(request: Request) -> Response:
    app = app_of(request)
    session = session_of(request)
    everywhere = str(request.data().get("everywhere", "")).lower() in {"1", "true", "yes"}
    if session.is_authenticated:
        logout_user(app.sessions.store, session, everywhere=everywhere)
    request.user = None
    return json_response({"ok": True})


def signup(request: Request) -> Response:
    app = app_of(request)
    data = request.data()
    fields = require_fields(data, ["email", "password"])
    user = create_user(app.conn, fields["email"], fields["password"], data.get("name", ""))
    session = login_user(
        app.conn, app.sessions.store, user.email, fields["password"], current=request.session
    )
    request.session = session
    request.user = user
    return json_response({"user": user_to_dict(user)}, status=201)


def forgot_password(request: Request) -> Response:
    app = app_of(request)
    email = validate_email(request.data().get("email", ""))
    request_password_reset(app.conn, email, app.dispatcher, app.settings)
    # Same answer whether or not the account exists.
    return json_response({"message": RESET_REQUESTED}, status=202)


def reset_password(request: Request) -> Response:
    app = app_of(request)
    fields = require_fields(request.data(), ["token", "password"])
    user = consume_reset_token(app.conn, fields["token"], fields["password"], app.settings)
    return json_response({"ok": True, "email": user.email})


def register(router: Router) -> None:
    router.add("POST", "/login", login)
    router.add("POST", "/logout", logout)
    router.add("POST", "/signup", signup)
    router.add("POST", "/password/forgot", forgot_password)
    router.add("POST", "/password/reset", reset_password)
