"""Walk a repository and keep the files worth indexing.

Ignore rules follow git: every `.gitignore` level (deeper files override shallower ones, an
ignored folder is not entered), `.git/info/exclude`, plus `.scopeignore` files and built-in
defaults for vendored code, virtualenvs, build output, lock files and minified bundles.
Content-level checks (NUL bytes) happen in the index, which reads only changed files.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass

import pathspec

from .errors import RepoError
from .model import Discovery, SkipCounts, SourceFile

__all__ = ["DEFAULT_MAX_BYTES", "discover", "is_secret_path"]

# Files above this size are reported and left out: generated data, not code worth reading.
DEFAULT_MAX_BYTES = 1_000_000

IGNORE_FILES = (".gitignore", ".scopeignore")

# Built-in defaults: what no task needs and every repo has. Kept as name sets rather than
# gitignore patterns because they are checked for every entry of every walk.
DEFAULT_IGNORED_DIRS = frozenset(
    """.git .hg .svn .scope .claude .idea .vscode node_modules bower_components vendor
    third_party .venv venv .tox .nox __pycache__ .mypy_cache .pytest_cache .ruff_cache
    .hypothesis build dist target .next .nuxt coverage htmlcov .eggs .gradle .terraform""".split()
)
DEFAULT_IGNORED_FILES = frozenset(
    """package-lock.json yarn.lock pnpm-lock.yaml poetry.lock Pipfile.lock uv.lock Cargo.lock
    go.sum composer.lock Gemfile.lock .DS_Store CLAUDE.local.md""".split()
)
DEFAULT_IGNORED_SUFFIXES = tuple(
    """.min.js .min.css .map .bundle.js .lock .pyc .pyo .class .o .so .dylib .dll .exe .a
    .png .jpg .jpeg .gif .ico .webp .bmp .pdf .zip .gz .tgz .bz2 .xz .7z .tar .jar .war
    .woff .woff2 .ttf .otf .eot .mp3 .mp4 .wav .mov .sqlite .sqlite3 .db""".split()
)


def _ignored_by_default(name: str, is_dir: bool) -> bool:
    if is_dir:
        return name in DEFAULT_IGNORED_DIRS or name.endswith(".egg-info")
    return name in DEFAULT_IGNORED_FILES or name.lower().endswith(DEFAULT_IGNORED_SUFFIXES)


# Secret-looking files: known (so deny rules can cover them), never read, scoped or printed.
_SECRET_RE = re.compile(
    r"""(^|/)(
        \.env(\..*)?                                   # .env, .env.local, .env.production
      | [^/]*\.(pem|key|p12|pfx|jks|keystore|ppk|asc|gpg)   # keys and keystores
      | id_(rsa|dsa|ecdsa|ed25519)(\.pub)?             # ssh keys
      | \.(netrc|pgpass|pypirc|npmrc|htpasswd)
      | [^/]*credentials?([._-][^/]*)?\.(json|ya?ml|toml|ini|txt|xml|csv|cfg|conf)
      | credentials?
      | [^/]*secrets?\.(json|ya?ml|toml|ini|env|txt|cfg|conf)
      | service[-_]account[^/]*\.json
    )$""",
    re.VERBOSE | re.IGNORECASE,
)


def is_secret_path(path: str) -> bool:
    """True for paths that look like they hold secrets (`.env*`, keys, credentials)."""
    return _SECRET_RE.search(path) is not None


@dataclass(frozen=True)
class _Rules:
    """The ignore specs in force in one folder, shallowest first, each with its base folder."""

    specs: tuple[tuple[str, pathspec.GitIgnoreSpec], ...]

    def ignored(self, rel_path: str, is_dir: bool) -> bool:
        verdict = False
        for base, spec in self.specs:
            if base and not rel_path.startswith(base + "/"):
                continue
            local = rel_path[len(base) + 1 :] if base else rel_path
            result = spec.check_file(local + "/" if is_dir else local)
            if result.include is not None:
                verdict = result.include
        return verdict

    def extended(self, base: str, folder: str) -> _Rules:
        lines: list[str] = []
        for name in IGNORE_FILES:
            lines.extend(_read_lines(os.path.join(folder, name)))
        if not lines:
            return self
        return _Rules((*self.specs, (base, pathspec.GitIgnoreSpec.from_lines(lines))))


def _read_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read().splitlines()
    except OSError:
        return []


def discover(root: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Discovery:
    """Walk `root` and return the files worth indexing, sorted by path.

    Raises:
        RepoError: `root` does not exist or is not a folder.
    """
    if not os.path.isdir(root):
        what = "does not exist" if not os.path.exists(root) else "is not a folder"
        raise RepoError(f"{root} {what}; pass --repo a repository folder")
    real_root = os.path.realpath(root)
    exclude = _read_lines(os.path.join(root, ".git", "info", "exclude"))
    rules = _Rules((("", pathspec.GitIgnoreSpec.from_lines(exclude)),) if exclude else ())
    counts = _Counter()
    files = sorted(_walk(root, real_root, "", rules, max_bytes, counts), key=lambda f: f.path)
    return Discovery(root=root, files=tuple(files), skipped=counts.freeze())


class _Counter:
    def __init__(self) -> None:
        self.ignored = self.oversized = self.outside = self.unreadable = 0
        self.oversized_paths: list[str] = []

    def freeze(self) -> SkipCounts:
        return SkipCounts(
            ignored=self.ignored,
            oversized=self.oversized,
            outside_links=self.outside,
            unreadable=self.unreadable,
            oversized_paths=tuple(sorted(self.oversized_paths)),
        )


def _walk(
    root: str, real_root: str, rel: str, rules: _Rules, max_bytes: int, counts: _Counter
) -> Iterator[SourceFile]:
    folder = os.path.join(root, rel) if rel else root
    rules = rules.extended(rel, folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        counts.unreadable += 1
        return
    for entry in entries:
        path = f"{rel}/{entry.name}" if rel else entry.name
        try:
            is_link = entry.is_symlink()
            info = os.stat(entry.path) if is_link else entry.stat(follow_symlinks=False)
        except OSError:  # broken link, vanished file, link loop
            counts.unreadable += 1
            continue
        if is_link and not _inside(os.path.realpath(entry.path), real_root):
            counts.outside += 1
            continue
        is_dir = stat.S_ISDIR(info.st_mode)
        if _ignored_by_default(entry.name, is_dir) or rules.ignored(path, is_dir):
            counts.ignored += 1
            continue
        if is_dir:
            if not is_link:  # linked folders inside the root are already walked; skip loops
                yield from _walk(root, real_root, path, rules, max_bytes, counts)
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        if info.st_size > max_bytes:
            counts.oversized += 1
            counts.oversized_paths.append(path)
            continue
        yield SourceFile(path, info.st_size, info.st_mtime_ns, secret=is_secret_path(path))


def _inside(real_path: str, real_root: str) -> bool:
    return real_path == real_root or real_path.startswith(real_root.rstrip(os.sep) + os.sep)
