"""IDG120: a secret, token, signature or HMAC compared with `==` / `!=`."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta
from ..python_support import PythonGuard, identifier_words
from ._secret_refs import direct_secret_name

_KINDS = frozenset({"token", "password", "secret", "api_key", "key", "signature", "code", "credential"})
_HMAC_CALLS = frozenset({"hmac.new", "hmac.HMAC", "hmac.digest"})
_PROTOCOL_CONSTANT_WORDS = frozenset({"rsa", "sha", "plaintext", "type", "method", "body", "query", "header", "bearer"})
_USER_SUPPLIED_PAIRS = frozenset(
    {"confirm", "confirmation", "confirmed", "repeat", "repeated", "again", "retype", "old", "previous", "1", "2"}
)


class TimingUnsafeSecretComparison(PythonGuard):
    """
    ## What it does
    Finds `==` / `!=` comparisons where one side is a secret: a token, API
    key, password, one-time code, webhook signature, or an HMAC digest
    (`hmac.new(...).hexdigest()`). Comparing against `None`, a literal,
    a length, or names that only describe a token (`token_type == "Bearer"`)
    is fine.

    ## Why is this bad?
    `==` stops at the first differing byte, so the response time tells an
    attacker how many leading characters were right; a signature or API key
    can be recovered byte by byte. `hmac.compare_digest` takes the same time
    whatever the input.

    ## Example
    ```python
    if request.headers["X-Signature"] == expected_signature:
        ...
    ```

    ## Use instead
    ```python
    if hmac.compare_digest(request.headers["X-Signature"], expected_signature):
        ...
    ```

    ## References
    CWE-208 Observable Timing Discrepancy; OWASP NHI2.
    """

    id = "IDG120"
    name = "timing-unsafe-secret-comparison"
    title = "Timing-unsafe comparison of a secret"
    meta = GuardMeta(
        cwe=["CWE-208"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["token", "api_key", "secrets"],
    )
    VALID = [
        'if token_type == "Bearer":\n    pass\n',
        "import hmac\nif hmac.compare_digest(provided_signature, expected_signature):\n    pass\n",
        "if token is None or len(code) != 6:\n    pass\n",
        "if stored.token_hash == hash_token(raw):\n    pass\n",
        'if scheme.lower() != "bearer":\n    pass\n',
        "if form.password.data != form.confirm_password.data:\n    pass\n",
        "from oauthlib.oauth1 import SIGNATURE_TYPE_BODY\nif client.signature_type == SIGNATURE_TYPE_BODY:\n    pass\n",
        "from .. import SIGNATURE_HMAC_SHA256\nif request.signature_method == SIGNATURE_HMAC_SHA256:\n    pass\n",
    ]
    INVALID = [
        'if request.headers["X-Signature"] == expected_signature:\n    pass\n',
        "if api_key != settings.INTERNAL_API_KEY:\n    raise PermissionDenied()\n",
        "import hmac, hashlib\nif hmac.new(secret, body, hashlib.sha256).hexdigest() == sig:\n    pass\n",
        "def verify_otp(user, code):\n    return user.otp_code == code\n",
        "if provided_token.encode() == stored_token.encode():\n    pass\n",
        "from .settings import ADMIN_TOKEN\nif request.headers.get('X-Admin-Token') == ADMIN_TOKEN:\n    pass\n",
    ]

    def _is_hmac(self, expr: cst.BaseExpression) -> bool:
        expr = self.ctx.resolve(expr) or expr
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value in ("hexdigest", "digest"):
            inner = expr.func.value
            return isinstance(inner, cst.Call) and (self.ctx.call_name(inner) or "") in _HMAC_CALLS
        return isinstance(expr, cst.Call) and (self.ctx.call_name(expr) or "") == "hmac.digest"

    def _secret_name(self, expr: cst.BaseExpression) -> str | None:
        """The secret a side carries, by its own name or, for a plain variable, by where it came from
        (`presented = request.headers.get("X-API-Key")`). Names bound to a literal, and upper-case
        protocol constants such as `SIGNATURE_TYPE_BODY` or `SIGNATURE_HMAC_SHA256`, are not secrets."""
        if isinstance(expr, cst.Name) and (
            self._is_constant(self.ctx.resolve(expr) or expr)
            or expr.value.isupper() and _PROTOCOL_CONSTANT_WORDS & set(identifier_words(expr.value))
        ):
            return None
        name = direct_secret_name(expr, _KINDS)
        if name is None and isinstance(expr, cst.Name):
            origin = self.ctx.resolve(expr, depth=1)
            if origin is not None and origin is not expr and not self._is_constant(origin):
                name = direct_secret_name(origin, _KINDS)
        return name

    @staticmethod
    def _is_constant(expr: cst.BaseExpression) -> bool:
        if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float)):
            return True
        if isinstance(expr, cst.Name) and expr.value in ("None", "True", "False"):
            return True
        return isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value in ("len", "bool", "type")

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, (cst.Equal, cst.NotEqual)):
            return
        left, right = node.left, node.comparisons[0].comparator
        if self._is_constant(left) or self._is_constant(right):
            return
        secret = (
            self._secret_name(left)
            or self._secret_name(right)
            or ("an HMAC digest" if self._is_hmac(left) or self._is_hmac(right) else None)
        )
        if secret is not None and not _USER_SUPPLIED_PAIRS & set(identifier_words(self.ctx.source(node))):
            # (`password != confirm_password`: two values the same user typed, nothing to leak)
            self.report(
                node,
                f"`{secret}` is compared with `{'==' if isinstance(node.comparisons[0].operator, cst.Equal) else '!='}`, "
                "which leaks through timing how much of it matched.",
                fix="Compare with `hmac.compare_digest(a, b)` (or `secrets.compare_digest`).",
            )
