"""IDG409: TLS certificate verification turned off (Go)."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.guard import GoGuard
from .support.tree import Node

_OLD_VERSIONS = frozenset({"VersionSSL30", "VersionTLS10", "VersionTLS11"})
_LOCAL_HOST = re.compile(r"(?:host=|@)(?:localhost|127\.0\.0\.1|\[::1\]|::1|/)", re.IGNORECASE)
_PASSWORD = re.compile(r"password=\S|://[^/:@\s]+:[^@\s]+@", re.IGNORECASE)


class GoTlsVerificationDisabled(GoGuard):
    """
    ## What it does
    Finds TLS verification switched off: `InsecureSkipVerify: true` in any
    composite literal (`tls.Config` of an `http.Transport`, gRPC
    `credentials.NewTLS`, pgx, go-redis, LDAP, also through a constant), an
    assignment `cfg.InsecureSkipVerify = true`, a `VerifyPeerCertificate`
    that returns nil without looking, a database URL with a password and
    `sslmode=disable` to a host that is not local, and (medium) a
    `MinVersion` of SSL 3.0, TLS 1.0 or 1.1.

    ## Why is this bad?
    Identity calls carry passwords, client secrets, authorization codes and
    tokens. Without certificate and host-name checks anyone on the network
    path can impersonate the IdP, the database or the API and read or alter
    all of it.

    ## Example
    ```go
    client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
    ```

    ## Use instead
    ```go
    pool := x509.NewCertPool()
    pool.AppendCertsFromPEM(caPEM)
    client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
    ```
    """

    id = "IDG409"
    name = "go-tls-verification-disabled"
    title = "TLS certificate verification disabled"
    fix_hint = (
        "Keep verification on; for a private CA put it in `RootCAs` (and set `ServerName`) instead of skipping checks."
    )
    triggers = ("insecureskipverify", "verifypeercertificate", "sslmode=disable", "minversion")
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
            package client

            import "crypto/tls"

            var cfg = &tls.Config{RootCAs: pool, ServerName: "idp.internal", MinVersion: tls.VersionTLS12}
            """
        ),
        Valid(
            """
            package client

            func tlsConfig(skip bool) *tls.Config {
                if skip {
                    log.Fatal("refusing to skip verification")
                }
                return &tls.Config{InsecureSkipVerify: false}
            }
            """
        ),
        Valid(
            """
            package store

            const dsn = "postgres://app:devpass@localhost:5432/app?sslmode=disable"
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package client

            import "crypto/tls"

            var transport = &http.Transport{
                TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package client

            func ldapTLS() *tls.Config {
                cfg := &tls.Config{ServerName: host}
                cfg.InsecureSkipVerify = true
                return cfg
            }
            """,
            line=5,
        ),
        Invalid(
            """
            package client

            var cfg = &tls.Config{
                InsecureSkipVerify: true,
                VerifyPeerCertificate: func(raw [][]byte, chains [][]*x509.Certificate) error {
                    return nil
                },
            }
            """,
            line=4,
        ),
        Invalid(
            """
            package store

            func open(pw string) (*sql.DB, error) {
                return sql.Open("postgres", fmt.Sprintf("host=db.prod.internal user=auth password=%s sslmode=disable", pw))
            }
            """,
            line=4,
        ),
    ]

    def visit_keyed_element(self, node: Node) -> None:
        field = self.ctx.keyed_field(node)
        if field is None:
            return
        key, value, _ = field
        if key == "InsecureSkipVerify" and self.ctx.bool_value(value) is True:
            self.report(node, "`InsecureSkipVerify: true` turns off certificate and host-name verification.")
        elif key == "VerifyPeerCertificate" and self._accepts_all(value):
            self.report(node, "`VerifyPeerCertificate` accepts every certificate.")
        elif key == "MinVersion" and self.ctx.last_name(self.ctx.text(value)) in _OLD_VERSIONS:
            self.report(
                node,
                f"`MinVersion: {self.ctx.text(value)}` allows protocol versions with known breaks.",
                severity=Severity.medium,
                fix="Use `MinVersion: tls.VersionTLS12` (or 1.3).",
            )

    def visit_assignment_statement(self, node: Node) -> None:
        left = self.ctx.expressions(node.child_by_field_name("left"))
        right = self.ctx.expressions(node.child_by_field_name("right"))
        for target, value in zip(left, right, strict=False):
            if (
                target.type == "selector_expression"
                and self.ctx.text(target.child_by_field_name("field")) == "InsecureSkipVerify"
            ):
                if self.ctx.bool_value(value) is True:
                    self.report(node, "`InsecureSkipVerify = true` turns off certificate and host-name verification.")

    def visit_interpreted_string_literal(self, node: Node) -> None:
        text = self.ctx.text(node)
        if "sslmode=disable" not in text:
            return
        if _PASSWORD.search(text) and not _LOCAL_HOST.search(text):
            self.report(node, "The database connection carries a password with `sslmode=disable`: in clear text.")

    def _accepts_all(self, value: Node | None) -> bool:
        function = self.ctx.resolve(value)
        if function is None or function.type != "func_literal":
            return False
        body = function.child_by_field_name("body")
        statements = self.ctx.descendants(body, ("return_statement", "if_statement", "call_expression")) if body else []
        return bool(statements) and all(
            s.type == "return_statement" and self.ctx.text(s).replace(" ", "") == "returnnil" for s in statements
        )
