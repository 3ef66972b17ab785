"""IDG101: a JWT decoded without verifying its signature."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.guard import PythonGuard
from .support.jwt import jwt_call
from .support.values import bind_arguments, call_sites, definition_site, parameter_names, parent_map, value_uses
from .support.walk import walk
from .support.words import identifier_words

_DECODERS = {
    "jwt.decode",
    "jwt.decode_complete",
    "jwt.api_jwt.decode",
    "jwt.PyJWT.decode",
    "jwt.api_jwt.PyJWT.decode",
    "jose.jwt.decode",
    "jose.jwt.get_unverified_claims",
    "jwt.get_unverified_claims",
}
_OPERATIONS = {"decode", "decode_complete", "get_unverified_claims"}
_ALWAYS_UNVERIFIED = {"jose.jwt.get_unverified_claims", "jwt.get_unverified_claims"}
# Claims and header fields read to choose the issuer's keys before the verified decode.
_ROUTING_CLAIMS = frozenset(
    {"iss", "kid", "alg", "typ", "tid", "aud", "azp", "client_id", "jku", "x5t", "cty", "tenant", "tenant_id", "issuer"}
)
_SAYS_UNVERIFIED = frozenset({"unverified", "insecure", "untrusted", "unsafe", "unchecked"})
_DISPLAY_WORDS = frozenset({"describe", "inspect", "explain", "display", "show", "peek", "debug", "dump", "introspect"})


class JwtUnverifiedDecode(PythonGuard):
    """
    ## What it does
    Finds JWTs decoded with signature verification turned off: PyJWT's
    `options={"verify_signature": False}` (also when the options dict is built
    earlier; a module-level options constant is reported too), the old
    `verify=False` argument, python-jose's `get_unverified_claims`, and
    itsdangerous `loads_unsafe()`. An unverified decode whose result is only
    read for `iss`/`kid`/`alg` before a verified decode of the same token is
    fine; one in a function that says so (`get_unverified_claims`) or only
    displays the claims (`describe_token`) is reported as low.

    ## Why is this bad?
    Without signature verification anyone can mint a token with any subject,
    role or tenant, and the code will trust it. This is full authentication
    bypass.

    ## Example
    ```python
    claims = jwt.decode(token, options={"verify_signature": False})
    ```

    ## Use instead
    ```python
    claims = jwt.decode(token, key, algorithms=["RS256"], audience=AUDIENCE, issuer=ISSUER)
    ```
    """

    id = "IDG101"
    # Every call this guard judges names a JWT library.
    triggers = ("jwt", "jose", "jsonwebtoken", "loads_unsafe")
    name = "jwt-unverified-decode"
    title = "JWT decoded without signature verification"
    fix_hint = 'Verify the token: `jwt.decode(token, key, algorithms=["RS256"], audience=..., issuer=...)`.'
    meta = GuardMeta(
        cwe=["CWE-347"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["token"],
    )
    VALID = [
        Valid(
            """
            import jwt
            claims = jwt.decode(token, key, algorithms=["RS256"], audience="api")
            """
        ),
        Valid(
            """
            import jwt as pyjwt
            opts = {"verify_signature": True, "require": ["exp"]}
            pyjwt.decode(t, k, algorithms=["HS256"], options=opts)
            """
        ),
        Valid(
            """
            from jwt import decode
            claims = decode(token, key, algorithms=["ES256"])
            """
        ),
        Valid(
            """
            import json
            data = json.decode(blob)
            """
        ),
        Valid(
            """
            import jwt

            def verify(token):
                unverified = jwt.decode(token, options={"verify_signature": False})
                key = keys_for(unverified.get("iss"))
                return jwt.decode(token, key, algorithms=["RS256"], audience=AUD)
            """
        ),
        Valid(
            """
            import jwt

            def _issuer_hint(token):
                unverified = jwt.decode(token, options={"verify_signature": False})
                return unverified.get("iss", "")

            def validate(token):
                key = keys_for(_issuer_hint(token))
                return jwt.decode(token, key, algorithms=["RS256"], audience=AUD)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import jwt
            claims = jwt.decode(token, options={"verify_signature": False})
            """,
            line=2,
        ),
        Invalid(
            """
            import jwt as pyjwt
            opts = {"verify_signature": False}

            def read(t):
                return pyjwt.decode(t, options=opts)
            """,
            line=2,
        ),
        Invalid(
            """
            from jwt import decode as d
            claims = d(token, key, verify=False)
            """,
            line=2,
        ),
        Invalid(
            """
            import jwt
            claims = jwt.decode(token, None, False)
            """,
            line=2,
        ),
        Invalid(
            """
            from jose import jwt
            claims = jwt.get_unverified_claims(token)
            """,
            line=2,
        ),
        Invalid(
            """
            import jwt
            claims = jwt.decode_complete(token, options=dict(verify_signature=False))
            """,
            line=2,
        ),
        Invalid(
            """
            from jwt import PyJWT
            claims = PyJWT().decode(token, key, algorithms=["HS256"], options={"verify_signature": False})
            """,
            line=2,
        ),
        Invalid(
            """
            import jwt

            def verify(token):
                claims = jwt.decode(token, options={"verify_signature": False})
                jwt.decode(token, key_for(claims["iss"]), algorithms=["RS256"])
                return claims
            """,
            line=4,
        ),
        Invalid(
            """
            from itsdangerous import URLSafeSerializer
            ok, payload = URLSafeSerializer(SECRET).loads_unsafe(token)
            """,
            line=2,
        ),
        Invalid(
            """
            import jwt

            def _tenant_hint(token):
                unverified = jwt.decode(token, options={"verify_signature": False})
                return unverified["tid"]

            def tenant_of(token):
                return _tenant_hint(token)
            """,
            line=4,
        ),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "loads_unsafe":
            self._check_loads_unsafe(node)
            return
        name = self.ctx.call_name(node)
        found = jwt_call(self.ctx, node)  # also PyJWT()/PyJWS() instances and aliases
        if name not in _DECODERS and (found is None or found[1] not in _OPERATIONS):
            return
        constant_element: cst.CSTNode | None = None
        if name in _ALWAYS_UNVERIFIED or found is not None and found[1] == "get_unverified_claims":
            message = "Token claims are read without verifying the signature."
        else:
            third = self.ctx.positional(node, 2)  # PyJWT 1.x: decode(token, key, verify)
            options_expr = self.ctx.kwarg(node, "options")
            options = self.ctx.dict_items(options_expr)
            if self.ctx.bool_value(self.ctx.kwarg(node, "verify")) is False or (
                isinstance(third, cst.Name) and third.value == "False"
            ):
                message = "`verify=False` turns off JWT signature verification."
            elif options and self.ctx.bool_value(options.get("verify_signature")) is False:
                message = '`options={"verify_signature": False}` turns off JWT signature verification.'
                constant = definition_site(self.ctx, options_expr)
                if isinstance(constant, cst.Dict):
                    constant_element = _element(self.ctx, constant, "verify_signature") or constant
            else:
                return
        function = self.ctx.current_function if isinstance(self.ctx.current_function, cst.FunctionDef) else None
        if function is not None and self._only_routes_to_verified_decode(node, function):
            return  # reads `iss`/`kid` to pick the key; the verified decode below is what is trusted
        severity = None
        words = set(identifier_words(function.name.value)) if function is not None else set()
        if words & _SAYS_UNVERIFIED:
            message += " The function's name says so; its callers must not trust these claims."
            severity = Severity.low
        elif words & _DISPLAY_WORDS:
            message += " They are only shown here; never authenticate with them."
            severity = Severity.low
        self.report(node, message, severity=severity)
        if constant_element is not None:
            self.report(
                constant_element,
                "These decode options turn off JWT signature verification.",
                severity=severity,
            )

    def _check_loads_unsafe(self, node: cst.Call) -> None:
        """itsdangerous `serializer.loads_unsafe(token)` returns the payload whether or not the signature holds."""
        if not self.ctx.imported_module("itsdangerous"):
            return
        self.report(
            node,
            "`loads_unsafe()` returns the payload even when the signature is wrong; trusting it is trusting the sender.",
            fix="Use `serializer.loads(token, max_age=...)` and handle `BadSignature`.",
        )

    def _only_routes_to_verified_decode(self, node: cst.Call, function: cst.FunctionDef) -> bool:
        """`unverified = jwt.decode(token, options={"verify_signature": False})`, used only for `iss`,
        `kid`, `alg`... to choose the issuer or key, followed by a verified decode of the same token: in
        this function, or, for a helper such as `def _issuer_hint(token): ... return unverified["iss"]`,
        in every function of this file that calls it."""
        token = self.ctx.positional(node, 0) or self.ctx.kwarg(node, "jwt") or self.ctx.kwarg(node, "token")
        if token is None or not self._only_routing_reads(node, function):
            return False
        if self._verified_decode_of(function, self.ctx.source(token), after=node):
            return True
        if not isinstance(token, cst.Name) or token.value not in parameter_names(function):
            return False
        sites = call_sites(self.ctx, function)
        if not sites:
            return False
        for call, caller in sites:
            argument = bind_arguments(function, call).get(token.value)
            if caller is None or argument is None or not self._verified_decode_of(caller, self.ctx.source(argument)):
                return False
        return True

    def _verified_decode_of(
        self, function: cst.FunctionDef, token_source: str, after: cst.CSTNode | None = None
    ) -> bool:
        """Whether `function` decodes the token spelled `token_source` with a key and the signature checked
        (after the node `after`, when given)."""
        started = after is None
        for call in walk(function.body, into_scopes=False):
            if call is after:
                started = True
                continue
            if not started or type(call) is not cst.Call:
                continue
            other = jwt_call(self.ctx, call)
            first = self.ctx.positional(call, 0)
            if (
                other is not None
                and other[1] in ("decode", "decode_complete")
                and first is not None
                and self.ctx.source(first) == token_source
            ):
                options = self.ctx.dict_items(self.ctx.kwarg(call, "options")) or {}
                if (
                    self.ctx.bool_value(options.get("verify_signature")) is not False
                    and self.ctx.positional(call, 1) is not None
                ):
                    return True
        return False

    def _only_routing_reads(self, node: cst.Call, function: cst.FunctionDef) -> bool:
        """The decoded claims are only read for routing keys (`claims["iss"]`, `claims.get("kid")`)."""
        parents = parent_map(self.ctx, function)
        reads: list[cst.CSTNode] = [node]
        for use in value_uses(self.ctx, node, function, depth=0):
            if use.kind == "assign" and isinstance(use.node, cst.Name):
                reads = [
                    n
                    for n in walk(function.body, into_scopes=False)
                    if type(n) is cst.Name and n.value == use.node.value and n is not use.node
                ]
            elif use.kind != "other":
                return False  # returned, passed on or stored whole
        return all(_routing_read(self.ctx, read, parents) for read in reads)


def _routing_read(ctx, read: cst.CSTNode, parents: dict[int, cst.CSTNode]) -> bool:
    """`claims["iss"]` or `claims.get("kid")`: a read of a key used to pick the issuer or signing key."""
    parent = parents.get(id(read))
    if isinstance(parent, cst.Subscript) and parent.value is read and len(parent.slice) == 1:
        index = parent.slice[0].slice
        return isinstance(index, cst.Index) and ctx.string_value(index.value) in _ROUTING_CLAIMS
    if isinstance(parent, cst.Attribute) and parent.value is read and parent.attr.value == "get":
        call = parents.get(id(parent))
        return (
            isinstance(call, cst.Call) and bool(call.args) and ctx.string_value(call.args[0].value) in _ROUTING_CLAIMS
        )
    return False


def _element(ctx, node: cst.Dict, key: str) -> cst.DictElement | None:
    for element in node.elements:
        if isinstance(element, cst.DictElement) and ctx.string_value(element.key) == key:
            return element
    return None
