"""Outgoing email.

Backends: ``console`` prints messages (development), ``memory`` keeps them in
a list (tests), ``smtp`` delivers through an SMTP relay (production).
"""

from __future__ import annotations

import smtplib
import sys
from dataclasses import dataclass, field
from email.message import EmailMessage as MimeMessage
from typing import TextIO

from ..config import Settings, get_settings
from ..utils.validation import validate_email


@dataclass
class EmailMessage:
    to: str
    subject: str
    body: str
    from_addr: str
    reply_to: str | None = None

    def to_mime(self) -> MimeMessage:
        message = MimeMessage()
        message["From"] = self.from_addr
        message["To"] = self.to
        message["Subject"] = self.subject
        if self.reply_to:
            message["Reply-To"] = self.reply_to
        message.set_content(self.body)
        return message


class EmailBackend:
    def send(self, message: EmailMessage) -> None:
        raise NotImplementedError


@dataclass
class ConsoleBackend(EmailBackend):
    stream: TextIO = field(default_factory=lambda: sys.stdout)

    def send(self, message: EmailMessage) -> None:
        self.stream.write(str(message.to_mime()))
        self.stream.write("\n" + "-" * 72 + "\n")


@dataclass
class MemoryBackend(EmailBackend):
    outbox: list[EmailMessage] = field(default_factory=list)

    def send(self, message: EmailMessage) -> None:
        self.outbox.append(message)


@dataclass
class SmtpBackend(EmailBackend):
    host: str
    port: int = 25
    timeout: float = 10.0

    def send(self, message: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            smtp.send_message(message.to_mime())


def get_email_backend(settings: Settings | None = None) -> EmailBackend:
    settings = settings or get_settings()
    if settings.email_backend == "smtp":
        return SmtpBackend(settings.smtp_host, settings.smtp_port)
    if settings.email_backend == "memory":
        return MemoryBackend()
    return ConsoleBackend()


def send_email(
    to: str,
    subject: str,
    body: str,
    backend: EmailBackend | None = None,
    settings: Settings | None = None,
) -> EmailMessage:
    """Validate the recipient and send one plain-text email."""
    settings = settings or get_settings()
    message = EmailMessage(
        to=validate_email(to, field="to"),
        subject=subject,
        body=body,
        from_addr=settings.email_from,
    )
    (backend or get_email_backend(settings)).send(message)
    return message
