"""Which prompts are coding tasks worth a scope, and which are chat about the conversation.

The prompt hook adds tokens to every prompt it answers, so it answers only prompts that look
like a task on the repository. The rules, first match wins:

1. empty or whitespace only: skip (`empty`);
2. a slash command (`/compact`, `/scope:scope …`), a shell escape (`!ls`) or a memory note
   (`# remember …`): skip (`command`); Claude Code handles those itself;
3. fewer than `MIN_WORDS` words or `MIN_CHARS` characters: skip (`short`), so "yes",
   "thanks", "go on", "fix it" never cost anything;
4. a known acknowledgement or steering phrase ("continue", "sounds good, go ahead"): skip
   (`chat`);
5. a question or request about the conversation itself ("what did you just do?", "explain
   your last change", "why did you do that") that names nothing in the code (no path, no
   identifier, no backticks): skip (`conversation`);
6. anything else is a task (`task`). A task whose scope comes back empty is still silent:
   the hook says nothing when it has nothing useful.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .file_names import CODE_FILE_EXTENSIONS, DATA_FILE_EXTENSIONS

__all__ = ["MIN_CHARS", "MIN_WORDS", "PromptVerdict", "classify_prompt"]

# Shorter prompts are replies ("yes", "do it", "fix that"), not task descriptions.
MIN_WORDS = 3
# Three tiny words ("ok go on") are still chat; a task needs a few real characters.
MIN_CHARS = 12
# A task is stated in its opening; only this much is classified (a 1 MB paste costs nothing).
CLASSIFY_CHARS = 4_000

# Claude Code's own prefixes: slash commands, `!` bash mode, `#` memory shortcut.
_COMMAND_PREFIXES = ("/", "!", "#")

_WORD_RE = re.compile(r"[\w'’-]+")

# Replies of three words or more that steer the conversation rather than describe work
# (normalized: lower case, punctuation dropped, single spaces); shorter ones are `short`.
_CHAT_PHRASES = frozenset(
    {
        "please carry on",
        "please keep going",
        "yes please continue",
        "yes go ahead",
        "yes do it",
        "ok go ahead",
        "ok do it",
        "sounds good go ahead",
        "looks good to me",
        "that looks good",
        "that looks great",
        "thank you so much",
        "thank you very much",
        "thanks a lot",
        "great thanks a lot",
        "please try again",
        "try that again",
        "do it again",
        "undo that please",
        "please undo that",
        "what should we do next",
        "what do you suggest",
    }
)

# Phrases that point back at the conversation rather than at the code.
_CONVERSATION_RE = re.compile(
    r"\b(?:"
    r"you (?:just|did|have|'ve|’ve|changed|made|wrote|said|meant|mean|added|removed|ran|tried)"
    r"|(?:your|the|that) (?:last|previous|earlier) (?:answer|reply|message|change|response|step)"
    r"|(?:summari[sz]e|recap) (?:what|the conversation|this session|so far)"
    r"|what (?:was|is) that"
    r"|why did you"
    r"|(?:said|did|done|discussed) (?:above|earlier|before|so far)"
    r")\b",
    re.IGNORECASE,
)

# Signs that a prompt names something in the code: a path, a file name with an extension,
# a snake_case / camelCase / dotted identifier, or a backticked span.
_CODE_MENTION_RE = re.compile(
    r"`[^`]+`"
    r"|\b[\w.-]+/[\w./-]+"
    r"|\b\w+\.(?:" + "|".join((*CODE_FILE_EXTENSIONS, *DATA_FILE_EXTENSIONS)) + r")\b"
    r"|\b[a-z0-9]+_[a-z0-9_]+\b"
    r"|\b[a-z]+[A-Z]\w*\b"
    r"|\b\w+\.\w+\(",
)


@dataclass(frozen=True)
class PromptVerdict:
    """Whether a prompt is a task, and which rule decided (`task`, `empty`, `command`…)."""

    is_task: bool
    rule: str


def classify_prompt(prompt: str) -> PromptVerdict:
    """Decide whether `prompt` is a coding task the hook should scope (see the module doc)."""
    head = prompt[:CLASSIFY_CHARS].strip()
    if not head:
        return PromptVerdict(False, "empty")
    if head.startswith(_COMMAND_PREFIXES):
        return PromptVerdict(False, "command")
    words = _WORD_RE.findall(head)
    if len(words) < MIN_WORDS or len(head) < MIN_CHARS:
        return PromptVerdict(False, "short")
    if " ".join(w.lower() for w in words) in _CHAT_PHRASES:
        return PromptVerdict(False, "chat")
    if _CONVERSATION_RE.search(head) and not _CODE_MENTION_RE.search(head):
        return PromptVerdict(False, "conversation")
    return PromptVerdict(True, "task")
