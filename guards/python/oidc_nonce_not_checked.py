"""IDG143: an OIDC ID token accepted without checking the `nonce` the login sent."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.words import callee_name, file_cache, node_words, nodes_in
from .support.guard import PythonGuard
from .support.words import identifier_words

_VALIDATOR_WORDS = frozenset({"validate", "verify", "check", "compare", "digest", "parse", "decode"})
_DECODE_ENDINGS = ("decode", "decode_complete", "parse_id_token", "verify_id_token", "verify_oauth2_token")


class OidcNonceNotChecked(PythonGuard):
    """
    ## What it does
    Finds OIDC relying-party code that sends a `nonce` in the authorization
    request but decodes or verifies the returned ID token in a function where
    neither it nor its callers compare the nonce: no `claims["nonce"]`
    comparison, no `compare_digest`, no `nonce=` passed to `parse_id_token(...)`
    or a claims validator. A decode helper nobody in the module calls is
    accepted when the module checks the nonce somewhere. The finding is on the
    `def` line of the function that lacks the check.

    ## Why is this bad?
    The nonce binds the ID token to the login that the browser started. If it
    is generated but never checked, an ID token stolen or injected from another
    login is replayed and accepted.

    ## Example
    ```python
    def handle_id_token(raw):
        return jwt.decode(raw, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUER)
    ```

    ## Use instead
    ```python
    def handle_id_token(raw, expected_nonce):
        claims = jwt.decode(raw, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUER)
        if not secrets.compare_digest(claims.get("nonce", ""), expected_nonce):
            raise AuthError("nonce mismatch")
        return claims
    ```
    """

    id = "IDG143"
    name = "oidc-nonce-not-checked"
    title = "OIDC nonce sent but not checked"
    fix_hint = "Store the nonce with the login state and reject the ID token unless `claims['nonce']` equals it (constant-time compare)."
    meta = GuardMeta(
        cwe=["CWE-294"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.AA-03"],
        likelihood="low",
        impact="high",
        confidence="medium",
        categories=["sso"],
        urls=["https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation"],
        see_also=["OpenID Connect Core 1.0 section 3.1.3.7 step 11"],
    )
    # A file in which no name or string mentions a nonce sends none, so it has none to check.
    triggers = ("nonce",)
    VALID = [
        Valid(
            """
            import jwt, secrets

            def start(session):
                session["nonce"] = secrets.token_urlsafe(16)

            def finish(session, id_token):
                claims = jwt.decode(id_token, KEY, algorithms=["RS256"], audience=CID)
                if claims["nonce"] != session.pop("nonce"):
                    raise ValueError("nonce")
                return claims
            """
        ),
        Valid(
            """
            def finish(session, token):
                return oauth.oidc.parse_id_token(token, nonce=session.pop("nonce"))

            def start():
                return {"nonce": make_nonce()}
            """
        ),
        Valid(
            """
            import jwt

            def read_access_token(raw):
                return jwt.decode(raw, KEY, algorithms=["RS256"], audience=API)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import jwt, secrets

            def start(session):
                session["nonce"] = secrets.token_urlsafe(16)

            def finish(id_token):
                return jwt.decode(id_token, KEY, algorithms=["RS256"], audience=CID)
            """,
            line=6,
        ),
        Invalid(
            """
            def login_url():
                return build_url(AUTHZ, nonce=new_nonce(), response_type="code")

            def callback(tokens):
                claims = verify_id_token(tokens["id_token"], audience=CID)
                return claims["sub"]
            """,
            line=4,
        ),
        Invalid(
            """
            import jwt
            AUTH_PARAMS = {"scope": "openid", "nonce": None}

            def on_callback(resp):
                raw = resp["id_token"]
                return jwt.decode(raw, KEY, algorithms=["RS256"], audience=CID)
            """,
            line=4,
        ),
    ]

    def _checks_nonce(self, scope: cst.CSTNode) -> bool:
        """A nonce comparison, a `compare_digest`/validator call given the nonce, or a claims validator."""
        key = ("nonce-checked", id(scope))
        cache = file_cache(self.ctx)
        if key not in cache:
            checked = any("nonce" in node_words(self.ctx, c) for c in nodes_in(scope, cst.Comparison))
            for call in nodes_in(scope, cst.Call):
                if checked:
                    break
                words = set(identifier_words(callee_name(call.func)))
                if words & _VALIDATOR_WORDS and ("nonce" in node_words(self.ctx, call) or "claims" in words):
                    checked = True
            cache[key] = checked
        return bool(cache[key])

    def _callers(self, name: str) -> list[cst.FunctionDef]:
        return [
            fn
            for fn in nodes_in(self.ctx.module, cst.FunctionDef)
            if any(callee_name(c.func) == name for c in nodes_in(fn.body, cst.Call))
        ]

    def _nonce_unchecked(self, fn: cst.FunctionDef) -> bool:
        """The module sends a nonce, and neither this function nor its callers check it.
        A helper nobody in the module calls is judged by the module: any nonce check there counts."""
        module = self.ctx.module
        if "nonce" not in node_words(self.ctx, module) or self._checks_nonce(fn.body):
            return False
        callers = self._callers(fn.name.value)
        if callers:
            return not any(self._checks_nonce(caller.body) for caller in callers)
        return not self._checks_nonce(module)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        decodes = []
        for call in nodes_in(node.body, cst.Call):
            name = self.ctx.call_name(call) or ""
            if name.endswith(_DECODE_ENDINGS) and call.args:
                decodes.append(call)
        if not decodes or not self._nonce_unchecked(node):
            return
        for call in decodes:
            first = call.args[0].value
            values = [first, *[v for v in self.ctx.resolve_all(first) if v is not None]]
            if any(_is_id_token(node_words(self.ctx, v)) for v in values):
                # A missing check belongs to the function: it is reported on the `def` line.
                line = self.get_metadata(PositionProvider, call).start.line
                self.report(
                    node.name,
                    f"The ID token decoded on line {line} is accepted without comparing its `nonce` with the one this login sent.",
                )
                return


def _is_id_token(words: set[str]) -> bool:
    return "id" in words and "token" in words or "idtoken" in words
