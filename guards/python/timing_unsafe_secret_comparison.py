"""IDG120: a secret, token, signature or HMAC compared with `==` / `!=`."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard
from .support.secret_refs import direct_secret_name
from .support.values import function_returns, local_callee, resolve_in
from .support.words import expression_name, identifier_words

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
    (`hmac.new(...).hexdigest()`, also base64-encoded, prefixed or returned by
    a helper of the same file such as `_expected_signature(secret, body)`); a
    key read from the environment, a settings store or a request header counts
    even under a plain name (`os.environ["BILLING_SYNC_KEY"]`,
    `request.headers.get("x-sync-key")`). Comparing against `None`, a literal,
    a length, or names that only describe a token (`token_type == "Bearer"`)
    is fine, as are two passwords the same user typed
    (`new_password == current_password`) and ORM column expressions
    (`PasswordReset.token_hash == digest` is compared by the database). A stored
    digest of a password, PIN or secret (`user.password_hash`) counts: learnt through
    timing, it lets an attacker guess the secret offline. The digest of a random
    token (`token_hash`) does not.

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
        Valid(
            """
            if token_type == "Bearer":
                pass
            """
        ),
        Valid(
            """
            import hmac
            if hmac.compare_digest(provided_signature, expected_signature):
                pass
            """
        ),
        Valid(
            """
            if token is None or len(code) != 6:
                pass
            """
        ),
        Valid(
            """
            if stored.token_hash == hash_token(raw):
                pass
            """
        ),
        Valid(
            """
            if scheme.lower() != "bearer":
                pass
            """
        ),
        Valid(
            """
            if form.password.data != form.confirm_password.data:
                pass
            """
        ),
        Valid(
            """
            from oauthlib.oauth1 import SIGNATURE_TYPE_BODY
            if client.signature_type == SIGNATURE_TYPE_BODY:
                pass
            """
        ),
        Valid(
            """
            from .. import SIGNATURE_HMAC_SHA256
            if request.signature_method == SIGNATURE_HMAC_SHA256:
                pass
            """
        ),
        Valid(
            """
            def clean(cleaned):
                new_password = cleaned.get("new_password")
                if new_password == cleaned.get("current_password"):
                    raise ValueError("reuse")
            """
        ),
        Valid(
            """
            stmt = select(PasswordReset).where(PasswordReset.token_hash == digest)
            """
        ),
        Valid(
            """
            if user.password_hash is None or user.password_hash == "":
                pass
            """
        ),
        Valid(
            """
            stmt = select(User).where(User.password_hash == legacy_digest)
            """
        ),
        Valid(
            """
            def clean(data):
                current = data.get("current_password", "")
                new = data.get("new_password", "")
                if new == current:
                    raise ValueError("reuse")
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            if request.headers["X-Signature"] == expected_signature:
                pass
            """,
            line=1,
        ),
        Invalid(
            """
            def login(user, password):
                candidate = derive(password, bytes.fromhex(user.salt))
                if candidate.hex() != user.password_hash:
                    raise Unauthorized()
            """,
            line=3,
        ),
        Invalid(
            """
            if api_key != settings.INTERNAL_API_KEY:
                raise PermissionDenied()
            """,
            line=1,
        ),
        Invalid(
            """
            import hmac, hashlib
            if hmac.new(secret, body, hashlib.sha256).hexdigest() == sig:
                pass
            """,
            line=2,
        ),
        Invalid(
            """
            def verify_otp(user, code):
                return user.otp_code == code
            """,
            line=2,
        ),
        Invalid(
            """
            if provided_token.encode() == stored_token.encode():
                pass
            """,
            line=1,
        ),
        Invalid(
            """
            from .settings import ADMIN_TOKEN
            if request.headers.get('X-Admin-Token') == ADMIN_TOKEN:
                pass
            """,
            line=2,
        ),
        Invalid(
            """
            import hmac, hashlib

            def _expected(secret, body):
                return hmac.new(secret, body, hashlib.sha256).hexdigest()

            def hook(parts, body):
                expected = _expected(SECRET, body)
                if parts.get("v1") != expected:
                    abort(400)
            """,
            line=8,
        ),
        Invalid(
            """
            import os
            BILLING_SYNC_KEY = os.environ["BILLING_SYNC_KEY"]

            def sync(request):
                provided = request.headers.get("x-sync-key", "")
                if provided != BILLING_SYNC_KEY:
                    abort(403)
            """,
            line=6,
        ),
    ]

    def _is_hmac(self, expr: cst.BaseExpression, fn: cst.FunctionDef | None = None, depth: int = 3) -> bool:
        """An HMAC digest: `hmac.new(...).hexdigest()`, also base64-encoded, prefixed (`"sha256=" + ...`),
        through a variable, or returned by a helper of this file (`_expected_signature(secret, body)`)."""
        if depth == 0:
            return False
        if isinstance(expr, cst.Name):
            resolved = resolve_in(self.ctx, fn, expr) if fn is not None else self.ctx.resolve(expr)
            if resolved is None or resolved is expr:
                return False
            expr = resolved
        if isinstance(expr, cst.Call):
            name = self.ctx.call_name(expr) or ""
            if name == "hmac.digest":
                return True
            func = expr.func
            if isinstance(func, cst.Attribute) and func.attr.value in ("hexdigest", "digest"):
                inner = func.value
                return isinstance(inner, cst.Call) and (self.ctx.call_name(inner) or "") in _HMAC_CALLS
            if (
                isinstance(func, cst.Attribute)
                and func.attr.value in ("decode", "encode", "lower", "upper", "hex")
                or name.startswith(("base64.", "binascii."))
            ):
                target = (
                    expr.args[0].value
                    if expr.args
                    and not isinstance(func, cst.Attribute)
                    or name.startswith(("base64.", "binascii."))
                    and expr.args
                    else func.value
                    if isinstance(func, cst.Attribute)
                    else None
                )
                return target is not None and self._is_hmac(target, fn, depth - 1)
            helper = local_callee(self.ctx, expr)
            if helper is not None:
                return any(self._is_hmac(r, helper, depth - 1) for r in function_returns(helper))
            return False
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            return self._is_hmac(expr.left, fn, depth - 1) or self._is_hmac(expr.right, fn, depth - 1)
        if isinstance(expr, cst.FormattedString):
            return any(
                self._is_hmac(p.expression, fn, depth - 1)
                for p in expr.parts
                if isinstance(p, cst.FormattedStringExpression)
            )
        return False

    def _origin(self, expr: cst.BaseExpression) -> cst.BaseExpression:
        """A local name's value when it was read from the user's input (`data.get("new_password", "")`)."""
        if isinstance(expr, cst.Name):
            origin = self.ctx.resolve(expr, depth=1)
            if isinstance(origin, (cst.Call, cst.Subscript)):
                return origin
        return expr

    def _secret_name(self, expr: cst.BaseExpression) -> str | None:
        """The secret a side carries, by its own name or, for a plain variable, by where it came from
        (`presented = request.headers.get("X-API-Key")`). Names bound to a literal, and upper-case
        protocol constants such as `SIGNATURE_TYPE_BODY` or `SIGNATURE_HMAC_SHA256`, are not secrets."""
        if isinstance(expr, cst.Name) and (
            self._is_constant(self.ctx.resolve(expr) or expr)
            or expr.value.isupper()
            and _PROTOCOL_CONSTANT_WORDS & set(identifier_words(expr.value))
        ):
            return None
        if (
            isinstance(expr, cst.Attribute)
            and expr.attr.value.isupper()
            and _PROTOCOL_CONSTANT_WORDS & set(identifier_words(expr.attr.value))
        ):
            return None  # `OneLogin_Saml2_Constants.CM_BEARER`
        name = direct_secret_name(expr, _KINDS) or self._key_by_origin(expr)
        if name is None and isinstance(expr, cst.Name):
            origin = self.ctx.resolve(expr, depth=1)
            if origin is not None and origin is not expr and not self._is_constant(origin):
                name = direct_secret_name(origin, _KINDS) or self._key_by_origin(origin, expr.value)
        return name

    def _key_by_origin(self, expr: cst.BaseExpression, bound_to: str | None = None) -> str | None:
        """`os.environ["BILLING_SYNC_KEY"]`, `request.headers.get("x-sync-key")`: a key read from the
        environment, a settings store or a request header, though `sync_key` alone is not a known secret name."""
        name = expression_name(expr)
        if name is None or not isinstance(expr, (cst.Subscript, cst.Call, cst.Attribute)):
            return None
        words = identifier_words(name.replace("-", "_"))
        if not words or words[-1] not in ("key", "keys", "token", "secret", "signature", "sig"):
            return None
        source = (
            self.ctx.qualname(expr.value if isinstance(expr, (cst.Subscript, cst.Attribute)) else expr.func) or ""
        ).lower()
        if any(
            marker in source for marker in ("environ", "getenv", "headers", "settings", "config", "secrets", "vault")
        ):
            return bound_to or name
        return None

    @staticmethod
    def _is_constant(expr: cst.BaseExpression) -> bool:
        if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float)):
            return True
        if isinstance(expr, cst.Name) and expr.value in ("None", "True", "False"):
            return True
        return (
            isinstance(expr, cst.Call)
            and isinstance(expr.func, cst.Name)
            and expr.func.value in ("len", "bool", "type")
        )

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, (cst.Equal, cst.NotEqual)):
            return
        left, right = node.left, node.comparisons[0].comparator
        if self._is_constant(left) or self._is_constant(right) or _column(left) or _column(right):
            return  # `PasswordReset.token_hash == digest` builds a SQL expression; the database compares
        function = self.ctx.current_function if isinstance(self.ctx.current_function, cst.FunctionDef) else None
        secret = (
            self._secret_name(left)
            or self._secret_name(right)
            or ("an HMAC digest" if self._is_hmac(left, function) or self._is_hmac(right, function) else None)
            or _stored_low_entropy_hash(left)
            or _stored_low_entropy_hash(right)
        )
        words = set(identifier_words(self.ctx.source(node)))
        # `new = data.get("new_password")` ... `if new == current:` is judged by what the names hold
        left, right = self._origin(left), self._origin(right)
        words |= set(identifier_words(self.ctx.source(left))) | set(identifier_words(self.ctx.source(right)))
        if secret is not None and _two_passwords_typed(left, right, words):
            return  # `new_password == cleaned.get("current_password")`: both typed by the same user
        typed_twice = (
            (_USER_SUPPLIED_PAIRS - {"1", "2"}) & words or {"1", "2"} <= words or _numbered_pair(self.ctx, left, right)
        )
        if secret is not None and not typed_twice:
            # (`password != confirm_password`: two values the same user typed, nothing to leak)
            self.report(
                node,
                f"`{secret}` is compared with `{'==' if isinstance(node.comparisons[0].operator, cst.Equal) else '!='}`, "
                "which leaks through timing how much of it matched.",
                fix="Compare with `hmac.compare_digest(a, b)` (or `secrets.compare_digest`).",
            )


_LOW_ENTROPY_SECRET_WORDS = frozenset({"password", "passwd", "pwd", "pin", "passcode", "passphrase", "secret"})
_HASH_WORDS = frozenset({"hash", "hashed", "digest"})


def _stored_low_entropy_hash(expr: cst.BaseExpression) -> str | None:
    """A stored digest of a password, PIN or secret (`user.password_hash`, `key.secret_hash`): whoever learns it
    through timing can guess the secret offline. A random token's digest (`token_hash`) reveals nothing useful."""
    if not isinstance(expr, (cst.Attribute, cst.Subscript)):
        return None
    name = expression_name(expr)
    words = set(identifier_words(name)) if name else set()
    if words & _HASH_WORDS and words & _LOW_ENTROPY_SECRET_WORDS:
        return name
    return None


def _column(expr: cst.BaseExpression) -> bool:
    """`Model.column`: an ORM column of a class (CamelCase name), compared in SQL, not in Python."""
    return (
        isinstance(expr, cst.Attribute)
        and isinstance(expr.value, cst.Name)
        and expr.value.value[:1].isupper()
        and not expr.value.value.isupper()
        and "_" not in expr.value.value
    )


_NEW_AND_CURRENT = frozenset({"new", "current", "old", "previous"})


def _two_passwords_typed(left: cst.BaseExpression, right: cst.BaseExpression, words: set[str]) -> bool:
    """Both sides are passwords the user typed (`new_password`, `current_password`), neither a stored one."""
    if not words & _NEW_AND_CURRENT:
        return False
    for side in (left, right):
        name = direct_secret_name(side, frozenset({"password"}))
        if (
            name is None
            or isinstance(side, cst.Attribute)
            and expression_name(side.value) in ("user", "account", "self", "record")
        ):
            return False
    return True


def _numbered_pair(ctx, left: cst.BaseExpression, right: cst.BaseExpression) -> bool:
    """`password != password2`, `pin1 == pin2`: the same field typed twice."""
    left_words, right_words = set(identifier_words(ctx.source(left))), set(identifier_words(ctx.source(right)))
    digits = {w for w in left_words | right_words if w.isdigit()}
    return bool(digits) and left_words - digits == right_words - digits
