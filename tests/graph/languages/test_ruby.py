from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from scoper.graph.build import is_test_path
from scoper.graph.languages import ProjectFiles, language_for
from scoper.graph.languages.ruby import RUBY, resolve
from scoper.graph.model import ImportRef
from scoper.graph.parse import parse_source
from scoper.workspace import open_workspace

MakeProject = Callable[[Mapping[str, str]], ProjectFiles]

SOURCE = b"""# frozen_string_literal: true

# Sessions: create, refresh
# and expire them.

# (a second block, not the doc)
require "json"
require_relative "../support/helpers"
require File.expand_path("store/cache", __dir__)
require File.expand_path("../legacy", __FILE__)
load "tasks/setup.rb"
autoload :Parser, "shop/parser"
require "shop/#{flavour}"
require path_from_config

module Shop
  VERSION = "1.0"

  class Session < Base::Record
    include Comparable
    attr_accessor :token, :expires_at
    attr_reader :user
    scope :active, -> { where(active: true) }
    define_method(:fresh?) { Clock.now < expires_at }
    TIMEOUT = 30

    def self.create(user)
      new(user).tap(&:save!)
    end

    def refresh(by)
      local = Token::Signer.sign(token)
      store.write(local, by)
    rescue Errors::Expired
      nil
    end

    class << self
      def purge; end
    end
  end
end

def helper_at_top_level; end
"""


def test_definitions_references_imports_and_doc() -> None:
    facts = parse_source("lib/shop/session.rb", SOURCE, RUBY)
    assert facts.error == ""
    assert facts.doc == "Sessions: create, refresh and expire them."
    assert [(s.name, s.kind) for s in facts.symbols] == [
        ("Shop", "module"),
        ("VERSION", "constant"),
        ("Session", "class"),
        ("expires_at", "method"),
        ("token", "method"),
        ("user", "method"),
        ("active", "method"),
        ("fresh?", "method"),
        ("TIMEOUT", "constant"),
        ("create", "method"),
        ("refresh", "method"),
        ("purge", "method"),
        ("helper_at_top_level", "function"),
    ]
    references = set(facts.references)
    assert {"Base", "Record", "Comparable", "Clock", "Token", "Signer", "Errors", "Expired"} <= (
        references
    )
    assert {"sign", "write", "tap", "where", "now", "new"} <= references
    # Where a class, module or constant is defined is no reference; nor are local variables.
    assert not {"Shop", "Session", "VERSION", "TIMEOUT", "local"} & references
    requires = tuple(i for i in facts.imports if not i.names)
    assert requires == (
        ImportRef("json"),
        ImportRef("../support/helpers", level=1),
        ImportRef("store/cache", level=1),
        ImportRef("legacy", level=1),
        ImportRef("tasks/setup.rb"),
        ImportRef("shop/parser"),
    )
    constants = {i for i in facts.imports if i.names}
    # Constants used, with the namespaces they are looked up in; a superclass outside its class.
    assert {
        ImportRef("Base::Record", ("Shop", "")),
        ImportRef("Comparable", ("Shop::Session", "Shop", "")),
        ImportRef("Token::Signer", ("Shop::Session", "Shop", "")),
        ImportRef("Errors::Expired", ("Shop::Session", "Shop", "")),
        ImportRef("Clock", ("Shop::Session", "Shop", "")),
        ImportRef("File", ("",)),
    } == constants


@pytest.mark.parametrize(
    ("source", "constant"),
    [
        (b"module A\n  class B::C < D\n    E\n  end\nend\n", ImportRef("E", ("A::B::C", "A", ""))),
        (b"module A\n  class B::C < D\n  end\nend\n", ImportRef("D", ("A", ""))),
        (b"module A\n  ::Top.x\nend\n", ImportRef("Top", ("",))),
        (b"X::Y::Z.run\n", ImportRef("X::Y::Z", ("",))),
    ],
)
def test_constant_imports(source: bytes, constant: ImportRef) -> None:
    assert constant in parse_source("lib/a.rb", source, RUBY).imports


@pytest.mark.parametrize(
    ("source", "doc"),
    [
        (b"# Parses the config.\nclass Config; end\n", "Parses the config."),
        (
            b"#!/usr/bin/env ruby\n# frozen_string_literal: true\n# encoding: utf-8\n\n"
            b"# Runs the server.\nrequire 'x'\n",
            "Runs the server.",
        ),
        (b"# -*- coding: utf-8 -*-\n# Helpers.\n", "Helpers."),
        (b"# frozen_string_literal: true\n\nmodule X; end\n", ""),
        (b"# Copyright (c) 2020 Acme.\n# Released under the MIT License.\n\nmodule X; end\n", ""),
        (b"class X\n  # Not a file doc.\nend\n", ""),
    ],
)
def test_doc(source: bytes, doc: str) -> None:
    assert parse_source("lib/x.rb", source, RUBY).doc == doc


def test_syntax_error_degrades() -> None:
    facts = parse_source("x.rb", b"require 'a'\ndef broken(\nclass Fine\nend\n", RUBY)
    assert facts.error == "syntax error"
    assert ImportRef("a") in facts.imports


REPO = {
    "lib/shop.rb": "",
    "lib/shop/session.rb": "",
    "lib/shop/parser.rb": "",
    "lib/shop/store/cache.rb": "",
    "lib/tasks/setup.rb": "",
    "lib/support/helpers.rb": "",
    "support/helpers.rb": "",
    "spec/spec_helper.rb": "",
    "spec/shop/session_spec.rb": "",
    "gems/billing/lib/billing.rb": "",
    "gems/billing/lib/billing/invoice.rb": "",
    "gems/billing/lib/shop/session.rb": "",  # the same required name in a second gem
    "gems/billing/spec/spec_helper.rb": "",
    "gems/billing/spec/invoice_spec.rb": "",
}


@pytest.mark.parametrize(
    ("importer", "ref", "expected"),
    [
        # require_relative: the importer's folder, `.rb` added unless written.
        ("lib/shop/session.rb", ImportRef("parser", level=1), ("lib/shop/parser.rb",)),
        ("lib/shop/session.rb", ImportRef("parser.rb", level=1), ("lib/shop/parser.rb",)),
        (
            "lib/shop/session.rb",
            ImportRef("../support/helpers", level=1),
            ("lib/support/helpers.rb",),
        ),
        ("lib/shop.rb", ImportRef("shop/store/cache", level=1), ("lib/shop/store/cache.rb",)),
        ("lib/shop.rb", ImportRef("../../outside", level=1), ()),
        ("lib/shop.rb", ImportRef("shop/missing", level=1), ()),
        # require: the load path, one lib/ per gem, the closest gem winning.
        ("spec/shop/session_spec.rb", ImportRef("shop/session"), ("lib/shop/session.rb",)),
        ("lib/shop.rb", ImportRef("shop"), ("lib/shop.rb",)),
        (
            "gems/billing/lib/billing.rb",
            ImportRef("shop/session"),
            ("gems/billing/lib/shop/session.rb",),
        ),
        ("lib/shop.rb", ImportRef("billing/invoice"), ("gems/billing/lib/billing/invoice.rb",)),
        ("lib/shop.rb", ImportRef("tasks/setup.rb"), ("lib/tasks/setup.rb",)),
        # spec/ is on the load path too: each gem's specs get their own helper.
        ("spec/shop/session_spec.rb", ImportRef("spec_helper"), ("spec/spec_helper.rb",)),
        (
            "gems/billing/spec/invoice_spec.rb",
            ImportRef("spec_helper"),
            ("gems/billing/spec/spec_helper.rb",),
        ),
        # Only load-path folders: support/helpers.rb at the root is not `require "helpers"`.
        ("lib/shop.rb", ImportRef("helpers"), ()),
        # The standard library and gems outside the repo.
        ("lib/shop.rb", ImportRef("json"), ()),
        ("lib/shop.rb", ImportRef("active_support/core_ext"), ()),
    ],
)
def test_resolve(
    make_project: MakeProject, importer: str, ref: ImportRef, expected: tuple[str, ...]
) -> None:
    assert resolve(make_project(REPO), importer, ref) == expected


AUTOLOADED = {
    "lib/shop.rb": "",
    "lib/shop/token_signer.rb": "",
    "lib/shop/http_origin.rb": "",
    "lib/shop/session.rb": "",
    "lib/shop/session/store.rb": "",
    "lib/store.rb": "",
    "gems/billing/lib/shop/token_signer.rb": "",
    "app/models/invoice.rb": "",
    "app/models/concerns/payable.rb": "",
    "app/controllers/admin/invoices_controller.rb": "",
    "spec/support/fake_clock.rb": "",
}
SESSION = ("Shop::Session", "Shop", "")


@pytest.mark.parametrize(
    ("importer", "ref", "expected"),
    [
        # The naming rule, innermost namespace first, acronyms as ActiveSupport's underscore.
        ("lib/shop/session.rb", ImportRef("TokenSigner", SESSION), ("lib/shop/token_signer.rb",)),
        ("lib/shop/session.rb", ImportRef("HTTPOrigin", SESSION), ("lib/shop/http_origin.rb",)),
        ("lib/shop/session.rb", ImportRef("Store", SESSION), ("lib/shop/session/store.rb",)),
        ("lib/shop/session.rb", ImportRef("Store", ("",)), ("lib/store.rb",)),
        ("lib/shop.rb", ImportRef("Shop::Session::Store", ("",)), ("lib/shop/session/store.rb",)),
        ("lib/shop.rb", ImportRef("Shop", ("",)), ("lib/shop.rb",)),
        # Two gems define the file: the importer's own wins.
        (
            "gems/billing/lib/billing.rb",
            ImportRef("Shop::TokenSigner", ("Billing", "")),
            ("gems/billing/lib/shop/token_signer.rb",),
        ),
        # Rails' autoload roots: every folder in app/, and its concerns/.
        ("lib/shop.rb", ImportRef("Invoice", ("Shop", "")), ("app/models/invoice.rb",)),
        (
            "app/models/invoice.rb",
            ImportRef("Payable", ("Invoice", "")),
            ("app/models/concerns/payable.rb",),
        ),
        (
            "lib/shop.rb",
            ImportRef("Admin::InvoicesController", ("",)),
            ("app/controllers/admin/invoices_controller.rb",),
        ),
        # Test helpers are on the load path, and so autoloadable by name.
        (
            "spec/shop_spec.rb",
            ImportRef("Support::FakeClock", ("",)),
            ("spec/support/fake_clock.rb",),
        ),
        # No file by that name: core classes, outside gems, constants defined elsewhere.
        ("lib/shop.rb", ImportRef("Hash", ("Shop", "")), ()),
        ("lib/shop.rb", ImportRef("Rack::Request", ("Shop", "")), ()),
        ("lib/shop.rb", ImportRef("Models::Invoice", ("",)), ()),
    ],
)
def test_resolve_constant(
    make_project: MakeProject, importer: str, ref: ImportRef, expected: tuple[str, ...]
) -> None:
    assert resolve(make_project(AUTOLOADED), importer, ref) == expected


@pytest.mark.parametrize(
    ("path", "is_test"),
    [
        ("test/shop_test.rb", True),
        ("spec/shop/session_spec.rb", True),
        ("gems/billing/spec/support/matchers.rb", True),
        ("lib/shop/session_test.rb", True),
        ("lib/test_helpers.rb", True),
        ("lib/shop/session.rb", False),
        ("lib/shop/specification.rb", False),
        ("lib/contest.rb", False),
    ],
)
def test_test_path(path: str, is_test: bool) -> None:
    assert language_for(path) is RUBY
    assert is_test_path(path) is is_test


@pytest.mark.parametrize(
    ("path", "parsed"),
    [("lib/a.rb", True), ("lib/tasks/db.rake", True), ("shop.gemspec", False), ("Rakefile", False)],
)
def test_extensions(path: str, parsed: bool) -> None:
    assert (language_for(path) is RUBY) is parsed


RUBY_REPO = {
    "lib/shop.rb": 'require "shop/checkout"\nrequire "shop/coupon"\n\nmodule Shop\nend\n',
    "lib/shop/checkout.rb": (
        'require_relative "refund"\n\nmodule Shop\n  class Checkout\n'
        "    def pay(order)\n      Refund.new(order)\n    end\n  end\nend\n"
    ),
    "lib/shop/refund.rb": (
        "# Refunds a paid order, partially or in full.\nmodule Shop\n  class Refund\n"
        "    def initialize(order)\n      @amount = order.total.round(2)\n    end\n"
        "    def partial_amount(share)\n      @amount * share\n    end\n  end\nend\n"
    ),
    "lib/shop/coupon.rb": "module Shop\n  class Coupon\n    def discount; 0; end\n  end\nend\n",
    "README.md": "# Shop\n",
}


def test_scope_ranks_the_ruby_file_and_links_its_importer(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    for path, text in RUBY_REPO.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    result = run_cli("partial refund amount is wrong", "--repo", str(tmp_path), "--json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["files"][0]["path"] == "lib/shop/refund.rb"
    graph = open_workspace(str(tmp_path)).graph
    for importer, imported in [
        ("lib/shop/checkout.rb", "lib/shop/refund.rb"),
        ("lib/shop.rb", "lib/shop/checkout.rb"),
    ]:
        assert "import" in (graph.get_edge_data(importer, imported) or {}).get("kinds", ())
