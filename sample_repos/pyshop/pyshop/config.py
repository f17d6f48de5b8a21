"""Application settings.

Settings are read from environment variables, optionally seeded from a local
``.env`` file during development. Every other module asks :func:`get_settings`
instead of reading ``os.environ`` directly, so tests can swap in their own
:class:`Settings` instance with :func:`override_settings`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Immutable bag of configuration values."""

    database_path: str = "pyshop.sqlite3"
    secret_key: str = "change-me"
    debug: bool = False
    base_url: str = "http://localhost:8000"

    # Sessions
    session_cookie_name: str = "pyshop_session"
    session_lifetime: timedelta = timedelta(days=14)

    # Authentication
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    password_hash_iterations: int = 260_000
    reset_token_ttl: timedelta = timedelta(hours=2)

    # Billing
    default_currency: str = "USD"
    stripe_key: str = ""
    invoice_due_days: int = 14

    # Notifications
    email_backend: str = "console"
    email_from: str = "PyShop <orders@pyshop.test>"
    smtp_host: str = "localhost"
    smtp_port: int = 25
    sms_api_key: str = ""
    sms_sender: str = "PYSHOP"

    # Catalog
    low_stock_threshold: int = 5
    free_shipping_threshold_cents: int = 7_500


def _as_bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def parse_env_file(path: str | Path) -> dict[str, str]:
    """Parse a ``KEY=value`` file, ignoring blank lines and ``#`` comments."""
    values: dict[str, str] = {}
    file = Path(path)
    if not file.exists():
        return values
    for raw in file.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build :class:`Settings` from ``env`` (defaults to ``os.environ`` + ``.env``)."""
    if env is None:
        merged = parse_env_file(Path.cwd() / ".env")
        merged.update(os.environ)
        env = merged
    defaults = Settings()
    return Settings(
        database_path=env.get("DATABASE_PATH", defaults.database_path),
        secret_key=env.get("SECRET_KEY", defaults.secret_key),
        debug=_as_bool(env.get("DEBUG", "0")),
        base_url=env.get("BASE_URL", defaults.base_url).rstrip("/"),
        session_cookie_name=env.get("SESSION_COOKIE_NAME", defaults.session_cookie_name),
        session_lifetime=timedelta(
            days=int(env.get("SESSION_LIFETIME_DAYS", defaults.session_lifetime.days))
        ),
        max_failed_logins=int(env.get("MAX_FAILED_LOGINS", defaults.max_failed_logins)),
        lockout_minutes=int(env.get("LOCKOUT_MINUTES", defaults.lockout_minutes)),
        default_currency=env.get("DEFAULT_CURRENCY", defaults.default_currency).upper(),
        stripe_key=env.get("STRIPE_KEY", defaults.stripe_key),
        email_backend=env.get("EMAIL_BACKEND", defaults.email_backend),
        email_from=env.get("EMAIL_FROM", defaults.email_from),
        smtp_host=env.get("SMTP_HOST", defaults.smtp_host),
        smtp_port=int(env.get("SMTP_PORT", defaults.smtp_port)),
        sms_api_key=env.get("SMS_API_KEY", defaults.sms_api_key),
        sms_sender=env.get("SMS_SENDER", defaults.sms_sender),
        low_stock_threshold=int(env.get("LOW_STOCK_THRESHOLD", defaults.low_stock_threshold)),
    )


_current: Settings | None = None


def get_settings() -> Settings:
    """Return the process-wide settings, loading them on first use."""
    global _current
    if _current is None:
        _current = load_settings()
    return _current


def override_settings(**changes: object) -> Settings:
    """Replace selected settings (used by tests and the seed script)."""
    global _current
    _current = replace(get_settings(), **changes)  # type: ignore[arg-type]
    return _current


def reset_settings() -> None:
    """Forget cached settings so the next :func:`get_settings` reloads them."""
    global _current
    _current = None
