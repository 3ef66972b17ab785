"""IDG138: TLS certificate or host-name verification turned off."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta
from ..python_support import PythonGuard, identifier_words

# Keyword arguments that switch certificate verification off when False.
_VERIFY_KWARGS = frozenset({"verify", "verify_ssl", "ssl_verify", "verify_certs", "validate_certs", "tls_verify", "check_hostname", "ssl"})
# ... and when True.
_INSECURE_KWARGS = frozenset({"insecure", "insecure_skip_verify", "disable_ssl_certificate_validation", "skip_tls_verify"})
# JWT libraries also take `verify=`; that is signature verification, covered by IDG101.
_NOT_TLS_PREFIXES = ("jwt.", "jose.", "authlib.jose", "itsdangerous.")
# `verify=` on these is about passwords, codes or signatures, not TLS.
_NOT_TLS_WORDS = frozenset({"decode", "password", "hash", "otp", "totp", "mfa", "signature", "email", "phone", "webhook"})
_CERT_NONE = frozenset({"ssl.CERT_NONE", "ssl.VerifyMode.CERT_NONE", "ldap.OPT_X_TLS_NEVER", "ldap.OPT_X_TLS_ALLOW"})
_UNVERIFIED_CONTEXTS = frozenset({"ssl._create_unverified_context", "ssl._create_stdlib_context"})
_CA_ENV = frozenset({"CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"})
# Last names of the dotted names above: an attribute ending otherwise cannot be one of them.
_FLAGGED_ATTRIBUTES = frozenset(name.rsplit(".", 1)[-1] for name in _CERT_NONE | _UNVERIFIED_CONTEXTS)
_TLS_KEYWORDS = _VERIFY_KWARGS | _INSECURE_KWARGS | {"cert_reqs"}


class TlsVerificationDisabled(PythonGuard):
    """
    ## What it does
    Finds TLS verification switched off on outgoing connections: `verify=False`
    on requests/httpx calls, sessions and clients (also through a variable or
    `session.verify = False`), aiohttp `ssl=False` / `verify_ssl=False`,
    `ssl._create_unverified_context()`, `ssl.CERT_NONE`, `check_hostname =
    False`, urllib3 `cert_reqs="CERT_NONE"`, LDAP `OPT_X_TLS_NEVER`, and an
    emptied `CURL_CA_BUNDLE`. A CA bundle path or
    `verify=os.environ.get("REQUESTS_CA_BUNDLE", True)` is fine.

    ## Why is this bad?
    Identity calls carry the most valuable data there is: passwords, client
    secrets, authorization codes, tokens, SCIM payloads. Without certificate
    and host-name checks anyone on the network path can impersonate the IdP or
    API and read or alter all of it.

    ## Example
    ```python
    resp = requests.post(TOKEN_URL, data=form, auth=(client_id, client_secret), verify=False)
    ```

    ## Use instead
    ```python
    resp = requests.post(TOKEN_URL, data=form, auth=(client_id, client_secret), verify="/etc/ssl/corp-ca.pem")
    ```

    ## References
    CWE-295 Improper Certificate Validation; CWE-297 Improper Validation of
    Certificate with Host Mismatch; OWASP NHI4 Insecure Authentication.
    """

    id = "IDG138"
    name = "tls-verification-disabled"
    title = "TLS certificate verification disabled"
    meta = GuardMeta(
        cwe=["CWE-295", "CWE-297"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.DS-02"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["sso", "token", "secrets"],
    )
    VALID = [
        'import os, requests\nresp = requests.post(TOKEN_URL, data=form, verify=os.environ.get("REQUESTS_CA_BUNDLE", True))\n',
        'import requests\nresp = requests.get(JWKS_URL, verify="/etc/ssl/ca.pem", timeout=5)\n',
        'import ssl\nctx = ssl.create_default_context(cafile=CA)\nif ctx.verify_mode == ssl.CERT_NONE:\n    raise RuntimeError("TLS verification is off")\n',
        'import jwt\nclaims = jwt.decode(token, key, algorithms=["RS256"], verify=True)\n',
        'import httpx\nclient = httpx.Client(base_url=IDP, verify=True)\n',
    ]
    INVALID = [
        'import requests\nresp = requests.post(TOKEN_URL, data=form, verify=False)\n',
        'import httpx\nVERIFY = False\nclient = httpx.AsyncClient(base_url=SCIM_URL, verify=VERIFY)\n',
        'import requests\nsession = requests.Session()\nsession.verify = False\n',
        'import ssl\nctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\n',
        'import aiohttp\nasync def fetch_userinfo(session, token):\n    async with session.get(USERINFO, headers={"Authorization": f"Bearer {token}"}, ssl=False) as r:\n        return await r.json()\n',
        'import ssl, urllib.request\nctx = ssl._create_unverified_context()\nurllib.request.urlopen(METADATA_URL, context=ctx)\n',
        'import urllib3\nhttp = urllib3.PoolManager(cert_reqs="CERT_NONE")\n',
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._comparison_depth = 0

    def visit_Comparison(self, node: cst.Comparison) -> None:
        self._comparison_depth += 1

    def leave_Comparison(self, original_node: cst.Comparison) -> None:
        self._comparison_depth -= 1

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.call_name(node) or ""
        if name in _UNVERIFIED_CONTEXTS:
            self.report(node, f"`{name.split('.')[-1]}()` builds an SSL context that checks neither certificate nor host name.", fix=self._fix())
            return
        if not any(arg.keyword is not None and arg.keyword.value in _TLS_KEYWORDS for arg in node.args):
            return  # most calls: no TLS switch to judge, so no need to split the callee's name
        if name.startswith(_NOT_TLS_PREFIXES) or set(identifier_words(name)) & _NOT_TLS_WORDS:
            return
        for arg in node.args:
            if arg.keyword is None:
                continue
            key = arg.keyword.value
            if key in _VERIFY_KWARGS and self.ctx.bool_value(arg.value) is False:
                if key == "ssl" and isinstance(self.ctx.resolve(arg.value), cst.Integer):
                    continue
                self.report(arg, f"`{key}=False` turns off TLS certificate verification.", fix=self._fix())
            elif key in _INSECURE_KWARGS and self.ctx.bool_value(arg.value) is True:
                self.report(arg, f"`{key}=True` turns off TLS certificate verification.", fix=self._fix())
            elif key == "cert_reqs" and (self.ctx.string_value(arg.value) or "").upper() == "CERT_NONE":
                self.report(arg, '`cert_reqs="CERT_NONE"` accepts any certificate.', fix=self._fix())

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if self._comparison_depth or node.attr.value not in _FLAGGED_ATTRIBUTES:
            return
        name = self.ctx.qualname(node)
        if name in _CERT_NONE:
            self.report(node, f"`{name}` accepts any certificate.", fix=self._fix())
        elif name in _UNVERIFIED_CONTEXTS:
            self.report(node, "The unverified SSL context is installed as a default.", fix=self._fix())

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            t = target.target
            if isinstance(t, cst.Attribute) and t.attr.value in {"verify", "check_hostname"} and self.ctx.bool_value(node.value) is False:
                self.report(node, f"`.{t.attr.value} = False` turns off TLS verification for every call made with it.", fix=self._fix())
            elif isinstance(t, cst.Subscript) and self.ctx.target_name(t) in _CA_ENV and self.ctx.string_value(node.value) == "":
                self.report(node, "An empty CA bundle variable turns off certificate verification in requests.", fix=self._fix())

    @staticmethod
    def _fix() -> str:
        return "Keep verification on; for a private CA pass its bundle (`verify=\"/path/ca.pem\"`, `cafile=`) instead of disabling checks."
