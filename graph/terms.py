"""Identifier-aware words: one splitter for file contents, paths, symbols and task text.

`parseHTTPResponse_v2` yields `parse`, `http`, `response`, `v2` and the compound
`parsehttpresponse`, each lightly stemmed, so a task saying "parse the http responses"
meets the code that spells it as one identifier.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

__all__ = ["STOPWORDS", "count_terms", "identifier_parts", "stem", "terms"]

# A word starts with a letter of any script: `größe`, `размер` and `登录` are words, and an
# ASCII-only class cut `größe` to `gr` and dropped the others.
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:_[^\W_]+)*")
# Chinese and Japanese write without spaces, so a run of their characters is a phrase, not a
# word: it is searched by its overlapping pairs (修复登录 → 修复, 复登, 登录), as CJK search does.
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")

# English glue words and keywords shared by the languages scope parses: they match everything.
STOPWORDS = frozenset(
    """a an and are as at be been but by can do does for from has have how if in into is it its
    not of on or so than that the then there these this to too was we were when which while who
    will with without should would could may might must also just only all any each every
    def return import self cls none true false null nil undefined const let var func function
    public private protected static void pub fn mut impl else elif try except catch finally
    throw throws raise async await yield lambda pass break continue case switch""".split()
)

# Suffixes removed by the light stemmer, longest first, with their replacement.
_SUFFIXES = (
    ("ations", ""),
    ("ation", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ers", ""),
    ("er", ""),
    ("es", ""),
    ("ed", ""),
    ("ly", ""),
    ("s", ""),
)
# Doubled final consonants left by a removed suffix (`stopped` → `stopp` → `stop`).
_UNDOUBLE = frozenset("bdgkmnprt")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, deterministic stemmer that maps inflections together.

    `retries`/`retry`→`retry`, `parsing`/`parser`/`parse`→`pars`, `stopped`→`stop`.
    """
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is", "as")):
                break
            word = word[: -len(suffix)] + replacement
            if len(word) > 3 and word[-1] == word[-2] and word[-1] in _UNDOUBLE:
                word = word[:-1]
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


@lru_cache(maxsize=65536)
def identifier_parts(identifier: str) -> tuple[str, ...]:
    """Lower-case parts of one identifier: `getHTTPResponse` → (`get`, `http`, `response`)."""
    parts: list[str] = []
    for chunk in identifier.split("_"):
        found = _CAMEL.findall(chunk) if chunk.isascii() else _case_parts(chunk)
        parts.extend(p.lower() for p in found)
    return tuple(p for p in parts if p)


def _case_parts(chunk: str) -> list[str]:
    """camelCase parts of a chunk with letters outside ASCII (`größeBerechnen` → `größe`,
    `Berechnen`): a new part where a lower-case letter meets a capital, or letters meet digits."""
    parts: list[str] = []
    current = ""
    for ch in chunk:
        if current and (
            (ch.isupper() and current[-1].islower()) or ch.isdigit() != current[-1].isdigit()
        ):
            parts.append(current)
            current = ""
        if ch.isalnum():
            current += ch
        elif current:
            parts.append(current)
            current = ""
    if current:
        parts.append(current)
    return parts


def terms(text: str) -> list[str]:
    """Stemmed, stopword-free terms of `text`, compounds included, in order of appearance."""
    if len(text) <= _CACHED_TEXT:
        return list(_short_terms(text))
    return _terms(text)


# Short texts (identifiers, paths, commit subjects) repeat across files and runs: cache them.
_CACHED_TEXT = 200


@lru_cache(maxsize=131072)
def _short_terms(text: str) -> tuple[str, ...]:
    return tuple(_terms(text))


def _terms(text: str) -> list[str]:
    out: list[str] = []
    for word in _WORD.findall(text):
        parts = identifier_parts(word)
        for part in parts:
            if len(part) > 2 and _CJK_RUN.fullmatch(part):
                out.extend(part[i : i + 2] for i in range(len(part) - 1))
            elif len(part) > 1 and part not in STOPWORDS:
                out.append(stem(part))
        if len(parts) > 1:
            compound = "".join(parts)
            if compound not in STOPWORDS:
                out.append(compound)
    return out


def count_terms(text: str) -> Counter[str]:
    """Term frequencies of `text`."""
    return Counter(terms(text))
