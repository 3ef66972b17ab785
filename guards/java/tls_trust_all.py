"""IDG509: TLS certificate or host-name verification disabled (trust-all managers and verifiers)."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.tree import Node

_TRUST_MANAGERS = frozenset({"X509TrustManager", "X509ExtendedTrustManager", "TrustManager"})
_VERIFIER_SETTERS = frozenset(
    {"setHostnameVerifier", "setDefaultHostnameVerifier", "hostnameVerifier", "setSSLHostnameVerifier"}
)
_INSECURE_CONSTANTS = (
    "NoopHostnameVerifier.INSTANCE",
    "ALLOW_ALL_HOSTNAME_VERIFIER",
    "TrustAllStrategy.INSTANCE",
    "TrustSelfSignedStrategy.INSTANCE",
    "InsecureTrustManagerFactory.INSTANCE",
)
_INSECURE_TYPES = frozenset(
    {"NoopHostnameVerifier", "TrustAllStrategy", "TrustSelfSignedStrategy", "AllowAllHostnameVerifier"}
)


class JavaTlsTrustAll(JavaGuard):
    """
    ## What it does
    Finds TLS verification switched off: an `X509TrustManager` whose
    `checkServerTrusted` does nothing, a `HostnameVerifier` (class, anonymous
    class or lambda `(host, session) -> true`) that accepts every host,
    Apache HttpClient's `NoopHostnameVerifier`, `TrustAllStrategy`,
    `TrustSelfSignedStrategy` and `loadTrustMaterial(null, (chain, type) -> true)`,
    and Netty's `InsecureTrustManagerFactory`.

    ## Why is this bad?
    Identity calls carry passwords, client secrets, authorization codes and
    tokens. Without certificate and host-name checks anyone on the network
    path can impersonate the identity provider or API and read or change it all.

    ## Example
    ```java
    HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
    ```

    ## Use instead
    ```java
    SSLContext ssl = SSLContexts.custom().loadTrustMaterial(Path.of("/etc/ssl/corp-ca.p12"), password).build();
    ```
    """

    id = "IDG509"
    name = "java-tls-trust-all"
    title = "TLS certificate verification disabled"
    fix_hint = "Keep the default verification; for a private CA load it into a trust store instead of trusting all."
    triggers = ("trust", "hostnameverifier", "checkservertrusted")
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
            class PinnedTrustManager implements X509TrustManager {
                public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    delegate.checkServerTrusted(chain, authType);
                }
            }
            """
        ),
        Valid(
            """
            connection.setHostnameVerifier((host, session) -> ALLOWED_HOSTS.contains(host)
                && HttpsURLConnection.getDefaultHostnameVerifier().verify(host, session));
            """
        ),
        Valid(
            """
            SSLContext ssl = SSLContexts.custom().loadTrustMaterial(trustStore, null).build();
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            TrustManager[] trustAll = new TrustManager[] { new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] c, String a) {}
                public void checkServerTrusted(X509Certificate[] c, String a) {}
                public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            } };
            """,
            line=3,
        ),
        Invalid(
            """
            HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
            """,
            line=1,
        ),
        Invalid(
            """
            CloseableHttpClient client = HttpClients.custom().setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE).build();
            """,
            line=1,
        ),
        Invalid(
            """
            SSLContext ssl = SSLContexts.custom().loadTrustMaterial(null, (chain, authType) -> true).build();
            """,
            line=1,
        ),
        Invalid(
            """
            class AnyHost implements HostnameVerifier {
                public boolean verify(String hostname, SSLSession session) {
                    return true;
                }
            }
            """,
            line=2,
        ),
    ]

    def _returns_true(self, function: Node | None) -> bool:
        ctx = self.ctx
        body = ctx.body(function)
        if body is None:
            return False
        if body.type != "block":
            return body.type == "true"
        statements = ctx.statements(body)
        return (
            len(statements) == 1
            and statements[0].type == "return_statement"
            and ctx.text(statements[0]).replace(" ", "") in ("returntrue;",)
        )

    def visit_method_declaration(self, node: Node) -> None:
        ctx = self.ctx
        name = ctx.function_name(node)
        klass = ctx.enclosing_class(node)
        supertypes = set(ctx.supertypes(klass))
        if name == "checkServerTrusted" and supertypes & _TRUST_MANAGERS:
            body = ctx.body(node)
            statements = ctx.statements(body)
            if body is not None and all(
                ctx.text(s).strip() == "return;"
                or re.match(r"\s*(?:log|logger|LOG|LOGGER|System\.(?:out|err))\b", ctx.text(s))
                for s in statements
            ):
                self.report(node.child_by_field_name("name") or node, "`checkServerTrusted` accepts every certificate.")
        elif name == "verify" and "HostnameVerifier" in supertypes and self._returns_true(node):
            self.report(node.child_by_field_name("name") or node, "The `HostnameVerifier` accepts every host name.")
        elif name == "isTrusted" and "TrustStrategy" in supertypes and self._returns_true(node):
            self.report(node.child_by_field_name("name") or node, "The `TrustStrategy` trusts every certificate chain.")

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        method = ctx.method_name(node)
        if method in _VERIFIER_SETTERS or method == "loadTrustMaterial":
            for argument in ctx.args(node):
                resolved = ctx.resolve(argument)
                if resolved is not None and resolved.type == "lambda_expression" and self._returns_true(resolved):
                    what = "host name" if method in _VERIFIER_SETTERS else "certificate chain"
                    self.report(node.child_by_field_name("name") or node, f"The verifier accepts every {what}.")

    def visit_field_access(self, node: Node) -> None:
        text = self.ctx.text(node).replace(" ", "")
        if text.endswith(_INSECURE_CONSTANTS):
            self.report(node, f"`{text.rsplit('.', 2)[-2]}` turns off certificate or host-name checks.")

    def visit_object_creation_expression(self, node: Node) -> None:
        type_name = self.ctx.last_name(self.ctx.type_name(node))
        if type_name in _INSECURE_TYPES:
            self.report(node, f"`new {type_name}()` turns off certificate or host-name checks.")
