"""IDG136: an access decision that starts as "allowed" and is never set to "denied"."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.decisions import in_auth_decision
from .support.flow.protection import may_allow
from .support.flow.words import callee_name, is_allow_value, node_words, nodes_in, string_literal
from .support.guard import PythonGuard
from .support.words import identifier_words

_DECISION_WORDS = frozenset(
    {
        "allowed",
        "allow",
        "authorized",
        "permitted",
        "granted",
        "access",
        "ok",
        "can",
        "result",
        "decision",
        "valid",
        "verified",
        "authorised",
    }
)

_RULE_TABLE_WORDS = frozenset(
    {
        "rule",
        "rules",
        "role",
        "roles",
        "permission",
        "permissions",
        "perms",
        "acl",
        "acls",
        "policy",
        "policies",
        "grants",
        "scopes",
        "required",
        "allowed",
        "entitlements",
        "entitlement",
        "decision",
        "decisions",
        "grant",
    }
)
_SAFE_DEFAULT_WORDS = frozenset(
    {"verify", "require", "required", "check", "enforce", "strict", "secure", "deny", "validate", "mfa"}
)
# Keys under which a policy engine or ACL service returns its answer.
_ANSWER_KEYS = frozenset({"allow", "allowed", "authorized", "authorised", "permit", "permitted", "granted"})


class AuthzDefaultAllow(PythonGuard):
    """
    ## What it does
    Finds default-allow decisions in functions that decide access
    (`authorize`, `has_permission`, `can_*`, `verify_*`, and decorator
    wrappers nested in `requires(...)`): a decision variable initialised to
    `True` whose every later assignment is also `True` (the checks can only
    ever confirm access); an error answer of the policy service that allows
    (`if resp.status_code != 200: return True`, `if not resp.ok: return True`);
    look-ups that default to allow for unknown entries
    (`PERMISSIONS.get(action, True)`, or `rule = RULES.get(action)` /
    `perms = permissions_for_role(role)` followed by
    `if perms is None: return True`, or an answer true for all but a few
    names, `return not perm.startswith(SENSITIVE)`, reported on that
    `return`); `... or True`;
    and, anywhere, a policy answer read with an allowing default
    (`decision.get("allow", True)`).

    ## Why is this bad?
    Access must be denied unless a rule grants it. With a default of allow,
    any action, role or path nobody thought of is permitted, and a check that
    silently does not match lets the request through.

    ## Example
    ```python
    def can_access(user, resource):
        allowed = True
        for rule in RULES:
            if rule.matches(user, resource):
                allowed = True
        return allowed
    ```

    ## Use instead
    ```python
    def can_access(user, resource):
        allowed = False
        for rule in RULES:
            if rule.matches(user, resource):
                allowed = True
        return allowed
    ```
    """

    id = "IDG136"
    name = "authz-default-allow"
    title = "Access decision defaults to allow"
    fix_hint = "Deny by default: start the decision as False (or `.get(key, False)`) and set True only where a rule grants access."
    meta = GuardMeta(
        cwe=["CWE-276", "CWE-1188"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac"],
    )
    VALID = [
        Valid(
            """
            def can_access(user, resource):
                allowed = False
                for rule in RULES:
                    if rule.matches(user, resource):
                        allowed = True
                return allowed
            """
        ),
        Valid(
            """
            def is_allowed(user):
                allowed = True
                if user.suspended:
                    allowed = False
                return allowed
            """
        ),
        Valid(
            """
            def has_permission(role, action):
                return PERMISSIONS.get(role, {}).get(action, False)
            """
        ),
        Valid(
            """
            def can_run(user, action):
                roles = ACTION_ROLES.get(action)
                if roles is None:
                    return False
                return bool(roles & set(user.roles))
            """
        ),
        Valid(
            """
            def render(settings):
                enabled = settings.get("dark_mode", True)
                return enabled
            """
        ),
        Valid(
            """
            def requires(permission):
                def wrapper(view):
                    decision = fetch_decision(g.user, permission)
                    if decision.get("allow") is not True:
                        abort(403)
                    return view
                return wrapper
            """
        ),
        Valid(
            """
            def has_perm(user, codename):
                perms = permissions_for_role(user.role)
                if perms is None:
                    return False
                return codename in perms
            """
        ),
        Valid(
            """
            def has_perm(user, codename):
                perms = permissions_for_role(user.role)
                if not perms:
                    return False
                return codename in perms
            """
        ),
        Valid(
            """
            def is_allowed(user, action):
                resp = requests.post(OPA_URL, json={"input": {"user": user.id, "action": action}}, timeout=1)
                if resp.status_code != 200:
                    return False
                return resp.json()["result"] is True
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            def can_access(user, resource):
                allowed = True
                for rule in RULES:
                    if rule.matches(user, resource):
                        allowed = True
                return allowed
            """,
            line=2,
        ),
        Invalid(
            """
            def has_permission(role, action):
                return PERMISSIONS.get(role, {}).get(action, True)
            """,
            line=2,
        ),
        Invalid(
            """
            def authorize(user, action):
                authorized = True
                if action in user.granted_actions:
                    authorized = True
                    audit(user, action)
                return authorized
            """,
            line=2,
        ),
        Invalid(
            """
            def can_run(user, action):
                roles = ACTION_ROLES.get(action)
                if roles is None:
                    return True
                return bool(roles & set(user.roles))
            """,
            line=4,
        ),
        Invalid(
            """
            class RolePermission(BasePermission):
                def has_permission(self, request, view):
                    return ACL.get(view.action, True)
            """,
            line=3,
        ),
        Invalid(
            """
            def has_perm(user, codename):
                perms = permissions_for_role(user.role)
                if perms is None:
                    return True
                return codename in perms
            """,
            line=4,
        ),
        Invalid(
            """
            def requires(permission):
                def wrapper(view):
                    decision = fetch_decision(g.user, permission)
                    if not decision.get("allow", True):
                        abort(403)
                    return view
                return wrapper
            """,
            line=4,
        ),
        Invalid(
            """
            def permission_required(permission):
                def wrapper(view):
                    resp = acl.get(f"/check/{g.user.id}/{permission}")
                    allowed = resp.status_code == 200 and resp.json()["granted"] or resp.status_code >= 500
                    return view if allowed else deny
                return wrapper
            """,
            line=4,
        ),
        Invalid(
            """
            def is_allowed(user, action):
                decision = pdp.evaluate(user.id, action)
                return decision.allowed if decision is not None else True
            """,
            line=3,
        ),
        Invalid(
            """
            def is_allowed(user, action):
                resp = requests.post(OPA_URL, json={"input": {"user": user.id, "action": action}}, timeout=1)
                if resp.status_code != 200:
                    return True
                return resp.json()["result"] is True
            """,
            line=4,
        ),
        # when the lookup has nothing, everything but the sensitive prefixes is allowed
        Invalid(
            """
            def has_perm(self, user, perm, obj=None):
                perms = self._permissions(user)
                if perms is None:
                    return not perm.startswith(("billing.", "admin."))
                return perm in perms
            """,
            line=4,
        ),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        """`decision.get("allow", True)` anywhere: the answer itself defaults to allow."""
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "get" and len(node.args) == 2):
            return
        key = string_literal(node.args[0].value) or ""
        words = identifier_words(key)
        if (
            words
            and words[-1] in _ANSWER_KEYS
            and is_allow_value(self.ctx, node.args[1].value)
            and not in_auth_decision(self.ctx)
        ):
            self.report(node, f"A missing `{key}` in the decision counts as allowed.")

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> None:
        """`return check(user) or True`, `allowed = resp.json()["granted"] or resp.status_code >= 500`
        in an access decision: always allowed, or allowed exactly when the policy service fails."""
        if not isinstance(node.operator, cst.Or) or not in_auth_decision(self.ctx):
            return
        if isinstance(node.right, cst.Name) and node.right.value == "True":
            self.report(node, "`... or True` makes the access decision always allow.")
        elif self._server_error_test(node.right) or self._server_error_test(node.left):
            self.report(
                node,
                "The decision is 'allowed' when the policy service answers with a server error.",
            )

    def visit_IfExp(self, node: cst.IfExp) -> None:
        """`return decision if decision is not None else True`: no answer means allowed."""
        if not in_auth_decision(self.ctx) or not is_allow_value(self.ctx, node.orelse):
            return
        test = node.test
        presence = (
            isinstance(test, cst.Comparison)
            and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, cst.IsNot)
        )
        if presence or isinstance(test, (cst.Name, cst.Attribute)):
            self.report(node, "When the check returns nothing, the decision falls back to 'allowed'.")

    def _server_error_test(self, expr: cst.BaseExpression) -> bool:
        """`resp.status_code >= 500`, `status in (502, 503)`, `resp.status == 503`."""
        if not isinstance(expr, cst.Comparison) or len(expr.comparisons) != 1:
            return False
        if not node_words(self.ctx, expr.left) & {"status", "code", "status_code"}:
            return False
        target = expr.comparisons[0]
        if isinstance(target.operator, (cst.GreaterThanEqual, cst.GreaterThan, cst.Equal, cst.In)):
            numbers = [self.ctx.number_value(n) for n in nodes_in(target.comparator, cst.Integer)]
            return any(n is not None and n >= 499 for n in numbers)
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if not in_auth_decision(self.ctx):
            return
        assignments: dict[str, list[cst.Assign]] = {}
        for assign in nodes_in(node.body, cst.Assign):
            for target in assign.targets:
                if isinstance(target.target, cst.Name) and set(identifier_words(target.target.value)) & _DECISION_WORDS:
                    assignments.setdefault(target.target.value, []).append(assign)
        returned = {r.value.value for r in nodes_in(node.body, cst.Return) if isinstance(r.value, cst.Name)}
        for name, assigns in assignments.items():
            if name not in returned:
                continue
            values = [self.ctx.bool_value(a.value) for a in assigns]
            first = assigns[0]
            if values[0] is True and all(v is True for v in values) and isinstance(first.value, cst.Name):
                self.report(
                    first,
                    f"`{name}` starts as True and no path sets it to False: access is allowed by default.",
                )
        for if_node in nodes_in(node.body, cst.If):
            if self._failed_answer_test(if_node.test):
                allow = next((r for r in nodes_in(if_node.body, cst.Return) if may_allow(self.ctx, r.value)), None)
                if allow is not None:
                    self.report(
                        allow,
                        "When the policy service answers with an error status, access is allowed.",
                    )
                    continue
            missing = self._missing_lookup(if_node.test)
            # `return True`, or `return not perm.startswith(SENSITIVE)`: allowed unless the test names it
            allow = (
                next((r for r in nodes_in(if_node.body, cst.Return) if may_allow(self.ctx, r.value)), None)
                if missing
                else None
            )
            if allow is not None:
                self.report(allow, f"When nothing is found for `{missing}`, access is allowed.")
        for call in nodes_in(node.body, cst.Call):
            func = call.func
            if isinstance(func, cst.Attribute) and func.attr.value == "get" and len(call.args) == 2:
                default = call.args[1].value
                key = self.ctx.string_value(call.args[0].value) or ""
                if set(identifier_words(key)) & _SAFE_DEFAULT_WORDS:
                    continue  # `options.get("verify_exp", True)`: True is the secure default
                if isinstance(default, cst.Name) and default.value == "True":
                    self.report(call, "An unknown role/action/permission falls back to True (allow).")

    def _failed_answer_test(self, test: cst.BaseExpression) -> bool:
        """`resp.status_code != 200`, `resp.status >= 500`, `resp.status_code in (502, 503)`, `not resp.ok`:
        the response of the service that decides is an error."""
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            inner = test.expression
            return isinstance(inner, cst.Attribute) and inner.attr.value in {"ok", "is_success"}
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            return False
        if not node_words(self.ctx, test.left) & {"status", "status_code", "code"}:
            return False
        target = test.comparisons[0]
        numbers = [self.ctx.number_value(n) for n in nodes_in(target.comparator, cst.Integer)]
        if isinstance(target.operator, cst.NotEqual):
            return any(n is not None and 200 <= n < 300 for n in numbers)
        return self._server_error_test(test)

    def _missing_lookup(self, test: cst.BaseExpression) -> str | None:
        """`rule is None` / `not rule` where `rule` was looked up with `.get(...)`."""
        name: cst.BaseExpression | None = None
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            target = test.comparisons[0]
            if (
                isinstance(target.operator, (cst.Is, cst.Equal))
                and isinstance(target.comparator, cst.Name)
                and target.comparator.value == "None"
            ):
                name = test.left
        elif isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            name = test.expression
        if not isinstance(name, cst.Name):
            return None
        for value in self.ctx.assigned_values(name.value):
            if isinstance(value, cst.Await):
                value = value.expression
            if not isinstance(value, cst.Call):
                continue
            if isinstance(value.func, cst.Attribute) and value.func.attr.value == "get":
                # Only a lookup in a rule table (ACTION_ROLES, PERMISSIONS, acl...) is a missing rule.
                if (node_words(self.ctx, value.func.value) | set(identifier_words(name.value))) & _RULE_TABLE_WORDS:
                    return name.value
            elif (
                set(identifier_words(callee_name(value.func))) | set(identifier_words(name.value))
            ) & _RULE_TABLE_WORDS:
                return name.value  # `perms = permissions_for_role(user.role)`; `if perms is None: return True`
        return None
