from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from scoper.graph.languages import ProjectFiles
from scoper.graph.languages.rust import RUST, resolve
from scoper.graph.model import ImportRef
from scoper.graph.parse import parse_source

MakeProject = Callable[[Mapping[str, str]], ProjectFiles]

SOURCE = b"""//! Search configuration and the searcher itself.
//! More lines.

mod config;
pub mod sink;
#[cfg(windows)]
#[path = "sys/windows.rs"]
mod sys;
extern crate alloc;
use crate::lines::{self, LineStep, iter::*};
use super::matcher::Matcher as M;
use self::config::Config;
use std::{io, fmt::Display};
use {crate::a::A, grep_matcher::Match};

pub const DEFAULT_CAPACITY: usize = 8 * 1024;
static COUNTER: u32 = 0;

pub struct Searcher { config: Config, buffer: Vec<Line> }
pub enum Encoding { Utf8, Auto }
pub trait Sink: Send { fn matched(&mut self, m: &Match) -> bool; }
pub type Result<T> = std::result::Result<T, Error>;
union Bits { a: u32 }

impl Searcher {
    pub fn new() -> Searcher { Searcher::build(Config::default()) }
    fn search(&self) { self.config.apply(); helper!(x); }
}

fn free<S: Sink>(sink: S) -> io::Result<()> { let local = 1; Ok(()) }

macro_rules! helper { ($x:expr) => {}; }

mod tests {
    use super::*;
    use super::super::shared::Fixture;
    mod golden;
}
"""


def test_definitions_references_imports_and_doc() -> None:
    facts = parse_source("crates/searcher/src/searcher/mod.rs", SOURCE, RUST)
    assert facts.error == ""
    assert facts.doc == "Search configuration and the searcher itself."
    assert [(s.name, s.kind) for s in facts.symbols] == [
        ("DEFAULT_CAPACITY", "constant"),
        ("COUNTER", "constant"),
        ("Searcher", "struct"),
        ("Encoding", "enum"),
        ("Sink", "trait"),
        ("matched", "method"),
        ("Result", "type"),
        ("Bits", "struct"),
        ("new", "method"),
        ("search", "method"),
        ("free", "function"),
        ("helper", "macro"),
        ("tests", "module"),
    ]
    references = set(facts.references)
    assert {"Config", "Vec", "Line", "Send", "Match", "Error", "default", "build"} <= references
    assert {"apply", "config", "helper", "Sink", "Ok"} <= references
    assert not {"Encoding", "Bits", "local"} & references
    assert facts.imports == (
        ImportRef("mod:config"),
        ImportRef("mod:sink"),
        ImportRef("path:sys/windows.rs"),
        ImportRef("alloc"),
        ImportRef("crate::lines", ("self", "LineStep")),
        ImportRef("crate::lines::iter", ("*",)),
        ImportRef("super::matcher::Matcher"),
        ImportRef("self::config::Config"),
        ImportRef("std", ("io", "fmt::Display")),
        ImportRef("crate::a::A"),
        ImportRef("grep_matcher::Match"),
        # Inside `mod tests`, paths are re-expressed from the file's own module.
        ImportRef("self", ("*",)),
        ImportRef("super::shared::Fixture"),
        ImportRef("mod:tests::golden"),
    )


@pytest.mark.parametrize(
    ("source", "doc"),
    [
        (b"/*!\nThis crate parses flags.\n*/\nfn a() {}\n", "This crate parses flags."),
        (b"// Copyright 2020 X.\n//! Flag parsing.\nfn a() {}\n", "Flag parsing."),
        (b"// Helpers.\nfn a() {}\n", "Helpers."),
        (b"// Copyright 2020 X. MIT License.\nfn a() {}\n", ""),
    ],
)
def test_doc(source: bytes, doc: str) -> None:
    assert parse_source("a.rs", source, RUST).doc == doc


def test_syntax_error_degrades() -> None:
    facts = parse_source("a.rs", b"fn broken( {\n}\nfn fine() {}\n", RUST)
    assert facts.error == "syntax error"


REPO = {
    "Cargo.toml": '[package]\nname = "rg"\n\n[workspace]\nmembers = ["crates/*"]\n',
    "src/main.rs": "",
    "src/args.rs": "",
    "src/flags/mod.rs": "",
    "src/flags/parse.rs": "",
    "src/flags/defs.rs": "",
    "src/flags/defs/help.rs": "",
    "src/util.rs": "",
    "src/bin/tool.rs": "",
    "src/bin/helper.rs": "",
    "crates/grep-matcher/Cargo.toml": '[package]\nname = "grep-matcher"\n',
    "crates/grep-matcher/src/lib.rs": "",
    "crates/grep-matcher/src/interpolate.rs": "",
    "crates/searcher/Cargo.toml": '[package]\nname = "searcher"\n\n[lib]\npath = "lib.rs"\n',
    "crates/searcher/lib.rs": "",
    "crates/searcher/sink.rs": "",
    "tests/tests.rs": "",
    "tests/util.rs": "",
    "tests/feature.rs": "",
    "tests/index/basic.rs": "",
}


@pytest.mark.parametrize(
    ("importer", "module", "names", "expected"),
    [
        # `mod x;` beside main.rs/lib.rs/mod.rs, in `<stem>/` for other files.
        ("src/main.rs", "mod:args", (), ("src/args.rs",)),
        ("src/main.rs", "mod:flags", (), ("src/flags/mod.rs",)),
        ("src/flags/mod.rs", "mod:parse", (), ("src/flags/parse.rs",)),
        ("src/flags/defs.rs", "mod:help", (), ("src/flags/defs/help.rs",)),
        ("src/main.rs", "mod:missing", (), ()),
        ("src/main.rs", "path:flags/defs.rs", (), ("src/flags/defs.rs",)),
        # crate:: from the crate root; the longest path prefix naming a file wins.
        ("src/flags/parse.rs", "crate::flags::defs::help::Text", (), ("src/flags/defs/help.rs",)),
        ("src/flags/parse.rs", "crate::args", ("Args", "parse"), ("src/args.rs",)),
        ("src/flags/parse.rs", "crate::util::lines", (), ("src/util.rs",)),
        ("src/flags/parse.rs", "crate::VERSION", (), ("src/main.rs",)),
        # super:: and self:: relative to the importer's module.
        ("src/flags/parse.rs", "super::defs", ("Flag",), ("src/flags/defs.rs",)),
        ("src/flags/parse.rs", "super::Mode", (), ("src/flags/mod.rs",)),
        ("src/flags/defs/help.rs", "super::super::Mode", (), ("src/flags/mod.rs",)),
        ("src/flags/defs/help.rs", "super::super::super::args::Args", (), ("src/args.rs",)),
        ("src/flags/mod.rs", "self::parse::parse", (), ("src/flags/parse.rs",)),
        ("src/flags/defs.rs", "self::help", (), ("src/flags/defs/help.rs",)),
        # 2018 paths relative to the module, 2015 paths from the crate root.
        ("src/flags/mod.rs", "parse::run", (), ("src/flags/parse.rs",)),
        ("src/flags/mod.rs", "util::lines", (), ("src/util.rs",)),
        # Workspace crates by name, `-` read as `_`; a `[lib] path` is honoured.
        ("src/main.rs", "grep_matcher", ("Matcher",), ("crates/grep-matcher/src/lib.rs",)),
        (
            "src/main.rs",
            "grep_matcher::interpolate::Interp",
            (),
            ("crates/grep-matcher/src/interpolate.rs",),
        ),
        ("src/main.rs", "searcher::sink::Sink", (), ("crates/searcher/sink.rs",)),
        # Binaries and integration tests are crate roots of their own folder.
        ("src/bin/tool.rs", "mod:helper", (), ("src/bin/helper.rs",)),
        ("tests/tests.rs", "mod:feature", (), ("tests/feature.rs",)),
        ("tests/feature.rs", "crate::util", ("Dir",), ("tests/util.rs",)),
        ("tests/index/basic.rs", "crate::util", ("Dir",), ("tests/util.rs",)),
        # External crates.
        ("src/main.rs", "std::collections::HashMap", (), ()),
        ("src/main.rs", "serde", (), ()),
        ("src/main.rs", "alloc", (), ()),
    ],
)
def test_resolve(
    make_project: MakeProject,
    importer: str,
    module: str,
    names: tuple[str, ...],
    expected: tuple[str, ...],
) -> None:
    assert resolve(make_project(REPO), importer, ImportRef(module, names)) == expected


@pytest.mark.parametrize(
    ("path", "is_test"),
    [("tests/feature.rs", True), ("crates/x/tests/a.rs", True), ("src/testing.rs", False)],
)
def test_test_path(path: str, is_test: bool) -> None:
    assert bool(RUST.test_path.search(path)) is is_test
