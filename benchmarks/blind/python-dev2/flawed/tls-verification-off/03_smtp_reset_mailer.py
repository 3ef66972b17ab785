"""Send password-reset mails through the corporate relay."""
import os
import smtplib
import ssl
from email.message import EmailMessage


class RelayMailer:
    def __init__(self, host: str, port: int = 465) -> None:
        self.host = host
        self.port = port
        self.username = os.environ["SMTP_USERNAME"]
        self.password = os.environ["SMTP_PASSWORD"]

    @property
    def tls_context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context()
        # relay presents the cluster-internal name, not the public one
        ctx.check_hostname = False  # flaw: tls-verification-off
        ctx.verify_mode = ssl.VerifyMode(0)  # flaw: tls-verification-off
        return ctx

    def send_reset(self, recipient: str, reset_url: str) -> None:
        msg = EmailMessage()
        msg["Subject"] = "Reset your password"
        msg["From"] = "no-reply@example.com"
        msg["To"] = recipient
        msg.set_content(
            "Someone asked to reset the password for this account.\n\n"
            f"Use this link within 30 minutes: {reset_url}\n"
        )
        with smtplib.SMTP_SSL(self.host, self.port, context=self.tls_context, timeout=15) as smtp:
            smtp.login(self.username, self.password)
            smtp.send_message(msg)


def mailer_from_env() -> RelayMailer:
    return RelayMailer(os.environ.get("SMTP_HOST", "relay.corp.example.com"))
