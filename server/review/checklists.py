"""Review checklists derived from the categories an identity change touches."""

from __future__ import annotations

CHECKLISTS: dict[str, list[str]] = {
    "token": [
        "Tokens carry an expiry within policy (exp / max_age / TTL).",
        "Audience and issuer are set when minting and verified when decoding.",
        "The signing algorithm is pinned (algorithms=[...]); 'none' is never accepted.",
        "Signing keys come from a secrets manager or environment, never from code.",
    ],
    "invitation": [
        "Invitations expire (policy: at most 7 days) and are single use.",
        "Acceptance is bound to the invited address or identity.",
        "The granted role is not above the inviter's own role.",
    ],
    "deprovisioning": [
        "Sessions, refresh tokens, API keys and group memberships are all revoked.",
        "A revocation failure is raised, not swallowed; the job does not report success on failure.",
        "Owned resources and service accounts are reassigned or disabled.",
    ],
    "sso": [
        "Assertion/message signatures are required (SAML strict mode on).",
        "Audience, issuer, state and nonce are checked; PKCE is used for public clients.",
        "redirect_uri is matched against an allow-list.",
    ],
    "rbac": [
        "Grants follow least privilege: no wildcard, admin or owner by default.",
        "Roles and permissions are never taken from request input without checking the actor's rights.",
        "Authorization fails closed: errors deny.",
        "An approver cannot approve their own request (separation of duties).",
    ],
    "api_key": [
        "API keys are generated with `secrets`, stored hashed, shown once.",
        "Keys expire (policy: at most 90 days) and can be revoked.",
        "Keys are scoped to the least privilege needed.",
    ],
    "service_account": [
        "The service account has only the roles its workload needs (no owner/editor).",
        "Credentials are short-lived (workload identity / STS), not long-lived keys.",
        "There is an owner and a deprovisioning path for the account.",
    ],
    "password": [
        "Passwords are hashed with a slow, salted algorithm (argon2, bcrypt, scrypt, PBKDF2 >= 600k).",
        "Passwords and hashes are never logged or returned.",
        "Comparisons of secrets use constant-time functions.",
    ],
    "secrets": [
        "No credential is written into the code or configuration.",
        "Secrets are injected at run time and never logged.",
    ],
    "session": [
        "Auth cookies are Secure, HttpOnly and SameSite.",
        "Sessions expire and are invalidated on logout and password change.",
    ],
    "iam_policy": [
        "No Action '*' or Resource '*' on write actions; no privilege-escalation actions.",
        "Trust policies name specific principals with conditions (e.g. OIDC sub).",
    ],
    "policy": [
        "The idguard policy change was made by a platform owner and does not weaken guards silently.",
    ],
}

GENERIC = [
    "The change does what the stated intent says, and nothing more.",
    "Identity-related tests cover the denial paths, not only the happy path.",
]


def checklist_for(categories: list[str]) -> list[str]:
    items: list[str] = []
    for category in categories:
        for item in CHECKLISTS.get(category, []):
            if item not in items:
                items.append(item)
    return items + GENERIC
