"""IDG135: an authorization or verification error that grants access (`except: return True`)."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta
from ..python_flow import callee_name, handler_is_broad, handler_swallows, in_auth_decision, is_allow_value, may_allow, nodes_in
from ..python_support import PythonGuard, identifier_words

# Names that hold the answer of an access check (`allowed`, `is_authorized`, `decision`), not other state.
_DECISION_WORDS = frozenset({"allowed", "allow", "authorized", "authorised", "permitted", "permit", "granted", "access", "ok", "can", "decision", "verdict", "entitled"})
_VERIFY_WORDS = frozenset({"verify", "validate", "decode", "check", "authenticate", "authorize", "evaluate", "enforce", "introspect"})


class AuthzFailOpenException(PythonGuard):
    """
    ## What it does
    Finds access decisions that fail open: an exception handler that answers
    "allowed" in a function named like `authorize`, `check_permission`,
    `has_access`, `verify_token`, `is_allowed` or `can_*` (or in a decorator
    wrapper or dependency nested in `requires(...)` / `authorize(...)`):
    `return True` / `ALLOW`, `return x or True`, a negated setting
    (`return not settings.RBAC_STRICT`) or a presence test any caller passes
    (`return claims.get("roles") is not None`), reported on that `return`; a
    handler that sets the decision the function then tests to allow
    (`except PdpError: allowed = True`);
    and a broad `except` (bare, `Exception`) around a verify/decode/check call
    that only passes or logs, after which the function returns success.

    ## Why is this bad?
    Errors are exactly what an attacker can provoke: a malformed token, a
    timeout of the policy service, a missing record. If an error means "allow",
    the attacker only has to make the check crash.

    ## Example
    ```python
    def has_access(user, resource):
        try:
            return policy_client.check(user.id, resource.id)
        except Exception:
            return True
    ```

    ## Use instead
    ```python
    def has_access(user, resource):
        try:
            return policy_client.check(user.id, resource.id)
        except Exception:
            logger.exception("policy check failed; denying")
            return False
    ```

    ## References
    CWE-636 Not Failing Securely ('Failing Open'); CWE-755 Improper Handling of
    Exceptional Conditions; OWASP NHI4 Insecure Authentication.
    """

    id = "IDG135"
    name = "authz-fail-open-exception"
    title = "Authorization fails open on error"
    meta = GuardMeta(
        cwe=["CWE-636", "CWE-755"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.AA-05", "PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["rbac", "token"],
    )
    VALID = [
        'def has_access(user, resource):\n    try:\n        return policy_client.check(user.id, resource.id)\n    except Exception:\n        logger.exception("denying")\n        return False\n',
        'def verify_token(token):\n    try:\n        jwt.decode(token, KEY, algorithms=["RS256"])\n    except jwt.InvalidTokenError:\n        raise PermissionDenied("bad token")\n    return True\n',
        'def load_config(path):\n    try:\n        return read(path)\n    except Exception:\n        return True\n',
        'def is_allowed(user, action):\n    try:\n        rule = RULES[action]\n    except KeyError:\n        return False\n    return rule(user)\n',
        'def feature_enabled(name):\n    try:\n        return flags.get(name)\n    except TimeoutError:\n        return True\n',
        'def requires(permission):\n    def wrapper(view):\n        try:\n            decision = acl.check(g.user, permission)\n        except AclError:\n            abort(503)\n'
        '        return view if decision is True else deny\n    return wrapper\n',
    ]
    INVALID = [
        'def has_access(user, resource):\n    try:\n        return policy_client.check(user.id, resource.id)\n    except Exception:\n        return True\n',
        'def authorize(request):\n    try:\n        claims = verify(request.headers["Authorization"])\n        return "admin" in claims["roles"]\n    except:\n        return True\n',
        'def check_signature(payload, sig):\n    try:\n        verify_hmac(payload, sig)\n    except Exception:\n        logger.warning("signature check failed")\n    return True\n',
        'def can_edit(user, doc):\n    try:\n        return opa.evaluate("docs/edit", {"user": user.id, "doc": doc.id})\n    except TimeoutError:\n        return Decision.ALLOW\n',
        'class HasRolePermission(BasePermission):\n    def has_permission(self, request, view):\n        try:\n            return has_perm(request.user, view.required_permission)\n'
        '        except Exception:\n            return not settings.RBAC_STRICT\n',
        'async def allowed(request, action):\n    try:\n        return await pdp.check(request["claims"]["sub"], action)\n    except TimeoutError:\n'
        '        return request["claims"].get("roles") is not None\n',
        'def require_permission(action):\n    def hook(req, resp, resource, params):\n        try:\n            allowed = pdp.decide(req.context.user_id, action)\n'
        '        except PdpError:\n            allowed = True\n        if not allowed:\n            raise HTTPForbidden()\n    return hook\n',
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        auth = in_auth_decision(self.ctx)
        for try_node in self._own(node, cst.Try):
            for handler in try_node.handlers:
                ret = self._allowing_return(handler) if auth else None
                if ret is not None:
                    self.report(ret, "The exception handler grants access: an error in the check means 'allowed'.", fix=self._fix())
                    continue
                assign = self._allowing_assignment(node, handler) if auth else None
                if assign is not None:
                    self.report(assign, "The exception handler sets the decision to 'allowed': an error in the check grants access.", fix=self._fix())
                    continue
                if handler_is_broad(handler) and handler_swallows(handler) and self._verifies(try_node.body):
                    after = self._returns_allow_after(node, try_node)
                    if after is not None:
                        self.report(handler, "A failed verification is swallowed and the function then reports success.", fix=self._fix())

    def _allowing_return(self, handler: cst.ExceptHandler) -> cst.Return | None:
        for ret in nodes_in(handler.body, cst.Return):
            if may_allow(self.ctx, ret.value):
                return ret
        return None

    def _allowing_assignment(self, fn: cst.FunctionDef, handler: cst.ExceptHandler) -> cst.Assign | None:
        """`except PdpError: allowed = True` where `allowed` is what the function then tests or returns."""
        for assign in nodes_in(handler.body, cst.Assign):
            names = [t.target.value for t in assign.targets if isinstance(t.target, cst.Name) and set(identifier_words(t.target.value)) & _DECISION_WORDS]
            if not names or not is_allow_value(self.ctx, assign.value):
                continue
            for node in nodes_in(fn.body, cst.If, cst.Return, cst.Assert):
                used = node.test if isinstance(node, (cst.If, cst.Assert)) else node.value
                if used is not None and any(n.value in names for n in nodes_in(used, cst.Name)):
                    return assign
        return None

    def _own(self, fn: cst.FunctionDef, kind: type) -> list:
        """Nodes of `kind` in `fn` but not in functions nested inside it."""
        found = nodes_in(fn.body, kind)
        if not found:
            return []
        nested = set()
        for inner in nodes_in(fn.body, cst.FunctionDef):
            nested |= {id(n) for n in nodes_in(inner, kind)}
        return [n for n in found if id(n) not in nested]

    def _verifies(self, body: cst.CSTNode) -> bool:
        for call in nodes_in(body, cst.Call):
            func = call.func
            last = callee_name(func)
            if set(identifier_words(last)) & _VERIFY_WORDS:
                return True
        return False

    def _returns_allow_after(self, fn: cst.FunctionDef, try_node: cst.Try) -> cst.Return | None:
        for block in nodes_in(fn, cst.IndentedBlock):
            statements = list(block.body)
            positions = [i for i, stmt in enumerate(statements) if stmt is try_node]
            if not positions:
                continue
            for stmt in statements[positions[0] + 1 :]:
                if isinstance(stmt, cst.SimpleStatementLine):
                    for small in stmt.body:
                        if isinstance(small, cst.Return) and is_allow_value(self.ctx, small.value):
                            return small
        return None

    @staticmethod
    def _fix() -> str:
        return "Fail closed: on any error deny (return False / raise PermissionDenied) and log the failure without the token."
