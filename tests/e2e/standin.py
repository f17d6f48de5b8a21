"""A stand-in Anthropic Messages API on 127.0.0.1 that records what Claude Code sends.

`POST /v1/messages` answers with a streamed (SSE) message in the real event format
(message_start, content_block_start/delta/stop, message_delta, message_stop), or a plain JSON
message when the request does not ask for a stream. Replies come from a script: each agent
request (one that offers the `Read` tool) takes the next scripted reply, and once the script is
used up the answer is a short final text. Side requests (titles, topic checks, quota probes:
no tools) always get a short text, so they never consume the script.
`POST /v1/messages/count_tokens` answers with a rough count; anything else gets `{}`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FINAL_TEXT", "Recorded", "Reply", "StandIn", "read_reply", "text_reply"]

FINAL_TEXT = "Done."
# Claude Code counts about four characters per token too; the number only has to be plausible.
CHARS_PER_TOKEN = 4


@dataclass(frozen=True)
class Reply:
    """One scripted assistant turn: a text, or a tool call with its input."""

    text: str = ""
    tool: str = ""
    tool_input: dict[str, Any] = field(default_factory=dict)


def text_reply(text: str) -> Reply:
    return Reply(text=text)


def read_reply(file_path: str) -> Reply:
    """A `Read` tool call for `file_path` (Claude Code wants an absolute path)."""
    return Reply(tool="Read", tool_input={"file_path": file_path})


@dataclass(frozen=True)
class Recorded:
    """One request as received: method, path (with query), headers and parsed JSON body."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    raw: str

    @property
    def is_agent_turn(self) -> bool:
        tools = self.body.get("tools") if isinstance(self.body, dict) else None
        return bool(tools) and any(t.get("name") == "Read" for t in tools)


class StandIn:
    """The server; use as a context manager. `base_url` goes into ANTHROPIC_BASE_URL."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._script: list[Reply] = []
        self._lock = threading.Lock()
        self._counter = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def script(self, *replies: Reply) -> None:
        """Replace the script and forget earlier requests."""
        with self._lock:
            self._script = list(replies)
            self.requests.clear()

    def agent_requests(self) -> list[Recorded]:
        return [
            r
            for r in self.requests
            if r.path.startswith("/v1/messages?") or r.path == "/v1/messages"
        ]

    def __enter__(self) -> StandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _record(self, recorded: Recorded) -> None:
        with self._lock:
            self.requests.append(recorded)

    def _next_reply(self, recorded: Recorded) -> Reply:
        with self._lock:
            self._counter += 1
            if recorded.is_agent_turn and self._script:
                return self._script.pop(0)
            return text_reply(FINAL_TEXT)

    def _message_id(self) -> str:
        with self._lock:
            return f"msg_standin_{self._counter:04d}"


def _handler_for(standin: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            return

        def do_GET(self) -> None:
            self._answer_json(200, {})

        def do_HEAD(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8", errors="replace")
            try:
                body = json.loads(raw) if raw else {}
            except ValueError:
                body = {}
            recorded = Recorded("POST", self.path, dict(self.headers.items()), body, raw)
            standin._record(recorded)
            route = self.path.split("?", 1)[0]
            if route == "/v1/messages/count_tokens":
                self._answer_json(200, {"input_tokens": max(1, len(raw) // CHARS_PER_TOKEN)})
            elif route == "/v1/messages":
                self._answer_message(recorded)
            else:
                self._answer_json(200, {})

        def _answer_message(self, recorded: Recorded) -> None:
            reply = standin._next_reply(recorded)
            model = (
                recorded.body.get("model", "claude-standin")
                if isinstance(recorded.body, dict)
                else ""
            )
            message_id = standin._message_id()
            if isinstance(recorded.body, dict) and recorded.body.get("stream"):
                events = "".join(
                    _sse(name, data) for name, data in _events(message_id, model, reply)
                )
                payload = events.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            else:
                self._answer_json(200, _message_json(message_id, model, reply))

        def _answer_json(self, status: int, data: Any) -> None:
            payload = json.dumps(data).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return Handler


def _usage() -> dict[str, int]:
    return {
        "input_tokens": 10,
        "output_tokens": 1,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
    }


def _block(reply: Reply, tool_id: str) -> dict[str, Any]:
    if reply.tool:
        return {"type": "tool_use", "id": tool_id, "name": reply.tool, "input": reply.tool_input}
    return {"type": "text", "text": reply.text}


def _message_json(message_id: str, model: str, reply: Reply) -> dict[str, Any]:
    return {
        "id": message_id,
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [_block(reply, f"toolu_{message_id}")],
        "stop_reason": "tool_use" if reply.tool else "end_turn",
        "stop_sequence": None,
        "usage": _usage(),
    }


def _events(message_id: str, model: str, reply: Reply) -> Iterator[tuple[str, dict[str, Any]]]:
    """The SSE events of one message with a single content block."""
    start = _message_json(message_id, model, reply)
    start["content"], start["stop_reason"] = [], None
    yield "message_start", {"type": "message_start", "message": start}
    if reply.tool:
        opening = {"type": "tool_use", "id": f"toolu_{message_id}", "name": reply.tool, "input": {}}
        delta = {"type": "input_json_delta", "partial_json": json.dumps(reply.tool_input)}
    else:
        opening = {"type": "text", "text": ""}
        delta = {"type": "text_delta", "text": reply.text}
    yield (
        "content_block_start",
        {"type": "content_block_start", "index": 0, "content_block": opening},
    )
    yield "content_block_delta", {"type": "content_block_delta", "index": 0, "delta": delta}
    yield "content_block_stop", {"type": "content_block_stop", "index": 0}
    stop = "tool_use" if reply.tool else "end_turn"
    yield (
        "message_delta",
        {
            "type": "message_delta",
            "delta": {"stop_reason": stop, "stop_sequence": None},
            "usage": {"output_tokens": 5},
        },
    )
    yield "message_stop", {"type": "message_stop"}


def _sse(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"
