from __future__ import annotations

import pytest

from scoper.prompt_filter import classify_prompt


@pytest.mark.parametrize(
    ("prompt", "rule"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("/compact", "command"),
        ("/scope:scope fix the login bug", "command"),
        ("!ls -la pyshop", "command"),
        ("# always use tabs in this repo", "command"),
        ("yes", "short"),
        ("thanks", "short"),
        ("continue", "short"),
        ("fix it", "short"),
        ("ok go on", "short"),
        ("Yes, go ahead!", "chat"),
        ("Thank you very much.", "chat"),
        ("looks good to me", "chat"),
        ("what did you just do?", "conversation"),
        ("Why did you change that?", "conversation"),
        ("Can you explain your last change again?", "conversation"),
        ("summarize what we have done so far", "conversation"),
        ("fix the login bug", "task"),
        ("Add a refund endpoint to the billing API", "task"),
        ("why did you change login_user in pyshop/auth/login.py?", "task"),
        ("undo what you just did to `apply_discount`", "task"),
        ("the tax rounding is wrong for EUR invoices, please fix", "task"),
        ("why did you touch server.rb?", "task"),
        ("what did you just do to format.cpp", "task"),
    ],
)
def test_classifies_prompts(prompt: str, rule: str) -> None:
    verdict = classify_prompt(prompt)
    assert verdict.rule == rule
    assert verdict.is_task is (rule == "task")


def test_a_huge_prompt_is_classified_by_its_opening() -> None:
    assert classify_prompt("fix the login bug " + "x" * 1_000_000).is_task
    assert not classify_prompt("/compact " + "fix the login bug " * 60_000).is_task
