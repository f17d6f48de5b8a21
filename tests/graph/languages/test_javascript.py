from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from scoper.graph.languages import LanguageSpec, ProjectFiles
from scoper.graph.languages.javascript import JAVASCRIPT, TSX, TYPESCRIPT, resolve
from scoper.graph.model import ImportRef
from scoper.graph.parse import parse_source

MakeProject = Callable[[Mapping[str, str]], ProjectFiles]

TS_SOURCE = b"""/** Session store: keeps sessions in memory. */
import connect, { open as o, close } from "./db";
import * as log from '../lib/log';
import type { Token } from "./types";
import "./polyfill";
import fs = require("fs");
export { refresh } from "./refresh";
export * from "./all";
export * as helpers from "./helpers";

export const TIMEOUT = 30;
export const expire = async (s: Session): Promise<void> => s.drop();
const cache = new Map<string, Entry>();
let counter = 0;

export interface Session extends Base { id: SessionId; }
export type SessionId = string | Brand<"id">;
export enum State { Open, Closed }
namespace Internal { export const x = 1; }
declare const VERSION: string;

@injectable()
export class Store extends BaseStore implements Disposable {
  get(key: Key): Entry | undefined {
    const local = 1;
    return this.backend.fetch(key) as Entry;
  }
}
export abstract class Shape<T extends Model> { abstract area(): number; }
export function load(): Store { return connect(); }
function* ids() {}
const lazy = () => import("./lazy");
const legacy = require("./legacy");
"""


def test_typescript_definitions_references_imports_and_doc() -> None:
    facts = parse_source("src/sessions/store.ts", TS_SOURCE, TYPESCRIPT)
    assert facts.error == ""
    assert facts.doc == "Session store: keeps sessions in memory."
    assert [(s.name, s.kind) for s in facts.symbols] == [
        ("TIMEOUT", "constant"),
        ("expire", "function"),
        ("cache", "constant"),
        ("counter", "constant"),
        ("Session", "interface"),
        ("SessionId", "type"),
        ("State", "enum"),
        ("Internal", "module"),
        ("VERSION", "constant"),
        ("Store", "class"),
        ("get", "method"),
        ("Shape", "class"),
        ("area", "method"),
        ("load", "function"),
        ("ids", "function"),
        ("lazy", "function"),
        # `const legacy = require(...)` is an import, not a definition.
    ]
    references = set(facts.references)
    types = {"Session", "Promise", "Map", "Entry", "Base", "SessionId", "Brand", "Key", "Model"}
    assert types <= references
    assert {"injectable", "BaseStore", "Disposable", "backend", "fetch", "drop"} <= references
    assert {"connect", "require"} <= references
    # Declared names are not references to themselves.
    assert not {"Shape", "T", "local"} & references
    assert facts.imports == (
        ImportRef("./db", ("default", "open", "close")),
        ImportRef("../lib/log", ("*",)),
        ImportRef("./types", ("Token",)),
        ImportRef("./polyfill"),
        ImportRef("fs"),
        ImportRef("./refresh", ("refresh",)),
        ImportRef("./all", ("*",)),
        ImportRef("./helpers", ("*",)),
        ImportRef("./lazy"),
        ImportRef("./legacy"),
    )


JS_SOURCE = b"""#!/usr/bin/env node
// CLI entry point.
const { parse } = require("./args");
import def from "./default.js";

class Runner extends EventEmitter {
  constructor() { super(); this.queue = []; }
  run() { return parse(process.argv).then(start); }
}
function main() { new Runner().run(); }
exports.handler = function () {};
module.exports.other = () => {};
var VERSION = "1.0";
export const App = () => <Layout title="x"><Panel /></Layout>;
"""


def test_javascript_commonjs_jsx_and_hashbang_doc() -> None:
    facts = parse_source("bin/cli.js", JS_SOURCE, JAVASCRIPT)
    assert facts.error == ""
    assert facts.doc == "CLI entry point."
    assert [(s.name, s.kind) for s in facts.symbols] == [
        ("Runner", "class"),
        ("constructor", "method"),
        ("run", "method"),
        ("main", "function"),
        ("handler", "function"),
        ("other", "function"),
        ("VERSION", "constant"),
        ("App", "function"),
    ]
    assert {"EventEmitter", "parse", "argv", "then", "Runner", "Layout", "Panel"} <= set(
        facts.references
    )
    assert facts.imports == (ImportRef("./args"), ImportRef("./default.js", ("default",)))


def test_tsx_components_and_types() -> None:
    source = b"""import React from "react";
import { Button } from "@/components/button";
interface Props { label: Label }
export function Card({ label }: Props) { return <Button variant="x">{label}</Button>; }
export const Badge = (p: Props) => <Icon.Star size={2} />;
"""
    facts = parse_source("src/card.tsx", source, TSX)
    assert facts.error == ""
    assert [(s.name, s.kind) for s in facts.symbols] == [
        ("Props", "interface"),
        ("Card", "function"),
        ("Badge", "function"),
    ]
    assert {"Button", "Label", "Props", "Star"} <= set(facts.references)
    assert facts.imports == (
        ImportRef("react", ("default",)),
        ImportRef("@/components/button", ("Button",)),
    )


@pytest.mark.parametrize("spec", [JAVASCRIPT, TYPESCRIPT, TSX])
def test_licence_header_is_not_the_doc(spec: LanguageSpec) -> None:
    source = b"/* Copyright 2024 Acme. MIT License. */\n// Parses flags.\nexport const x = 1;\n"
    assert parse_source("a.js", source, spec).doc == "Parses flags."


@pytest.mark.parametrize("spec", [JAVASCRIPT, TYPESCRIPT, TSX])
def test_syntax_error_degrades(spec: LanguageSpec) -> None:
    source = b"function broken( {\nexport function fine() { return 1; }\n"
    facts = parse_source("broken.ts", source, spec)
    assert facts.error == "syntax error"


REPO = {
    "tsconfig.json": """{
        // JSONC: comments and trailing commas are fine.
        "compilerOptions": {
            "baseUrl": ".",
            "paths": {"@utils/*": ["src/utils/*"], "@config": ["src/config/index.ts"],},
        },
    }""",
    "tsconfig.base.json": '{"compilerOptions": {"paths": {"#shared/*": ["shared/*"]}}}',
    "src/app/main.ts": "",
    "src/app/util.ts": "",
    "src/app/types.d.ts": "",
    "src/app/widget.tsx": "",
    "src/app/data.json": "{}",
    "src/lib/index.ts": "",
    "src/esm/foo.ts": "",
    "src/legacy/helper.js": "",
    "src/legacy/index.js": "",
    "src/utils/format.ts": "",
    "src/config/index.ts": "",
    "shared/log.ts": "",
    "packages/web/tsconfig.json": '{"extends": "../../tsconfig.base", '
    '"compilerOptions": {"baseUrl": "src"}}',
    "packages/web/src/app.ts": "",
    "packages/web/src/shared/log.ts": "",
    "packages/web/src/components/Button.tsx": "",
    "packages/api/tsconfig.json": '{"extends": "../../tsconfig.base.json"}',
    "packages/api/src/server.ts": "",
    "packages/zodlike/package.json": """{"name": "zodlike", "exports": {
        ".": {"@src": "./src/index.ts", "import": "./dist/index.js"},
        "./v4": {"types": "./dist/v4/index.d.ts"},
        "./locales/*": "./src/locales/*"}}""",
    "packages/zodlike/src/index.ts": "",
    "packages/zodlike/src/v4/index.ts": "",
    "packages/zodlike/src/locales/fr.ts": "",
    "packages/scoped/package.json": '{"name": "@acme/scoped", "main": "dist/index.js"}',
    "packages/scoped/src/index.ts": "",
    "packages/scoped/src/utils/x.ts": "",
    "packages/plain/package.json": '{"name": "plain"}',
    "packages/plain/src/index.ts": "",
}


@pytest.mark.parametrize(
    ("importer", "module", "expected"),
    [
        # Relative specifiers: extensions, declaration files, folder index, exact names.
        ("src/app/main.ts", "./util", "src/app/util.ts"),
        ("src/app/main.ts", "./util.ts", "src/app/util.ts"),
        ("src/app/main.ts", "./types", "src/app/types.d.ts"),
        ("src/app/main.ts", "./widget", "src/app/widget.tsx"),
        ("src/app/main.ts", "./data.json", "src/app/data.json"),
        ("src/app/main.ts", "../lib", "src/lib/index.ts"),
        ("src/app/main.ts", "../lib/index", "src/lib/index.ts"),
        ("src/app/main.ts", "../esm/foo.js", "src/esm/foo.ts"),
        ("src/app/main.ts", "../legacy/helper", "src/legacy/helper.js"),
        ("src/app/main.ts", "../legacy", "src/legacy/index.js"),
        ("src/app/main.ts", "./missing", None),
        ("src/app/main.ts", "../../../outside", None),
        # tsconfig paths and baseUrl of the root config.
        ("src/app/main.ts", "@utils/format", "src/utils/format.ts"),
        ("src/app/main.ts", "@config", "src/config/index.ts"),
        ("src/app/main.ts", "src/utils/format", "src/utils/format.ts"),
        ("src/app/main.ts", "@utils/missing", None),
        # Nearest config: `extends` brings paths, relative to the baseUrl when one is set...
        ("packages/web/src/app.ts", "#shared/log", "packages/web/src/shared/log.ts"),
        ("packages/web/src/app.ts", "components/Button", "packages/web/src/components/Button.tsx"),
        # ...else to the config that declares them; the root config's paths do not apply.
        ("packages/api/src/server.ts", "#shared/log", "shared/log.ts"),
        ("packages/api/src/server.ts", "@utils/format", None),
        # Workspace packages: exports conditions and patterns, build paths mapped to src/.
        ("src/app/main.ts", "zodlike", "packages/zodlike/src/index.ts"),
        ("src/app/main.ts", "zodlike/v4", "packages/zodlike/src/v4/index.ts"),
        ("src/app/main.ts", "zodlike/locales/fr.js", "packages/zodlike/src/locales/fr.ts"),
        ("src/app/main.ts", "@acme/scoped", "packages/scoped/src/index.ts"),
        ("src/app/main.ts", "@acme/scoped/utils/x", "packages/scoped/src/utils/x.ts"),
        ("src/app/main.ts", "plain", "packages/plain/src/index.ts"),
        # Outside the repo.
        ("src/app/main.ts", "react", None),
        ("src/app/main.ts", "node:fs", None),
        ("src/app/main.ts", "@acme/other", None),
        ("src/app/main.ts", "/abs/path", None),
    ],
)
def test_resolve(
    make_project: MakeProject, importer: str, module: str, expected: str | None
) -> None:
    project = make_project(REPO)
    assert resolve(project, importer, ImportRef(module)) == ((expected,) if expected else ())


def test_workspace_member_hidden_from_discovery(make_project: MakeProject) -> None:
    """A member whose package.json discovery left out is still found through the workspace."""
    project = make_project(
        {
            "pnpm-workspace.yaml": "packages:\n  - 'libs/*'\nother: true\n",
            "libs/core/package.json": '{"name": "@x/core", "exports": {".": "./src/index.ts"}}',
            "libs/core/src/index.ts": "",
            "app/main.ts": "",
        }
    )
    hidden = ProjectFiles(project.root, project.paths - {"libs/core/package.json"})
    assert resolve(hidden, "app/main.ts", ImportRef("@x/core")) == ("libs/core/src/index.ts",)


def test_solution_style_tsconfig_follows_references(make_project: MakeProject) -> None:
    project = make_project(
        {
            "tsconfig.json": '{"files": [], "references": [{"path": "./tsconfig.app.json"}]}',
            "tsconfig.app.json": '{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}',
            "src/main.tsx": "",
            "src/lib/utils.ts": "",
        }
    )
    assert resolve(project, "src/main.tsx", ImportRef("@/lib/utils")) == ("src/lib/utils.ts",)


@pytest.mark.parametrize(
    ("path", "is_test"),
    [
        ("src/__tests__/store.ts", True),
        ("src/store.test.ts", True),
        ("src/store.spec.js", True),
        ("src/types.test-d.ts", True),
        ("test/store.ts", True),
        ("packages/a/tests/x.tsx", True),
        ("src/store.ts", False),
        ("src/testing-utils.ts", False),
    ],
)
def test_test_path(path: str, is_test: bool) -> None:
    assert bool(TYPESCRIPT.test_path.search(path)) is is_test
    assert bool(JAVASCRIPT.test_path.search(path)) is is_test
