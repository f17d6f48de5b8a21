from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from scoper.graph.languages import ProjectFiles
from scoper.graph.languages.go import GO, resolve
from scoper.graph.model import ImportRef
from scoper.graph.parse import parse_source

MakeProject = Callable[[Mapping[str, str]], ProjectFiles]

SOURCE = b"""// Copyright 2024 The Authors. Licensed under the Apache License.

// Package cmd implements the command tree.
package cmd

import "fmt"
import alias "github.com/acme/tool/internal/log"

import (
	"os"
	_ "embed"
	. "strings"
	`github.com/acme/tool/pkg/flags`
)

const MaxDepth = 10

const (
	ModeA = iota
	ModeB
)

var Registry = map[string]*Command{}

type Command struct {
	Use    string
	parent *Command
	io.Writer
}

type Runner interface {
	Run(args []string) error
}

type ID = string
type Hooks []Hook

func New(name string) *Command {
	c := &Command{Use: name}
	fmt.Println(c.Use)
	local := 1
	return c.Execute(local)
}

func (c *Command) Execute(n int) error {
	var w flags.Set
	return c.parent.Run(nil)
}
"""


def test_definitions_references_imports_and_doc() -> None:
    facts = parse_source("cmd/command.go", SOURCE, GO)
    assert facts.error == ""
    assert facts.doc == "Package cmd implements the command tree."
    assert [(s.name, s.kind) for s in facts.symbols] == [
        ("MaxDepth", "constant"),
        ("ModeA", "constant"),
        ("ModeB", "constant"),
        ("Registry", "variable"),
        ("Command", "struct"),
        ("Runner", "interface"),
        ("ID", "type"),
        ("Hooks", "type"),
        ("New", "function"),
        ("Execute", "method"),
    ]
    references = set(facts.references)
    assert {"Command", "Writer", "Hook", "Println", "Use", "Execute", "Set", "Run"} <= references
    assert not {"Runner", "ID", "Hooks", "local"} & references
    assert facts.imports == (
        ImportRef("fmt"),
        ImportRef("github.com/acme/tool/internal/log"),
        ImportRef("os"),
        ImportRef("embed"),
        ImportRef("strings"),
        ImportRef("github.com/acme/tool/pkg/flags"),
    )


@pytest.mark.parametrize(
    ("source", "doc"),
    [
        (b"// Package x does things.\npackage x\n", "Package x does things."),
        (b"//go:build linux\n\n// Package x does things.\npackage x\n", "Package x does things."),
        (b"// Helpers for the tests.\npackage x\n", "Helpers for the tests."),
        (b"// Copyright 2020 X.\n// License: MIT.\n\npackage x\n", ""),
    ],
)
def test_doc(source: bytes, doc: str) -> None:
    assert parse_source("x/x.go", source, GO).doc == doc


def test_syntax_error_degrades() -> None:
    facts = parse_source("x.go", b"package x\nfunc broken( {\n}\nfunc Fine() {}\n", GO)
    assert facts.error == "syntax error"
    assert facts.imports == ()


REPO = {
    "go.mod": "module github.com/acme/tool\n\ngo 1.22\n",
    "main.go": "",
    "cmd/root.go": "",
    "cmd/root_test.go": "",
    "pkg/flags/flags.go": "",
    "pkg/flags/parse.go": "",
    "pkg/flags/flags_test.go": "",
    "pkg/flags/README.md": "",
    "pkg/flags/sub/sub.go": "",
    "tools/gen/go.mod": 'module "github.com/acme/tool/tools/gen" // nested module\n',
    "tools/gen/main.go": "",
    "tools/gen/render/render.go": "",
}


@pytest.mark.parametrize(
    ("importer", "module", "expected"),
    [
        # A package is every non-test .go file directly in its folder.
        ("main.go", "github.com/acme/tool/pkg/flags", ("pkg/flags/flags.go", "pkg/flags/parse.go")),
        ("main.go", "github.com/acme/tool/pkg/flags/sub", ("pkg/flags/sub/sub.go",)),
        ("main.go", "github.com/acme/tool", ("main.go",)),
        # A test importer sees the package's test files too.
        (
            "cmd/root_test.go",
            "github.com/acme/tool/pkg/flags",
            ("pkg/flags/flags.go", "pkg/flags/flags_test.go", "pkg/flags/parse.go"),
        ),
        # The nested module owns its folder.
        ("main.go", "github.com/acme/tool/tools/gen/render", ("tools/gen/render/render.go",)),
        # Missing folders, look-alike prefixes, the standard library and other modules.
        ("main.go", "github.com/acme/tool/pkg/missing", ()),
        ("main.go", "github.com/acme/toolbox/pkg/flags", ()),
        ("main.go", "fmt", ()),
        ("main.go", "github.com/spf13/cobra", ()),
    ],
)
def test_resolve(
    make_project: MakeProject, importer: str, module: str, expected: tuple[str, ...]
) -> None:
    assert resolve(make_project(REPO), importer, ImportRef(module)) == expected


def test_without_go_mod_nothing_resolves(make_project: MakeProject) -> None:
    project = make_project({"a/a.go": "", "b/b.go": ""})
    assert resolve(project, "a/a.go", ImportRef("b")) == ()


@pytest.mark.parametrize(
    ("path", "is_test"),
    [("cmd/root_test.go", True), ("cmd/root.go", False), ("cmd/testdata.go", False)],
)
def test_test_path(path: str, is_test: bool) -> None:
    assert bool(GO.test_path.search(path)) is is_test
