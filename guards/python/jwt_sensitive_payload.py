"""IDG114: passwords, secrets or regulated personal data put into a JWT payload."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard
from .support.jwt import JWT_TRIGGERS, jwt_call, keys_added_later, payload_arg
from .support.words import identifier_words, secret_kind

_REGULATED = frozenset({"ssn", "cvv", "cvc", "iban", "pan"})
_CARD_DETAIL_TAILS = frozenset({"last4", "brand", "type", "id", "expiry", "exp", "country", "holder"})


def sensitive_claim(key: str) -> bool:
    words = identifier_words(key)
    if not words:
        return False
    if _REGULATED.intersection(words) or ("social" in words and "security" in words):
        return True
    if "card" in words and ("number" in words or words[-1] == "card") and words[-1] not in _CARD_DETAIL_TAILS:
        return True
    return secret_kind(key) in {"password", "secret", "api_key", "key", "credential"}


class JwtSensitivePayload(PythonGuard):
    """
    ## What it does
    Finds JWTs minted with passwords, secrets, API keys, private keys or
    regulated personal data (SSN, card numbers) among their claims, in the
    payload literal, a payload dict built earlier, or keys added to it later.

    ## Why is this bad?
    A JWT payload is only base64url-encoded, not encrypted. Every client,
    proxy, log line and browser storage that sees the token can read it, and
    tokens outlive the request they were made for.

    ## Example
    ```python
    token = jwt.encode({"sub": user.id, "password": password, "exp": exp}, key, algorithm="HS256")
    ```

    ## Use instead
    ```python
    token = jwt.encode({"sub": str(user.id), "exp": exp}, key, algorithm="HS256")
    ```
    """

    id = "IDG114"
    triggers = JWT_TRIGGERS  # every call this guard judges names a JWT library
    name = "jwt-sensitive-payload"
    title = "Sensitive data in a JWT payload"
    meta = GuardMeta(
        cwe=["CWE-312", "CWE-359"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-02"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["token", "secrets"],
        see_also=["RFC 8725 section 3.6"],
    )
    VALID = [
        Valid(
            """
            import jwt
            token = jwt.encode({"sub": uid, "exp": exp, "password_changed_at": ts}, key, algorithm="HS256")
            """
        ),
        Valid(
            """
            import jwt
            payload = {"sub": uid, "scope": "read", "exp": exp, "card_last4": last4}
            jwt.encode(payload, key, algorithm="RS256")
            """
        ),
        Valid(
            """
            import jwt
            token = jwt.encode({"sub": uid, "exp": exp, "token_type": "refresh"}, key, algorithm="HS256")
            """
        ),
        Valid(
            """
            record = {"password": pw}
            save(record)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import jwt
            token = jwt.encode({"sub": uid, "password": password, "exp": exp}, key, algorithm="HS256")
            """,
            line=2,
        ),
        Invalid(
            """
            import jwt as pyjwt

            def mint(user, key):
                claims = {"sub": user.id, "exp": exp}
                claims["ssn"] = user.ssn
                return pyjwt.encode(claims, key, algorithm="HS256")
            """,
            line=6,
        ),
        Invalid(
            """
            from jose import jwt
            token = jwt.encode(dict(sub=uid, client_secret=app.secret, exp=exp), key)
            """,
            line=2,
        ),
        Invalid(
            """
            from authlib.jose import jwt
            token = jwt.encode({"alg": "RS256"}, {"sub": uid, "api_key": key_value, "exp": exp}, private_key)
            """,
            line=2,
        ),
        Invalid(
            """
            import jwt
            token = jwt.encode({"sub": uid, "exp": exp, "user": {"email": u.email, "password": u.password}}, k, algorithm="HS256")
            """,
            line=2,
        ),
    ]

    def _claim_names(self, payload: cst.BaseExpression | None, depth: int = 2) -> set[str]:
        """Claim names of the payload, including those of nested objects (`{"user": {"password": ...}}`)."""
        items = self.ctx.dict_items(payload) or {}
        names = set(items)
        if depth > 1:
            for value in items.values():
                names |= self._claim_names(value, depth - 1)
        return names

    def visit_Call(self, node: cst.Call) -> None:
        found = jwt_call(self.ctx, node)
        if found is None or found[1] != "encode":
            return
        payload = payload_arg(found[0], node)
        keys = self._claim_names(payload)
        if isinstance(payload, cst.Name):
            keys |= keys_added_later(self.ctx, self.ctx.current_function or self.ctx.module, payload.value)
        sensitive = sorted(k for k in keys if sensitive_claim(k))
        if sensitive:
            self.report(
                node,
                f"The token payload carries sensitive claims ({', '.join(sensitive)}); JWT payloads are readable by anyone.",
                fix="Put only identifiers and authorization facts in the token (sub, scope, exp); "
                "look sensitive data up server-side.",
            )
