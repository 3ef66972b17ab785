"""IDG156: a redirect URI accepted by prefix or suffix, or when nothing is registered."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.decisions import own_nodes
from .support.flow.words import function_words, is_allow_value, node_words
from .support.guard import PythonGuard

_REDIRECT_WORDS = frozenset({"redirect", "redirects", "callback", "callbacks", "return", "next"})
# What a matched value is: a URL or its host part.
_URL_WORDS = frozenset(
    {
        "uri",
        "uris",
        "url",
        "urls",
        "netloc",
        "host",
        "hostname",
        "hosts",
        "domain",
        "domains",
        "origin",
        "redirect",
        "target",
        "location",
    }
)
# A collection that lists where the client may be sent.
_REGISTRY_WORDS = frozenset(
    {
        "uris",
        "urls",
        "hosts",
        "domains",
        "origins",
        "registered",
        "allowed",
        "whitelist",
        "allowlist",
        "redirects",
        "callbacks",
    }
)


class RedirectUriLooseMatch(PythonGuard):
    """
    ## What it does
    Finds redirect-target checks of an OAuth/OIDC authorization server or
    login flow that let other URLs through:
    - a host or URL compared by suffix or prefix with a registered value
      (`target.netloc.endswith(reg.netloc)`, `redirect_uri.startswith(registered)`,
      `host.endswith("example.com")` without the leading dot);
    - an empty registration that allows everything
      (`if not client.redirect_uris: return True`).
    Only functions about a redirect target are judged (named for a redirect,
    callback, return or next URL, or reading a list of redirect URIs). Exact
    comparisons (`redirect_uri in client.redirect_uris`), a suffix that starts
    with a dot (`host.endswith(".example.com")`) and a relative-path test
    (`nxt.startswith("/")`) are fine.

    ## Why is this bad?
    The authorization code or token is delivered to the redirect URI. A suffix
    match accepts `evil-example.com` for `example.com`, a prefix match accepts
    `https://app.example.com.evil.io/` for `https://app.example.com`, and a
    client registered without URIs accepts any: an attacker starts a login
    with their own redirect and collects the victim's code (RFC 9700 requires
    exact matching).

    ## Example
    ```python
    def redirect_allowed(client, redirect_uri):
        if not client.redirect_uris:
            return True
        target = urlparse(redirect_uri)
        return any(target.netloc.endswith(urlparse(r).netloc) for r in client.redirect_uris)
    ```

    ## Use instead
    ```python
    def redirect_allowed(client, redirect_uri):
        return redirect_uri in client.redirect_uris  # exact string match, empty means none
    ```
    """

    id = "IDG156"
    name = "redirect-uri-loose-match"
    title = "Redirect URI matched loosely"
    fix_hint = (
        "Compare the full redirect URI with the client's registered URIs by exact string match, and refuse "
        "the request when none is registered; for host allow-lists match the host exactly or a '.'-prefixed suffix."
    )
    # Only redirect validation is judged: the word is in the function, its values or the file.
    triggers = ("redirect", "callback", "return_to", "next")
    meta = GuardMeta(
        cwe=["CWE-601", "CWE-20"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["sso"],
        urls=["https://www.rfc-editor.org/rfc/rfc9700#section-4.1.3"],
        see_also=["RFC 9700 section 4.1.3 (exact redirect URI matching)", "RFC 6749 section 10.6"],
    )
    VALID = [
        Valid(
            """
            def redirect_allowed(client, redirect_uri):
                return redirect_uri in client.redirect_uris
            """
        ),
        Valid(
            """
            def safe_next(nxt):
                if not nxt.startswith("/") or nxt.startswith("//"):
                    return "/"
                return nxt
            """
        ),
        Valid(
            """
            from urllib.parse import urlparse

            def is_allowed_redirect(url):
                host = urlparse(url).hostname or ""
                return host == "example.com" or host.endswith(".example.com")
            """
        ),
        Valid(
            """
            def redirect_allowed(client, redirect_uri):
                if not client.redirect_uris:
                    return False
                return redirect_uri in client.redirect_uris
            """
        ),
        Valid(
            """
            def load_callback(path):
                if path.endswith(".py"):
                    return True
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            from urllib.parse import urlparse

            def redirect_allowed(client, redirect_uri):
                target = urlparse(redirect_uri)
                for registered in client.redirect_uris:
                    reg = urlparse(registered)
                    if target.scheme == reg.scheme and target.netloc.endswith(reg.netloc):
                        return True
                return False
            """,
            line=7,
        ),
        Invalid(
            """
            def redirect_allowed(client, redirect_uri):
                if not client.redirect_uris:
                    return True
                return redirect_uri in client.redirect_uris
            """,
            line=3,
        ),
        Invalid(
            """
            def validate_redirect_uri(app, uri):
                return any(uri.startswith(r) for r in app.redirect_uris)
            """,
            line=2,
        ),
        Invalid(
            """
            from urllib.parse import urlparse

            def is_safe_return_to(url):
                return urlparse(url).netloc.endswith("example.com")
            """,
            line=4,
        ),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if not self._judges_redirect(node):
            return
        for call in own_nodes(self.ctx, node, cst.Call):
            self._affix_match(call)
        for if_node in own_nodes(self.ctx, node, cst.If):
            self._empty_allows_all(if_node)

    def _judges_redirect(self, fn: cst.FunctionDef) -> bool:
        words = function_words(fn)
        if words & _REDIRECT_WORDS and words & (
            _URL_WORDS
            | {
                "allowed",
                "valid",
                "validate",
                "check",
                "safe",
                "is",
                "verify",
                "match",
                "matches",
                "permitted",
                "registered",
            }
        ):
            return True
        params = {p.name.value for p in [*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params]}
        return bool({"redirect_uri", "redirect_url", "return_to", "callback_url"} & params)

    def _affix_match(self, call: cst.Call) -> None:
        func = call.func
        if not (
            isinstance(func, cst.Attribute) and func.attr.value in {"endswith", "startswith"} and len(call.args) == 1
        ):
            return
        if not node_words(self.ctx, func.value) & _URL_WORDS:
            return
        wanted = call.args[0].value
        text = self.ctx.string_value(wanted)
        if func.attr.value == "endswith":
            if text is not None and (text.startswith(".") or "." not in text):
                return  # `host.endswith(".example.com")`: a subdomain of the registered host; `.endswith("/")`
        elif text is not None or isinstance(wanted, cst.Tuple):
            return  # `nxt.startswith("/")`, `url.startswith(("https://", "http://"))`: a shape test, not a registry
        kind = "suffix" if func.attr.value == "endswith" else "prefix"
        self.report(
            call,
            f"The redirect target is matched by {kind} (`{self.ctx.source(call)}`): other hosts and URLs pass.",
        )

    def _empty_allows_all(self, if_node: cst.If) -> None:
        test = if_node.test
        if not (isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not)):
            return
        if not node_words(self.ctx, test.expression) & _REGISTRY_WORDS:
            return
        body = if_node.body.body
        first = body[0] if body else None
        if (
            isinstance(first, cst.SimpleStatementLine)
            and isinstance(first.body[0], cst.Return)
            and is_allow_value(self.ctx, first.body[0].value)
        ):
            self.report(first, "A client with no registered redirect URIs accepts any redirect target.")
