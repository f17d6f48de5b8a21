"""Password hashing with PBKDF2-HMAC-SHA256.

Hashes are stored as ``pbkdf2_sha256$<iterations>$<salt>$<digest>`` so the
iteration count can be raised later: :func:`needs_rehash` tells the login code
when a stored hash should be upgraded after a successful login.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from pyshop.config import get_settings
from pyshop.errors import ValidationError

ALGORITHM = "pbkdf2_sha256"
SALT_BYTES = 16
MIN_PASSWORD_LENGTH = 10
COMMON_PASSWORDS = frozenset(
    {"password", "password1", "123456789", "1234567890", "qwertyuiop", "letmein123", "iloveyou1"}
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _pbkdf2(password: str, salt: str, iterations: int) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode(), iterations)
    return _b64(digest)


def hash_password(password: str, *, iterations: int | None = None, salt: str | None = None) -> str:
    """Hash ``password`` for storage in ``users.password_hash``."""
    iterations = iterations or get_settings().password_hash_iterations
    salt = salt or _b64(secrets.token_bytes(SALT_BYTES))
    return f"{ALGORITHM}${iterations}${salt}${_pbkdf2(password, salt, iterations)}"


def _split(encoded: str) -> tuple[str, int, str, str] | None:
    try:
        algorithm, iterations, salt, digest = encoded.split("$", 3)
        return algorithm, int(iterations), salt, digest
    except ValueError:
        return None


def verify_password(password: str, encoded: str) -> bool:
    """Check ``password`` against a stored hash in constant time."""
    parts = _split(encoded or "")
    if parts is None or parts[0] != ALGORITHM:
        return False
    _, iterations, salt, digest = parts
    candidate = _pbkdf2(password, salt, iterations)
    return hmac.compare_digest(candidate, digest)


def needs_rehash(encoded: str, iterations: int | None = None) -> bool:
    """True if ``encoded`` was made with an older algorithm or fewer iterations."""
    parts = _split(encoded or "")
    if parts is None or parts[0] != ALGORITHM:
        return True
    return parts[1] < (iterations or get_settings().password_hash_iterations)


def check_password_strength(password: str, email: str | None = None) -> list[str]:
    """Return a list of human-readable problems; empty means the password is fine."""
    problems: list[str] = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"Use at least {MIN_PASSWORD_LENGTH} characters.")
    if password.lower() in COMMON_PASSWORDS:
        problems.append("This password is too common.")
    if password.isdigit():
        problems.append("Do not use only numbers.")
    if email and email.split("@", 1)[0].lower() in password.lower():
        problems.append("Do not include your email address in your password.")
    return problems


def validate_new_password(password: str, email: str | None = None) -> str:
    """Raise :class:`ValidationError` with the first strength problem, if any."""
    problems = check_password_strength(password, email)
    if problems:
        raise ValidationError(problems[0], field="password")
    return password
