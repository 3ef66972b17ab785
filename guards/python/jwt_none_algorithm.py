"""IDG108: a JWT accepted or minted with the `none` algorithm."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard
from .support.jwt import JWT_TRIGGERS, algorithms_arg, jwt_call, string_items
from .support.values import definition_site
from .support.walk import findall


class JwtNoneAlgorithm(PythonGuard):
    """
    ## What it does
    Finds JWT code that allows the unsigned `none` algorithm: `"none"` in the
    `algorithms=` list of a decode call (also when the list is built earlier),
    or a token encoded with `algorithm="none"` / an authlib header `{"alg": "none"}`.

    ## Why is this bad?
    A token with `alg: none` carries no signature. A verifier that accepts it
    trusts whatever subject, role and tenant the caller wrote; a minter that
    emits it produces tokens anyone can forge.

    ## Example
    ```python
    claims = jwt.decode(token, key, algorithms=["HS256", "none"])
    ```

    ## Use instead
    ```python
    claims = jwt.decode(token, key, algorithms=["RS256"], audience=AUDIENCE)
    ```
    """

    id = "IDG108"
    triggers = JWT_TRIGGERS  # every call this guard judges names a JWT library
    name = "jwt-none-algorithm"
    title = "JWT `none` algorithm allowed"
    fix_hint = 'Sign with a real algorithm and pin it on decode: `algorithms=["RS256"]` (never "none").'
    meta = GuardMeta(
        cwe=["CWE-327", "CWE-347"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["token"],
        urls=["https://datatracker.ietf.org/doc/html/rfc8725#section-3.1"],
        see_also=["RFC 8725 section 3.1"],
    )
    VALID = [
        Valid(
            """
            import jwt
            claims = jwt.decode(token, key, algorithms=["RS256"])
            """
        ),
        Valid(
            """
            import jwt as pyjwt
            ALGS = ["ES256", "RS256"]
            pyjwt.decode(t, k, algorithms=ALGS)
            """
        ),
        Valid(
            """
            import jwt
            token = jwt.encode({"sub": uid, "exp": exp}, key, algorithm="HS256")
            """
        ),
        Valid(
            """
            NONE_ALLOWED = False
            mode = "none"
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import jwt
            claims = jwt.decode(token, key, algorithms=["HS256", "none"])
            """,
            line=2,
        ),
        Invalid(
            """
            import jwt as pyjwt
            ALLOWED = ["RS256", "None"]

            def read(t, k):
                return pyjwt.decode(t, k, algorithms=ALLOWED)
            """,
            line=2,
        ),
        Invalid(
            """
            import jwt
            ACCEPTED = ("HS256", "none")

            def read(t, k):
                return jwt.decode(t, k, algorithms=list(ACCEPTED))
            """,
            line=2,
        ),
        Invalid(
            """
            from jwt import encode
            token = encode({"sub": "svc", "exp": exp}, None, algorithm="none")
            """,
            line=2,
        ),
        Invalid(
            """
            from jose import jwt
            claims = jwt.decode(token, key, algorithms="none")
            """,
            line=2,
        ),
        Invalid(
            """
            from authlib.jose import jwt
            token = jwt.encode({"alg": "none"}, {"sub": "svc", "exp": exp}, key)
            """,
            line=2,
        ),
        Invalid(
            """
            from authlib.jose import JsonWebToken
            jwt = JsonWebToken(["RS256", "none"])
            """,
            line=2,
        ),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        found = jwt_call(self.ctx, node)
        if found is None:
            func = node.func
            last = (
                func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            )
            if last == "JsonWebToken" or self.ctx.imports.get(last, "").endswith(".JsonWebToken"):
                # authlib: `JsonWebToken(["HS256", "none"])` accepts whatever algorithms it is built with
                algorithms = self.ctx.kwarg(node, "algorithms") or self.ctx.positional(node, 0)
                if (self.ctx.call_name(node) or "").startswith("authlib.") and self._allows_none(algorithms):
                    self.report(node, "This authlib JWT instance accepts `none`, so unsigned tokens verify.")
            return
        library, operation = found
        if operation in ("decode", "decode_complete"):
            algorithms = algorithms_arg(node)
            if self._allows_none(algorithms):
                self.report(node, "`none` is in the accepted JWT algorithms, so unsigned tokens verify.")
                inner = algorithms
                while (
                    isinstance(inner, cst.Call)
                    and isinstance(inner.func, cst.Name)
                    and inner.func.value in ("list", "tuple", "set", "sorted", "frozenset")
                    and inner.args
                ):
                    inner = inner.args[0].value  # `algorithms=list(ACCEPTED_ALGS)`
                constant = definition_site(self.ctx, inner)
                if constant is not None and self._allows_none(constant):
                    self.report(
                        constant,
                        "This algorithm list accepts `none`: tokens decoded with it need no signature.",
                    )
        elif operation == "encode":
            if library == "authlib":
                header = self.ctx.dict_items(self.ctx.kwarg(node, "header") or self.ctx.positional(node, 0)) or {}
                algorithm = self.ctx.string_value(header.get("alg"))
            else:
                algorithm = self.ctx.string_value(self.ctx.kwarg(node, "algorithm") or self.ctx.positional(node, 2))
            if algorithm is not None and algorithm.lower() == "none":
                self.report(node, "The token is minted unsigned (`alg: none`).")

    def _allows_none(self, algorithms: cst.BaseExpression | None, depth: int = 3) -> bool:
        """A "none" string anywhere in the allow-list expression: literals, names, `set | {"none"}`."""
        if any(v is not None and v.lower() == "none" for v in string_items(self.ctx, algorithms)):
            return True
        expr = self.ctx.resolve(algorithms)
        if expr is None or depth == 0:
            return False
        for string in findall(expr, cst.SimpleString):
            assert isinstance(string, cst.SimpleString)
            if str(string.evaluated_value).lower() == "none":
                return True
        return any(
            self._allows_none(name, depth - 1)
            for name in findall(expr, cst.Name)
            if isinstance(name, cst.Name) and name is not expr
        )
