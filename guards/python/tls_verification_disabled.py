"""IDG138: TLS certificate or host-name verification turned off."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.guard import PythonGuard
from .support.values import definition_site
from .support.words import identifier_words

# Keyword arguments that switch certificate verification off when False.
_VERIFY_KWARGS = frozenset(
    {
        "verify",
        "verify_ssl",
        "ssl_verify",
        "verify_certs",
        "validate_certs",
        "tls_verify",
        "check_hostname",
        "ssl",
        "validate_cert",
        "ssl_check_hostname",
        "verify_cert",
        "verify_tls",
        "ssl_verification",
        "assert_hostname",
    }
)
# ... and when True.
_INSECURE_KWARGS = frozenset(
    {
        "insecure",
        "insecure_skip_verify",
        "disable_ssl_certificate_validation",
        "skip_tls_verify",
        "tlsAllowInvalidCertificates",
        "tlsAllowInvalidHostnames",
        "tlsInsecure",
        "ssl_match_hostname_off",
    }
)
# String values of `cert_reqs=` / `ssl_cert_reqs=` that accept a certificate that does not verify.
_UNCHECKED_REQS = frozenset({"CERT_NONE", "NONE", "CERT_OPTIONAL", "OPTIONAL"})
# A reachability probe that sends no credentials: verification off there is reported as low.
_PROBE_WORDS = frozenset(
    {
        "reachable",
        "reachability",
        "health",
        "healthz",
        "healthcheck",
        "ping",
        "probe",
        "uptime",
        "alive",
        "liveness",
        "readiness",
        "heartbeat",
    }
)
_CREDENTIAL_KWARGS = frozenset({"auth", "headers", "cookies", "cert", "data", "json", "params", "files"})
# JWT libraries also take `verify=`; that is signature verification, covered by IDG101.
_NOT_TLS_PREFIXES = ("jwt.", "jose.", "authlib.jose", "itsdangerous.")
# `verify=` on these is about passwords, codes or signatures, not TLS.
_NOT_TLS_WORDS = frozenset(
    {"decode", "password", "hash", "otp", "totp", "mfa", "signature", "email", "phone", "webhook"}
)
_CERT_NONE = frozenset(
    {
        "ssl.CERT_NONE",
        "ssl.VerifyMode.CERT_NONE",
        "ssl.CERT_OPTIONAL",
        "ssl.VerifyMode.CERT_OPTIONAL",
        "ldap.OPT_X_TLS_NEVER",
        "ldap.OPT_X_TLS_ALLOW",
        "ldap.OPT_X_TLS_TRY",
        "pycurl.SSL_VERIFYPEER",
    }
)
_UNVERIFIED_CONTEXTS = frozenset({"ssl._create_unverified_context", "ssl._create_stdlib_context"})
_CA_ENV = frozenset({"CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"})
# Last names of the dotted names above: an attribute ending otherwise cannot be one of them.
_FLAGGED_ATTRIBUTES = frozenset(name.rsplit(".", 1)[-1] for name in _CERT_NONE | _UNVERIFIED_CONTEXTS)
_TLS_KEYWORDS = _VERIFY_KWARGS | _INSECURE_KWARGS | {"cert_reqs", "ssl_cert_reqs"}


class TlsVerificationDisabled(PythonGuard):
    """
    ## What it does
    Finds TLS verification switched off on outgoing connections: `verify=False`
    on requests/httpx/boto3/hvac calls, sessions and clients (also through a
    variable, an options dict splatted into the call (`**HTTPX_OPTS`; the dict
    entry is reported too), a fallback such as
    `verify=os.environ.get("CA_BUNDLE", False)`, or `session.verify = False`),
    aiohttp `ssl=False` / `verify_ssl=False`, Tornado `validate_cert=False`,
    urllib3 `cert_reqs="CERT_NONE"` / `"NONE"` / `"CERT_OPTIONAL"` and
    `assert_hostname=False`, `ssl._create_unverified_context()`,
    `ssl.CERT_NONE` / `ssl.CERT_OPTIONAL` (`verify_mode`, ldap3 `Tls(validate=...)`),
    `check_hostname = False`, `ssl.wrap_socket()` without `cert_reqs`, pymongo
    `tlsAllowInvalidCertificates=True`, LDAP `OPT_X_TLS_NEVER`, an emptied
    `CURL_CA_BUNDLE` and `PYTHONHTTPSVERIFY=0`. A CA bundle path or
    `verify=os.environ.get("REQUESTS_CA_BUNDLE", True)` is fine. A health or
    reachability probe (`def reachable(url)`) that sends no credentials, headers
    or body is reported as low: nothing secret travels and nothing it receives
    is trusted.

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
    """

    id = "IDG138"
    name = "tls-verification-disabled"
    title = "TLS certificate verification disabled"
    fix_hint = 'Keep verification on; for a private CA pass its bundle (`verify="/path/ca.pem"`, `cafile=`) instead of disabling checks.'
    # Every switch judged here spells one of these (`verify=`, `ssl=`, `CERT_NONE`, `check_hostname`, `cert_reqs`...).
    triggers = ("verify", "ssl", "cert", "insecure", "tls", "unverified", "hostname", "ca_bundle", "httpsverify")
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
        Valid(
            """
            import os, requests
            resp = requests.post(TOKEN_URL, data=form, verify=os.environ.get("REQUESTS_CA_BUNDLE", True))
            """
        ),
        Valid(
            """
            import requests
            resp = requests.get(JWKS_URL, verify="/etc/ssl/ca.pem", timeout=5)
            """
        ),
        Valid(
            """
            import ssl
            ctx = ssl.create_default_context(cafile=CA)
            if ctx.verify_mode == ssl.CERT_NONE:
                raise RuntimeError("TLS verification is off")
            """
        ),
        Valid(
            """
            from ssl import CERT_REQUIRED, CERT_NONE
            from ldap3 import Tls
            tls = Tls(validate=CERT_REQUIRED, ca_certs_file=CA)
            assert tls.validate != CERT_NONE
            """
        ),
        Valid(
            """
            import ssl
            ctx = ssl.create_default_context()
            ctx.verify_mode = ssl.VerifyMode(2)
            """
        ),
        Valid(
            """
            import jwt
            claims = jwt.decode(token, key, algorithms=["RS256"], verify=True)
            """
        ),
        Valid(
            """
            import httpx
            client = httpx.Client(base_url=IDP, verify=True)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import requests
            resp = requests.post(TOKEN_URL, data=form, verify=False)
            """,
            line=2,
        ),
        Invalid(
            """
            import httpx
            VERIFY = False
            client = httpx.AsyncClient(base_url=SCIM_URL, verify=VERIFY)
            """,
            line=3,
        ),
        Invalid(
            """
            import requests
            session = requests.Session()
            session.verify = False
            """,
            line=3,
        ),
        Invalid(
            """
            import ssl
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            """,
            line=3,
        ),
        Invalid(
            """
            import aiohttp
            async def fetch_userinfo(session, token):
                async with session.get(USERINFO, headers={"Authorization": f"Bearer {token}"}, ssl=False) as r:
                    return await r.json()
            """,
            line=3,
        ),
        Invalid(
            """
            import ssl, urllib.request
            ctx = ssl._create_unverified_context()
            urllib.request.urlopen(METADATA_URL, context=ctx)
            """,
            line=2,
        ),
        Invalid(
            """
            import urllib3
            http = urllib3.PoolManager(cert_reqs="CERT_NONE")
            """,
            line=2,
        ),
        Invalid(
            """
            import httpx
            OPTS = {"timeout": 10, "verify": False}
            client = httpx.AsyncClient(base_url=API, **OPTS)
            """,
            line=2,
        ),
        Invalid(
            """
            import os, requests
            resp = requests.post(TOKEN_URL, data=form, verify=os.environ.get("CA_BUNDLE", False))
            """,
            line=2,
        ),
        Invalid(
            """
            import ssl
            ctx = ssl.create_default_context()
            ctx.verify_mode = ssl.CERT_OPTIONAL
            """,
            line=3,
        ),
        Invalid(
            """
            from ssl import CERT_NONE as NO_VERIFY
            from ldap3 import Server, Tls
            server = Server(HOST, use_ssl=True, tls=Tls(validate=NO_VERIFY))
            """,
            line=3,
        ),
        Invalid(
            """
            import ssl
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.VerifyMode(0)
            """,
            line=3,
        ),
        Invalid(
            """
            import os, requests
            session = requests.Session()
            session.verify = os.environ.get("CA_BUNDLE", False)
            """,
            line=3,
        ),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._comparison_depth = 0
        self._reported_options: set[int] = set()
        self._mode_table_entries: set[int] = set()

    def visit_Comparison(self, node: cst.Comparison) -> None:
        self._comparison_depth += 1

    def leave_Comparison(self, original_node: cst.Comparison) -> None:
        self._comparison_depth -= 1

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.call_name(node) or ""
        if name in _UNVERIFIED_CONTEXTS:
            self.report(
                node,
                f"`{name.split('.')[-1]}()` builds an SSL context that checks neither certificate nor host name.",
            )
            return
        if name == "ssl.wrap_socket" and self.ctx.kwarg(node, "cert_reqs") is None:
            self.report(
                node,
                "`ssl.wrap_socket()` defaults to `cert_reqs=CERT_NONE`: the peer's certificate is not checked.",
            )
            return
        splatted = [arg for arg in node.args if arg.star == "**"]
        if not splatted and not any(
            arg.keyword is not None and arg.keyword.value in _TLS_KEYWORDS for arg in node.args
        ):
            return  # most calls: no TLS switch to judge, so no need to split the callee's name
        if name.startswith(_NOT_TLS_PREFIXES) or set(identifier_words(name)) & _NOT_TLS_WORDS:
            return
        severity = self._probe_severity(node)
        for arg in node.args:
            if arg.keyword is not None:
                message = self._switch_off(arg.keyword.value, arg.value)
                if message:
                    self.report(arg, message, severity=severity)
        for arg in splatted:
            # `httpx.AsyncClient(**HTTPX_OPTS)` with `HTTPX_OPTS = {"verify": False, ...}`
            items = self.ctx.dict_items(arg.value)
            for key, value in (items or {}).items():
                message = self._switch_off(key, value)
                if message:
                    # Reported once, where the switch is written (the fix goes there), not at every call using it.
                    constant = definition_site(self.ctx, arg.value)
                    element = None
                    if isinstance(constant, cst.Dict):
                        element = next(
                            (
                                e
                                for e in constant.elements
                                if isinstance(e, cst.DictElement) and self.ctx.string_value(e.key) == key
                            ),
                            None,
                        )
                    if element is None:
                        self.report(arg, message + " (through the splatted options)", severity=severity)
                    elif id(element) not in self._reported_options:
                        self._reported_options.add(id(element))
                        self.report(element, message + " (options splatted into a call)", severity=severity)
                    break

    def _switch_off(self, key: str, value: cst.BaseExpression) -> str | None:
        """The message for a TLS keyword that turns verification off, or None."""
        if key in _VERIFY_KWARGS and self.ctx.bool_value(value) is False:
            if key == "ssl" and isinstance(self.ctx.resolve(value), cst.Integer):
                return None
            return f"`{key}=False` turns off TLS certificate verification."
        if key in _VERIFY_KWARGS and self._false_by_default(value):
            return f"`{key}=` falls back to False: TLS certificate verification is off unless the setting is present."
        if key in _INSECURE_KWARGS and self.ctx.bool_value(value) is True:
            return f"`{key}=True` turns off TLS certificate verification."
        if key in ("cert_reqs", "ssl_cert_reqs"):
            text = self.ctx.string_value(value)
            if (
                text is not None
                and text.upper() in _UNCHECKED_REQS
                or text is None
                and key == "ssl_cert_reqs"
                and _is_none(value)
            ):
                return (
                    f"`{key}={text!r}` accepts a certificate that does not verify."
                    if text is not None
                    else f"`{key}=None` turns off certificate checks."
                )
        return None

    def _false_by_default(self, value: cst.BaseExpression) -> bool:
        """`verify=os.environ.get("CA_BUNDLE", False)`, `verify=settings.get("verify_tls", False)`."""
        value = self.ctx.resolve(value) or value
        if not isinstance(value, cst.Call) or not isinstance(value.func, (cst.Attribute, cst.Name)):
            return False
        last = value.func.attr.value if isinstance(value.func, cst.Attribute) else value.func.value
        if last not in ("get", "getenv") or len(value.args) < 2:
            return False
        default = self.ctx.kwarg(value, "default") or self.ctx.positional(value, 1)
        return self.ctx.bool_value(default) is False

    def _probe_severity(self, node: cst.Call) -> Severity | None:
        """A health/reachability probe that sends no credentials (no auth, headers, cookies or body):
        low, since nothing secret travels and nothing received is trusted."""
        function = self.ctx.current_function
        if not isinstance(function, cst.FunctionDef) or not _PROBE_WORDS & set(identifier_words(function.name.value)):
            return None
        if any(arg.keyword is not None and arg.keyword.value in _CREDENTIAL_KWARGS for arg in node.args):
            return None
        return Severity.low

    def _unchecked_mode_number(self, value: cst.BaseExpression) -> bool:
        """`ssl.VerifyMode(0)`, `VerifyMode(1)`, or a bare 0/1: CERT_NONE and CERT_OPTIONAL by number."""
        if isinstance(value, cst.Call) and (self.ctx.call_name(value) or "").endswith("VerifyMode") and value.args:
            value = value.args[0].value
        number = self.ctx.number_value(value)
        return number in (0, 1) and not isinstance(self.ctx.resolve(value), cst.Name)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._comparison_depth += 1  # the names an import binds are not uses

    def leave_ImportFrom(self, original_node: cst.ImportFrom) -> None:
        self._comparison_depth -= 1

    def visit_Name(self, node: cst.Name) -> None:
        """`from ssl import CERT_NONE as NO_VERIFY`, then `Tls(validate=NO_VERIFY)`."""
        if self._comparison_depth or node.value not in self.ctx.imports:
            return
        name = self.ctx.imports[node.value]
        if name in _CERT_NONE:
            self.report(node, f"`{node.value}` is `{name}`, which accepts any certificate.")

    def visit_DictElement(self, node: cst.DictElement) -> None:
        """`{"none": ssl.CERT_NONE, "required": ssl.CERT_REQUIRED}`: a table of modes by name offers the
        unchecked one, which is not yet turning it on (an option key such as `"cert_reqs"` is)."""
        key = self.ctx.string_value(node.key)
        if key is not None and key not in _VERIFY_KWARGS | {"cert_reqs", "ssl_cert_reqs", "verify_mode", "validate"}:
            self._mode_table_entries.add(id(node.value))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if self._comparison_depth or node.attr.value not in _FLAGGED_ATTRIBUTES:
            return
        name = self.ctx.qualname(node)
        if name in _CERT_NONE and id(node) in self._mode_table_entries:
            self.report(
                node,
                f"`{name}` is offered in a table of verification modes: make sure no setting can choose it.",
                severity=Severity.low,
            )
        elif name in _CERT_NONE:
            self.report(node, f"`{name}` accepts any certificate.")
        elif name in _UNVERIFIED_CONTEXTS:
            self.report(node, "The unverified SSL context is installed as a default.")

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            t = target.target
            if (
                isinstance(t, cst.Attribute)
                and t.attr.value in {"verify", "check_hostname"}
                and self.ctx.bool_value(node.value) is False
            ):
                self.report(
                    node,
                    f"`.{t.attr.value} = False` turns off TLS verification for every call made with it.",
                )
            elif isinstance(t, cst.Attribute) and t.attr.value == "verify" and self._false_by_default(node.value):
                self.report(
                    node,
                    "`.verify` falls back to False: TLS certificate verification is off unless the setting is present.",
                )
            elif (
                isinstance(t, cst.Attribute)
                and t.attr.value == "verify_mode"
                and (
                    (self.ctx.string_value(node.value) or "").upper() in _UNCHECKED_REQS
                    or self._unchecked_mode_number(node.value)
                )
            ):
                self.report(node, "`.verify_mode` is set to accept certificates that do not verify.")
            elif (
                isinstance(t, cst.Subscript)
                and self.ctx.target_name(t) == "PYTHONHTTPSVERIFY"
                and self.ctx.string_value(node.value) == "0"
            ):
                self.report(
                    node,
                    "`PYTHONHTTPSVERIFY=0` turns off certificate verification for the whole process.",
                )
            elif (
                isinstance(t, cst.Subscript)
                and self.ctx.target_name(t) in _CA_ENV
                and self.ctx.string_value(node.value) == ""
            ):
                self.report(
                    node,
                    "An empty CA bundle variable turns off certificate verification in requests.",
                )


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"
