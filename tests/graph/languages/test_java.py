from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from scoper.graph.languages import ProjectFiles
from scoper.graph.languages.java import JAVA, resolve
from scoper.graph.model import ImportRef
from scoper.graph.parse import parse_source

MakeProject = Callable[[Mapping[str, str]], ProjectFiles]

SOURCE = b"""/*
 * Copyright 2020 Acme. Licensed under the Apache License, Version 2.0.
 */
package com.acme.app;

import java.util.List;
import com.acme.util.*;
import static com.acme.util.Strings.join;
import static com.acme.util.Strings.*;

/** The application's entry point. */
@Deprecated
public class App extends Base implements Runnable, Comparable<App> {
    public static final int MAX = 3;
    final static String NAME = "app";
    private List<Item> items;
    public App() { super(); }
    @Override
    public void run() { helper.doIt(); new Thing(); this.items.size(); Strings.join(Config.SEP); }
    <T extends Model> T pick(T value) { return value; }
    interface Listener { int LIMIT = 5; void onEvent(Event e); }
    enum Color { RED, GREEN }
    record Point(int x, int y) {}
    @interface Marker {}
}
"""


def test_definitions_references_imports_and_doc() -> None:
    facts = parse_source("src/main/java/com/acme/app/App.java", SOURCE, JAVA)
    assert facts.error == ""
    assert facts.doc == "The application's entry point."
    assert [(s.name, s.kind) for s in facts.symbols] == [
        ("App", "class"),
        ("MAX", "constant"),
        ("NAME", "constant"),
        ("run", "method"),
        ("pick", "method"),
        ("LIMIT", "constant"),
        ("Listener", "interface"),
        ("onEvent", "method"),
        ("Color", "enum"),
        ("Point", "class"),
        ("Marker", "interface"),
    ]
    references = set(facts.references)
    assert {"Base", "Runnable", "Comparable", "App", "List", "Item", "Thing", "Model"} <= references
    assert {"Deprecated", "Override", "doIt", "size", "items", "join", "Strings"} <= references
    assert {"Event", "Config", "SEP"} <= references
    assert not {"Color", "Listener", "Marker"} & references
    assert facts.imports == (
        ImportRef("java.util.List"),
        ImportRef("com.acme.util", ("*",)),
        ImportRef("com.acme.util.Strings", ("join",)),
        ImportRef("com.acme.util.Strings", ("*",)),
    )


def test_first_comment_is_the_doc_unless_a_licence() -> None:
    source = b"// Helpers for dates.\npackage a;\nclass Dates {}\n"
    assert parse_source("a/Dates.java", source, JAVA).doc == "Helpers for dates."


def test_syntax_error_degrades() -> None:
    source = b"class A { void broken( { }\nclass B { void fine() {} }\n"
    facts = parse_source("A.java", source, JAVA)
    assert facts.error == "syntax error"


REPO = {
    "core/src/main/java/com/acme/util/Strings.java": "",
    "core/src/main/java/com/acme/util/Dates.java": "",
    "core/src/main/java/com/acme/util/package-info.java": "",
    "core/src/main/java/com/acme/util/README.md": "",
    "core/src/main/java/com/acme/util/text/Wrap.java": "",
    "core/src/test/java/com/acme/util/StringsTest.java": "",
    "app/src/main/java/com/acme/app/App.java": "",
    "legacy/src/com/acme/util/Strings.java": "",
}
UTIL = "core/src/main/java/com/acme/util"
LEGACY = "legacy/src/com/acme/util"


@pytest.mark.parametrize(
    ("module", "names", "expected"),
    [
        ("com.acme.util.Dates", (), (f"{UTIL}/Dates.java",)),
        # Nested classes fall back to the outer class's file.
        ("com.acme.util.Dates.Range", (), (f"{UTIL}/Dates.java",)),
        ("com.acme.util.Dates.Range.Kind", (), (f"{UTIL}/Dates.java",)),
        # Every file ending with the class path (source roots differ).
        (
            "com.acme.util.Strings",
            (),
            (f"{UTIL}/Strings.java", f"{LEGACY}/Strings.java"),
        ),
        # Package wildcard: the .java files directly in the folder, from every root.
        (
            "com.acme.util",
            ("*",),
            (
                f"{UTIL}/Dates.java",
                f"{UTIL}/Strings.java",
                f"{UTIL}/package-info.java",
                "core/src/test/java/com/acme/util/StringsTest.java",
                f"{LEGACY}/Strings.java",
            ),
        ),
        # Static imports: the class file.
        ("com.acme.util.Dates", ("today",), (f"{UTIL}/Dates.java",)),
        ("com.acme.util.Dates", ("*",), (f"{UTIL}/Dates.java",)),
        ("com.acme.util.text.Wrap", ("*",), (f"{UTIL}/text/Wrap.java",)),
        # Outside the repo.
        ("java.util.List", (), ()),
        ("org.junit.jupiter.api", ("*",), ()),
        ("com.acme.missing.Thing", (), ()),
    ],
)
def test_resolve(
    make_project: MakeProject,
    module: str,
    names: tuple[str, ...],
    expected: tuple[str, ...],
) -> None:
    importer = "app/src/main/java/com/acme/app/App.java"
    assert resolve(make_project(REPO), importer, ImportRef(module, names)) == expected


@pytest.mark.parametrize(
    ("path", "is_test"),
    [
        ("core/src/test/java/com/acme/Helpers.java", True),
        ("src/main/java/com/acme/StringsTest.java", True),
        ("src/main/java/com/acme/StringsTests.java", True),
        ("src/main/java/com/acme/Testing.java", False),
    ],
)
def test_test_path(path: str, is_test: bool) -> None:
    assert bool(JAVA.test_path.search(path)) is is_test
