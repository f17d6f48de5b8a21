"""Outgoing text messages (SMS).

Production sends through the SMS provider's JSON HTTP API; without an API key
messages are printed to the console instead.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from dataclasses import dataclass, field
from typing import TextIO

from pyshop.config import Settings, get_settings
from pyshop.utils.validation import validate_phone

# Three concatenated segments; longer texts are cut with an ellipsis.
MAX_SMS_LENGTH = 459


@dataclass
class SmsMessage:
    to: str
    body: str
    sender: str


class SmsClient:
    def send(self, message: SmsMessage) -> str:
        """Send ``message`` and return the provider's message id."""
        raise NotImplementedError


@dataclass
class ConsoleSmsClient(SmsClient):
    stream: TextIO = field(default_factory=lambda: sys.stdout)

    def send(self, message: SmsMessage) -> str:
        self.stream.write(f"SMS to {message.to} from {message.sender}: {message.body}\n")
        return "console"


@dataclass
class MemorySmsClient(SmsClient):
    outbox: list[SmsMessage] = field(default_factory=list)

    def send(self, message: SmsMessage) -> str:
        self.outbox.append(message)
        return f"mem-{len(self.outbox)}"


@dataclass
class HttpSmsClient(SmsClient):
    api_key: str
    endpoint: str = "https://api.textbelt.example/v1/messages"
    timeout: float = 10.0

    def send(self, message: SmsMessage) -> str:
        payload = json.dumps(
            {"to": message.to, "from": message.sender, "text": message.body}
        ).encode()
        request = urllib.request.Request(
            self.endpoint,
            data=payload,
            headers={"Content-Type": "application/json", "X-Api-Key": self.api_key},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return str(json.loads(response.read()).get("id", ""))


def get_sms_client(settings: Settings | None = None) -> SmsClient:
    settings = settings or get_settings()
    if settings.sms_api_key:
        return HttpSmsClient(settings.sms_api_key)
    return ConsoleSmsClient()


def truncate_sms(body: str, limit: int = MAX_SMS_LENGTH) -> str:
    body = " ".join(body.split())
    return body if len(body) <= limit else body[: limit - 1] + "…"


def send_sms(
    to: str,
    body: str,
    client: SmsClient | None = None,
    settings: Settings | None = None,
) -> SmsMessage:
    """Normalise the phone number and send one text message."""
    settings = settings or get_settings()
    message = SmsMessage(to=validate_phone(to, field="to"), body=truncate_sms(body),
                         sender=settings.sms_sender)
    (client or get_sms_client(settings)).send(message)
    return message
