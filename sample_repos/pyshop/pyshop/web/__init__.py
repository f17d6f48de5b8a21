"""A tiny WSGI layer: request/response objects, a router and the app factory."""
