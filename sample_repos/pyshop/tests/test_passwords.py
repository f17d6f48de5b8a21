from pyshop.auth.passwords import (
    check_password_strength,
    hash_password,
    needs_rehash,
    verify_password,
)


def test_hash_and_verify_roundtrip():
    encoded = hash_password("sunflower-meadow-77")
    assert encoded.startswith("pbkdf2_sha256$1000$")
    assert verify_password("sunflower-meadow-77", encoded)
    assert not verify_password("sunflower-meadow-78", encoded)


def test_same_password_gets_different_salts():
    assert hash_password("sunflower-meadow-77") != hash_password("sunflower-meadow-77")


def test_verify_rejects_garbage_hashes():
    assert not verify_password("anything", "")
    assert not verify_password("anything", "md5$abc")
    assert not verify_password("anything", "bcrypt$10$salt$digest")


def test_needs_rehash_when_iterations_increase():
    encoded = hash_password("sunflower-meadow-77", iterations=500)
    assert needs_rehash(encoded, iterations=1_000)
    assert not needs_rehash(hash_password("x" * 12), iterations=1_000)


def test_password_strength_rules():
    assert check_password_strength("short") == ["Use at least 10 characters."]
    assert "This password is too common." in check_password_strength("password1")
    assert "Do not use only numbers." in check_password_strength("12345678901")
    problems = check_password_strength("alice-rocks-2024", email="alice@example.com")
    assert problems == ["Do not include your email address in your password."]
    assert check_password_strength("correct-horse-battery") == []
