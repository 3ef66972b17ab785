"""IDG308: TLS certificate verification turned off (Node.js)."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import ScriptGuard
from .support.tree import FUNCTION_TYPES, Node

_ENV_SWITCH = "NODE_TLS_REJECT_UNAUTHORIZED"


class TsTlsVerificationDisabled(ScriptGuard):
    """
    ## What it does
    Finds TLS verification switched off: `rejectUnauthorized: false` in any
    options object (`https.Agent`, `tls.connect`, axios `httpsAgent`, `pg`,
    `ioredis`, `mongoose`, nodemailer, ldapjs `tlsOptions`; also through a
    constant or a spread), `strictSSL: false` (request), `checkServerIdentity`
    replaced by a function that accepts every host, an assignment of `false`
    to `.rejectUnauthorized`, and `NODE_TLS_REJECT_UNAUTHORIZED` set to `"0"`
    (`process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"`, or in a child's env).

    ## Why is this bad?
    Identity calls carry passwords, client secrets, authorization codes and
    tokens. Without certificate and host-name checks anyone on the network
    path can impersonate the IdP or API and read or alter all of it;
    `NODE_TLS_REJECT_UNAUTHORIZED=0` does so for every connection of the process.

    ## Example
    ```ts
    const agent = new https.Agent({ rejectUnauthorized: false });
    ```

    ## Use instead
    ```ts
    const agent = new https.Agent({ ca: fs.readFileSync("/etc/ssl/corp-ca.pem") });
    ```
    """

    id = "IDG308"
    name = "ts-tls-verification-disabled"
    title = "TLS certificate verification disabled"
    fix_hint = (
        "Keep verification on; for a private CA pass it (`ca: fs.readFileSync(...)`) instead of disabling checks."
    )
    triggers = ("rejectunauthorized", "reject_unauthorized", "strictssl", "checkserveridentity")
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
            import https from "https";
            const agent = new https.Agent({ ca: fs.readFileSync(CA), rejectUnauthorized: true });
            """
        ),
        Valid(
            """
            const pool = new Pool({ ssl: { ca: process.env.PG_CA } });
            """
        ),
        Valid(
            """
            if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === "0") throw new Error("TLS checks are off");
            """
        ),
        Valid(
            """
            const tlsOpts = { checkServerIdentity: (host, cert) => tls.checkServerIdentity(host, cert) };
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import https from "https";
            const agent = new https.Agent({ rejectUnauthorized: false });
            """,
            line=2,
        ),
        Invalid(
            """
            process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
            """,
            line=1,
        ),
        Invalid(
            """
            const SSL = { rejectUnauthorized: false };
            const pool = new Pool({ connectionString: url, ssl: { ...SSL } });
            """,
            line=1,
        ),
        Invalid(
            """
            const client = axios.create({ httpsAgent: new https.Agent({ checkServerIdentity: () => undefined }) });
            """,
            line=1,
        ),
        Invalid(
            """
            process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = 0;
            """,
            line=1,
        ),
        Invalid(
            """
            https.globalAgent.options.rejectUnauthorized = false;
            """,
            line=1,
        ),
    ]

    def visit_pair(self, node: Node) -> None:
        key = self.ctx._key_text(node.child_by_field_name("key"))
        value = node.child_by_field_name("value")
        if key in ("rejectUnauthorized", "strictSSL") and self.ctx.bool_value(value) is False:
            self.report(node, f"`{key}: false` turns off TLS certificate verification.")
        elif key == "checkServerIdentity" and self._accepts_all(value):
            self.report(node, "`checkServerIdentity` accepts every host name.")
        elif key == _ENV_SWITCH and self._zero(value):
            self.report(node, f"`{_ENV_SWITCH}=0` turns off certificate checks for the whole process.")

    def visit_assignment_expression(self, node: Node) -> None:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None:
            return
        target = self.ctx.qualname(left)
        if target.endswith(_ENV_SWITCH) and self._zero(right):
            self.report(node, f"`{_ENV_SWITCH}=0` turns off certificate checks for the whole process.")
        elif target.endswith(".rejectUnauthorized") and self.ctx.bool_value(right) is False:
            self.report(node, "`.rejectUnauthorized = false` turns off TLS certificate verification.")

    def _zero(self, value: Node | None) -> bool:
        return self.ctx.string_value(value) == "0" or self.ctx.number_value(value) == 0

    def _accepts_all(self, value: Node | None) -> bool:
        function = self.ctx.resolve(value)
        if function is None or function.type not in FUNCTION_TYPES:
            return False
        body = function.child_by_field_name("body")
        if body is None:
            return False
        if body.type != "statement_block":
            return body.type == "undefined" or self.ctx.text(body) in ("null", "void 0", "undefined")
        statements = [c for c in body.named_children if c.type != "comment"]
        return not statements or all(
            s.type == "return_statement" and self.ctx.text(s).rstrip(";").strip() in ("return", "return undefined")
            for s in statements
        )
