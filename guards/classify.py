"""Is this code identity-related, and which categories does it touch?

Signals come from the path (folders such as `auth/`, `iam/`, `rbac/`) and from
words in the content. Identifiers are split into words (`refreshToken` ->
refresh, token) so that `tokenizer` or `keyboard` never count as identity.
"""

from __future__ import annotations

import re
from collections import Counter
from fnmatch import fnmatch

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
# assigning a privileged role is an identity change whatever else the file holds (one regex per category).
_JS_IDENTITY_MODULES = (
    r"jsonwebtoken|jose|jwt-decode|jwks-rsa|express-jwt|passport(?:-[\w-]+)?|next-auth(?:/[\w/-]+)?|@auth/[\w/-]+"
    r"|openid-client|oidc-client(?:-ts)?|@okta/[\w/-]+|@azure/msal[\w-]*|firebase-admin/auth|bcrypt(?:js)?|argon2"
    r"|express-session|cookie-session|@casl/[\w/-]+|accesscontrol|oauth4webapi|simple-oauth2|lucia|better-auth"
    r"|@clerk/[\w/-]+|@supabase/auth[\w/-]*|saml2-js|passport-saml|@node-saml/[\w/-]+"
)
_CONSTRUCTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            rf"""(?:require\(\s*|\bfrom\s+|\bimport\s+)['"](?:{_JS_IDENTITY_MODULES})['"]"""
            r"""|"github\.com/(?:golang-jwt/jwt|dgrijalva/jwt-go|lestrrat-go/jwx|go-jose/go-jose|square/go-jose)"""
            r"""|\bimport\s+(?:static\s+)?(?:io\.jsonwebtoken|com\.nimbusds\.(?:jose|jwt)|com\.auth0\.jwt)\b"""
            r"""|\bJwts\s*\.\s*parser|\bJWT\s*(?:\.|::)\s*(?:decode|encode|verify|sign)\s*\("""
            r"""|\bJwtSecurityTokenHandler\b|\bTokenValidationParameters\b|\busing\s+System\.IdentityModel\.Tokens"""
            r"""|\buse\s+Firebase\\JWT\b"""
        ),
        "token",
    ),
    (
        re.compile(
            r""""(?:golang\.org/x/oauth2|github\.com/coreos/go-oidc|github\.com/markbates/goth|github\.com/crewjam/saml)"""
            r"""|\bimport\s+(?:static\s+)?(?:org\.springframework\.security\.oauth2|org\.keycloak|org\.pac4j|com\.onelogin\.saml)"""
            r"""|\bomniauth\b|\bDoorkeeper\b|\bAddOpenIdConnect\s*\(|\bAddJwtBearer\s*\("""
        ),
        "sso",
    ),
    (
        re.compile(
            r"""@(?:PreAuthorize|PostAuthorize|Secured|RolesAllowed|PermitAll|DenyAll|EnableWebSecurity|EnableMethodSecurity)\b"""
            r"""|\.\s*(?:permitAll|hasRole|hasAnyRole|hasAuthority|hasAnyAuthority)\s*\("""
            r"""|\bimport\s+(?:static\s+)?(?:org\.springframework\.security|javax\.annotation\.security|jakarta\.annotation\.security|org\.apache\.shiro)\b"""
            r"""|\[\s*(?:Authorize|AllowAnonymous)\b|\bAdd(?:Authentication|Authorization)\s*\(|\bUse(?:Authentication|Authorization)\s*\("""
            r"""|\busing\s+Microsoft\.AspNetCore\.Authorization\b|\bClaimsPrincipal\b"""
            r"""|\b(?:skip_)?before_action\s+:(?:authenticate\w*|require_\w*login\w*|authorize\w*|verify_authenticity_token|require_admin\w*)"""
            r"""|\bauthorize!\s|\bPundit\b|\bCanCan\b|\bhas_secure_password\b|\bdevise\s+:"""
            r"""|\bGate::(?:allows|denies|define|authorize|before)\b|->middleware\(\s*['"]auth|\bisGranted\s*\(|#\[IsGranted\b"""
            r"""|\buse\s+(?:Illuminate\\Support\\Facades\\(?:Auth|Gate)|Laravel\\(?:Sanctum|Passport)|Symfony\\Component\\Security)\b"""
            r"""|"github\.com/casbin/casbin|\b(?:login_required|permission_required|user_passes_test|csrf_exempt|permission_classes|authentication_classes)\b"""
            r"""|\b(?:role|roles|user_?role|is_?admin|isAdmin|is_superuser|is_staff|permissions?|scopes?|groups?)\b['"]?\s*"""
            r"""(?:=|:|\+=|\.(?:append|add|push|insert)\(|<<)\s*\[?\s*['"](?:admin|administrator|owner|root|superuser|super_?admin)['"]"""
            r"""|\b(?:is_?admin|isAdmin|is_superuser|is_staff)\b\s*(?:=|:)\s*(?:True|true|1)\b""",
            re.IGNORECASE,
        ),
        "rbac",
    ),
    (
        re.compile(
            r""""(?:golang\.org/x/crypto/bcrypt|github\.com/gorilla/sessions|github\.com/alexedwards/scs)"""
            r"""|\bpassword_(?:hash|verify)\s*\(|\buse\s+Illuminate\\Support\\Facades\\Hash\b"""
        ),
        "session",
    ),
)

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
    words = [w.lower() for w in _WORDS.findall(code[:500_000])]
    counts = Counter(words)
    for word, count in counts.items():
        signal = _SIGNALS.get(word)
        if signal and signal[1]:
            scores[signal[0]] += signal[1] * min(count, 3)
    for (first, second), (category, weight) in _PAIRS.items():
        if counts.get(first) and counts.get(second):
            joined = sum(1 for a, b in zip(words, words[1:], strict=False) if a == first and b == second)
            if joined:
                scores[category] += weight * min(joined, 3)
    for pattern, category in _CONSTRUCTS:
        if pattern.search(code, 0, 500_000):
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
