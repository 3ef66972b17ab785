"""IDG115: a token or credential minted with no expiry at all."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.guard import PythonGuard
from .support.jwt import UNKNOWN_KEYS, dict_has_starred, jwt_call, keys_added_later, payload_arg
from .support.values import (
    bind_arguments,
    call_sites,
    function_returns,
    local_callee,
    parameter_names,
    parent_map,
    resolve_in,
    set_once,
)
from .support.words import identifier_words

_TIMED_SERIALIZERS = ("URLSafeTimedSerializer", "TimedSerializer", "TimestampSigner", "TimedJSONWebSignatureSerializer")
_EXPIRY_KWARGS = frozenset(
    {
        "expires",
        "expires_at",
        "expiry",
        "expiration",
        "expires_in",
        "ttl",
        "valid_until",
        "expiry_date",
        "expiration_date",
        "expires_on",
        "lifetime",
        "max_age",
    }
)
_CREDENTIAL_WORDS = frozenset(
    {
        "token",
        "tokens",
        "apikey",
        "key",
        "keys",
        "invite",
        "invitation",
        "invitations",
        "session",
        "credential",
        "credentials",
        "secret",
        "grant",
        "pat",
    }
)
_FLASK_JWT_CREATE = ("create_access_token", "create_refresh_token")
_UNTIMED_SERIALIZERS = frozenset({"URLSafeSerializer", "Serializer", "Signer", "JSONWebSignatureSerializer"})
# What a signed link is for when a lifetime is part of its security.
_LINK_PURPOSES = frozenset(
    {
        "reset",
        "login",
        "signin",
        "magic",
        "verify",
        "verification",
        "confirm",
        "confirmation",
        "activate",
        "activation",
        "invite",
        "invitation",
        "session",
        "auth",
        "password",
        "onboarding",
        "download",  # a signed download or share link is a bearer credential for what it opens
        "share",
        "link",
    }
)


class TokenWithoutExpiry(PythonGuard):
    """
    ## What it does
    Finds credentials minted with no expiry:
    - `jwt.encode(payload, ...)` whose payload (literal, `dict(...)`, or a dict
      built earlier, including keys added later) has no `exp` claim;
    - flask-jwt-extended `create_access_token(..., expires_delta=False)` and
      `JWT_ACCESS_TOKEN_EXPIRES = False`;
    - JWTs signed by a helper (`def sign(claims): return jwt.encode(claims, key)`), judged at
      each call by the payload passed, including payloads built by another helper that adds
      `exp` only when a `ttl` argument is given;
    - itsdangerous timed serializers read with `loads(token)` and no `max_age` (also when the
      serializer comes from a helper), and untimed serializers (`URLSafeSerializer`, Django
      `signing.loads` without `max_age`) used for reset, login, verification or invitation links;
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
    """

    id = "IDG115"
    name = "token-without-expiry"
    title = "Token or credential minted without expiry"
    fix_hint = (
        "Give every credential an expiry within policy (e.g. `exp = now + timedelta(minutes=15)` for "
        "access tokens, 7 days for invitations, 90 days for API keys)."
    )
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
        Valid(
            """
            import jwt
            token = jwt.encode({"sub": uid, "exp": now + TTL}, key, algorithm="HS256")
            """
        ),
        Valid(
            """
            import jwt

            def mint(uid, key):
                claims = {"sub": uid}
                claims["exp"] = expiry()
                return jwt.encode(claims, key, algorithm="HS256")
            """
        ),
        Valid(
            """
            import jwt
            token = jwt.encode({**base_claims, "scope": "read"}, key, algorithm="RS256")
            """
        ),
        Valid(
            """
            from itsdangerous import URLSafeTimedSerializer
            s = URLSafeTimedSerializer(secret)
            email = s.loads(token, max_age=3600)
            """
        ),
        Valid(
            """
            Invitation.objects.create(email=email, expires_at=timezone.now() + INVITE_TTL)
            """
        ),
        Valid(
            """
            from rest_framework_api_key.models import APIKey
            api_key, key = APIKey.objects.create_key(name="ci", expiry_date=now() + KEY_TTL)
            """
        ),
        Valid(
            """
            from itsdangerous import URLSafeSerializer

            def read_unsubscribe(token):
                return URLSafeSerializer(SECRET, salt="unsubscribe").loads(token)
            """
        ),
        Valid(
            """
            import jwt

            def _claims(sub, ttl):
                return {"sub": sub, "exp": now() + ttl}

            def mint(sub):
                return jwt.encode(_claims(sub, TTL), KEY, algorithm="ES256")
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            from itsdangerous import URLSafeSerializer


            class ShareLinks:
                def __init__(self, secret):
                    self._signer = URLSafeSerializer(secret, salt="share")

                def open(self, token):
                    return self._signer.loads(token)
            """,
            line=9,
        ),
        Invalid(
            """
            import jwt
            token = jwt.encode({"sub": uid, "role": "admin"}, key, algorithm="HS256")
            """,
            line=2,
        ),
        Invalid(
            """
            import jwt as pyjwt

            def mint(user, key):
                payload = {"sub": user.id, "scope": "api"}
                return pyjwt.encode(payload, key, algorithm="HS256")
            """,
            line=5,
        ),
        Invalid(
            """
            from itsdangerous import URLSafeTimedSerializer
            serializer = URLSafeTimedSerializer(secret)
            email = serializer.loads(token)
            """,
            line=3,
        ),
        Invalid(
            """
            from flask_jwt_extended import create_access_token
            token = create_access_token(identity=user.id, expires_delta=False)
            """,
            line=2,
        ),
        Invalid(
            """
            ApiKey.objects.create(owner=user, key_hash=digest, expires_at=None)
            """,
            line=1,
        ),
        Invalid(
            """
            from itsdangerous import URLSafeSerializer

            def reset_password(token):
                data = URLSafeSerializer(SECRET, salt="password-reset").loads(token)
            """,
            line=4,
        ),
        Invalid(
            """
            import jwt

            def sign(claims):
                return jwt.encode(claims, KEY, algorithm="HS256")

            def ci_token(user):
                return sign({"sub": user.id})
            """,
            line=7,
        ),
        Invalid(
            """
            app.config["JWT_ACCESS_TOKEN_EXPIRES"] = False
            """,
            line=1,
        ),
        Invalid(
            """
            from rest_framework_api_key.models import APIKey
            api_key, key = APIKey.objects.create_key(name="billing-sync")
            """,
            line=2,
        ),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._builders: set[int] = set()

    def visit_Call(self, node: cst.Call) -> None:
        found = jwt_call(self.ctx, node)
        if found is not None and found[1] == "encode":
            self._check_jwt(node, found[0])
            return
        name = self.ctx.call_name(node) or ""
        if name.rsplit(".", 1)[-1] in _FLASK_JWT_CREATE:
            if self.ctx.bool_value(self.ctx.kwarg(node, "expires_delta")) is False:
                self.report(node, "`expires_delta=False` mints a token that never expires.")
            return
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in ("loads", "unsign"):
            self._check_timed_loads(node)
            self._check_untimed_link(node)
            return
        if self._check_library_keys(node, name):
            return
        self._check_record(node, name)

    def _check_library_keys(self, node: cst.Call, name: str) -> bool:
        """Key libraries whose credentials never expire unless told to."""
        if name.endswith("APIKey.objects.create_key"):  # djangorestframework-api-key
            if self.ctx.kwarg(node, "expiry_date") is None:
                self.report(node, "The API key is created without `expiry_date`, so it never expires.")
            return True
        if name.startswith("rest_framework.authtoken") and name.endswith(
            ("Token.objects.create", "Token.objects.get_or_create")
        ):
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
        function = self.ctx.current_function if isinstance(self.ctx.current_function, cst.FunctionDef) else None
        if (
            function is not None
            and isinstance(payload, cst.Name)
            and payload.value in parameter_names(function)
            and not self.ctx.assigned_values_in(function, payload.value)
        ):
            self._check_signing_helper(node, function, payload.value)
            return
        keys = payload_keys(self.ctx, payload, function, {})
        if keys is None:
            return  # built somewhere we cannot see: say nothing rather than guess
        if "exp" not in keys and UNKNOWN_KEYS not in keys:
            self.report(node, "The JWT payload has no `exp` claim, so the token never expires.")
            builder = self._payload_builder(payload, function)
            if builder is not None and id(builder) not in self._builders:
                # `jwt.encode(_claims(user), ...)`: the helper that builds the claims is where `exp` belongs
                self._builders.add(id(builder))
                self.report(builder.name, f"`{builder.name.value}()` builds JWT claims without `exp`.")

    def _payload_builder(
        self, payload: cst.BaseExpression | None, function: cst.FunctionDef | None
    ) -> cst.FunctionDef | None:
        """The helper of this file whose result is the payload: `_claims(user)`, or `claims = _claims(user)`."""
        if isinstance(payload, cst.Name):
            payload = resolve_in(self.ctx, function, payload)
        if not isinstance(payload, cst.Call):
            return None
        helper = local_callee(self.ctx, payload)
        return helper if helper is not None and any(isinstance(r, cst.Dict) for r in function_returns(helper)) else None

    def _check_signing_helper(self, node: cst.Call, helper: cst.FunctionDef, param: str) -> None:
        """`def sign(claims): return jwt.encode(claims, key)`: the claims come from the callers, so each
        call of the helper is judged by the payload it passes (`sign(build_claims(user, scopes))`)."""
        for call, caller in call_sites(self.ctx, helper):
            argument = bind_arguments(helper, call).get(param)
            if argument is None:
                continue
            keys = payload_keys(self.ctx, argument, caller, {})
            if keys is not None and "exp" not in keys and UNKNOWN_KEYS not in keys:
                self.report(
                    call,
                    f"`{helper.name.value}()` signs a JWT payload with no `exp` claim here, so this token never expires.",
                )

    def _check_timed_loads(self, node: cst.Call) -> None:
        receiver = self.ctx.resolve(node.func.value)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        if not isinstance(receiver, cst.Call) or not self._makes_timed_serializer(receiver):
            return
        max_age = self.ctx.kwarg(node, "max_age") or self.ctx.positional(node, 1)
        if max_age is None or isinstance(max_age, cst.Name) and max_age.value == "None":
            self.report(
                node,
                "A timed itsdangerous token is read without `max_age`, so it never expires.",
                fix="Pass the link's lifetime: `serializer.loads(token, max_age=3600)`.",
            )

    def _check_untimed_link(self, node: cst.Call) -> None:
        """itsdangerous `URLSafeSerializer` / Django `signing.loads` without `max_age`, read where a
        password-reset, login, verification or invitation link is redeemed: the link never expires."""
        name = self.ctx.call_name(node) or ""
        owner = node.func.value if isinstance(node.func, cst.Attribute) else None
        receiver = self.ctx.resolve(owner)
        if not isinstance(receiver, cst.Call) and isinstance(owner, cst.Attribute):
            receiver = set_once(self.ctx, owner) or receiver  # `self._signer = URLSafeSerializer(...)`
        untimed = name == "django.core.signing.loads" and self.ctx.kwarg(node, "max_age") is None
        if isinstance(receiver, cst.Call):
            made = self.ctx.call_name(receiver) or ""
            untimed = untimed or made.startswith("itsdangerous.") and made.rsplit(".", 1)[-1] in _UNTIMED_SERIALIZERS
        if not untimed:
            return
        words: set[str] = set()
        for function in self.ctx.function_stack:
            if isinstance(function, cst.FunctionDef):
                words.update(identifier_words(function.name.value))
        for klass in self.ctx.class_stack:
            words.update(identifier_words(klass.name.value))  # `class DownloadLinkSigner: def read(...)`
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value == "salt":
                words.update(identifier_words((self.ctx.string_value(arg.value) or "").replace("-", "_")))
        if isinstance(receiver, cst.Call):
            for arg in receiver.args:
                if arg.keyword is not None and arg.keyword.value == "salt":
                    words.update(identifier_words((self.ctx.string_value(arg.value) or "").replace("-", "_")))
        if words & _LINK_PURPOSES:
            self.report(
                node,
                "This link is signed without a timestamp (or read without `max_age`), so it never expires.",
                fix="Use `URLSafeTimedSerializer` and `loads(token, max_age=...)` (Django: `signing.loads(..., max_age=...)`).",
            )

    def _makes_timed_serializer(self, call: cst.Call) -> bool:
        """`URLSafeTimedSerializer(...)`, or a helper of this file that returns one (by its return value
        or its return annotation): `_serializer("password-reset").loads(token)`."""
        if (self.ctx.call_name(call) or "").endswith(_TIMED_SERIALIZERS):
            return True
        helper = local_callee(self.ctx, call)
        if helper is None:
            return False
        if helper.returns is not None and (self.ctx.qualname(helper.returns.annotation) or "").endswith(
            _TIMED_SERIALIZERS
        ):
            return True
        value: cst.BaseExpression | None
        for value in function_returns(helper):
            value = resolve_in(self.ctx, helper, value)
            if isinstance(value, cst.Call) and (self.ctx.call_name(value) or "").endswith(_TIMED_SERIALIZERS):
                return True
        return False

    def _check_record(self, node: cst.Call, name: str) -> None:
        never_expiring = [
            arg
            for arg in node.args
            if arg.keyword is not None
            and arg.keyword.value in _EXPIRY_KWARGS
            and isinstance(arg.value, cst.Name)
            and arg.value.value == "None"
        ]
        if not never_expiring:
            return  # the common case, decided before splitting the callee's name into words
        if not (
            _CREDENTIAL_WORDS.intersection(identifier_words(name)) or "api" in name.lower() and "key" in name.lower()
        ):
            return
        for arg in never_expiring:
            self.report(
                arg,
                f"The credential is created with `{arg.keyword.value}=None`, so it never expires.",  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            )

    def visit_Assign(self, node: cst.Assign) -> None:
        # flask-jwt-extended: JWT_ACCESS_TOKEN_EXPIRES / JWT_REFRESH_TOKEN_EXPIRES = False
        for target in node.targets:
            name = self.ctx.target_name(target.target)
            if (
                name in ("JWT_ACCESS_TOKEN_EXPIRES", "JWT_REFRESH_TOKEN_EXPIRES")
                and self.ctx.bool_value(node.value) is False
            ):
                self.report(node, f"`{name} = False` makes every token of that kind permanent.")


def payload_keys(
    ctx,
    expr: cst.BaseExpression | None,
    fn: cst.FunctionDef | None,
    bound: dict[str, cst.BaseExpression | None],
    depth: int = 6,
) -> set[str] | None:
    """The claim names a payload expression is sure to have: a dict literal, `dict(...)`, a variable
    (with keys added later, except under an `if` on a parameter that is None here), or a helper of this
    file that builds the dict (`build_claims(user, scopes)`, judged with the arguments given).
    None when the payload cannot be read."""
    if expr is None or depth == 0:
        return None
    if isinstance(expr, cst.Name):
        if expr.value in bound:
            return None  # a parameter of a helper: known only through its caller
        origin = resolve_in(ctx, fn, expr, depth=1)
        if origin is None or origin is expr:
            return None
        keys = payload_keys(ctx, origin, fn, bound, depth - 1)
        if keys is None:
            return None
        return keys | _keys_added(ctx, fn, expr.value, bound)
    if isinstance(expr, cst.Dict):
        items = ctx.dict_items(expr) or {}
        keys = set(items)
        if dict_has_starred(ctx, expr):
            keys.add(UNKNOWN_KEYS)
        return keys
    if isinstance(expr, cst.Call):
        if ctx.call_name(expr) in ("dict", "builtins.dict"):
            if dict_has_starred(ctx, expr):
                return {*(a.keyword.value for a in expr.args if a.keyword is not None), UNKNOWN_KEYS}
            return {a.keyword.value for a in expr.args if a.keyword is not None}
        helper = local_callee(ctx, expr)
        if helper is None:
            return None
        binding = bind_arguments(helper, expr)
        results = [payload_keys(ctx, r, helper, binding, depth - 1) for r in function_returns(helper)]
        if not results or any(r is None for r in results):
            return None
        return set.intersection(*results)  # type: ignore[arg-type]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
    return None


def _keys_added(ctx, fn: cst.FunctionDef | None, name: str, bound: dict[str, cst.BaseExpression | None]) -> set[str]:
    """Keys set on dict `name` after it was built; one set under `if <param> is not None:` (or `if
    <param>:`) does not count when that parameter is None at this call."""
    scope = fn if fn is not None else ctx.module
    keys = keys_added_later(ctx, scope, name)
    if not keys or fn is None or not bound:
        return keys
    parents = parent_map(ctx, fn)
    kept: set[str] = set()
    for key in keys:
        sites = [n for n in nodes_setting(ctx, fn, name, key)]
        if not sites or any(not _guarded_by_none(ctx, site, parents, bound) for site in sites):
            kept.add(key)
    return kept


def nodes_setting(ctx, fn: cst.FunctionDef, name: str, key: str) -> list[cst.CSTNode]:
    from .support.walk import walk

    found: list[cst.CSTNode] = []
    for node in walk(fn.body):
        if type(node) is cst.Subscript and isinstance(node.value, cst.Name) and node.value.value == name:
            index = node.slice[0].slice if len(node.slice) == 1 else None
            if isinstance(index, cst.Index) and ctx.string_value(index.value) == key:
                found.append(node)
        elif (
            type(node) is cst.Call
            and isinstance(node.func, cst.Attribute)
            and isinstance(node.func.value, cst.Name)
            and node.func.value.value == name
        ):
            if (
                any(a.keyword is not None and a.keyword.value == key for a in node.args)
                or node.args
                and ctx.string_value(node.args[0].value) == key
            ):
                found.append(node)
    return found


def _guarded_by_none(
    ctx, node: cst.CSTNode, parents: dict[int, cst.CSTNode], bound: dict[str, cst.BaseExpression | None]
) -> bool:
    """Inside `if p is not None:` / `if p:` where parameter `p` is None (or not passed, defaulting to None)."""
    current = node
    while True:
        parent = parents.get(id(current))
        if parent is None:
            return False
        if isinstance(parent, cst.If) and current is parent.body:
            test = parent.test
            names = [test] if isinstance(test, cst.Name) else []
            if (
                isinstance(test, cst.Comparison)
                and len(test.comparisons) == 1
                and isinstance(test.comparisons[0].operator, cst.IsNot)
                and isinstance(test.comparisons[0].comparator, cst.Name)
                and test.comparisons[0].comparator.value == "None"
            ):
                names = [test.left]  # type: ignore[list-item]  # checked to be a Name in the loop below
            for candidate in names:
                if isinstance(candidate, cst.Name) and candidate.value in bound:
                    value = bound[candidate.value]
                    if value is None or isinstance(value, cst.Name) and value.value == "None":
                        return True
        current = parent
