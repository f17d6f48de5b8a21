"""Focus: the definitions of a large file that a task's words point at, with their lines."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

import scoper.scope as scope_module
from scoper.cli.output import render_scope_markdown
from scoper.focus import MAX_SPANS, Focus, describe_focus, focus_spans
from scoper.graph.languages import language_for
from scoper.graph.model import Symbol
from scoper.graph.parse import parse_source
from scoper.hint_content import render_task_block
from scoper.hook import hook_context
from scoper.query import parse_query
from scoper.scope import ScopeResult, scope_task
from scoper.workspace import open_workspace
from tests.scoper.hints.conftest import make_result

# A module whose words sit in different definitions; the filler keeps the class under the
# share of the file a focus may span.
MODULE = textwrap.dedent(
    '''\
    """Billing."""

    RATE = 3


    def parse_amount(text):
        """Parse an amount of money."""
        cleaned = text.strip()
        return int(cleaned)


    class Invoice:
        def __init__(self, lines):
            self.lines = lines
            self.total = 0

        def refund(self, amount):
            """Refund part of the invoice to the customer."""
            if amount > self.total:
                raise ValueError("refund exceeds the invoice total")
            self.total -= amount

        def render(self):
            rows = [str(line) for line in self.lines]
            return "\\n".join(rows)


    def send_reminder(customer):
        message = f"Dear {customer}, your invoice is due"
        print(message)
        return message
    '''
) + "\n".join(f"FILLER_{i} = {i}" for i in range(40))


def _symbols(text: str) -> tuple[Symbol, ...]:
    spec = language_for("billing.py")
    assert spec is not None
    return parse_source("billing.py", text.encode(), spec).symbols


def _focus(task: str, text: str = MODULE) -> tuple[Focus, ...]:
    return focus_spans(text, _symbols(text), parse_query(task).weights, lambda _term: 1.0)


def _lines(text: str, focus: Focus) -> str:
    return "\n".join(text.split("\n")[focus.start - 1 : focus.end])


@pytest.mark.parametrize(
    ("task", "first"),
    [
        ("refund more than the invoice total", "Invoice.refund"),
        ("render the rows of lines", "Invoice.render"),
        ("parse amounts with spaces", "parse_amount"),
        ("send a reminder message to the customer", "send_reminder"),
    ],
)
def test_the_definition_holding_the_task_words_comes_first(task: str, first: str) -> None:
    found = _focus(task)
    assert found and found[0].symbol == first
    name = first.rsplit(".", 1)[-1]  # a method is named under its class
    assert _lines(MODULE, found[0]).lstrip().startswith(f"def {name}(")


def test_spans_are_whole_definitions_that_do_not_overlap() -> None:
    found = _focus("refund the invoice total and render its lines to the customer")
    assert 1 <= len(found) <= MAX_SPANS
    for a in found:
        assert a.end - a.start + 1 >= 3
        for b in found:
            assert a is b or a.end < b.start or b.end < a.start


@pytest.mark.parametrize("task", ["upgrade the websocket handshake", "xyzzy"])
def test_no_focus_when_no_definition_has_the_words(task: str) -> None:
    assert _focus(task) == ()


def test_a_definition_spanning_most_of_the_file_is_no_focus() -> None:
    # Without the filler the class is most of the file: its methods are the candidates.
    text = MODULE.split("\n\n\ndef send_reminder")[0].split("class Invoice:")[1]
    text = "class Invoice:" + text
    found = _focus("refund the invoice", text)
    assert found and all(f.symbol != "Invoice" for f in found)
    assert found[0].symbol == "Invoice.refund"


def test_one_and_two_line_definitions_are_no_place_to_start() -> None:
    text = "class RefundError(Exception):\n    pass\n" + "\n".join(f"X{i} = {i}" for i in range(30))
    assert _focus("refund error", text) == ()


def test_lines_are_counted_as_tree_sitter_counts_them() -> None:
    # \f and \x85 end lines for str.splitlines(), not for the parser's line numbers.
    text = "# a\fb\x85c\n" + MODULE
    found = _focus("refund more than the invoice total", text)
    assert _lines(text, found[0]).lstrip().startswith("def refund(")


def test_focus_is_deterministic() -> None:
    assert len({_focus("refund the invoice and render it") for _ in range(3)}) == 1


def test_describe_focus_names_lines_and_definitions() -> None:
    spans = (Focus("refund", 18, 22), Focus("render", 24, 26))
    assert describe_focus(spans) == "lines 18–22 (refund), 24–26 (render)"


def test_scope_points_into_large_files_only(
    sample_repo: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = sample_repo("pyshop")
    ws = open_workspace(str(root))
    task = "refund an invoice"
    assert all(not f.focus for f in scope_task(ws, task).files)  # sample files are small
    monkeypatch.setattr(scope_module, "FOCUS_MIN_TOKENS", 1)
    result = scope_task(ws, task)
    focused = [f for f in result.files if f.focus]
    assert focused
    for f in focused:
        lines = (root / f.path).read_text(encoding="utf-8").split("\n")
        for span in f.focus:
            assert 1 <= span.start < span.end <= len(lines)
            assert span.symbol.rsplit(".", 1)[-1] in lines[span.start - 1]
    assert scope_task(ws, task, focus=False).files == tuple(
        type(f)(f.path, f.role, f.score, f.tokens, f.reasons) for f in result.files
    )


def _focused_result() -> ScopeResult:
    result = make_result(
        [("app/billing.py", "edit", 9_000), ("app/models.py", "context", 800)],
        task="refund an invoice",
    )
    billing, models = result.files
    spans = (Focus("refund", 18, 22),)
    return replace(result, files=(replace(billing, focus=spans), models))


@pytest.mark.parametrize(
    "render",
    [
        lambda r: render_task_block(r, ()),
        hook_context,
        render_scope_markdown,
    ],
    ids=["claude-local-md", "hook", "markdown"],
)
def test_every_rendering_says_where_to_start(render: Callable[[ScopeResult], str]) -> None:
    text = render(_focused_result())
    billing = next(line for line in text.splitlines() if "app/billing.py" in line)
    assert billing.endswith("Read first: lines 18–22 (refund)")
    models = next(line for line in text.splitlines() if "app/models.py" in line)
    assert "Read first" not in models


def test_json_lists_the_focus_of_every_file() -> None:
    files = _focused_result().to_json()["files"]
    assert files[0]["focus"] == [{"symbol": "refund", "lines": [18, 22]}]
    assert files[1]["focus"] == []
