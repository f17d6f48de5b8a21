"""A task's text turned into weighted search terms, explicit mentions and path hints."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from scoper.graph.terms import STOPWORDS, identifier_parts, stem, terms

from .errors import InputError
from .file_names import CODE_FILE_EXTENSIONS

__all__ = ["Query", "parse_query"]

# Longer tasks (a pasted issue body) are read this far; the first part says the most.
MAX_TASK_CHARS = 20_000
# At most this many distinct terms drive the search (most frequent first).
MAX_TERMS = 64
# Words the task marks as code (`backticks`, CamelCase, snake_case, dotted.names) count more.
EXPLICIT_WEIGHT = 2.0
# Synonyms widen the net at half the weight of the word the user wrote.
SYNONYM_WEIGHT = 0.5
# Words that say what to do rather than where: they match everywhere, so they count less.
ACTION_WEIGHT = 0.3
_ACTION_WORDS = frozenset(
    """fix fixed fixes add added adds remove removed update updated support supports allow
    allows use make change changed refactor refactored improve improved handle handles
    implement implemented ensure issue issues bug bugs properly correctly instead when now
    new better possible always never should""".split()
)
# Words that ask for something new: a new piece has to be wired in where its kind is
# registered (a router, the entry point), so the scope brings the importers of its edit files.
_ADDING_WORDS = frozenset(
    "add adds adding added expose exposes introduce introduces implement implements new "
    "create creates register registers support supports enable enables".split()
)

# Developer shorthand and near-synonyms, both directions.
_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("login", "signin", "logon", "authenticate", "auth"),
    ("logout", "signout"),
    ("config", "configuration", "configurable", "settings", "conf"),
    ("db", "database", "sql"),
    ("err", "error", "exception"),
    ("msg", "message"),
    ("env", "environment"),
    ("repo", "repository"),
    ("dir", "directory", "folder"),
    ("cmd", "command"),
    ("arg", "argument", "param", "parameter", "option"),
    ("init", "initialize", "setup"),
    ("util", "utility", "helper"),
    ("str", "string", "text"),
    ("ctx", "context"),
    ("req", "request"),
    ("resp", "response"),
    ("pwd", "passwd", "password"),
    ("delete", "remove"),
    ("doc", "docs", "documentation", "docstring"),
    ("color", "colour"),
    ("email", "mail"),
    ("perm", "permission", "authorization"),
)
_SYNONYM_OF: dict[str, tuple[str, ...]] = {}
_SYNONYM_WORD: dict[str, str] = {}  # stem → the word it came from, for reasons
for _group in _SYNONYMS:
    _stems = tuple(dict.fromkeys(stem(w) for w in _group))
    for _word in _group:
        _SYNONYM_WORD.setdefault(stem(_word), _word)
    for _s in _stems:
        _SYNONYM_OF[_s] = tuple(x for x in _stems if x != _s)

_BACKTICK = re.compile(r"`([^`]+)`")
_CODE_WORD = re.compile(
    r"\b(?:[A-Za-z_][A-Za-z0-9_]*\.)+[A-Za-z_][A-Za-z0-9_]*\b"  # dotted.names
    r"|\b[a-z0-9]+(?:_[a-z0-9]+)+\b"  # snake_case
    r"|\b[A-Za-z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b"  # camelCase / CamelCase
    r"|\b[A-Z]{2,}[a-z]\w*\b"  # HTTPServer
    r"|(?<![\w./])/[A-Za-z][\w-]*(?:/[\w-]+)*"  # /metrics, /api/users: a route
)
_PATH = re.compile(
    r"(?:[\w.-]+/)+[\w.-]+|\b[\w-]+\.(?:" + "|".join((*CODE_FILE_EXTENSIONS, "md", "json")) + r")\b"
)


@dataclass(frozen=True)
class Query:
    """What the ranking searches for.

    Attributes:
        text: the task as given (trimmed).
        weights: stemmed term → weight, written words first.
        identifiers: code names the task mentions (`CliRunner`, `catch_exceptions`).
        paths: path-like mentions (`src/app/login.py`, `login.py`).
    """

    text: str
    weights: dict[str, float]
    identifiers: tuple[str, ...]
    paths: tuple[str, ...]
    words: dict[str, str]  # stemmed term → a word the task wrote for it, for reasons
    adds: bool = False  # the task asks for something new (add, expose, implement, ...)

    def word(self, term: str) -> str:
        return self.words.get(term) or _SYNONYM_WORD.get(term, term)

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(self.weights)


# Lone surrogates: what Python makes of bytes that are not UTF-8 in argv, or a JSON "\ud83d"
# half of an emoji. They cannot be written to stdout, JSON or a hint file; U+FFFD can.
_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_query(task: str) -> Query:
    """Split a task into identifier-aware, stemmed, weighted terms.

    Raises:
        InputError: the task is empty or has no searchable words.
    """
    text = _SURROGATE.sub("\ufffd", " ".join(task.split()))
    if not text:
        raise InputError('the task is empty; describe it in words, e.g. scope "fix login bug"')
    text = text[:MAX_TASK_CHARS]
    explicit = _explicit_identifiers(text)
    counts = Counter(terms(text))
    if not counts:
        raise InputError(f"the task {text[:60]!r} has no words to search for; describe the change")
    weights: dict[str, float] = {}
    explicit_terms = {t for ident in explicit for t in terms(ident)}
    actions = {stem(w) for w in _ACTION_WORDS}
    for term, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]:
        if term in explicit_terms:
            weights[term] = EXPLICIT_WEIGHT
        else:
            weights[term] = ACTION_WEIGHT if term in actions else 1.0
    for term in list(weights):
        for synonym in _SYNONYM_OF.get(term, ()):
            weights.setdefault(synonym, SYNONYM_WEIGHT)
    paths = tuple(dict.fromkeys(m.strip("./") for m in _PATH.findall(text) if "/" in m or "." in m))
    words: dict[str, str] = {}
    for word in re.findall(r"[^\W\d_]\w*", text):
        for term in terms(word):
            words.setdefault(term, word.lower() if len(terms(word)) == 1 else word)
    adds = any(w.lower() in _ADDING_WORDS for w in re.findall(r"[A-Za-z]+", text))
    return Query(
        text=text, weights=weights, identifiers=explicit, paths=paths, words=words, adds=adds
    )


def _explicit_identifiers(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for quoted in _BACKTICK.findall(text):
        found.extend(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", quoted))
    for word in _CODE_WORD.findall(text):
        found.extend(part for part in re.split(r"[./]", word) if part)
    return tuple(
        dict.fromkeys(w for w in found if len(identifier_parts(w)) and w.lower() not in STOPWORDS)
    )
