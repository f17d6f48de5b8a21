"""The requests a queue of tasks sends: Claude Code conversations, or one API request per task.

Claude Code (reference §10, observed on the real CLI): every request starts with the tool
definitions and three system blocks, the last two carrying breakpoints; CLAUDE.md arrives in
the first user message; the LAST block of every request carries a breakpoint. A task in a
conversation is `1 + new files + work_turns` requests:
- the prompt (the previous task's answer precedes it in a running conversation),
- one Read per file not yet in the conversation (a tool_use block, then the tool_result holding
  the file; Claude Code does not re-send an unchanged file it already read),
- `work_turns` more turns (an edit, a test run: a tool_use and a tool_result each),
and its final answer stays in the conversation for the next task.

The API case: one request per task, `system | cluster warm context | task's other files |
prompt`, with breakpoints after the system prompt and after the warm context.

Token counts are Claude tokens. The defaults below are estimates, documented in
docs/planning.md; change them through `TaskShape`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .cache_sim import Block, PrefixBuilder, Request

__all__ = ["DEFAULT_SHAPE", "Conversation", "TaskShape", "WorkItem", "api_request"]


@dataclass(frozen=True)
class TaskShape:
    """How big the parts of a task's requests are, and how fast requests follow each other."""

    # Claude Code's 24 tool definitions: the bulk of its fixed prefix (`/context` lists ~11-12k).
    tools_tokens: int = 12_000
    # The billing header and the one-line identity: the first two system blocks.
    header_tokens: int = 30
    identity_tokens: int = 20
    # The agent prompt (~6,000 characters observed, reference §10) with environment details.
    agent_prompt_tokens: int = 1_800
    # CLAUDE.md / CLAUDE.local.md in the first user message; 0 = the repository has none.
    claude_md_tokens: int = 0
    # Wrapping around the prompt (system-reminders, the prompt's own framing).
    prompt_overhead_tokens: int = 50
    # One Read tool_use block written by the model.
    read_call_tokens: int = 60
    # Line-number prefixes and wrapping the Read tool adds to a file's content.
    read_overhead_ratio: float = 0.08
    # Turns after the reads: an edit and a test run are the common minimum.
    work_turns: int = 2
    # An Edit call (old and new strings) and its result / a test run's output, per turn.
    work_call_tokens: int = 250
    work_result_tokens: int = 400
    # The final answer the model gives, kept in the conversation.
    answer_tokens: int = 300
    # Seconds between requests: generation plus tool time of one Claude Code turn.
    seconds_per_request: float = 15.0
    # Seconds between the end of a task and the next prompt (reading the answer).
    seconds_between_tasks: float = 60.0
    # Seconds per API request in a pipeline (one generation of ~1-2k output tokens).
    api_seconds_per_request: float = 30.0
    # An API pipeline's own system prompt.
    api_system_tokens: int = 1_500
    # A conversation is not continued past this many tokens: Claude Code compacts near 95% of a
    # 200k window, and compaction rewrites (and un-caches) the history.
    context_limit_tokens: int = 160_000


DEFAULT_SHAPE = TaskShape()


@dataclass(frozen=True)
class WorkItem:
    """One task as the simulator sees it: an id, its prompt's tokens, its files and tokens."""

    key: str
    prompt_tokens: int
    files: tuple[tuple[str, int], ...]


class Conversation:
    """One Claude Code conversation, growing task by task; yields the requests it sends."""

    def __init__(self, shape: TaskShape, ttl: str) -> None:
        self.shape = shape
        self.ttl = ttl
        self.prefix = PrefixBuilder()
        self.files: set[str] = set()
        self.tasks = 0
        self.system_points = _claude_code_system(self.prefix, shape)

    def copy(self) -> Conversation:
        other = Conversation.__new__(Conversation)
        other.shape, other.ttl, other.tasks = self.shape, self.ttl, self.tasks
        other.prefix, other.files = self.prefix.copy(), set(self.files)
        other.system_points = self.system_points
        return other

    @property
    def tokens(self) -> int:
        return self.prefix.tokens

    def new_files(self, item: WorkItem) -> tuple[tuple[str, int], ...]:
        """The files of `item` this conversation has not read yet."""
        return tuple((path, tokens) for path, tokens in item.files if path not in self.files)

    def add_task(self, item: WorkItem, start: float) -> tuple[list[Request], float]:
        """The requests of `item` sent from time `start`; returns them and the time after."""
        shape, at = self.shape, start
        requests: list[Request] = []
        if self.tasks == 0 and shape.claude_md_tokens:
            self.prefix.append(Block("claude_md", shape.claude_md_tokens))
        self.prefix.append(Block(f"prompt:{item.key}", item.prompt_tokens))
        requests.append(self._request(at))
        for path, tokens in self.new_files(item):
            at += shape.seconds_per_request
            self.prefix.append(Block(f"read:{path}", shape.read_call_tokens))
            content = round(tokens * (1 + shape.read_overhead_ratio))
            self.prefix.append(Block(f"file:{path}", content))
            self.files.add(path)
            requests.append(self._request(at))
        for turn in range(shape.work_turns):
            at += shape.seconds_per_request
            self.prefix.append(Block(f"call:{item.key}:{turn}", shape.work_call_tokens))
            self.prefix.append(Block(f"result:{item.key}:{turn}", shape.work_result_tokens))
            requests.append(self._request(at))
        self.prefix.append(Block(f"answer:{item.key}", shape.answer_tokens))
        self.tasks += 1
        return requests, at + shape.seconds_per_request + shape.seconds_between_tasks

    def system_request(self, at: float) -> Request:
        """A request of the fixed prefix alone (what every conversation starts with)."""
        return self.prefix.request(self.system_points, at, self.ttl)

    def _request(self, at: float) -> Request:
        last = len(self.prefix.blocks) - 1
        return self.prefix.request((*self.system_points, last), at, self.ttl)


def _claude_code_system(prefix: PrefixBuilder, shape: TaskShape) -> tuple[int, ...]:
    """Tools and the three system blocks; returns the two system breakpoints."""
    prefix.append(Block("cc:tools", shape.tools_tokens))
    prefix.append(Block("cc:billing", shape.header_tokens))
    identity = prefix.append(Block("cc:identity", shape.identity_tokens))
    agent = prefix.append(Block("cc:agent-prompt", shape.agent_prompt_tokens))
    return (identity, agent)


def api_request(
    item: WorkItem, warm: Sequence[tuple[str, int]], shape: TaskShape, at: float, ttl: str
) -> Request:
    """One API request: system, the cluster's warm files (a breakpoint after them), the rest."""
    prefix = PrefixBuilder()
    points = [prefix.append(Block("api:system", shape.api_system_tokens))]
    warm_paths = {path for path, _ in warm}
    for path, tokens in warm:
        prefix.append(Block(f"file:{path}", tokens))
    if warm:
        points.append(len(prefix.blocks) - 1)
    for path, tokens in item.files:
        if path not in warm_paths:
            prefix.append(Block(f"file:{path}", tokens))
    prefix.append(Block(f"prompt:{item.key}", item.prompt_tokens))
    return prefix.request(points, at, ttl)
