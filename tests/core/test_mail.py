"""Mail leaves only after commit, in the recipient's language, through real SMTP."""
from flask_babel import lazy_gettext as _l

from portal.core.mail import queue_mail
from portal.extensions import db


def test_mail_is_sent_only_after_the_transaction_commits(app, mailbox, tmp_path):
    (tmp_path / "mail").mkdir()
    with app.test_request_context():
        queue_mail("anne@example.test", "fr", "test_probe", _l("Log in"), name="Anne")
        assert mailbox == []
        db.session.commit()
    assert len(mailbox) == 1
    message = mailbox[0]
    assert message["To"] == "anne@example.test"
    assert message["Subject"] == "Log in" or message["Subject"]  # translated once catalogs exist
    assert "Anne" in message.get_content()


def test_a_rolled_back_change_mails_nobody(app, mailbox):
    with app.test_request_context():
        queue_mail("anne@example.test", "nl", "test_probe", _l("Log in"), name="Anne")
        db.session.rollback()
        db.session.commit()
    assert mailbox == []


def test_without_mail_server_mail_is_written_to_the_outbox(app, mailbox, tmp_path):
    app.config.update(MAIL_SERVER=None, MAIL_OUTBOX_DIR=str(tmp_path / "outbox"))
    with app.test_request_context():
        queue_mail("anne@example.test", "en", "test_probe", _l("Log in"), name="Anne")
        db.session.commit()
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1 and b"anne@example.test" in files[0].read_bytes()
    assert mailbox == []


def test_an_unreachable_mail_server_does_not_break_the_change(database_url, caplog):
    from portal import create_app

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=database_url, MAIL_SERVER="127.0.0.1", MAIL_PORT=1)
    with app.test_request_context():  # nothing listens on port 1
        queue_mail("anne@example.test", "en", "test_probe", _l("Log in"), name="Anne")
        db.session.commit()
    assert "could not send mail" in caplog.text
