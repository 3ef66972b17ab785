"""IDG155: credentials or tokens sent to a plain-http URL, or identity endpoints configured over http."""

from __future__ import annotations

from urllib.parse import urlsplit

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.words import string_literal
from .support.guard import PythonGuard
from .support.words import identifier_words

_HTTP_METHODS = frozenset(
    {"get", "post", "put", "patch", "delete", "request", "head", "options", "urlopen", "fetch", "Request", "open"}
)
_HTTP_MODULES = ("requests", "httpx", "aiohttp", "urllib", "urllib3", "http")
_CRED_WORDS = frozenset(
    {
        "authorization",
        "password",
        "passwd",
        "secret",
        "token",
        "apikey",
        "api",
        "key",
        "bearer",
        "credential",
        "credentials",
        "cookie",
        "assertion",
        "code",
    }
)
_ENDPOINT_WORDS = frozenset(
    {
        "token",
        "authorize",
        "authorization",
        "issuer",
        "jwks",
        "userinfo",
        "metadata",
        "saml",
        "sso",
        "oidc",
        "oauth",
        "idp",
        "introspection",
        "revocation",
        "discovery",
        "acs",
        "slo",
    }
)
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0", "host.docker.internal"})


def plain_http_host(url: str) -> str | None:
    """The host of a non-local `http://` URL, else None."""
    if not url.lower().startswith("http://"):
        return None
    host = (urlsplit(url).hostname or "").lower()
    if (
        not host
        or host in _LOCAL_HOSTS
        or host.startswith("127.")
        or host.endswith((".localhost", ".test", ".example"))
        or host == "example.com"
    ):
        return None
    return host


class CredentialsOverHttp(PythonGuard):
    """
    ## What it does
    Finds identity traffic over unencrypted HTTP to a non-local host: HTTP
    calls (requests, httpx, aiohttp, urllib) to an `http://` URL that carry
    `auth=`, an `Authorization` / API-key / token header, a password, client
    secret, token or code in the body, or credentials in the URL; and OAuth /
    OIDC / SAML endpoints (`token_url`, `issuer`, `jwks_uri`,
    `access_token_url`, `server_metadata_url`...) configured with `http://`.
    `localhost` / `127.0.0.1` are allowed for local development.

    ## Why is this bad?
    Anyone on the network path (Wi-Fi, a proxy, a compromised hop) reads the
    password, client secret or bearer token and replays it; a plain-http IdP
    endpoint can also be spoofed to hand out forged keys or tokens.

    ## Example
    ```python
    requests.post("http://auth.internal.example.net/oauth/token", data={"client_secret": secret, ...})
    ```

    ## Use instead
    ```python
    requests.post("https://auth.internal.example.net/oauth/token", data={"client_secret": secret, ...})
    ```
    """

    id = "IDG155"
    name = "credentials-over-http"
    title = "Credentials sent over plain HTTP"
    fix_hint = "Use https:// for every identity endpoint and every request that carries a password, secret, token or Authorization header."
    meta = GuardMeta(
        cwe=["CWE-319", "CWE-523"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.DS-02"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["secrets", "sso", "token"],
    )
    VALID = [
        Valid(
            """
            import requests
            requests.post("https://idp.corp.net/oauth/token", data={"client_secret": CS, "grant_type": "client_credentials"})
            """
        ),
        Valid(
            """
            import requests
            requests.get("http://localhost:8080/userinfo", headers={"Authorization": f"Bearer {tok}"})
            """
        ),
        Valid(
            """
            import requests
            requests.get("http://status.corp.net/health", timeout=3)
            """
        ),
        Valid(
            """
            oauth.register("corp", server_metadata_url="https://idp.corp.net/.well-known/openid-configuration")
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import requests
            requests.post("http://idp.corp.net/oauth/token", data={"client_secret": CS, "grant_type": "client_credentials"})
            """,
            line=2,
        ),
        Invalid(
            """
            import httpx
            BASE = "http://scim.corp.net/scim/v2"

            async def push(client, user, tok):
                await client.post(f"{BASE}/Users", json=user, headers={"Authorization": f"Bearer {tok}"})
            """,
            line=5,
        ),
        Invalid(
            """
            import requests
            requests.get("http://billing.corp.net/api/users", auth=(USER, PASSWORD))
            """,
            line=2,
        ),
        Invalid(
            """
            oauth.register("corp", access_token_url="http://idp.corp.net/oauth/token", client_id=CID)
            """,
            line=1,
        ),
        Invalid(
            """
            OIDC = {"issuer": "http://login.corp.net", "client_id": CID}
            """,
            line=1,
        ),
    ]

    def _url(self, expr: cst.BaseExpression | None, depth: int = 4) -> str | None:
        if depth <= 0:
            return None  # `key = f"{key}-x"` refers to itself
        expr = self.ctx.resolve(expr)
        text = self.ctx.string_value(expr)
        if text is not None:
            return text
        if isinstance(expr, cst.FormattedString) and expr.parts:
            first = expr.parts[0]
            if isinstance(first, cst.FormattedStringText):
                return first.value
            if isinstance(first, cst.FormattedStringExpression):
                head = self._url(first.expression, depth - 1)
                return head + "/" if head else None
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            return self._url(expr.left, depth - 1)
        return None

    def _carries_credentials(self, call: cst.Call, url: str) -> bool:
        if urlsplit(url).password or any(
            w in url.lower() for w in ("token=", "api_key=", "apikey=", "password=", "secret=")
        ):
            return True
        for arg in call.args:
            if arg.keyword is None:
                continue
            key = arg.keyword.value
            if key in {"auth", "cert"}:
                return True
            if key in {"headers", "data", "json", "params", "cookies", "body"}:
                items = self.ctx.dict_items(arg.value)
                if items is None:
                    continue
                for name in items:
                    if set(identifier_words(name.replace("-", "_"))) & _CRED_WORDS:
                        return True
        return False

    def visit_Call(self, node: cst.Call) -> None:
        if self._may_be_http_call(node.func) and self._sends_credentials_over_http(node):
            return
        for arg in node.args:
            if arg.keyword is not None:
                self._endpoint(arg, arg.keyword.value, arg.value)

    @staticmethod
    def _may_be_http_call(func: cst.BaseExpression) -> bool:
        """Whether the callee's dotted name can end in an HTTP method: a name (maybe an import
        alias of one) or an attribute named like one; a cheap test before resolving it."""
        if isinstance(func, cst.Attribute):
            return func.attr.value in _HTTP_METHODS
        return isinstance(func, cst.Name)

    def _sends_credentials_over_http(self, node: cst.Call) -> bool:
        """Reports (and says so) an HTTP client call that sends credentials to a plain http URL."""
        name = self.ctx.call_name(node) or ""
        last = name.rsplit(".", 1)[-1]
        if last in _HTTP_METHODS and (name.startswith(_HTTP_MODULES) or "." in name):
            url_expr = self.ctx.kwarg(node, "url")
            if url_expr is None:
                url_expr = self.ctx.positional(node, 1 if last == "request" else 0)
            url = self._url(url_expr)
            host = plain_http_host(url) if url else None
            if host and url and self._carries_credentials(node, url):
                self.report(node, f"Credentials are sent to {host} over plain http.")
                return True
        return False

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = string_literal(node.key)
        if key:
            self._endpoint(node, key, node.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            name = self.ctx.target_name(target.target)
            if name:
                self._endpoint(node, name, node.value, follow=False)

    def _endpoint(self, node: cst.CSTNode, name: str, value: cst.BaseExpression, follow: bool = True) -> None:
        words = set(identifier_words(name))
        if not words & _ENDPOINT_WORDS:
            return
        if not (words & {"url", "uri", "endpoint", "issuer", "metadata"} or name.lower() in {"issuer", "iss"}):
            return
        if not follow and not isinstance(value, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
            return
        if follow and isinstance(value, cst.Name):
            return  # reported where the constant is assigned
        url = self._url(value)
        host = plain_http_host(url) if url else None
        if host:
            self.report(node, f"The identity endpoint `{name}` uses plain http ({host}).")
