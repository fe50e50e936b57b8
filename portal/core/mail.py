"""Templated, translated mail, stored in the outbox in the transaction of the change that
causes it, and delivered by the `send-mail` worker (API.md §6.1).

Services call `queue_mail(...)`; the message is rendered at once (in the recipient's
language, while the data is at hand), with its Message-ID and Date fixed, and written to the
`outbox` table through the service's own session. A rolled-back change therefore never mails
anyone, a committed one always does, and no web request waits for SMTP.
"""
import email
import textwrap
import time
import uuid
from email import policy
from email.utils import parseaddr
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from flask_mail import BadHeaderError, Message

from portal.core import outbox, smtp
from portal.core.smtp import DeliveryError

KIND = "mail"


def queue_mail(to, language, template, subject, attachments=(), **context):
    """Render `templates/mail/<template>.txt` in `language` and store it in the outbox, in the
    current transaction.

    `subject` is a (lazy) translatable string; `attachments` are (filename, content_type,
    data) triples, e.g. an .ics invitation.
    """
    config = current_app.config
    with force_locale(language):
        message = Message(
            subject=one_line(str(subject)),
            recipients=[to],
            body=short_lines(render_template(f"mail/{template}.txt", **context)),
            sender=config["MAIL_DEFAULT_SENDER"],
            date=time.time(),
        )
    for filename, content_type, data in attachments:
        message.attach(filename, content_type, data)
    message.msgId = new_message_id(config["MAIL_DEFAULT_SENDER"])
    if message.has_bad_headers():  # before commit: the change fails rather than its mail later
        raise BadHeaderError(f"mail to {to!r} would carry a header with a line break")
    outbox.enqueue(KIND, to, message.subject, message.as_bytes(), message.msgId, config["MAIL_RETRY_HOURS"])
    return message


def new_message_id(sender):
    """`<random@sender's domain>`: unique, and it tells nothing of the machine that made it."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "tandem.invalid"
    return f"<{uuid.uuid4().hex}@{domain}>"


def one_line(text):
    """A header value on one line: user text (a title, a name) in a subject must not add
    headers (CR/LF injection) nor make Flask-Mail refuse the message."""
    return " ".join(text.split())


MAX_LINE_OCTETS = 998  # RFC 5322 §2.1.1; SMTP servers refuse longer lines (sent as 8bit)


def short_lines(body, width=240):
    """The body with any line over 998 octets wrapped (users' free text can be 10,000
    characters on one line); other lines are left exactly as written."""
    if all(len(line.encode()) <= MAX_LINE_OCTETS for line in body.split("\n")):
        return body
    return "\n".join(
        line if len(line.encode()) <= MAX_LINE_OCTETS
        else "\n".join(textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=False))
        for line in body.split("\n"))


def deliver_mail(config, row):
    """Hand one stored mail to SMTP, or, with no MAIL_SERVER outside production, write it as
    an .eml file to MAIL_OUTBOX_DIR (named after its Message-ID: a retry overwrites, never
    duplicates). Raises DeliveryError when it could not."""
    if config.get("MAIL_SERVER"):
        sender = parseaddr(email.message_from_bytes(row.payload, policy=policy.SMTP)["From"] or "")[1]
        smtp.send(config, sender, row.recipient, row.payload)
    elif config.get("MAIL_OUTBOX_DIR"):
        directory = Path(config["MAIL_OUTBOX_DIR"])
        directory.mkdir(parents=True, exist_ok=True)
        name = f"{row.created_at:%Y%m%d-%H%M%S}-{row.message_id.strip('<>').partition('@')[0]}.eml"
        partial = directory / f".{name}.part"
        partial.write_bytes(row.payload)
        partial.replace(directory / name)  # whole or absent, for whoever reads the folder
    else:
        raise DeliveryError("no MAIL_SERVER is configured", relay_down=True)


def init_app(app):
    from portal.core import outbox_worker

    outbox_worker.register(KIND, deliver_mail)
