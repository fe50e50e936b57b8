"""Templated, translated mail, sent only once the transaction that caused it has committed.

Services call `queue_mail(...)`; the message is rendered at once (in the recipient's
language, while the data is at hand) and handed to SMTP by the session's after-commit
hook. A rolled-back change therefore never mails anyone.
"""
import logging
import smtplib
import textwrap
import uuid
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from flask_mail import Message
from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.extensions import db, mail

log = logging.getLogger(__name__)
OUTBOX_KEY = "mail_outbox"


def queue_mail(to, language, template, subject, attachments=(), **context):
    """Render `templates/mail/<template>.txt` in `language` and send it after commit.

    `subject` is a (lazy) translatable string; `attachments` are (filename, content_type,
    data) triples, e.g. an .ics invitation.
    """
    with force_locale(language):
        message = Message(
            subject=one_line(str(subject)),
            recipients=[to],
            body=short_lines(render_template(f"mail/{template}.txt", **context)),
            sender=current_app.config["MAIL_DEFAULT_SENDER"],
        )
    for filename, content_type, data in attachments:
        message.attach(filename, content_type, data)
    session = db.session()
    session.connection()  # begin the transaction now, so that its rollback drops this mail
    session.info.setdefault(OUTBOX_KEY, []).append(message)
    return message


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


def deliver(app, message):
    config = app.config
    try:
        if config.get("MAIL_SERVER"):
            with app.app_context():
                mail.send(message)
        elif config.get("MAIL_OUTBOX_DIR"):
            outbox = Path(config["MAIL_OUTBOX_DIR"])
            outbox.mkdir(parents=True, exist_ok=True)
            (outbox / f"{uuid.uuid4().hex}.eml").write_bytes(message.as_bytes())
        else:
            log.warning("no MAIL_SERVER configured: mail to %s not sent", message.recipients)
    except (smtplib.SMTPException, OSError):
        # The change is committed; a mail server hiccup must not turn it into an error page.
        log.exception("could not send mail to %s", message.recipients)


def _send_after_commit(session):
    outbox = session.info.pop(OUTBOX_KEY, None)
    if outbox:
        app = current_app._get_current_object()
        for message in outbox:
            deliver(app, message)


def _drop_after_rollback(session, previous_transaction=None):
    session.info.pop(OUTBOX_KEY, None)


def init_app(app):
    if not event.contains(Session, "after_commit", _send_after_commit):
        event.listen(Session, "after_commit", _send_after_commit)
        event.listen(Session, "after_soft_rollback", _drop_after_rollback)
