"""IDG135: an authorization or verification error that grants access (`except: return True`)."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta
from ..python_flow import callee_name, handler_is_broad, handler_swallows, is_allow_value, is_auth_decision_function, nodes_in, returns_allow
from ..python_support import PythonGuard, identifier_words

_VERIFY_WORDS = frozenset({"verify", "validate", "decode", "check", "authenticate", "authorize", "evaluate", "enforce", "introspect"})


class AuthzFailOpenException(PythonGuard):
    """
    ## What it does
    Finds access decisions that fail open: an exception handler that returns
    `True` / `ALLOW` in a function named like `authorize`, `check_permission`,
    `has_access`, `verify_token`, `is_allowed` or `can_*`; and a broad
    `except` (bare, `Exception`) around a verify/decode/check call that only
    passes or logs, after which the function returns success.

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
    ]
    INVALID = [
        'def has_access(user, resource):\n    try:\n        return policy_client.check(user.id, resource.id)\n    except Exception:\n        return True\n',
        'def authorize(request):\n    try:\n        claims = verify(request.headers["Authorization"])\n        return "admin" in claims["roles"]\n    except:\n        return True\n',
        'def check_signature(payload, sig):\n    try:\n        verify_hmac(payload, sig)\n    except Exception:\n        logger.warning("signature check failed")\n    return True\n',
        'def can_edit(user, doc):\n    try:\n        return opa.evaluate("docs/edit", {"user": user.id, "doc": doc.id})\n    except TimeoutError:\n        return Decision.ALLOW\n',
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        auth = is_auth_decision_function(node)
        for try_node in self._own(node, cst.Try):
            for handler in try_node.handlers:
                ret = returns_allow(self.ctx, handler.body) if auth else None
                if ret is not None:
                    self.report(handler, "The exception handler grants access: an error in the check means 'allowed'.", fix=self._fix())
                    continue
                if handler_is_broad(handler) and handler_swallows(handler) and self._verifies(try_node.body):
                    after = self._returns_allow_after(node, try_node)
                    if after is not None:
                        self.report(handler, "A failed verification is swallowed and the function then reports success.", fix=self._fix())

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
