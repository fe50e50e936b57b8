"""One SMTP conversation, bounded in time by MAIL_TIMEOUT (API.md §6.1).

Flask-Mail opens smtplib with no timeout, so a relay that accepts the connection and never
answers would hold the caller forever. Here the whole conversation has a deadline: before each
command and each reply the socket's timeout is set to the time that is left, so neither a
silent server nor one that answers slowly, line after line, can stretch it past MAIL_TIMEOUT.
"""
import smtplib
import time


class DeliveryError(Exception):
    """A delivery that did not happen. `permanent`: the relay refused this message for good
    (5xx on its recipient or content), retrying cannot help. `relay_down`: the relay could not
    be reached or talked to; other messages would fare no better right now."""

    def __init__(self, message, permanent=False, relay_down=False):
        super().__init__(message)
        self.permanent = permanent
        self.relay_down = relay_down


class _DeadlineReader:
    """What smtplib reads replies from (its `file`), reading the socket with the time left
    before every `recv`: a server that sends a byte now and then cannot stretch a reply."""

    def __init__(self, smtp):
        self.smtp = smtp
        self.buffer = b""

    def readline(self, limit=-1):
        while True:
            end = self.buffer.find(b"\n")
            if end >= 0 and (limit < 0 or end < limit):
                cut = end + 1
                break
            if 0 <= limit <= len(self.buffer):
                cut = limit
                break
            self.smtp.sock.settimeout(self.smtp._time_left())
            chunk = self.smtp.sock.recv(4096)
            if not chunk:
                cut = len(self.buffer)
                break
            self.buffer += chunk
        line, self.buffer = self.buffer[:cut], self.buffer[cut:]
        return line

    def close(self):
        self.buffer = b""


class _Deadline:
    def _time_left(self):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the SMTP conversation took longer than MAIL_TIMEOUT")
        return left

    def send(self, s):
        if self.sock:
            self.sock.settimeout(self._time_left())
        super().send(s)

    def getreply(self):
        if self.file is None and self.sock:  # anew after STARTTLS, which replaces the socket
            self.file = _DeadlineReader(self)
        return super().getreply()


class DeadlineSMTP(_Deadline, smtplib.SMTP):
    def __init__(self, host, port, timeout):
        self.deadline = time.monotonic() + timeout  # before connecting: the greeting counts too
        super().__init__(host, port, timeout=timeout)


class DeadlineSMTPSSL(_Deadline, smtplib.SMTP_SSL):
    def __init__(self, host, port, timeout):
        self.deadline = time.monotonic() + timeout
        super().__init__(host, port, timeout=timeout)


def send(config, envelope_from, recipient, message_bytes):
    """Hand one message to the relay of `config` (MAIL_SERVER, MAIL_PORT, MAIL_USE_SSL,
    MAIL_USE_TLS, MAIL_USERNAME, MAIL_PASSWORD), within MAIL_TIMEOUT; DeliveryError otherwise.

    Once the relay has accepted the message, a failure to say goodbye is not a failure: the
    message must not be sent again.
    """
    connection_class = DeadlineSMTPSSL if config.get("MAIL_USE_SSL") else DeadlineSMTP
    try:
        smtp = connection_class(config["MAIL_SERVER"], config.get("MAIL_PORT") or 25, config["MAIL_TIMEOUT"])
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(f"cannot reach the mail server: {_describe(error)}", relay_down=True) from error
    try:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME") and config.get("MAIL_PASSWORD"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.sendmail(envelope_from, [recipient], message_bytes)
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _ in error.recipients.values()]
        raise DeliveryError(f"recipient refused: {_describe(error)}",
                            permanent=all(code >= 500 for code in codes)) from error
    except smtplib.SMTPDataError as error:
        raise DeliveryError(f"message refused: {_describe(error)}", permanent=error.smtp_code >= 500) from error
    except smtplib.SMTPSenderRefused as error:  # the sender address: configuration, not this message
        raise DeliveryError(f"sender refused: {_describe(error)}", relay_down=True) from error
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(f"mail server failed: {_describe(error)}", relay_down=True) from error
    finally:
        _goodbye(smtp)


def _goodbye(smtp):
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _describe(error):
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
