"""pyshop: a small, dependency-free web shop backend.

The package is organised by business area (auth, sessions, catalog, orders,
billing, notifications) on top of a thin WSGI layer in :mod:`pyshop.web` and a
SQLite persistence layer in :mod:`pyshop.db`.
"""

__version__ = "0.4.2"

__all__ = ["__version__"]
