"""IDG164: an SSO login links to an existing account by an email claim that was never checked as verified."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard
from .support.literals import string_literal_value
from .support.values import call_sites, local_callee
from .support.walk import walk
from .support.words import expression_name, identifier_words

# Names that say an object is an OIDC provider's answer about the user.
_OIDC_ANSWER_WORDS = frozenset({"userinfo", "idinfo"})
_CLAIM_SOURCES = frozenset(
    {
        "userinfo",
        "parse_id_token",
        "authorize_access_token",
        "verify_oauth2_token",
        "decode",
        "get_userinfo",
        "user_info",
        "fetch_userinfo",
        "id_token",
        "verify_id_token",
    }
)
# Calls that find an existing account by a field value.
_LOOKUPS = frozenset(
    {
        "filter",
        "filter_by",
        "get",
        "get_or_none",
        "first",
        "where",
        "find_one",
        "find",
        "get_or_create",
        "update_or_create",
        "one_or_none",
        "scalar",
        "exists",
        "select",
    }
)
_VERIFIED_MARKERS = ("email_verified", "verified_email", "emailverified", "email_is_verified")
_PIPELINE_STEP = "associate_by_email"


class OidcUnverifiedEmailLink(PythonGuard):
    """
    ## What it does
    Finds SSO and social-login callbacks that look up an existing account by the email address an
    OAuth/OIDC provider returned in the same function (from `userinfo`, `authorize_access_token`,
    `parse_id_token`, `verify_oauth2_token`, an ID-token decode) (`select(User).where(User.email == info["email"])`,
    `User.objects.get(email=claims["email"])`, `get_user_by_email(userinfo.get("email"))`) while
    neither the function, the helpers it calls nor its callers read the `email_verified` (or
    Google's `verified_email`) claim; and
    python-social-auth pipelines that include `associate_by_email`. Creating a new account from the
    claim, or linking only after `if not info.get("email_verified"): raise ...`, is fine.

    ## Why is this bad?
    Many providers let anyone put any address on an account without proving it (some OIDC
    providers, misconfigured tenants, GitHub secondary emails). Linking by an unverified email lets
    an attacker register `victim@example.com` at such a provider and sign in to the victim's
    existing account: a full account takeover through the "Sign in with..." button.

    ## Example
    ```python
    info = token.get("userinfo")
    user = await db.scalar(select(User).where(User.email == info["email"]))
    ```

    ## Use instead
    ```python
    info = token.get("userinfo")
    if not info.get("email_verified"):
        raise HTTPException(status_code=403, detail="email not verified by the provider")
    user = await db.scalar(select(User).where(User.email == info["email"]))
    ```
    """

    id = "IDG164"
    name = "oidc-unverified-email-link"
    title = "SSO links accounts by an unverified email"
    fix_hint = (
        "Link by the provider's stable subject (`iss` + `sub`); link by email only when `email_verified` is true "
        "(and the provider is trusted for that domain), otherwise ask the user to sign in first."
    )
    # An SSO login reads the provider's answer through one of these; pipelines name the step.
    triggers = ("userinfo", "id_token", "idinfo", "authorize_access_token", "openid", "claims", "associate_by_email")
    meta = GuardMeta(
        cwe=["CWE-287", "CWE-290"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.AA-03", "PR.AA-02"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["sso"],
        see_also=["OpenID Connect Core 1.0 section 5.7 (claim stability and uniqueness)"],
    )
    VALID = [
        Valid(
            """
            async def cb(request):
                info = (await oauth.google.authorize_access_token(request))["userinfo"]
                if not info.get("email_verified"):
                    raise Forbidden()
                return await db.scalar(select(User).where(User.email == info["email"]))
            """
        ),
        Valid(
            """
            def cb(request):
                claims = verify_id_token(request)
                return User.objects.create(email=claims["email"], sub=claims["sub"])
            """
        ),
        Valid(
            """
            def cb(request):
                claims = verify_id_token(request)
                return Identity.objects.get(provider="google", subject=claims["sub"])
            """
        ),
        Valid(
            """
            SOCIAL_AUTH_PIPELINE = ("social_core.pipeline.social_auth.social_user", "social_core.pipeline.user.create_user")
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            async def cb(request):
                token = await client.authorize_access_token(request)
                info = token.get("userinfo")
                return await db.scalar(select(User).where(User.email == info["email"].lower()))
            """,
            line=4,
        ),
        Invalid(
            """
            def cb(request):
                claims = verify_id_token(request.POST["credential"])
                user = User.objects.get(email=claims["email"])
                return login(request, user)
            """,
            line=3,
        ),
        Invalid(
            """
            def callback():
                userinfo = oauth.idp.userinfo()
                return get_user_by_email(userinfo.get("email"))
            """,
            line=3,
        ),
        Invalid(
            """
            SOCIAL_AUTH_PIPELINE = (
                "social_core.pipeline.social_auth.social_user",
                "social_core.pipeline.social_auth.associate_by_email",
            )
            """,
            line=3,
        ),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        lowered = ctx.text.lower()
        self._file_mentions_verified = any(marker in lowered for marker in _VERIFIED_MARKERS)
        self._checked: dict[int, bool] = {}

    @property
    def _verified_checked(self) -> bool:
        """`email_verified` is read in this function, a helper it calls, or a function that calls it."""
        if not self._file_mentions_verified:
            return False
        function = self.ctx.current_function
        if not isinstance(function, cst.FunctionDef):
            return True  # module level: judged by the file
        key = id(function)
        if key not in self._checked:
            related = [function]
            for node in walk(function.body):
                if type(node) is cst.Call:
                    callee = local_callee(self.ctx, node)
                    if callee is not None:
                        related.append(callee)
            related.extend(owner for _, owner in call_sites(self.ctx, function) if owner is not None)
            self._checked[key] = any(_mentions_verified(fn) for fn in related)
        return self._checked[key]

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if _PIPELINE_STEP not in node.value:
            return
        value = string_literal_value(node)
        if isinstance(value, str) and value.endswith("." + _PIPELINE_STEP) and "pipeline" in value:
            self.report(
                node,
                "The social-auth pipeline links a login to any existing account with the same email, verified or not.",
            )

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if (
            self._verified_checked
            or len(node.comparisons) != 1
            or not isinstance(node.comparisons[0].operator, cst.Equal)
        ):
            return
        left, right = node.left, node.comparisons[0].comparator
        for column, value in ((left, right), (right, left)):
            if isinstance(column, cst.Attribute) and column.attr.value == "email" and self._claimed_email(value):
                self.report(node, self._message())
                return

    def visit_Call(self, node: cst.Call) -> None:
        if self._verified_checked:
            return
        func = node.func
        last = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        words = set(identifier_words(last))
        by_email_helper = "email" in words and bool(
            words & {"get", "find", "lookup", "by", "for", "link", "match", "fetch"}
        )
        if last not in _LOOKUPS and not by_email_helper:
            return
        for arg in node.args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword in ("email", "email__iexact", "email__exact") or keyword is None and by_email_helper:
                if self._claimed_email(arg.value):
                    self.report(node, self._message())
                    return

    def _claimed_email(self, expr: cst.BaseExpression) -> bool:
        """`info["email"]`, `claims.get("email")`, `userinfo.email`, also lower-cased or stripped,
        where the object holds the identity provider's claims."""
        while (
            isinstance(expr, cst.Call)
            and isinstance(expr.func, cst.Attribute)
            and expr.func.attr.value in ("lower", "strip", "casefold", "upper")
        ):
            expr = expr.func.value
        if expression_name(expr) != "email":
            return False
        if isinstance(expr, (cst.Subscript, cst.Attribute)):
            holder = expr.value
        elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
            holder = expr.func.value
        else:
            return False
        return self._holds_claims(holder)

    def _holds_claims(self, holder: cst.BaseExpression) -> bool:
        """The object came from the provider in this function (`token.get("userinfo")`,
        `client.userinfo()`, `verify_id_token(...)`), or is named as an OIDC answer (`userinfo`, `idinfo`).
        A `claims` parameter of unknown origin (an enterprise IdP's assertion, say) is not judged."""
        name = expression_name(holder)
        if name and set(identifier_words(name)) & _OIDC_ANSWER_WORDS:
            return True
        origin = self.ctx.resolve(holder, depth=2) if isinstance(holder, cst.Name) else holder
        if origin is None or origin is holder and isinstance(holder, cst.Name):
            return False
        for node in walk(origin):
            if type(node) is cst.Name and node.value in _CLAIM_SOURCES:
                return True
            if type(node) is cst.Attribute and node.attr.value in _CLAIM_SOURCES:
                return True
            if type(node) is cst.SimpleString and any(s in node.value for s in ("userinfo", "id_token")):
                return True
        return False

    @staticmethod
    def _message() -> str:
        return (
            "An existing account is looked up by the provider's email claim, and `email_verified` is never checked: "
            "an unverified address at the provider takes over the account."
        )


def _mentions_verified(fn: cst.FunctionDef) -> bool:
    """A string, name or attribute in `fn` that spells `email_verified` (or Google's `verified_email`)."""
    for node in walk(fn):
        kind = type(node)
        if kind is cst.SimpleString or kind is cst.Name:
            text = node.value.lower()  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        elif kind is cst.Attribute:
            text = node.attr.value.lower()  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        else:
            continue
        if any(marker in text for marker in _VERIFIED_MARKERS):
            return True
    return False
