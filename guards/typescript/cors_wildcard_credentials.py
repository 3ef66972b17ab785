"""IDG310: CORS that lets any origin make credentialed requests."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import ScriptGuard
from .support.tree import FUNCTION_TYPES, Node

_ORIGIN_HEADER = "access-control-allow-origin"
_CREDENTIALS_HEADER = "access-control-allow-credentials"


class TsCorsWildcardCredentials(ScriptGuard):
    """
    ## What it does
    Finds CORS set up to let any site make credentialed requests: options
    with `credentials: true` and an `origin` of `"*"`, `true` (the `cors`
    package and NestJS `enableCors` reflect the caller's origin), a regular
    expression that matches everything, or a callback that accepts every
    origin (`(origin, cb) => cb(null, true)` / `cb(null, origin)`); and
    handlers that copy the request's `Origin` header into
    `Access-Control-Allow-Origin` while sending
    `Access-Control-Allow-Credentials: true`.

    ## Why is this bad?
    With credentials allowed, any web page a signed-in user visits can call
    the API with the user's cookies and read the answers: profile data,
    tokens, and actions such as role changes.

    ## Example
    ```ts
    app.use(cors({ origin: true, credentials: true }));
    ```

    ## Use instead
    ```ts
    app.use(cors({ origin: ["https://app.example.com"], credentials: true }));
    ```
    """

    id = "IDG310"
    name = "ts-cors-wildcard-credentials"
    title = "CORS allows any origin with credentials"
    fix_hint = 'Allow a fixed list of trusted origins (`origin: ["https://app.example.com"]`) when credentials are on.'
    triggers = ("credentials",)
    meta = GuardMeta(
        cwe=["CWE-942", "CWE-346"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-05", "PR.DS-02"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["session"],
    )
    VALID = [
        Valid(
            """
            app.use(cors({ origin: ["https://app.example.com"], credentials: true }));
            """
        ),
        Valid(
            """
            app.use(cors({ origin: "*" }));
            """
        ),
        Valid(
            """
            const ALLOWED = new Set(["https://a.example"]);
            app.use(cors({ origin: (o, cb) => cb(null, ALLOWED.has(o)), credentials: true }));
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            app.use(cors({ origin: true, credentials: true }));
            """,
            line=1,
        ),
        Invalid(
            """
            const corsOptions = { origin: "*", credentials: true };
            app.use(cors(corsOptions));
            """,
            line=1,
        ),
        Invalid(
            """
            app.enableCors({ origin: (origin, callback) => callback(null, origin), credentials: true });
            """,
            line=1,
        ),
        Invalid(
            """
            app.use((req, res, next) => {
              res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
              res.setHeader("Access-Control-Allow-Credentials", "true");
              next();
            });
            """,
            line=2,
        ),
    ]

    def visit_object(self, node: Node) -> None:
        entries = self.ctx.object_entries(node)
        if not entries or "origin" not in entries or self.ctx.bool_value(entries.get("credentials")) is not True:
            return
        origin = entries["origin"]
        if self._any_origin(origin):
            self.report(
                self.ctx.entry_pair(node, "origin") or node,
                "CORS accepts any origin and allows credentials: every site can act as the signed-in user.",
            )

    def _any_origin(self, origin: Node) -> bool:
        if self.ctx.string_value(origin) == "*" or self.ctx.bool_value(origin) is True:
            return True
        value = self.ctx.resolve(origin)
        if value is None:
            return False
        if value.type == "regex":
            pattern = self.ctx.text(value.child_by_field_name("pattern"))
            return pattern in (".*", "^.*$", ".+", "^.+$")
        if value.type in FUNCTION_TYPES:
            params = self.ctx.parameters(value)
            if len(params) < 2:
                return False
            for call in self.ctx.descendants(value, ("call_expression",)):
                if self.ctx.text(call.child_by_field_name("function")) != params[1]:
                    continue
                allowed = self.ctx.arg(call, 1)
                if allowed is not None and (
                    self.ctx.bool_value(allowed) is True or self.ctx.text(allowed) == params[0]
                ):
                    return True
        return False

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        if self.ctx.last_name(name) not in ("setHeader", "header", "set"):
            return
        if (self.ctx.string_value(self.ctx.arg(node, 0)) or "").lower() != _ORIGIN_HEADER:
            return
        value = self.ctx.text(self.ctx.resolve(self.ctx.arg(node, 1))).replace("?.", ".").lower()
        reflected = value.endswith(
            ("headers.origin", 'headers["origin"]', ".get('origin')", '.get("origin")')
        ) or value in (
            "origin",
            "req.header('origin')",
            'req.header("origin")',
        )
        if not reflected:
            return
        scope = self.ctx.enclosing_function(node) or self.ctx.tree.root
        if _CREDENTIALS_HEADER in self.ctx.text(scope).lower():
            self.report(
                node,
                "The request's Origin is echoed with credentials allowed: every site can act as the signed-in user.",
            )
