"""`scope onboard`: what a new engineer needs first — areas, central files, entry points, tests.

Areas are communities of the file graph (Louvain, fixed seed) over source files, named by the
folder their files share; central files are ranked by global PageRank. Everything is sorted,
so a second run on the same repository produces the same bytes.
"""

from __future__ import annotations

import itertools
import os
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from scoper.graph.centrality import pagerank
from scoper.graph.index import FileRecord
from scoper.graph.snapshot import FileGraph

from .project import describe_project, detect_test_command
from .rank import is_non_source
from .workspace import Workspace

__all__ = ["Area", "AreaFile", "Guide", "build_guide", "is_entry_point"]

# Louvain's resolution: 1.0 is the usual modularity; areas come out at the size of a package.
RESOLUTION = 1.0
# Files in one folder are tied this strongly (on top of imports, references and co-change),
# so areas follow the folders a newcomer sees unless the code says otherwise.
FOLDER_TIE = 3.0
# Fewer files than this make no area of their own: they join the area they are most tied to.
MIN_AREA_FILES = 3
# More areas than this is a list, not a map: the smallest merge into their best neighbour.
MAX_AREAS = 12
# Files shown per area as the central ones, and the ones to start reading with.
CENTRAL_PER_AREA = 5
START_PER_AREA = 3
# One-line summaries are cut here: a table cell, not a paragraph.
MAX_SUMMARY = 120
# Only the strongest links between areas are drawn, so the diagram stays readable.
MAX_DIAGRAM_EDGES = 24

# Where a program starts, by each ecosystem's convention: `main`, `cli`, `app` and `server`
# modules, a package's `__main__`/`index`, Rack's `config.ru`, Java's `Main`/`Application`
# classes, and executables in a `bin/` or `exe/` folder (a gem's, a script's), which have no
# extension.
_ENTRY_NAMES = re.compile(
    r"(^|/)(__main__\.py|main\.(py|go|rs|ts|js|rb|c|cc|cpp)|cli\.(py|ts|js|rb)|manage\.py"
    r"|app\.(py|rb)|server\.(py|ts|js|rb)|index\.(ts|js)|config\.ru|(Main|Application)\.java"
    r"|(bin|exe)/[\w-]+)$"
)


def is_entry_point(path: str) -> bool:
    """True for files a program starts from (see `_ENTRY_NAMES`)."""
    return _ENTRY_NAMES.search(path) is not None


@dataclass(frozen=True)
class AreaFile:
    """A file as the guide shows it: path, tokens, one line on what it is."""

    path: str
    tokens: int
    summary: str


@dataclass(frozen=True)
class Area:
    """A part of the repository whose files belong together."""

    name: str
    globs: tuple[str, ...]
    files: int
    tokens: int
    purpose: str
    central: tuple[AreaFile, ...]
    entry_points: tuple[str, ...]

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") or "root"


@dataclass(frozen=True)
class Guide:
    """The whole guide, ready to render."""

    name: str
    description: str
    areas: tuple[Area, ...]
    links: tuple[tuple[str, str, float], ...]  # (from area, to area, weight)
    test_files: int
    test_folders: tuple[str, ...]
    test_command: str
    total_tokens: int
    core_tokens: int
    files: int


def build_guide(ws: Workspace) -> Guide:
    """The onboarding guide of an opened workspace."""
    records = {r.path: r for r in ws.index.records}
    sources = sorted(
        p for p, r in records.items() if r.facts.language != "text" and not is_non_source(p)
    )
    groups = _communities(ws.graph, sources)
    rank = pagerank(ws.graph)
    pairs = sorted(
        ((_area(files, records, rank, ws.root, sources), files) for files in groups),
        key=lambda pair: (-pair[0].tokens, pair[0].name),
    )
    areas = _unique_names([area for area, _ in pairs])
    area_of = {p: a.name for a, (_, files) in zip(areas, pairs, strict=True) for p in files}
    tests = sorted(p for p in records if ws.graph.nodes[p].get("test"))
    project = describe_project(ws.root)
    return Guide(
        name=project.name or os.path.basename(os.path.abspath(ws.root)),
        description=project.description,
        areas=tuple(areas),
        links=_links(ws.graph, area_of),
        test_files=len(tests),
        test_folders=_test_folders(tests),
        test_command=detect_test_command(ws.root, tests),
        total_tokens=ws.index.total_tokens,
        core_tokens=sum(f.tokens for a in areas for f in a.central),
        files=len(records),
    )


def _communities(graph: FileGraph, sources: Sequence[str]) -> list[list[str]]:
    """Source files grouped by Louvain communities, small ones merged, at most MAX_AREAS."""
    undirected = nx.Graph()
    undirected.add_nodes_from(sources)
    for a, b, data in graph.edges(data=True):
        if a in undirected and b in undirected and a != b:
            weight = data.get("weight", 1.0)
            if undirected.has_edge(a, b):
                undirected[a][b]["weight"] += weight
            else:
                undirected.add_edge(a, b, weight=weight)
    if not sources:
        return []
    by_folder: dict[str, list[str]] = defaultdict(list)
    for path in sources:
        by_folder[path.rpartition("/")[0]].append(path)
    for files in by_folder.values():  # a chain ties a folder together in O(files)
        for a, b in itertools.pairwise(files):
            weight = undirected[a][b]["weight"] if undirected.has_edge(a, b) else 0.0
            undirected.add_edge(a, b, weight=weight + FOLDER_TIE)
    found = nx.community.louvain_communities(
        undirected, weight="weight", resolution=RESOLUTION, seed=0
    )
    groups = [sorted(c) for c in found]
    groups = _merge_small(groups, undirected)
    groups.sort(key=lambda g: (-len(g), g[0]))
    return [sorted(g) for g in groups]


def _merge_small(groups: list[list[str]], graph: nx.Graph) -> list[list[str]]:
    """Fold tiny groups (and the smallest, past MAX_AREAS) into their best-tied neighbour."""
    groups = sorted(groups, key=lambda g: (len(g), g[0]))
    while len(groups) > 1 and (len(groups[0]) < MIN_AREA_FILES or len(groups) > MAX_AREAS):
        small = groups.pop(0)
        target = max(
            range(len(groups)),
            key=lambda i: (_tie(small, groups[i], graph), _shared_prefix(small, groups[i]), -i),
        )
        groups[target] = sorted([*groups[target], *small])
        groups.sort(key=lambda g: (len(g), g[0]))
    return groups


def _tie(a: Sequence[str], b: Sequence[str], graph: nx.Graph) -> float:
    members = set(b)
    return sum(d.get("weight", 0.0) for n in a for m, d in graph[n].items() if m in members)


def _shared_prefix(a: Sequence[str], b: Sequence[str]) -> int:
    return len(os.path.commonpath([_common_folder(a) or ".", _common_folder(b) or "."]))


def _common_folder(paths: Sequence[str]) -> str:
    folders = [p.rpartition("/")[0] for p in paths]
    if not folders or any(not f for f in folders):
        return ""
    common = os.path.commonpath(folders)
    return common.replace(os.sep, "/")


def _area_name(files: Sequence[str]) -> tuple[str, str]:
    """(name, folder): the common folder, plus its main subfolders when it holds several."""
    nested = [p for p in files if "/" in p]
    if len(nested) * 2 > len(files):  # a few root files (configs) don't name an area
        files = nested
    folder = _common_folder(files)
    depth = folder.count("/") + 1 if folder else 0
    below = Counter(p.split("/")[depth] for p in files if p.count("/") > depth)
    if len(below) > 1:
        main = [n for n, _ in sorted(below.items(), key=lambda kv: (-kv[1], kv[0]))[:2]]
        prefix = f"{folder}/" if folder else ""
        more = "+…" if len(below) > 2 else ""
        return f"{prefix}{'+'.join(main)}{more}", folder
    return folder or "(root)", folder


def _area(
    files: Sequence[str],
    records: Mapping[str, FileRecord],
    rank: Mapping[str, float],
    root: str,
    sources: Sequence[str],
) -> Area:
    name, folder = _area_name(files)
    central = sorted(files, key=lambda p: (-rank.get(p, 0.0), p))[:CENTRAL_PER_AREA]
    return Area(
        name=name,
        globs=_globs(files, sources),
        files=len(files),
        tokens=sum(records[p].tokens for p in files),
        purpose=_purpose(folder, central, records, root),
        central=tuple(AreaFile(p, records[p].tokens, _summary(records[p])) for p in central),
        entry_points=tuple(p for p in files if is_entry_point(p)),
    )


def _globs(files: Sequence[str], sources: Sequence[str]) -> tuple[str, ...]:
    """Globs covering the area: `folder/**` where it owns the whole subtree, else `folder/*`."""
    mine = set(files)
    folders = sorted({p.rpartition("/")[0] for p in files})
    globs: list[str] = []
    covered: list[str] = []
    for folder in folders:
        if any(folder.startswith(c + "/") for c in covered):
            continue
        prefix = f"{folder}/" if folder else ""
        subtree = [p for p in sources if p.startswith(prefix)]
        if folder and all(p in mine for p in subtree):
            globs.append(f"{folder}/**")
            covered.append(folder)
        else:
            globs.append(f"{prefix}*")
    return tuple(globs)


def _purpose(
    folder: str, central: Sequence[str], records: Mapping[str, FileRecord], root: str
) -> str:
    for name in ("README.md", "README.rst", "README.txt", "README"):
        text = _read(os.path.join(root, folder, name)) if folder else ""
        paragraph = _first_paragraph(text)
        if paragraph:
            return paragraph
    for path in central:
        doc = records[path].facts.doc
        if doc:
            return _first_sentence(doc)
    return _summary(records[central[0]]) if central else ""


# Kinds that say what a file is about, before constants and variables.
_KIND_ORDER = {
    "class": 0,
    "interface": 0,
    "struct": 0,
    "trait": 0,
    "type": 1,
    "enum": 1,
    "function": 2,
    "method": 3,
}


def _summary(record: FileRecord) -> str:
    if record.facts.doc:
        return _first_sentence(record.facts.doc)
    public = [s for s in record.facts.symbols if not s.name.startswith("_")]
    ordered = sorted(public, key=lambda s: (_KIND_ORDER.get(s.kind, 9), s.line))
    names = list(dict.fromkeys(s.name for s in ordered))[:3]
    return "defines " + ", ".join(names) if names else ""


def _first_sentence(text: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return sentence if len(sentence) <= MAX_SUMMARY else sentence[: MAX_SUMMARY - 1] + "…"


def _first_paragraph(text: str) -> str:
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.strip().splitlines()]
        if not lines or lines[0].startswith(("#", "[", "<", "!", "```", "=", "-", "|", "..")):
            continue
        return _first_sentence(" ".join(lines))
    return ""


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read(20_000)
    except OSError:
        return ""


def _unique_names(areas: list[Area]) -> list[Area]:
    """Areas sharing a folder are told apart by their most central file (`rich: console`)."""
    counts = Counter(a.name for a in areas)
    seen: Counter[str] = Counter()
    unique = []
    for area in areas:
        name = area.name
        if counts[name] > 1 and area.central:
            stem = area.central[0].path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            name = f"{name}: {stem}"
        seen[name] += 1
        if seen[name] > 1:
            name = f"{name} ({seen[name]})"
        unique.append(
            Area(
                name,
                area.globs,
                area.files,
                area.tokens,
                area.purpose,
                area.central,
                area.entry_points,
            )
        )
    return unique


def _links(graph: FileGraph, area_of: Mapping[str, str]) -> tuple[tuple[str, str, float], ...]:
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for a, b, data in graph.edges(data=True):
        linked = "import" in data.get("kinds", ()) and a in area_of and b in area_of
        if linked and area_of[a] != area_of[b]:
            weights[(area_of[a], area_of[b])] += 1.0
    ordered = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_DIAGRAM_EDGES]
    return tuple((a, b, w) for (a, b), w in sorted(ordered, key=lambda kv: kv[0]))


def _test_folders(tests: Sequence[str]) -> tuple[str, ...]:
    counts = Counter(p.rpartition("/")[0] or "(root)" for p in tests)
    return tuple(f for f, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
