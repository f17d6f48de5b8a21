"""`scope bench` on a generated git history: mining, private replay, metrics."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scoper.evaluate import mine_tasks, run_bench
from scoper.tokens import count_tokens

MODULES = {
    "app/login.py": "def login_user(name, password):\n    return check_password(password)\n",
    "app/billing.py": "def create_invoice(order):\n    return {'total': order.total}\n",
    "app/sessions.py": "def expire_session(session):\n    session.alive = False\n",
    "app/search.py": "def search_products(query):\n    return [query]\n",
}
# (subject, file changed, appended line): every subject names the code it changes.
COMMITS = [
    ("Reject empty passwords at login", "app/login.py", "# reject empty passwords\n"),
    ("Round invoice totals to cents", "app/billing.py", "# round invoice totals\n"),
    ("Expire idle sessions", "app/sessions.py", "# idle sessions expire\n"),
    ("Rank product search by relevance", "app/search.py", "# rank search results\n"),
    ("bump version", "app/login.py", "# 1.0.1\n"),  # a chore: never a task
    ("Update login.py", "app/login.py", "# names its file: never a task\n"),
]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def history_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for path, text in MODULES.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text)
    _git(repo.parent, "init", "-q", "-b", "main", str(repo))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Initial app")
    for subject, path, line in COMMITS:
        with open(repo / path, "a") as fh:
            fh.write(line)
        _git(repo, "commit", "-qam", subject)
    return repo


def test_mining_skips_chores_and_subjects_naming_files(history_repo: Path) -> None:
    tasks = mine_tasks(str(history_repo), count=10, seed=0)
    assert [t.subject for t in tasks] == [c[0] for c in COMMITS[:4]]
    assert [t.gold for t in tasks] == [(c[1],) for c in COMMITS[:4]]


def _merge_pull_request(repo: Path) -> tuple[str, str]:
    """A pull request merged with a merge commit, as GitHub writes it; returns the merge and
    its first parent."""
    base = _git(repo, "rev-parse", "HEAD").strip()
    _git(repo, "checkout", "-qb", "coupons")
    with open(repo / "app/billing.py", "a") as fh:
        fh.write("# apply coupon codes\n")
    _git(repo, "commit", "-qam", "wip")
    _git(repo, "checkout", "-q", "main")
    message = "Merge pull request #7 from someone/coupons\n\nApply coupon codes to invoices\n"
    _git(repo, "merge", "-q", "--no-ff", "-m", message, "coupons")
    return _git(repo, "rev-parse", "HEAD").strip(), base


def test_a_merged_pull_request_is_a_task_titled_by_the_pull_request(history_repo: Path) -> None:
    merge, base = _merge_pull_request(history_repo)
    tasks = {t.commit: t for t in mine_tasks(str(history_repo), count=20, seed=0)}
    assert tasks[merge].subject == "Apply coupon codes to invoices"
    assert tasks[merge].parent == base
    assert tasks[merge].gold == ("app/billing.py",)
    assert "wip" in {t.subject for t in tasks.values()}  # the branch's own commit counts too


@pytest.mark.parametrize(
    ("subject", "task"),
    [
        ("Round invoice totals (#123)", "Round invoice totals"),
        ("Round invoice totals #45 (#123)", "Round invoice totals"),
        ("Round invoice totals (#12, #13).", "Round invoice totals"),
        ("Round invoice totals.", "Round invoice totals"),
        ("Support C# 9 (#5)", "Support C# 9"),
    ],
)
def test_pull_request_numbers_are_not_task_text(
    history_repo: Path, subject: str, task: str
) -> None:
    with open(history_repo / "app/billing.py", "a") as fh:
        fh.write("# cents\n")
    _git(history_repo, "commit", "-qam", subject)
    assert mine_tasks(str(history_repo), count=20, seed=0)[-1].subject == task


@pytest.mark.parametrize(
    ("changed", "gold"),
    [
        # the build's copy of a source file changes with it: not gold
        (("src/types.ts", "deno/lib/types.ts"), ("src/types.ts",)),
        # two modules of one name, neither in a build folder: both gold
        (
            ("app/orders/models.py", "app/users/models.py"),
            ("app/orders/models.py", "app/users/models.py"),
        ),
        # a file in a build-looking folder with no source twin is gold
        (("lib/parser.js",), ("lib/parser.js",)),
        # a tool's dotfile is configuration, not gold
        (("src/parser.js", ".eslintrc.js"), ("src/parser.js",)),
    ],
)
def test_gold_leaves_out_generated_copies_and_dotfiles(
    tmp_path: Path, changed: tuple[str, ...], gold: tuple[str, ...]
) -> None:
    repo = tmp_path / "repo"
    for path in changed:
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text("export const parse = (text) => text.trim();\n")
    _git(repo.parent, "init", "-q", "-b", "main", str(repo))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Initial parser")
    for path in changed:
        with open(repo / path, "a") as fh:
            fh.write("// keep blank lines\n")
    _git(repo, "commit", "-qam", "Keep blank lines when parsing")
    assert mine_tasks(str(repo), count=5, seed=0)[-1].gold == gold


def test_seeded_sampling_is_repeatable(history_repo: Path) -> None:
    first = mine_tasks(str(history_repo), count=2, seed=7)
    assert first == mine_tasks(str(history_repo), count=2, seed=7)
    assert len(first) == 2


def test_replay_scores_and_leaves_the_work_tree_alone(history_repo: Path) -> None:
    before = _git(history_repo, "status", "--porcelain", "--ignored")
    head = _git(history_repo, "rev-parse", "HEAD")
    report = run_bench(str(history_repo), mine_tasks(str(history_repo), 10, 0))
    summary = report.summary()
    assert summary["tasks"] == 4
    assert summary["recall@8k"] == 1.0  # each subject shares words with its file
    assert _git(history_repo, "status", "--porcelain", "--ignored") == before
    assert _git(history_repo, "rev-parse", "HEAD") == head


def test_cli(run_cli: Callable[..., Any], history_repo: Path) -> None:
    result = run_cli("bench", "--repo", str(history_repo), "--commits", "3", "--json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["tasks"] == 3 and len(data["tasks"]) == 3


@pytest.mark.parametrize(
    ("init", "message"),
    [(False, "is not a git repository"), (True, "has no commits yet")],
    ids=["not-a-repo", "no-commits"],
)
def test_cli_without_history_is_a_one_line_error(
    run_cli: Callable[..., Any], tmp_path: Path, init: bool, message: str
) -> None:
    (tmp_path / "app.py").write_text("x = 1\n")
    if init:
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    result = run_cli("bench", "--repo", str(tmp_path))
    assert result.code == 1 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_recall_at_a_small_budget_sees_past_a_large_file(history_repo: Path) -> None:
    # A large file that ranks first and nearly fills the largest budget must not hide the
    # small gold file after it from the smaller budgets, as the harness would not.
    text = "# sort search hits by score\n" * 150
    (history_repo / "app" / "sort_hits_by_score.py").write_text(text)
    _git(history_repo, "add", "-A")
    _git(history_repo, "commit", "-qm", "Add a scorer")
    with open(history_repo / "app/search.py", "a") as fh:
        fh.write("# hits\n")
    _git(history_repo, "commit", "-qam", "Sort search hits by score")
    task = mine_tasks(str(history_repo), 20, 0)[-1]
    assert task.gold == ("app/search.py",)
    largest = count_tokens(text) + 2  # room for the big file, none for the gold one after it
    report = run_bench(str(history_repo), [task], budgets=(200, largest))
    small, large = report.scores[0].recall_at
    assert large == 0.0  # the big file ranked first and took the room
    assert small == 1.0


def _billing_module(refund_body: str, header: str) -> str:
    filler = "".join(
        f"\n\ndef tally_{i}(rows):\n    total = sum(row.amount for row in rows)\n"
        f"    return round(total * {i}, 2)\n"
        for i in range(160)
    )
    refund = (
        "\n\ndef refund_invoice(invoice, amount):\n"
        '    """Refund part of an invoice to its customer."""\n'
        f"    {refund_body}\n"
        "    invoice.total -= amount\n"
        "    return invoice\n"
    )
    return header + filler[: len(filler) // 2] + refund + filler[len(filler) // 2 :]


@pytest.mark.parametrize(
    ("refund_body", "header", "hit"),
    [
        # the change is inside the function the task names: the focus holds it
        ("check(amount)", '"""Billing."""\n', 1.0),
        # the change is to the module's docstring, in no definition
        ("pass", '"""Billing and refunds."""\n', 0.0),
    ],
)
def test_bench_reports_whether_the_focus_holds_the_change(
    tmp_path: Path, refund_body: str, header: str, hit: float
) -> None:
    repo = tmp_path / "repo"
    (repo / "app").mkdir(parents=True)
    module = repo / "app" / "billing.py"
    module.write_text(_billing_module("pass", '"""Billing."""\n'))
    assert count_tokens(module.read_text()) >= 4_000
    _git(tmp_path, "init", "-q", "-b", "main", str(repo))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Initial billing")
    module.write_text(_billing_module(refund_body, header))
    _git(repo, "commit", "-qam", "Refund an invoice in part")
    summary = run_bench(str(repo), mine_tasks(str(repo), 5, 0)).summary()
    assert summary["large_gold_files"] == 1
    assert summary["focus_hit"] == hit


def test_gold_paths_that_are_not_ascii_are_real_paths(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    module = repo / "saludo_módulo.py"
    module.write_text("def greet():\n    return 1\n")
    _git(tmp_path, "init", "-q", "-b", "main", str(repo))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Add the greeting")
    module.write_text("def greet():\n    return 2\n")
    _git(repo, "commit", "-qam", "Greet with a second number")
    assert mine_tasks(str(repo), 5, 0)[-1].gold == ("saludo_módulo.py",)
