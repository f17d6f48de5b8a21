"""Small, dependency-free helpers used across the code base."""
