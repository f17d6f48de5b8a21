"""`python -m scoper` runs the CLI."""

from __future__ import annotations

from scoper.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
