"""File-name extensions that mark a word in a task or prompt as a file of the repository.

Wider than the languages scope parses: a task naming `jv.c` or `App.swift` names a file whether
or not its language has a grammar here, and the file is indexed all the same. Each list becomes
one regex alternation; the word boundary after it makes the order irrelevant (`c` fails on
`format.cpp`, and `cpp` is tried next).
"""

from __future__ import annotations

__all__ = ["CODE_FILE_EXTENSIONS", "DATA_FILE_EXTENSIONS"]

CODE_FILE_EXTENSIONS = (
    "py pyi js jsx mjs cjs ts tsx go rs java kt kts scala rb rake php cs swift c h cc cpp cxx hpp"
    " hh m mm lua sh".split()
)
DATA_FILE_EXTENSIONS = "md json toml yaml yml cfg ini sql".split()
