"""IDG115: a token or credential minted with no expiry at all."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta, Severity
from ..python_support import PythonGuard, identifier_words
from ._jwt import UNKNOWN_KEYS, dict_has_starred, jwt_call, keys_added_later, payload_arg

_TIMED_SERIALIZERS = ("URLSafeTimedSerializer", "TimedSerializer", "TimestampSigner", "TimedJSONWebSignatureSerializer")
_EXPIRY_KWARGS = frozenset(
    {"expires", "expires_at", "expiry", "expiration", "expires_in", "ttl", "valid_until", "expiry_date",
     "expiration_date", "expires_on", "lifetime", "max_age"}
)
_CREDENTIAL_WORDS = frozenset(
    {"token", "tokens", "apikey", "key", "keys", "invite", "invitation", "invitations", "session", "credential",
     "credentials", "secret", "grant", "pat"}
)
_FLASK_JWT_CREATE = ("create_access_token", "create_refresh_token")


class TokenWithoutExpiry(PythonGuard):
    """
    ## What it does
    Finds credentials minted with no expiry:
    - `jwt.encode(payload, ...)` whose payload (literal, `dict(...)`, or a dict
      built earlier, including keys added later) has no `exp` claim;
    - flask-jwt-extended `create_access_token(..., expires_delta=False)` and
      `JWT_ACCESS_TOKEN_EXPIRES = False`;
    - itsdangerous timed serializers read with `loads(token)` and no `max_age`;
    - token, API-key, session or invitation records created with
      `expires_at=None` (or any expiry keyword set to `None`);
    - djangorestframework-api-key `APIKey.objects.create_key(...)` without
      `expiry_date`, and (as low) DRF `Token.objects.create(user=...)`, whose
      tokens never expire by design.

    ## Why is this bad?
    A credential without expiry stays valid until someone remembers to revoke
    it. Leaked tokens, forwarded invitation links and forgotten API keys become
    permanent access (OWASP NHI7 long-lived secrets).

    ## Example
    ```python
    token = jwt.encode({"sub": user.id, "scope": "admin"}, key, algorithm="HS256")
    ```

    ## Use instead
    ```python
    now = datetime.now(timezone.utc)
    token = jwt.encode({"sub": user.id, "iat": now, "exp": now + timedelta(minutes=15)}, key, algorithm="HS256")
    ```

    ## References
    CWE-613 Insufficient Session Expiration; CWE-324 Use of a Key Past its
    Expiration Date; OWASP NHI7 Long-Lived Secrets.
    """

    id = "IDG115"
    name = "token-without-expiry"
    title = "Token or credential minted without expiry"
    meta = GuardMeta(
        cwe=["CWE-613", "CWE-324"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-05", "PR.AA-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["token", "api_key", "session", "invitation"],
    )
    VALID = [
        'import jwt\ntoken = jwt.encode({"sub": uid, "exp": now + TTL}, key, algorithm="HS256")\n',
        'import jwt\n\ndef mint(uid, key):\n    claims = {"sub": uid}\n    claims["exp"] = expiry()\n    return jwt.encode(claims, key, algorithm="HS256")\n',
        'import jwt\ntoken = jwt.encode({**base_claims, "scope": "read"}, key, algorithm="RS256")\n',
        'from itsdangerous import URLSafeTimedSerializer\ns = URLSafeTimedSerializer(secret)\nemail = s.loads(token, max_age=3600)\n',
        "Invitation.objects.create(email=email, expires_at=timezone.now() + INVITE_TTL)\n",
        'from rest_framework_api_key.models import APIKey\napi_key, key = APIKey.objects.create_key(name="ci", expiry_date=now() + KEY_TTL)\n',
    ]
    INVALID = [
        'import jwt\ntoken = jwt.encode({"sub": uid, "role": "admin"}, key, algorithm="HS256")\n',
        'import jwt as pyjwt\n\ndef mint(user, key):\n    payload = {"sub": user.id, "scope": "api"}\n    return pyjwt.encode(payload, key, algorithm="HS256")\n',
        'from itsdangerous import URLSafeTimedSerializer\nserializer = URLSafeTimedSerializer(secret)\nemail = serializer.loads(token)\n',
        "from flask_jwt_extended import create_access_token\ntoken = create_access_token(identity=user.id, expires_delta=False)\n",
        "ApiKey.objects.create(owner=user, key_hash=digest, expires_at=None)\n",
        'app.config["JWT_ACCESS_TOKEN_EXPIRES"] = False\n',
        'from rest_framework_api_key.models import APIKey\napi_key, key = APIKey.objects.create_key(name="billing-sync")\n',
    ]

    def visit_Call(self, node: cst.Call) -> None:
        found = jwt_call(self.ctx, node)
        if found is not None and found[1] == "encode":
            self._check_jwt(node, found[0])
            return
        name = self.ctx.call_name(node) or ""
        if name.rsplit(".", 1)[-1] in _FLASK_JWT_CREATE:
            if self.ctx.bool_value(self.ctx.kwarg(node, "expires_delta")) is False:
                self.report(node, "`expires_delta=False` mints a token that never expires.", fix=self._fix())
            return
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in ("loads", "unsign"):
            self._check_timed_loads(node)
            return
        if self._check_library_keys(node, name):
            return
        self._check_record(node, name)

    def _check_library_keys(self, node: cst.Call, name: str) -> bool:
        """Key libraries whose credentials never expire unless told to."""
        if name.endswith("APIKey.objects.create_key"):  # djangorestframework-api-key
            if self.ctx.kwarg(node, "expiry_date") is None:
                self.report(node, "The API key is created without `expiry_date`, so it never expires.", fix=self._fix())
            return True
        if name.startswith("rest_framework.authtoken") and name.endswith(("Token.objects.create", "Token.objects.get_or_create")):
            # DRF's TokenAuthentication has no expiry at all; an expiring authentication class may be in use.
            self.report(
                node,
                "Django REST framework auth tokens never expire; unless a custom authentication class checks "
                "their age, this token is permanent.",
                fix="Use expiring tokens (django-rest-knox, SimpleJWT) or check `token.created` in the authentication class.",
                severity=Severity.low,
            )
            return True
        return False

    def _check_jwt(self, node: cst.Call, library: str) -> None:
        payload = payload_arg(library, node)
        items = self.ctx.dict_items(payload)
        if items is None or dict_has_starred(self.ctx, payload):
            return  # built somewhere we cannot see: say nothing rather than guess
        keys = set(items)
        if isinstance(payload, cst.Name):
            keys |= keys_added_later(self.ctx, self.ctx.current_function or self.ctx.module, payload.value)
        if "exp" not in keys and UNKNOWN_KEYS not in keys:
            self.report(node, "The JWT payload has no `exp` claim, so the token never expires.", fix=self._fix())

    def _check_timed_loads(self, node: cst.Call) -> None:
        receiver = self.ctx.resolve(node.func.value)  # type: ignore[attr-defined]
        if not isinstance(receiver, cst.Call):
            return
        if not (self.ctx.call_name(receiver) or "").endswith(_TIMED_SERIALIZERS):
            return
        if self.ctx.kwarg(node, "max_age") is None and self.ctx.positional(node, 1) is None:
            self.report(
                node,
                "A timed itsdangerous token is read without `max_age`, so it never expires.",
                fix="Pass the link's lifetime: `serializer.loads(token, max_age=3600)`.",
            )

    def _check_record(self, node: cst.Call, name: str) -> None:
        never_expiring = [
            arg for arg in node.args
            if arg.keyword is not None and arg.keyword.value in _EXPIRY_KWARGS
            and isinstance(arg.value, cst.Name) and arg.value.value == "None"
        ]
        if not never_expiring:
            return  # the common case, decided before splitting the callee's name into words
        if not (_CREDENTIAL_WORDS.intersection(identifier_words(name)) or "api" in name.lower() and "key" in name.lower()):
            return
        for arg in never_expiring:
            self.report(
                arg,
                f"The credential is created with `{arg.keyword.value}=None`, so it never expires.",  # type: ignore[union-attr]
                fix=self._fix(),
            )

    def visit_Assign(self, node: cst.Assign) -> None:
        # flask-jwt-extended: JWT_ACCESS_TOKEN_EXPIRES / JWT_REFRESH_TOKEN_EXPIRES = False
        for target in node.targets:
            name = self.ctx.target_name(target.target)
            if name in ("JWT_ACCESS_TOKEN_EXPIRES", "JWT_REFRESH_TOKEN_EXPIRES") and self.ctx.bool_value(node.value) is False:
                self.report(node, f"`{name} = False` makes every token of that kind permanent.", fix=self._fix())

    @staticmethod
    def _fix() -> str:
        return ("Give every credential an expiry within policy (e.g. `exp = now + timedelta(minutes=15)` for "
                "access tokens, 7 days for invitations, 90 days for API keys).")
