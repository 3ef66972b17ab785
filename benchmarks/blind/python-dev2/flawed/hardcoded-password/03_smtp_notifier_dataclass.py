"""Outbound notification mailer and webhook signer for the invoicing service."""
import hashlib
import hmac
import json
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage


@dataclass
class MailSettings:
    host: str = "smtp.mailprovider.example"
    port: int = 587
    username: str = "invoicing@example.com"
    password: str = "Inv0ic3-Mailer#88"  # flaw: hardcoded-password
    sender: str = "Billing <billing@example.com>"


@dataclass
class WebhookSettings:
    url: str = "https://hooks.example.com/invoices"
    signing_secret: str = field(default="7d1f4c9ab2e84f06b35d9e1c0a6f2b87", repr=False)  # flaw: hardcoded-password


class Notifier:
    def __init__(self, mail: MailSettings | None = None, hooks: WebhookSettings | None = None):
        self.mail = mail or MailSettings()
        self.hooks = hooks or WebhookSettings()

    def send_invoice_mail(self, to: str, invoice_no: str, pdf: bytes) -> None:
        msg = EmailMessage()
        msg["From"] = self.mail.sender
        msg["To"] = to
        msg["Subject"] = f"Invoice {invoice_no}"
        msg.set_content("Your invoice is attached.")
        msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"{invoice_no}.pdf")
        with smtplib.SMTP(self.mail.host, self.mail.port, timeout=20) as smtp:
            smtp.starttls(context=ssl.create_default_context())
            smtp.login(self.mail.username, self.mail.password)
            smtp.send_message(msg)

    def sign_webhook(self, payload: dict) -> tuple[bytes, str]:
        body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
        sig = hmac.new(self.hooks.signing_secret.encode(), body, hashlib.sha256).hexdigest()
        return body, f"sha256={sig}"
