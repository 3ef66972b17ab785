"""IDG131: wildcard permissions or scopes granted (`"*"`, `"admin:*"`, `scopes=["*"]`)."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.credential_kinds import literal_strings
from .support.flow.words import callee_name, literal_keys, string_literal
from .support.guard import PythonGuard
from .support.words import identifier_words

_GRANT_WORDS = frozenset(
    {
        "scope",
        "scopes",
        "permission",
        "permissions",
        "perm",
        "perms",
        "grants",
        "privileges",
        "rights",
        "capabilities",
        "entitlements",
        "actions",
    }
)
# Names that describe what is *required* or *checked*, not what is granted.
_CHECK_WORDS = frozenset(
    {
        "required",
        "require",
        "requires",
        "needed",
        "check",
        "expected",
        "allowed",
        "supported",
        "available",
        "valid",
        "known",
        "all",
    }
)


def _is_wildcard(token: str) -> bool:
    token = token.strip()
    return token == "*" or token.endswith((":*", ".*", "/*"))


class WildcardPermissionGrant(PythonGuard):
    """
    ## What it does
    Finds wildcard permissions or OAuth scopes handed to a user, role, API key,
    service account or token: `scopes=["*"]`, `permissions = {"admin:*"}`,
    a dataclass / pydantic default (`field(default_factory=lambda: ["*"])`),
    `{"scope": "users:* repo:*"}` in a token payload, a role definition whose
    permissions are `"*"` (except the privileged role's own entry in a role
    table, `{"owner": ["*"], ...}`, which is the design), and a Kubernetes RBAC
    rule (`V1PolicyRule(...)` or a manifest dict) with every verb, or with
    write verbs on every resource. Comparisons (`"*" in user.scopes`) and lists of
    *required* scopes are not grants and are ignored. IAM policy documents are
    covered by IDG132.

    ## Why is this bad?
    A wildcard grants every current and future permission, including ones
    added later for administration. A leaked key or token with `*` scope is a
    full compromise, and the grant cannot be reviewed for least privilege.

    ## Example
    ```python
    api_key = ApiKey.objects.create(owner=service, scopes=["*"])
    ```

    ## Use instead
    ```python
    api_key = ApiKey.objects.create(owner=service, scopes=["invoices:read", "invoices:write"])
    ```
    """

    id = "IDG131"
    name = "wildcard-permission-grant"
    title = "Wildcard permission or scope granted"
    fix_hint = "List the specific permissions or scopes this principal needs (e.g. 'invoices:read'); never grant '*'."
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-732"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["rbac", "api_key", "token"],
    )
    VALID = [
        Valid(
            """
            key = ApiKey.objects.create(owner=svc, scopes=["invoices:read", "invoices:write"])
            """
        ),
        Valid(
            """
            def can(user, perm):
                return "*" in user.scopes or perm in user.scopes
            """
        ),
        Valid(
            """
            REQUIRED_SCOPES = ["*"]
            scope = "openid email profile"
            """
        ),
        Valid(
            """
            token = {"sub": user.id, "scope": "repo:read"}
            """
        ),
        Valid(
            """
            ROLE_PERMISSIONS = {"owner": ["*"], "member": ["projects:read", "projects:write"], "viewer": ["projects:read"]}
            """
        ),
        Valid(
            """
            def has_permission(perms, wanted):
                if perms == "*":
                    return True
                return wanted in perms
            """
        ),
        Valid(
            """
            @dataclass
            class KeySpec:
                label: str
                scopes: list[str] = field(default_factory=lambda: ["reports:read"])
            """
        ),
        Valid(
            """
            def has_scope(token, scopes=("*",)):
                return any(s in token.scopes for s in scopes)
            """
        ),
        Valid(
            """
            from kubernetes import client
            rule = client.V1PolicyRule(api_groups=[""], resources=["pods", "pods/log"], verbs=["get", "list", "watch"])
            """
        ),
        Valid(
            """
            viewer = {"apiGroups": ["*"], "resources": ["*"], "verbs": ["get", "list", "watch"]}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            key = ApiKey.objects.create(owner=svc, scopes=["*"])
            """,
            line=1,
        ),
        Invalid(
            """
            ROLE_PERMISSIONS = {"support": ["tickets:read"], "ops": ["admin:*"]}
            """,
            line=1,
        ),
        Invalid(
            """
            payload = {"sub": client_id, "scope": "users:* billing:read"}
            token = jwt.encode(payload, key, algorithm="RS256")
            """,
            line=1,
        ),
        Invalid(
            """
            scopes = ["*"]

            def mint(client):
                return issue_token(client, scopes=scopes)
            """,
            line=1,
        ),
        Invalid(
            """
            def make_service_role():
                role = Role(name="deployer")
                role.permissions = "*"
                return role
            """,
            line=3,
        ),
        Invalid(
            """
            @dataclass
            class KeySpec:
                label: str
                scopes: list[str] = field(default_factory=lambda: ["*"])
            """,
            line=4,
        ),
        Invalid(
            """
            def issue_key(db, partner_id, scopes=("*",)):
                return db.add(PartnerKey(partner_id=partner_id, scopes=list(scopes)))
            """,
            line=1,
        ),
        Invalid(
            """
            from kubernetes import client
            rule = client.V1PolicyRule(api_groups=["*"], resources=["*"], verbs=["*"])
            """,
            line=2,
        ),
        Invalid(
            """
            role = {"kind": "Role", "rules": [{"apiGroups": [""], "resources": ["*"], "verbs": ["get", "create", "delete"]}]}
            """,
            line=1,
        ),
    ]

    def _wildcards(self, expr: cst.BaseExpression | None, depth: int = 4) -> list[str]:
        if depth <= 0:
            return []
        expr = self.ctx.resolve(expr)
        found: list[str] = []
        text = self.ctx.string_value(expr)
        if text is not None:
            return [t for t in text.replace(",", " ").split() if _is_wildcard(t)]
        if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
            for element in expr.elements:
                found += self._wildcards(element.value, depth - 1)
        elif isinstance(expr, cst.Lambda):
            found += self._wildcards(expr.body, depth - 1)  # default_factory=lambda: ["*"]
        elif isinstance(expr, cst.Call):
            name = callee_name(expr.func)
            if name in {"field", "Field", "attrib", "ib", "attr_field"}:
                # dataclass / attrs / pydantic defaults: `scopes: list[str] = field(default_factory=lambda: ["*"])`
                for keyword in ("default", "default_factory", "factory"):
                    value = self.ctx.kwarg(expr, keyword)
                    if value is not None:
                        found += self._wildcards(value, depth - 1)
            elif name in {"list", "set", "frozenset", "tuple"} and len(expr.args) == 1:
                found += self._wildcards(expr.args[0].value, depth - 1)
        elif isinstance(expr, cst.Dict):
            privileged = {r.lower() for r in self.ctx.policy.limits.privileged_roles}
            for entry in expr.elements:
                if isinstance(entry, cst.DictElement):
                    # {"owner": ["*"], "member": [...]}: the privileged role holding everything is the design
                    if (self.ctx.string_value(entry.key) or "").lower() in privileged:
                        continue
                    found += self._wildcards(entry.value, depth - 1)
        return found

    @staticmethod
    def _grant_name(name: str | None) -> bool:
        if not name:
            return False
        words = set(identifier_words(name))
        return bool(words & _GRANT_WORDS) and not words & _CHECK_WORDS

    def _check(
        self, node: cst.CSTNode, name: str | None, value: cst.BaseExpression | None, *, follow_names: bool = True
    ) -> None:
        if not self._grant_name(name):
            return
        if not follow_names and isinstance(value, cst.Name):
            return
        wildcards = self._wildcards(value)
        if wildcards:
            shown = ", ".join(sorted(set(wildcards)))
            self.report(node, f"`{name}` grants the wildcard {shown!s}.")

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._check(node, self.ctx.target_name(target.target), node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._check(node, self.ctx.target_name(node.target), node.value)

    def visit_Param(self, node: cst.Param) -> None:
        """`def issue_key(db, req, scopes=("*",))`: every caller that leaves the argument out grants everything."""
        if node.default is None:
            return
        fn = self.ctx.current_function
        fn_words = set(identifier_words(fn.name.value)) if isinstance(fn, cst.FunctionDef) else set()
        if fn_words & (_CHECK_WORDS | {"has", "can", "is", "check", "verify", "matches", "allows"}):
            return  # `def has_scope(token, scopes=("*",))` checks, it grants nothing
        self._check(node, node.name.value, node.default)

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            # A named value was already reported where it was assigned.
            self._check(node, node.keyword.value, node.value, follow_names=not self._assigned_grant(node.value))

    def _assigned_grant(self, value: cst.BaseExpression) -> bool:
        return isinstance(value, cst.Name) and self._grant_name(value.value)

    def visit_Call(self, node: cst.Call) -> None:
        """`client.V1PolicyRule(api_groups=["*"], resources=["*"], verbs=["*"])`: a Kubernetes rule over everything."""
        if callee_name(node.func) in {"V1PolicyRule", "PolicyRule"}:
            self._k8s_rule(node, self.ctx.kwarg(node, "verbs"), self.ctx.kwarg(node, "resources"))

    def visit_Dict(self, node: cst.Dict) -> None:
        if {"verbs", "resources"} <= literal_keys(node):
            items = self.ctx.dict_items(node) or {}
            self._k8s_rule(node, items.get("verbs"), items.get("resources"))

    def _k8s_rule(
        self, node: cst.CSTNode, verbs: cst.BaseExpression | None, resources: cst.BaseExpression | None
    ) -> None:
        # Every verb includes escalate, bind and impersonate; writes on every resource include RBAC itself.
        verb_names = literal_strings(self.ctx, verbs) or []
        resource_names = literal_strings(self.ctx, resources) or []
        if "*" in verb_names or "*" in resource_names and set(verb_names) - {"get", "list", "watch"}:
            self.report(
                node,
                "The Kubernetes rule grants `*` (every verb or every resource), which includes changing RBAC itself.",
            )

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = string_literal(node.key)
        if key and key[:1].isupper():
            return  # "Action"/"Resource": IAM documents are IDG132's
        self._check(node, key, node.value, follow_names=False)
