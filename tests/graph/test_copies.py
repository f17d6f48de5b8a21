from __future__ import annotations

import pytest

from scoper.graph.copies import MIN_TERMS, find_copies

CODE = {f"term{i}": 3 for i in range(40)}  # 120 terms: above MIN_TERMS
OTHER = {f"word{i}": 3 for i in range(40)}


def _near(counts: dict[str, int], changed: int) -> dict[str, int]:
    """`counts` with `changed` terms swapped for new ones."""
    kept = dict(list(counts.items())[changed:])
    return {**kept, **{f"new{i}": 3 for i in range(changed)}}


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # A build mirror of a source file is the copy, whichever order they come in.
        ({"src/types.ts": CODE, "deno/lib/types.ts": CODE}, {"deno/lib/types.ts": "src/types.ts"}),
        ({"deno/lib/types.ts": CODE, "src/types.ts": CODE}, {"deno/lib/types.ts": "src/types.ts"}),
        # Without a build folder, the shallower file is the original.
        ({"a/b/util.py": CODE, "a/util.py": CODE}, {"a/b/util.py": "a/util.py"}),
        # A copy with a rewritten header line is still a copy.
        ({"src/x.ts": CODE, "dist/x.ts": _near(CODE, 1)}, {"dist/x.ts": "src/x.ts"}),
        # Files that differ, or share only a name, are not copies.
        ({"src/x.ts": CODE, "dist/x.ts": _near(CODE, 10)}, {}),
        ({"a/__init__.py": CODE, "b/__init__.py": OTHER}, {}),
        # Different names are never compared.
        ({"src/a.ts": CODE, "src/b.ts": CODE}, {}),
        # Tiny files (re-exports, stubs) are alike by accident.
        ({"a/index.ts": {"export": MIN_TERMS - 1}, "b/index.ts": {"export": MIN_TERMS - 1}}, {}),
    ],
)
def test_find_copies(files: dict[str, dict[str, int]], expected: dict[str, str]) -> None:
    found = find_copies(files)
    assert {path: c.original for path, c in found.items()} == expected


def test_three_of_a_kind_all_point_at_one_original() -> None:
    files = {"src/types.ts": CODE, "deno/lib/types.ts": CODE, "lib/types.ts": CODE}
    found = find_copies(files)
    assert {c.original for c in found.values()} == {"src/types.ts"}
    assert set(found) == {"deno/lib/types.ts", "lib/types.ts"}
