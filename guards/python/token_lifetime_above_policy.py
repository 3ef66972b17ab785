"""IDG116: a token, session, invitation or API key lives longer than the policy allows."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard
from .support.jwt import jwt_call, payload_arg
from .support.lifetimes import (
    credential_lifetime_kind,
    describe_seconds,
    lifetime_limit_seconds,
    offset_from_now_seconds,
)
from .support.values import function_returns, local_callee, resolve_in
from .support.walk import findall
from .support.words import identifier_words

_LIFETIME_WORDS = frozenset(
    {
        "ttl",
        "lifetime",
        "expires",
        "expire",
        "expiry",
        "expiration",
        "exp",
        "age",
        "duration",
        "validity",
        "lifespan",
        "timeout",
        "delta",
    }
)
_UNIT_SECONDS = {
    "minutes": 60,
    "mins": 60,
    "hours": 3600,
    "hrs": 3600,
    "days": 86400,
    "weeks": 604800,
    "ms": 0.001,
    "millis": 0.001,
    "milliseconds": 0.001,
}
_CLAIM_KEYS = frozenset({"exp", "iat", "nbf"})
# Durations that sound like credentials but are not their lifetime (caches, CSRF cookies, lockouts, UI cookies).
_NOT_A_CREDENTIAL = frozenset(
    {
        "cache",
        "cached",
        "jwks",
        "jwk",
        "retry",
        "retries",
        "poll",
        "polling",
        "lock",
        "lockout",
        "rate",
        "throttle",
        "backoff",
        "csrf",
        "xsrf",
        "hsts",
        "theme",
        "locale",
        "lang",
        "language",
        "consent",
        "preference",
        "preferences",
        "leeway",
        "skew",
        "clock",
        "grace",
        "idle",
        "inactivity",
        "debounce",
        "cooldown",
    }
)
_KIND_LABEL = {
    "access": "Access token",
    "refresh": "Refresh token",
    "invite": "Invitation/one-time link",
    "api_key": "API key",
    "session": "Session",
}
_TYPE_CLAIMS = ("type", "token_type", "typ", "token_use", "use", "kind", "purpose", "action")


class TokenLifetimeAbovePolicy(PythonGuard):
    """
    ## What it does
    Finds credential lifetimes above the policy limits (`limits.*` in
    `.idguard/policy.toml`; defaults: access tokens 1 h, refresh tokens 30 d,
    sessions 12 h, invitations and one-time links 7 d, API keys 90 d):
    - a JWT `exp` of `now + timedelta(days=365)` (inline or through a variable);
    - settings and constants such as `ACCESS_TOKEN_TTL`, `REFRESH_TOKEN_LIFETIME`,
      `INVITE_EXPIRY_DAYS`, `PERMANENT_SESSION_LIFETIME`, `SESSION_COOKIE_AGE`,
      SimpleJWT's `ACCESS_TOKEN_LIFETIME`, flask-jwt-extended's `JWT_ACCESS_TOKEN_EXPIRES`;
    - keyword arguments such as `expires_delta=`, `expires_in=`, `max_age=`
      (itsdangerous, auth cookies) and `expires_at=now + ...` on credential records.
    The kind of credential is read from the names involved (the setting, the
    call, the enclosing function); a lifetime whose kind is unknown is not judged.
    Signed URLs and verification links (`signed_export_url(ttl_seconds=...)`,
    `VERIFY_MAX_AGE`, `generate_presigned_url(ExpiresIn=...)`) are judged as
    one-time links; CI/pipeline job tokens, which live for a job, as sessions.

    ## Why is this bad?
    Every extra day a bearer credential stays valid is a day a leaked copy
    works. Short lifetimes bound the damage of theft and make revocation gaps
    (offboarding, role changes) close by themselves.

    ## Example
    ```python
    payload = {"sub": user.id, "exp": datetime.now(UTC) + timedelta(days=365)}
    ```

    ## Use instead
    ```python
    payload = {"sub": user.id, "exp": datetime.now(UTC) + timedelta(minutes=15)}
    ```
    """

    id = "IDG116"
    name = "token-lifetime-above-policy"
    title = "Credential lifetime above policy"
    meta = GuardMeta(
        cwe=["CWE-613"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["token", "session", "invitation", "api_key"],
        see_also=["NIST SP 800-63B section 7"],
    )
    VALID = [
        Valid(
            """
            import jwt

            def unsubscribe_token(uid):
                now = utcnow()
                claims = {'sub': uid, 'purpose': 'unsubscribe', 'exp': now + timedelta(hours=48)}
                return jwt.encode(claims, KEY, algorithm='HS256')
            """
        ),
        Valid(
            """
            import jwt
            token = jwt.encode({"sub": uid, "exp": now + timedelta(minutes=15)}, key, algorithm="HS256")
            """
        ),
        Valid(
            """
            REFRESH_TOKEN_TTL = timedelta(days=14)
            INVITE_EXPIRY = timedelta(hours=72)
            """
        ),
        Valid(
            """
            CACHE_TTL = 60 * 60 * 24 * 30
            RETRY_TIMEOUT = 3600
            """
        ),
        Valid(
            """
            response.set_cookie("theme", value, max_age=60 * 60 * 24 * 365)
            """
        ),
        Valid(
            """
            API_KEY_LIFETIME_DAYS = 90
            ACCESS_TOKEN_EXPIRE_MINUTES = 30
            """
        ),
        Valid(
            """
            JWKS_CACHE_TTL = 86400
            CSRF_COOKIE_AGE = 31449600
            REMEMBER_COOKIE_DURATION = timedelta(days=14)
            """
        ),
        Valid(
            """
            def create_invitation(email, valid_days=3):
                return Invitation(email=email, expires_at=timezone.now() + timedelta(days=valid_days))
            """
        ),
        Valid(
            """
            CI_TOKEN_TTL = timedelta(hours=6)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            from datetime import datetime, timedelta, timezone

            import jwt


            def service_claims(name):
                issued = datetime.now(timezone.utc)
                return {"sub": name, "iat": issued, "exp": issued + timedelta(days=1825)}


            def mint(name, key):
                return jwt.encode(service_claims(name), key, algorithm="HS256")
            """,
            line=8,
        ),
        Invalid(
            """
            import jwt

            def unsubscribe_token(uid):
                now = utcnow()
                claims = {'sub': uid, 'purpose': 'unsubscribe', 'exp': now + timedelta(days=90)}
                return jwt.encode(claims, KEY, algorithm='HS256')
            """,
            line=5,
        ),
        Invalid(
            """
            import jwt
            token = jwt.encode({"sub": uid, "exp": datetime.now(UTC) + timedelta(days=365)}, key, algorithm="HS256")
            """,
            line=2,
        ),
        Invalid(
            """
            ACCESS_TOKEN_EXPIRE_MINUTES = 60 * 24 * 30
            """,
            line=1,
        ),
        Invalid(
            """
            SIMPLE_JWT = {"ACCESS_TOKEN_LIFETIME": timedelta(days=1), "REFRESH_TOKEN_LIFETIME": timedelta(days=7)}
            """,
            line=1,
        ),
        Invalid(
            """
            def create_invitation(email):
                expires_at = timezone.now() + timedelta(days=30)
                return Invitation(email=email, expires_at=expires_at)
            """,
            line=2,
        ),
        Invalid(
            """
            PERMANENT_SESSION_LIFETIME = timedelta(days=31)
            """,
            line=1,
        ),
        Invalid(
            """
            from flask_jwt_extended import create_access_token
            token = create_access_token(identity=uid, expires_delta=timedelta(days=7))
            """,
            line=2,
        ),
        Invalid(
            """
            def create_access_token(data: dict, expires_delta: timedelta = timedelta(days=30)) -> str:
                pass
            """,
            line=1,
        ),
        Invalid(
            """
            def create_invitation(email, valid_days=30):
                return Invitation(email=email, expires_at=timezone.now() + timedelta(days=valid_days))
            """,
            line=2,
        ),
        Invalid(
            """
            def signed_export_url(base_url, report_id, ttl_seconds=86400 * 180):
                return sign(base_url, report_id, ttl_seconds)
            """,
            line=1,
        ),
        Invalid(
            """
            VERIFY_MAX_AGE = 60 * 60 * 24 * 365
            """,
            line=1,
        ),
    ]

    # -- context ---------------------------------------------------------
    def _context_words(self) -> set[str]:
        words: set[str] = set()
        for function in self.ctx.function_stack:
            if isinstance(function, cst.FunctionDef):
                words.update(identifier_words(function.name.value))
        for klass in self.ctx.class_stack:
            words.update(identifier_words(klass.name.value))
        return words

    def _kind(self, own_words: set[str], allow_context: bool = True) -> str | None:
        if own_words & _NOT_A_CREDENTIAL:
            return None
        if "remember" in own_words:
            return "refresh"  # a remember-me cookie re-creates sessions: it is judged like a refresh token
        return _lifetime_kind(own_words) or (_lifetime_kind(self._context_words()) if allow_context else None)

    def _parameter_defaults(self) -> dict[str, cst.BaseExpression]:
        """Defaults of the enclosing function's parameters, including click/typer options
        (`@click.option("--days", default=365)`): `timedelta(days=days)` is then judged by its default."""
        function = self.ctx.current_function
        if not isinstance(function, cst.FunctionDef):
            return {}
        defaults: dict[str, cst.BaseExpression] = {}
        for param in [*function.params.params, *function.params.kwonly_params]:
            if param.default is not None:
                defaults[param.name.value] = param.default
        for decorator in function.decorators:
            call = decorator.decorator
            if isinstance(call, cst.Call) and (self.ctx.call_name(call) or "").endswith("option"):
                flag = self.ctx.string_value(self.ctx.positional(call, 0)) or ""
                default = self.ctx.kwarg(call, "default")
                if flag.startswith("--") and default is not None:
                    defaults.setdefault(flag[2:].replace("-", "_"), default)
        return defaults

    def _seconds(self, value: cst.BaseExpression, name_words: set[str]) -> tuple[float | None, cst.BaseExpression]:
        resolved = self.ctx.resolve(value) or value
        seconds = offset_from_now_seconds(self.ctx, value)
        if seconds is None:
            defaults = self._parameter_defaults()
            if defaults:
                try:
                    substituted = resolved.visit(_SubstituteNames(defaults))
                except cst.CSTValidationError:
                    substituted = None  # a default that cannot stand where the name stood: no judgement
                if isinstance(substituted, cst.BaseExpression):
                    seconds = offset_from_now_seconds(self.ctx, substituted)
        if seconds is None:
            return None, resolved
        is_timedelta = any(
            (self.ctx.call_name(c) or "").endswith(("timedelta", "relativedelta")) for c in findall(resolved, cst.Call)
        )
        if not is_timedelta:
            for unit, factor in _UNIT_SECONDS.items():
                if unit in name_words:
                    seconds *= factor
                    break
        return seconds, resolved

    def _judge(self, value: cst.BaseExpression, name_words: set[str], kind: str | None, what: str) -> None:
        if kind is None:
            return
        seconds, node = self._seconds(value, name_words)
        if seconds is None or seconds <= 0:
            return
        limit = lifetime_limit_seconds(self.ctx.policy, kind)
        if seconds > limit:
            self.report(
                node,
                f"{_KIND_LABEL[kind]} lifetime {describe_seconds(seconds)} ({what}) is above the policy limit "
                f"of {describe_seconds(limit)}.",
                fix=f"Shorten it to at most {describe_seconds(limit)}, or raise the limit in `.idguard/policy.toml` "
                "if a reviewer accepts the risk.",
            )

    # -- where lifetimes are written ---------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        found = jwt_call(self.ctx, node)
        if found is not None and found[1] == "encode":
            payload = payload_arg(found[0], node)
            items = self.ctx.dict_items(payload) or self._helper_claims(payload) or {}
            if "exp" in items:
                type_words: set[str] = set()
                for claim in _TYPE_CLAIMS:
                    value = self.ctx.string_value(items.get(claim)) if claim in items else None
                    if value:
                        type_words.update(identifier_words(value))
                payload = payload_arg(found[0], node)
                own = type_words | (set(identifier_words(payload.value)) if isinstance(payload, cst.Name) else set())
                kind = _lifetime_kind(own) or _lifetime_kind(self._context_words()) or "access"
                self._judge(items["exp"], set(), kind, "JWT `exp`")
            return
        lifetime_args = [(arg, keyword) for arg in node.args if (keyword := _lifetime_keyword(arg)) is not None]
        if not lifetime_args:
            return  # nothing below can report: skip resolving and splitting the callee's name
        call_name = self.ctx.call_name(node) or ""
        call_words = set(identifier_words(call_name.replace(".", "_")))
        if call_name.endswith("set_cookie"):
            cookie = self.ctx.string_value(self.ctx.kwarg(node, "key") or self.ctx.positional(node, 0)) or ""
            cookie_words = set(identifier_words(cookie)) | {"cookie"}
            if not cookie_words & {"session", "sid", "auth", "token", "remember", "login", "jwt", "access", "refresh"}:
                return
            call_words = cookie_words
        for arg, keyword in lifetime_args:
            words = set(identifier_words(keyword))
            self._judge(arg.value, words, self._kind(words | call_words), f"`{keyword}=`")

    def _helper_claims(self, payload: cst.BaseExpression | None) -> dict[str, cst.BaseExpression] | None:
        """`jwt.encode(claims_for(user), key)`: the claims dict a helper of this module returns."""
        helper = local_callee(self.ctx, payload) if isinstance(payload, cst.Call) else None
        if helper is None:
            return None
        for value in function_returns(helper):
            items = self.ctx.dict_items(resolve_in(self.ctx, helper, value) or value)
            if items:
                return items
        return None

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._check_named(self.ctx.target_name(target.target), node.value)

    def visit_Param(self, node: cst.Param) -> None:
        # `def create_access_token(data, expires_delta=timedelta(days=30))`
        if node.default is not None:
            self._check_named(node.name.value, node.default)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._check_named(self.ctx.target_name(node.target), node.value)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = self.ctx.string_value(node.key)
        if key is not None and key not in _CLAIM_KEYS:
            self._check_named(key, node.value)

    def _check_named(self, name: str | None, value: cst.BaseExpression) -> None:
        if not name:
            return
        words = set(identifier_words(name))
        if not words & _LIFETIME_WORDS:
            return
        # "timeout" alone is too generic; it counts only when the name itself says what expires.
        allow_context = not (words & {"timeout", "age", "duration"}) and name not in _CLAIM_KEYS
        self._judge(value, words, self._kind(words, allow_context), f"`{name}`")


# One-time links the shared vocabulary does not name: signed URLs, email verification links.
# One-time links by what they do: judged against the invitation/link limit, not the access-token one.
_LINK_WORDS = frozenset(
    {
        "link",
        "links",
        "verify",
        "unsubscribe",
        "confirm",
        "confirmation",
        "activation",
        "activate",
        "verification",
        "magic",
    }
)
_SIGNED_WORDS = frozenset({"signed", "presigned", "signature"})
_URL_WORDS = frozenset({"url", "urls", "uri", "download", "downloads"})
_JOB_WORDS = frozenset({"ci", "pipeline", "pipelines", "job", "jobs", "runner", "runners", "build", "workflow"})


def _lifetime_kind(words: set[str]) -> str | None:
    """`credential_lifetime_kind`, plus signed URLs and verification links, judged as one-time links,
    and CI/pipeline job tokens, which live for a job and are judged as sessions."""
    if words & _JOB_WORDS and words & {"token", "tokens", "jwt"} and not words & {"refresh", "invite", "reset"}:
        return "session"
    kind = credential_lifetime_kind(words)
    if kind is not None:
        return kind
    if words & _LINK_WORDS or words & _SIGNED_WORDS and words & _URL_WORDS:
        return "invite"
    return None


def _lifetime_keyword(arg: cst.Arg) -> str | None:
    """The keyword of an argument that sets a lifetime (`expires_in=`, `max_age=`); a bare `timeout=` is too generic."""
    if arg.keyword is None or arg.keyword.value == "DurationSeconds":
        return None
    words = set(identifier_words(arg.keyword.value))
    if not words & _LIFETIME_WORDS or words & {"timeout"} and len(words) == 1:
        return None
    return arg.keyword.value


class _SubstituteNames(cst.CSTTransformer):
    """Replace parameter names by their default values (a copy; the file's tree is untouched)."""

    def __init__(self, values: dict[str, cst.BaseExpression]) -> None:
        super().__init__()
        self.values = values

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        return self.values.get(original_node.value, updated_node)

    # `timedelta(days=days)` and `obj.days`: keyword and attribute names are not variables.
    def leave_Arg(self, original_node: cst.Arg, updated_node: cst.Arg) -> cst.Arg:
        return updated_node.with_changes(keyword=original_node.keyword)

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.Attribute:
        return updated_node.with_changes(attr=original_node.attr)

    def leave_Param(self, original_node: cst.Param, updated_node: cst.Param) -> cst.Param:
        return updated_node.with_changes(name=original_node.name)
