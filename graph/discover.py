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
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

import pathspec

from .errors import RepoError
from .model import Discovery, SkipCounts, SourceFile

__all__ = ["BUILD_OUTPUT_DIRS", "DEFAULT_MAX_BYTES", "discover", "is_secret_path"]

# Files above this size are reported and left out: generated data, not code worth reading.
DEFAULT_MAX_BYTES = 1_000_000

IGNORE_FILES = (".gitignore", ".scopeignore")

# Built-in defaults: what no task needs and every repo has. Kept as name sets rather than
# gitignore patterns because they are checked for every entry of every walk.
DEFAULT_IGNORED_DIRS = frozenset(
    """.git .hg .svn .scope .claude .idea .vscode node_modules bower_components vendor
    third_party .venv venv .tox .nox __pycache__ .mypy_cache .pytest_cache .ruff_cache
    .hypothesis dist""".split()
)
# Build output, skipped unless git tracks files in it: output is untracked, while a tracked
# `internal/build/` or `tools/build/` is source. (`dist/` stays out: it is committed bundles.)
BUILD_OUTPUT_DIRS = frozenset(
    "build target .next .nuxt coverage htmlcov .eggs .gradle .terraform".split()
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
      | [^/]*\.env | \.envrc                           # prod.env; direnv's .envrc
      | [^/]*\.(pem|key|p12|pfx|jks|keystore|ppk|asc|gpg)   # keys and keystores
      | id_(rsa|dsa|ecdsa|ed25519)[^/]*                 # ssh keys: .pub, .bak, id_rsa_work
      | [^/]*[_-]keys?                                  # deploy_key, signing-key (no extension)
      | \.(netrc|pgpass|pypirc|npmrc|htpasswd|git-credentials)
      | [^/]*\.tfstate(\.backup)?                       # Terraform state holds resource secrets
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

    In a git work tree, files git tracks are kept even where an ignore rule matches them
    (git's own behaviour); built-in defaults such as lock files and vendored folders still
    apply to them.

    Raises:
        RepoError: `root` does not exist or is not a folder.
    """
    if not os.path.isdir(root):
        what = "does not exist" if not os.path.exists(root) else "is not a folder"
        raise RepoError(f"{root} {what}; pass --repo a repository folder")
    exclude = _read_lines(os.path.join(root, ".git", "info", "exclude"))
    rules = _Rules((("", pathspec.GitIgnoreSpec.from_lines(exclude)),) if exclude else ())
    walker = _Walker(root, max_bytes, _tracked_files(root))
    files = sorted(walker.walk("", rules, False), key=lambda f: f.path)
    return Discovery(root=root, files=tuple(files), skipped=walker.counts.freeze())


def _tracked_files(root: str) -> frozenset[str]:
    """Paths git tracks under `root` (relative to it); empty outside a work tree."""
    try:
        done = subprocess.run(
            ["git", "-C", root, "ls-files", "-z", "--", "."],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    if done.returncode != 0:
        return frozenset()
    return frozenset(p for p in done.stdout.decode("utf-8", "replace").split("\0") if p)


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


class _Walker:
    """One walk of a repository: the fixed inputs, the tracked set and the skip counts."""

    def __init__(self, root: str, max_bytes: int, tracked: frozenset[str]) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self.max_bytes = max_bytes
        self.tracked = tracked
        self.tracked_dirs = frozenset(
            p.rsplit("/", i)[0] for p in tracked for i in range(1, p.count("/") + 1)
        )
        self.counts = _Counter()

    def walk(self, rel: str, rules: _Rules, ignored_above: bool) -> Iterator[SourceFile]:
        """Files under `rel`; `ignored_above` marks a folder walked only for tracked files."""
        folder = os.path.join(self.root, rel) if rel else self.root
        rules = rules.extended(rel, folder)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            self.counts.unreadable += 1
            return
        for entry in entries:
            yield from self._entry(
                entry, f"{rel}/{entry.name}" if rel else entry.name, rules, ignored_above
            )

    def _entry(
        self, entry: os.DirEntry[str], path: str, rules: _Rules, ignored_above: bool
    ) -> Iterator[SourceFile]:
        if not _is_utf8(entry.name):  # the index, JSON and hints all hold text paths
            self.counts.unreadable += 1
            return
        try:
            is_link = entry.is_symlink()
            info = os.stat(entry.path) if is_link else entry.stat(follow_symlinks=False)
        except OSError:  # broken link, vanished file, link loop
            self.counts.unreadable += 1
            return
        if is_link and not _inside(os.path.realpath(entry.path), self.real_root):
            self.counts.outside += 1
            return
        is_dir = stat.S_ISDIR(info.st_mode)
        kept_by_git = path in (self.tracked_dirs if is_dir else self.tracked)
        if _ignored_by_default(entry.name, is_dir) or (
            is_dir and entry.name in BUILD_OUTPUT_DIRS and not kept_by_git
        ):
            self.counts.ignored += 1
            return
        # A tracked file is kept whatever the rules say, so they are not consulted for it (most
        # of a warm run's discovery time); a folder's verdict still decides for its children.
        ignored = (is_dir or not kept_by_git) and (ignored_above or rules.ignored(path, is_dir))
        if ignored and not kept_by_git:
            # A gitignored .env is the usual place for secrets, and Claude Code reads ignored
            # files: it is known (for deny rules) though never read.
            if not is_dir and stat.S_ISREG(info.st_mode) and is_secret_path(path):
                yield SourceFile(path, info.st_size, info.st_mtime_ns, secret=True)
                return
            self.counts.ignored += 1
            return
        if is_dir:
            if not is_link:  # linked folders inside the root are already walked; skip loops
                yield from self.walk(path, rules, ignored)
            return
        if not stat.S_ISREG(info.st_mode):
            return
        if info.st_size > self.max_bytes:
            self.counts.oversized += 1
            self.counts.oversized_paths.append(path)
            return
        yield SourceFile(path, info.st_size, info.st_mtime_ns, secret=is_secret_path(path))


def _is_utf8(name: str) -> bool:
    """False for a name whose bytes are not UTF-8 (decoded by Python with lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _inside(real_path: str, real_root: str) -> bool:
    return real_path == real_root or real_path.startswith(real_root.rstrip(os.sep) + os.sep)
