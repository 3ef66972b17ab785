"""Is this code identity-related, and which categories does it touch?

Signals come from the path (folders such as `auth/`, `iam/`, `rbac/`) and from
words in the content. Identifiers are split into words (`refreshToken` ->
refresh, token) so that `tokenizer` or `keyboard` never count as identity.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from fnmatch import fnmatch
from typing import NamedTuple

from .policy import DEFAULT_POLICY, Policy

_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")

# word -> (category, weight). Weight 3 is decisive alone; 1 needs company.
_SIGNALS: dict[str, tuple[str, int]] = {
    "rbac": ("rbac", 3),
    "role": ("rbac", 1),
    "roles": ("rbac", 1),
    "permission": ("rbac", 2),
    "permissions": ("rbac", 1),  # file-mode permissions too
    "grant": ("rbac", 1),
    "grants": ("rbac", 1),
    "acl": ("rbac", 2),
    "authorize": ("rbac", 2),
    "authorization": ("rbac", 2),
    "authorized": ("rbac", 1),
    "superuser": ("rbac", 3),
    "membership": ("rbac", 2),
    "privilege": ("rbac", 2),
    "privileges": ("rbac", 2),
    "admin": ("rbac", 1),
    "scopes": ("token", 0),  # name scopes in compilers; OAuth scopes come with tokens and clients
    "invite": ("invitation", 3),
    "invitation": ("invitation", 3),
    "invitations": ("invitation", 3),
    "invited": ("invitation", 2),
    "saml": ("sso", 3),
    "oidc": ("sso", 3),
    "openid": ("sso", 3),
    "sso": ("sso", 3),
    "oauth": ("sso", 3),
    "authlib": ("sso", 3),
    "jwt": ("token", 3),
    "jwk": ("token", 3),
    "jwks": ("token", 3),
    "jose": ("token", 2),
    # Alone, "token" is as often a lexer's or a cancellation token: it counts in pairs below.
    "token": ("token", 0),
    "tokens": ("token", 0),
    "bearer": ("token", 2),
    "refresh": ("token", 1),
    "apikey": ("api_key", 3),
    "api": ("api_key", 0),
    "key": ("api_key", 0),
    "service": ("service_account", 0),
    "account": ("service_account", 0),
    "serviceaccount": ("service_account", 3),
    "offboard": ("deprovisioning", 3),
    "offboarding": ("deprovisioning", 3),
    "deprovision": ("deprovisioning", 3),
    "deprovisioning": ("deprovisioning", 3),
    "deactivate": ("deprovisioning", 2),
    "revoke": ("deprovisioning", 2),
    "revocation": ("deprovisioning", 2),
    # Prompts and URL parsers mention passwords too; handling them (hash, check, reset) is in the pairs.
    "password": ("password", 2),
    "passwd": ("password", 2),
    "bcrypt": ("password", 3),
    "argon": ("password", 3),
    "pbkdf": ("password", 3),
    "secret": ("secrets", 2),
    "secrets": ("secrets", 2),
    "credential": ("secrets", 2),
    "credentials": ("secrets", 2),
    "login": ("session", 2),
    "logout": ("session", 2),
    "session": ("session", 1),
    "cookie": ("session", 1),
    "authenticate": ("session", 2),
    "authentication": ("session", 2),
    "mfa": ("session", 3),
    "totp": ("session", 3),
    "iam": ("iam_policy", 3),
    # Identity-provider, authn/authz and account-lifecycle words seen in realistic identity modules.
    "auth": ("session", 1),
    "authn": ("session", 3),
    "authz": ("rbac", 3),
    "idp": ("sso", 3),
    "scim": ("deprovisioning", 3),
    "okta": ("sso", 3),
    "keycloak": ("sso", 3),
    "webauthn": ("session", 3),
    "passkey": ("session", 3),
    "impersonate": ("rbac", 3),
    "impersonation": ("rbac", 3),
    "entitlement": ("rbac", 2),
    "entitlements": ("rbac", 2),
    "deactivated": ("deprovisioning", 2),
    "deactivation": ("deprovisioning", 2),
    "hmac": ("secrets", 1),
    "sts": ("iam_policy", 2),
    "assume": ("iam_policy", 1),
    "clusterrole": ("rbac", 3),
    "rolebinding": ("rbac", 3),
    "clusterrolebinding": ("rbac", 3),
    "principal": ("iam_policy", 2),
    "principals": ("iam_policy", 2),
    "gserviceaccount": ("service_account", 3),
}

_TOKEN_KINDS = (
    "access",
    "refresh",
    "id",
    "auth",
    "bearer",
    "api",
    "session",
    "reset",
    "invite",
    "invitation",
    "verification",
    "personal",
    "jwt",
    "oauth",
    "csrf",
    "confirmation",
    "magic",
    "login",
    "service",
)
_PASSWORD_VERBS = ("hash", "check", "verify", "reset", "set", "change", "validate", "hashed", "make")

_PAIRS = {
    **{(kind, "token"): ("token", 3) for kind in _TOKEN_KINDS},
    **{(kind, "tokens"): ("token", 3) for kind in _TOKEN_KINDS},
    ("token", "expires"): ("token", 3),
    ("token", "expiry"): ("token", 3),
    ("token", "ttl"): ("token", 3),
    ("revoke", "token"): ("token", 3),
    ("issue", "token"): ("token", 3),
    ("create", "token"): ("token", 3),
    ("verify", "token"): ("token", 3),
    ("decode", "token"): ("token", 3),
    **{(verb, "password"): ("password", 3) for verb in _PASSWORD_VERBS},
    ("password", "hash"): ("password", 3),
    ("password", "hasher"): ("password", 3),
    ("password", "reset"): ("password", 3),
    ("api", "key"): ("api_key", 3),
    ("service", "account"): ("service_account", 3),
    ("access", "key"): ("api_key", 2),
    # Identity configuration: IAM statements, RBAC objects, cloud role grants.
    ("effect", "allow"): ("iam_policy", 3),
    ("assume", "role"): ("iam_policy", 3),
    ("cluster", "role"): ("rbac", 3),
    ("role", "binding"): ("rbac", 3),
    ("role", "assignment"): ("rbac", 3),
    ("role", "definition"): ("rbac", 3),
}

_PATH_SIGNALS: dict[str, str] = {
    "auth": "session",
    "authn": "session",
    "authz": "rbac",
    "iam": "iam_policy",
    "rbac": "rbac",
    "identity": "rbac",
    "sso": "sso",
    "saml": "sso",
    "oidc": "sso",
    "oauth": "sso",
    "permissions": "rbac",
    "roles": "rbac",
    "invite": "invitation",
    "invites": "invitation",
    "invitations": "invitation",
    "tokens": "token",
    "jwt": "token",
    "apikeys": "api_key",
    "api_keys": "api_key",
    "offboarding": "deprovisioning",
    "onboarding": "invitation",
    "policy.toml": "policy",
    "allowed_signers": "policy",
}

THRESHOLD = 3

# Identity libraries and framework authorization constructs in the languages idguard meets, each decisive
# on its own: importing a JWT library, an authorization annotation, skipping an authentication filter, or
# assigning a privileged role is an identity change whatever else the file holds.
#
# Each construct is (category, triggers, pattern): the pattern runs only on text that holds one of its
# triggers, literal substrings that every match of the pattern contains (lowercase, compared with the
# lowercased text, for a case-insensitive pattern). One search over the whole file tried every
# alternative at every position and was most of classification's time; `in` is a fast scan, and most
# files hold no trigger at all. A case-insensitive regex also matches a few non-ASCII letters (`ſ` for
# `s`, `K` for `k`, `ı` and `İ` for `i`) that `str.lower()` does not fold to ASCII, so non-ASCII text
# runs every pattern. `tests/guards/test_classify.py` checks the triggers against the patterns.
_JS_IDENTITY_MODULES = (
    r"jsonwebtoken|jose|jwt-decode|jwks-rsa|express-jwt|passport(?:-[\w-]+)?|next-auth(?:/[\w/-]+)?|@auth/[\w/-]+"
    r"|openid-client|oidc-client(?:-ts)?|@okta/[\w/-]+|@azure/msal[\w-]*|firebase-admin/auth|bcrypt(?:js)?|argon2"
    r"|express-session|cookie-session|@casl/[\w/-]+|accesscontrol|oauth4webapi|simple-oauth2|lucia|better-auth"
    r"|@clerk/[\w/-]+|@supabase/auth[\w/-]*|saml2-js|passport-saml|@node-saml/[\w/-]+"
)
# The literal start of each module name above (passport covers passport-saml): a quote comes right before it.
_JS_MODULE_STARTS = (
    "jsonwebtoken", "jose", "jwt-decode", "jwks-rsa", "express-jwt", "passport", "next-auth", "@auth/",
    "openid-client", "oidc-client", "@okta/", "@azure/msal", "firebase-admin/auth", "bcrypt", "argon2",
    "express-session", "cookie-session", "@casl/", "accesscontrol", "oauth4webapi", "simple-oauth2", "lucia",
    "better-auth", "@clerk/", "@supabase/auth", "saml2-js", "@node-saml/",
)  # fmt: skip


class _Construct(NamedTuple):
    category: str
    triggers: tuple[str, ...]
    pattern: re.Pattern[str]
    gate: Callable[[str], bool]  # whether the text holds one of the triggers
    ignorecase: bool  # the pattern is case-insensitive: its triggers are looked for in the lowercased text


def _gate(triggers: tuple[str, ...]) -> Callable[[str], bool]:
    """A test for "one of `triggers` is in the text": triggers that start with the same character are one
    regex (the engine finds that literal start with its fast search), a trigger alone is an `in` scan."""
    groups: dict[str, list[str]] = {}
    for trigger in triggers:
        groups.setdefault(trigger[0], []).append(trigger)
    searches = [
        re.compile("|".join(re.escape(t) for t in sorted(group, key=len, reverse=True))).search
        for group in groups.values()
        if len(group) > 1
    ]
    singles = tuple(group[0] for group in groups.values() if len(group) == 1)
    return lambda text: any(s in text for s in singles) or any(search(text) for search in searches)


def _construct(category: str, triggers: tuple[str, ...], pattern: str, flags: int = 0) -> _Construct:
    ignorecase = bool(flags & re.IGNORECASE)
    if ignorecase and any(t != t.lower() for t in triggers):
        raise ValueError(f"the triggers of a case-insensitive pattern are lowercase: {triggers}")
    return _Construct(category, triggers, re.compile(pattern, flags), _gate(triggers), ignorecase)


_I = re.IGNORECASE
_CONSTRUCTS: tuple[_Construct, ...] = (
    _construct(
        "token",
        tuple(quote + name for name in _JS_MODULE_STARTS for quote in "'\""),
        rf"""(?:require\(\s*|\bfrom\s+|\bimport\s+)['"](?:{_JS_IDENTITY_MODULES})['"]""",
    ),
    _construct(
        "token",
        ('"github.com/',),
        r""""github\.com/(?:golang-jwt/jwt|dgrijalva/jwt-go|lestrrat-go/jwx|go-jose/go-jose|square/go-jose)""",
    ),
    _construct(
        "token",
        ("io.jsonwebtoken", "com.nimbusds.", "com.auth0.jwt"),
        r"""\bimport\s+(?:static\s+)?(?:io\.jsonwebtoken|com\.nimbusds\.(?:jose|jwt)|com\.auth0\.jwt)\b""",
    ),
    _construct("token", ("Jwts",), r"""\bJwts\s*\.\s*parser"""),
    _construct("token", ("JWT",), r"""\bJWT\s*(?:\.|::)\s*(?:decode|encode|verify|sign)\s*\("""),
    _construct(
        "token",
        ("JwtSecurityTokenHandler", "TokenValidationParameters", "System.IdentityModel.Tokens"),
        r"""\bJwtSecurityTokenHandler\b|\bTokenValidationParameters\b|\busing\s+System\.IdentityModel\.Tokens""",
    ),
    _construct("token", ("Firebase\\JWT",), r"""\buse\s+Firebase\\JWT\b"""),
    _construct(
        "sso",
        ('"golang.org/x/oauth2', '"github.com/'),
        r""""(?:golang\.org/x/oauth2|github\.com/coreos/go-oidc|github\.com/markbates/goth|github\.com/crewjam/saml)""",
    ),
    _construct(
        "sso",
        ("org.springframework.security.oauth2", "org.keycloak", "org.pac4j", "com.onelogin.saml"),
        r"""\bimport\s+(?:static\s+)?(?:org\.springframework\.security\.oauth2|org\.keycloak|org\.pac4j|com\.onelogin\.saml)""",
    ),
    _construct(
        "sso",
        ("omniauth", "Doorkeeper", "AddOpenIdConnect", "AddJwtBearer"),
        r"""\bomniauth\b|\bDoorkeeper\b|\bAddOpenIdConnect\s*\(|\bAddJwtBearer\s*\(""",
    ),
    _construct(
        "rbac",
        (
            "@preauthorize",
            "@postauthorize",
            "@secured",
            "@rolesallowed",
            "@permitall",
            "@denyall",
            "@enablewebsecurity",
            "@enablemethodsecurity",
        ),
        r"""@(?:PreAuthorize|PostAuthorize|Secured|RolesAllowed|PermitAll|DenyAll|EnableWebSecurity|EnableMethodSecurity)\b""",
        _I,
    ),  # fmt: skip
    _construct(
        "rbac",
        ("permitall", "hasrole", "hasanyrole", "hasauthority", "hasanyauthority"),
        r"""\.\s*(?:permitAll|hasRole|hasAnyRole|hasAuthority|hasAnyAuthority)\s*\(""",
        _I,
    ),
    _construct(
        "rbac",
        (
            "org.springframework.security",
            "javax.annotation.security",
            "jakarta.annotation.security",
            "org.apache.shiro",
        ),
        r"""\bimport\s+(?:static\s+)?(?:org\.springframework\.security|javax\.annotation\.security|jakarta\.annotation\.security|org\.apache\.shiro)\b""",
        _I,
    ),
    _construct("rbac", ("authorize", "allowanonymous"), r"""\[\s*(?:Authorize|AllowAnonymous)\b""", _I),
    _construct(
        "rbac",
        ("addauthentication", "addauthorization", "useauthentication", "useauthorization"),
        r"""\bAdd(?:Authentication|Authorization)\s*\(|\bUse(?:Authentication|Authorization)\s*\(""",
        _I,
    ),
    _construct(
        "rbac",
        ("microsoft.aspnetcore.authorization", "claimsprincipal"),
        r"""\busing\s+Microsoft\.AspNetCore\.Authorization\b|\bClaimsPrincipal\b""",
        _I,
    ),
    _construct(
        "rbac",
        ("before_action",),
        r"""\b(?:skip_)?before_action\s+:(?:authenticate\w*|require_\w*login\w*|authorize\w*|verify_authenticity_token|require_admin\w*)""",
        _I,
    ),
    _construct(
        "rbac",
        ("authorize!", "pundit", "cancan", "has_secure_password", "devise"),
        r"""\bauthorize!\s|\bPundit\b|\bCanCan\b|\bhas_secure_password\b|\bdevise\s+:""",
        _I,
    ),
    _construct(
        "rbac",
        ("gate::", "->middleware(", "isgranted"),
        r"""\bGate::(?:allows|denies|define|authorize|before)\b|->middleware\(\s*['"]auth|\bisGranted\s*\(|#\[IsGranted\b""",
        _I,
    ),
    _construct(
        "rbac",
        ("illuminate\\support\\facades\\", "laravel\\", "symfony\\component\\security"),
        r"""\buse\s+(?:Illuminate\\Support\\Facades\\(?:Auth|Gate)|Laravel\\(?:Sanctum|Passport)|Symfony\\Component\\Security)\b""",
        _I,
    ),
    _construct("rbac", ('"github.com/casbin/casbin',), r""""github\.com/casbin/casbin""", _I),
    _construct(
        "rbac",
        (
            "login_required",
            "permission_required",
            "user_passes_test",
            "csrf_exempt",
            "permission_classes",
            "authentication_classes",
        ),
        r"""\b(?:login_required|permission_required|user_passes_test|csrf_exempt|permission_classes|authentication_classes)\b""",
        _I,
    ),  # fmt: skip
    _construct(
        "rbac",
        ("'admin", '"admin', "'owner", '"owner', "'root", '"root', "'super", '"super'),
        r"""\b(?:role|roles|user_?role|is_?admin|isAdmin|is_superuser|is_staff|permissions?|scopes?|groups?)\b['"]?\s*"""
        r"""(?:=|:|\+=|\.(?:append|add|push|insert)\(|<<)\s*\[?\s*['"](?:admin|administrator|owner|root|superuser|super_?admin)['"]""",
        _I,
    ),
    _construct(
        "rbac",
        ("isadmin", "is_admin", "is_superuser", "is_staff"),
        r"""\b(?:is_?admin|isAdmin|is_superuser|is_staff)\b\s*(?:=|:)\s*(?:True|true|1)\b""",
        _I,
    ),
    _construct(
        "session",
        ('"golang.org/x/crypto/bcrypt', '"github.com/gorilla/sessions', '"github.com/alexedwards/scs'),
        r""""(?:golang\.org/x/crypto/bcrypt|github\.com/gorilla/sessions|github\.com/alexedwards/scs)""",
    ),
    _construct("session", ("password_hash", "password_verify"), r"""\bpassword_(?:hash|verify)\s*\("""),
    _construct("session", ("Illuminate\\Support\\Facades\\Hash",), r"""\buse\s+Illuminate\\Support\\Facades\\Hash\b"""),
)


def _construct_categories(code: str, use_triggers: bool = True) -> list[str]:
    """The categories of the constructs found in the first 500,000 characters of `code`, in the order of
    `_CONSTRUCTS` (ties in the scores keep it); `use_triggers` False runs every pattern (the tests compare)."""
    text = code[:500_000]
    lowered = text.lower() if use_triggers and text.isascii() else None
    found: list[str] = []
    for construct in _CONSTRUCTS:
        if construct.category in found:
            continue
        if lowered is not None:
            haystack = lowered if construct.ignorecase else text
            if not construct.gate(haystack):
                continue
        if construct.pattern.search(text):
            found.append(construct.category)
    return found


# Files that switch idguard's enforcement on or off: the IDE hooks and MCP registration, the
# pre-commit hook and the CI jobs that run the gate. Changing them is changing the access control.
_ENFORCEMENT_FILES = re.compile(
    r"(?:^|/)(?:\.claude/settings(?:\.local)?\.json|\.mcp\.json|\.vscode/(?:mcp|settings)\.json|\.cursor/mcp\.json"
    r"|\.pre-commit-config\.ya?ml|\.github/workflows/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml)$"
)


def _enforcement_config(path: str, code: str) -> bool:
    if _ENFORCEMENT_FILES.search(path):
        return True
    # `[tool.idguard]` in pyproject.toml is a policy source (server/policy.py).
    return path.rsplit("/", 1)[-1] == "pyproject.toml" and "tool.idguard" in code


def path_forces_identity(path: str, policy: Policy = DEFAULT_POLICY) -> bool:
    """Whether the path alone makes a file identity-related (identity folders, `.idguard/`, enforcement
    configuration, the policy's `identity_paths`), whatever its content."""
    return bool(_path_categories(path, "", policy)[1])


def _path_categories(path: str, code: str, policy: Policy) -> tuple[list[str], bool]:
    normalized = path.replace("\\", "/")
    parts = [p.lower() for p in normalized.split("/") if p]
    categories: list[str] = []
    for part in parts:
        stem = part.rsplit(".", 1)[0] if part != "policy.toml" else part
        for token in {stem, *stem.replace("-", "_").split("_"), part}:
            category = _PATH_SIGNALS.get(token)
            if category:
                categories.append(category)
    if ".idguard" in parts or _enforcement_config(normalized, code):
        categories.append("policy")
    forced = bool(categories) or any(fnmatch(normalized, glob) for glob in policy.identity_paths)
    return categories, forced


def classify(code: str, path: str | None = None, policy: Policy = DEFAULT_POLICY) -> tuple[bool, list[str]]:
    """Return (identity_related, categories sorted by weight)."""
    scores: Counter[str] = Counter()
    # The words are ASCII letters: one lower() of them all joined is the same as one per word, and faster.
    words = " ".join(_WORDS.findall(code[:500_000])).lower().split()
    counts = Counter(words)
    bigrams: Counter[tuple[str, str]] | None = None
    for word, count in counts.items():
        signal = _SIGNALS.get(word)
        if signal and signal[1]:
            scores[signal[0]] += signal[1] * min(count, 3)
    for (first, second), (category, weight) in _PAIRS.items():
        if counts.get(first) and counts.get(second):
            if bigrams is None:  # counted once, for the first pair whose two words both occur
                bigrams = Counter(zip(words, words[1:], strict=False))
            joined = bigrams[(first, second)]
            if joined:
                scores[category] += weight * min(joined, 3)
    for category in _construct_categories(code):
        scores[category] += THRESHOLD
    forced = False
    if path:
        path_categories, forced = _path_categories(path, code, policy)
        for category in path_categories:
            scores[category] += THRESHOLD
    categories = [c for c, s in scores.most_common() if s >= THRESHOLD]
    total = sum(scores.values())
    identity = forced or bool(categories) or total >= THRESHOLD + 1
    if identity and not categories and scores:
        categories = [scores.most_common(1)[0][0]]
    return identity, categories
