"""Signed download links for invoices in the Marbleway accounting app."""
import base64
import hashlib
import hmac
import os
import time
from urllib.parse import urlencode

LINK_KEY = os.environ["MARBLEWAY_LINK_KEY"].encode()
DEFAULT_LIFETIME = 60 * 60 * 24 * 365 * 5  # flaw: token-without-expiry


def _sign(path: str, expires: int, account_id: str) -> str:
    msg = f"{path}|{expires}|{account_id}".encode()
    return base64.urlsafe_b64encode(hmac.new(LINK_KEY, msg, hashlib.sha256).digest()).decode().rstrip("=")


def invoice_link(invoice, account_id: str, lifetime: int = DEFAULT_LIFETIME) -> str:
    path = f"/invoices/{invoice.id}/pdf"
    expires = int(time.time()) + lifetime
    query = urlencode({"exp": expires, "acct": account_id, "sig": _sign(path, expires, account_id)})
    return f"https://files.marbleway.example{path}?{query}"


def check_link(path: str, exp: str, acct: str, sig: str) -> bool:
    if int(exp) < time.time():
        return False
    return hmac.compare_digest(_sign(path, int(exp), acct), sig)
