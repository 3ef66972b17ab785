"""Privilege ranks, literal string sets and the kinds of credential a module handles."""

from __future__ import annotations

import re

import libcst as cst

from ..context import PythonContext
from ..words import identifier_words
from .decisions import _OFFBOARD_ALONE, call_targets, module_index, reachable
from .protection import _ADMIN_WORDS, _TOP_WORDS
from .words import _REQUEST_NAMES, SQL_CALLS, callee_name, file_cache, node_words, nodes_in, string_literal


def privilege_rank(ctx: PythonContext, value: str) -> int:
    """3 for owner/superuser/root/`*` and wildcard scopes, 2 for admin/staff and the policy's other
    privileged roles, 1 for ordinary roles (member, viewer, customer)."""
    lowered = value.strip().lower()
    words = set(identifier_words(value))
    if lowered == "*" or lowered.endswith((":*", ".*", "/*")) or words & _TOP_WORDS or {"super", "admin"} <= words:
        return 3
    if words & _ADMIN_WORDS or lowered in {r.lower() for r in ctx.policy.limits.privileged_roles}:
        return 2
    if (
        words & {"write", "manage", "delete"}
        and ":" in lowered
        and words & {"admin", "users", "members", "roles", "billing", "keys"}
    ):
        return 2
    return 1


_FLAG_RANKS = {
    "is_superuser": 3,
    "superuser": 3,
    "is_owner": 3,
    "is_root": 3,
    "is_super_admin": 3,
    "superadmin": 3,
    "is_admin": 2,
    "admin": 2,
    "is_staff": 2,
    "staff": 2,
}


def flag_rank(name: str | None) -> int | None:
    """`is_superuser` -> 3, `is_admin` / `is_staff` -> 2; None for other names."""
    return _FLAG_RANKS.get((name or "").lower())


def literal_strings(ctx: PythonContext, expr: cst.BaseExpression | None, depth: int = 3) -> list[str] | None:
    """The strings of a literal list/set/tuple/frozenset(...)/dict keys/`Literal[...]` (through names), or None."""
    if expr is None or depth <= 0:
        return None
    expr = ctx.resolve(expr)
    text = ctx.string_value(expr)
    if text is not None:
        return [text]
    if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
        out: list[str] = []
        for element in expr.elements:
            inner = literal_strings(ctx, element.value, depth - 1)
            if inner is None:
                return None
            out += inner
        return out
    if isinstance(expr, cst.Dict):
        keys = [string_literal(e.key) for e in expr.elements if isinstance(e, cst.DictElement)]
        return [k for k in keys if k is not None] if all(k is not None for k in keys) else None
    if (
        isinstance(expr, cst.Call)
        and callee_name(expr.func) in {"frozenset", "set", "tuple", "list"}
        and len(expr.args) == 1
    ):
        return literal_strings(ctx, expr.args[0].value, depth - 1)
    if isinstance(expr, cst.Subscript) and callee_name(expr.value) == "Literal":
        out = []
        for subscript in expr.slice:
            if isinstance(subscript.slice, cst.Index):
                inner = literal_strings(ctx, subscript.slice.value, depth - 1)
                if inner is None:
                    return None
                out += inner
        return out
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.BitOr):
        left, right = literal_strings(ctx, expr.left, depth - 1), literal_strings(ctx, expr.right, depth - 1)
        return left + right if left is not None and right is not None else None
    return None


# -- credential kinds an offboarding routine must revoke ------------------------------

_ORM_SESSION_WORDS = frozenset(
    {
        "local",
        "maker",
        "db",
        "database",
        "scoped",
        "sql",
        "orm",
        "engine",
        "http",
        "requests",
        "aiohttp",
        "client",
        "boto",
        "transaction",
        "get",
        "async",
        "factory",
        "spark",
        "tf",
        "cache",
    }
)


def credential_kind(name: str) -> str | None:
    """Which kind of live access an identifier names: 'session', 'refresh token', 'API key',
    'OAuth grant', 'membership', 'SSH key', 'service key', 'access token'; None otherwise."""
    words = identifier_words(name)
    if not words:
        return None
    joined = set(words)
    if "refresh" in joined and joined & {"token", "tokens"} or name in {"RefreshToken", "refresh_tokens"}:
        return "refresh token"
    if {"o", "auth"} <= joined or "oauth" in joined:
        if joined & {
            "grant",
            "grants",
            "token",
            "tokens",
            "consent",
            "consents",
            "authorization",
            "authorizations",
            "app",
            "apps",
        }:
            return "OAuth grant"
        return None
    if "ssh" in joined or {"deploy", "key"} <= joined or {"deploy", "keys"} <= joined:
        return "SSH key"
    if (
        "apikey" in joined
        or "apikeys" in joined
        or "api" in joined
        and joined & {"key", "keys", "token", "tokens"}
        or "pat" in joined
        or {"personal", "access", "token"} <= joined
    ):
        return "API key"
    if (
        joined & {"service", "machine", "access"}
        and joined & {"key", "keys"}
        or {"service", "account", "key"} <= joined
    ):
        return "service key"
    if joined & {"session", "sessions"}:
        if joined & _ORM_SESSION_WORDS or name == "session":
            return None  # a database or HTTP session, not a login
        return "session"
    if (
        joined & {"membership", "memberships"}
        or joined & {"member", "members"}
        and joined & {"team", "org", "organization", "organisation", "group", "workspace", "project", "space", "tenant"}
    ):
        return "membership"
    if joined & {"token", "tokens"} and not joined & {
        "csrf",
        "reset",
        "verification",
        "verify",
        "invite",
        "invitation",
        "confirmation",
        "confirm",
        "magic",
        "email",
        "password",
        "digest",
        "hash",
        "type",
        "url",
        "expiry",
        "ttl",
    }:
        return "access token"
    return None


# Libraries whose `Session`, `Token`... are connections or framework plumbing, not someone's access
# (Django's `sessions.models.Session` and DRF's `authtoken.models.Token` are credentials and count).
_NON_APP_MODULES = (
    "sqlalchemy",
    "requests",
    "aiohttp",
    "httpx",
    "boto3",
    "botocore",
    "flask",
    "starlette",
    "fastapi",
    "typing",
    "datetime",
    "logging",
    "celery",
    "pydantic",
    "litestar",
    "sanic",
    "quart",
    "tornado",
    "falcon",
    "pyramid",
    "sqlmodel",
    "peewee",
    "pony",
    "tortoise",
    "motor",
    "pymongo",
    "redis",
    "cassandra",
    "neo4j",
)


_NOT_A_CREDENTIAL_CLASS = frozenset(
    {
        "handler",
        "view",
        "viewset",
        "resource",
        "controller",
        "serializer",
        "form",
        "schema",
        "endpoint",
        "error",
        "exception",
        "test",
        "tests",
        "admin",
        "mixin",
        "middleware",
        "backend",
        "manager",
        "service",
        "client",
        "factory",
        "generator",
        "validator",
        "authentication",
        "permission",
        "config",
        "settings",
        "spec",
        "request",
        "response",
    }
)
_HANDLES_WORDS = frozenset(
    {
        "revoke",
        "list",
        "create",
        "issue",
        "delete",
        "rotate",
        "mint",
        "generate",
        "new",
        "add",
        "expire",
        "invalidate",
        "clear",
        "drop",
        "remove",
        "grant",
        "register",
    }
)


_STORE_WORDS = frozenset({"repo", "repository", "store", "service", "client", "manager", "dao", "table", "api"})


def module_credential_kinds(ctx: PythonContext) -> dict[str, str]:
    """Kinds of live access this module handles -> an identifier that shows it (`ApiKey`, `revoke_oauth_grants`,
    `user.ssh_keys`): its classes, functions, names imported from application modules, and
    collection attributes. Strings and docstrings do not count."""
    cache = file_cache(ctx)
    found = cache.get("credential kinds")
    if found is not None:
        return found
    found = {}

    def note(name: str) -> None:
        kind = credential_kind(name)
        if kind is not None:
            found.setdefault(kind, name)

    for local, qualified in ctx.imports.items():
        if not qualified.startswith(_NON_APP_MODULES) and (
            local[:1].isupper() or set(identifier_words(local)) & _HANDLES_WORDS
        ):
            note(local)
    index = module_index(ctx)
    for name in index.classes:
        # models of credentials, not the views, forms and errors around them (`TokenRotateHandler`)
        if not set(identifier_words(name)) & _NOT_A_CREDENTIAL_CLASS:
            note(name)
    for name in index.functions:
        # `revoke_api_key`, `list_sessions`: functions that handle credentials, not checks (`require_scim_token`)
        if set(identifier_words(name)) & _HANDLES_WORDS:
            note(name)
    for assign in nodes_in(ctx.module, cst.Assign):
        # `self.ssh_repo = ssh_repo` in a service class: a handle on one kind of access
        for target in assign.targets:
            node = target.target
            if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
                if set(identifier_words(node.attr.value)) & _STORE_WORDS:
                    note(node.attr.value)
    for attribute in nodes_in(ctx.module, cst.Attribute):
        attr = attribute.attr.value
        if attr.endswith("s") and not (
            isinstance(attribute.value, cst.Name) and attribute.value.value in _REQUEST_NAMES | {"db", "self"}
        ):
            note(attr)
    cache["credential kinds"] = found
    return found


_SQL_WRITE = re.compile(r"\b(?:DELETE\s+FROM|UPDATE|TRUNCATE(?:\s+TABLE)?)\s+[\"`]?([A-Za-z_][\w.]*)", re.IGNORECASE)
# Dictionary keys naming what a table of revocation steps revokes: `{"sessions": "DELETE ...", ...}`.
_KEY_KINDS = re.compile(r"^[A-Za-z_][\w]*$")


def _sql_kinds(value: cst.CSTNode) -> set[str]:
    """Kinds of access the SQL strings under `value` delete or update (`DELETE FROM web_sessions`), and
    the keys of a dict of such statements."""
    found: set[str] = set()
    for string in nodes_in(value, cst.SimpleString):
        text = string.evaluated_value if isinstance(string.evaluated_value, str) else ""
        for match in _SQL_WRITE.finditer(text):
            kind = credential_kind(match.group(1).rsplit(".", 1)[-1])
            if kind is not None:
                found.add(kind)
    if isinstance(value, cst.Dict):
        for element in value.elements:
            if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
                key = element.key.evaluated_value
                if isinstance(key, str) and _KEY_KINDS.match(key) and nodes_in(element.value, cst.SimpleString):
                    if _SQL_WRITE.search(
                        str(element.value.evaluated_value) if isinstance(element.value, cst.SimpleString) else ""
                    ):
                        kind = credential_kind(key)
                        if kind is not None:
                            found.add(kind)
    return found


ALL_KINDS = "every kind"
# Nouns of one kind of credential: `keys_repo.revoke_all(...)` revokes all keys, not all access.
_ONE_KIND_NOUNS = frozenset(
    {"key", "keys", "token", "tokens", "session", "sessions", "ssh", "grant", "grants", "cookie", "cookies"}
)


def _receiver_names_one_kind(ctx: PythonContext, call: cst.Call) -> bool:
    """The call is a method of a store of one credential kind (`self.keys_repo.revoke_all`)."""
    func = call.func
    if not isinstance(func, cst.Attribute):
        return False
    return bool(node_words(ctx, func.value) & _ONE_KIND_NOUNS) or credential_kind(callee_name(func.value)) is not None


_REVOKE_ALL_VERBS = frozenset(
    {
        "revoke",
        "invalidate",
        "purge",
        "wipe",
        "deprovision",
        "offboard",
        "cleanup",
        "clean",
        "terminate",
        "kill",
        "logout",
        "remove",
        "delete",
        "disable",
    }
)
_REVOKE_ALL_OBJECTS = frozenset({"all", "everything", "access", "credentials", "everywhere", "identity", "accesses"})


def kinds_in(ctx: PythonContext, fn: cst.FunctionDef, depth: int = 2) -> set[str]:
    """Kinds of live access `fn` touches by name, in its body, in the module functions it calls and in
    the module constants it reads (a table of revocation steps); `ALL_KINDS` when it hands the whole
    job to a revoke-everything or offboarding helper defined elsewhere (`revoke_all_access.delay(user.id)`)."""
    cache = file_cache(ctx)
    key = ("kinds", id(fn), depth)
    found = cache.get(key)
    if found is not None:
        return found
    kinds: set[str] = set()
    constants = ctx._scope_assignments(ctx.module)
    for target in reachable(ctx, fn, depth):
        seen_constants: set[str] = set()
        for node in nodes_in(target.body, cst.Name, cst.Attribute):
            name = node.value if isinstance(node, cst.Name) else node.attr.value
            kind = credential_kind(name)
            if kind is not None:
                kinds.add(kind)
            if isinstance(node, cst.Name) and name in constants and name not in seen_constants and name.isupper():
                seen_constants.add(name)
                for value in constants[name]:
                    for inner in nodes_in(value, cst.Name, cst.Attribute):
                        inner_kind = credential_kind(inner.value if isinstance(inner, cst.Name) else inner.attr.value)
                        if inner_kind is not None:
                            kinds.add(inner_kind)
                    kinds |= _sql_kinds(value)  # a table of revocation statements
        for call in nodes_in(target.body, cst.Call):
            if callee_name(call.func) in SQL_CALLS:
                for arg in call.args:
                    kinds |= _sql_kinds(arg.value)  # `cur.execute("DELETE FROM web_sessions ...")`
        for call in nodes_in(target.body, cst.Call):
            words = node_words(ctx, call.func)
            if words & {
                "log",
                "logger",
                "audit",
                "notify",
                "send",
                "email",
                "mail",
                "record",
                "event",
                "emit",
                "publish",
                "metric",
                "metrics",
                "track",
                "print",
            }:
                continue
            if (
                not call_targets(ctx, target, call)
                and credential_kind(callee_name(call.func)) is None
                and (words & _REVOKE_ALL_VERBS and words & _REVOKE_ALL_OBJECTS or words & _OFFBOARD_ALONE)
                and not _receiver_names_one_kind(ctx, call)
            ):  # `delete_access_key` revokes one kind, `revoke_all_access` every kind
                kinds.add(ALL_KINDS)
    cache[key] = kinds
    return kinds


# -- accepting a one-time code: invitations, magic links, signup codes ---------------

# Lower-case substrings without which a file cannot accept a one-time code (the guards' triggers).
ONE_TIME_TRIGGERS = (
    "invit",
    "magic",
    "link",
    "signup",
    "sign_up",
    "onboard",
    "enrol",
    "activation",
    "beta",
    "voucher",
)
ONE_TIME_WORDS = frozenset(
    {
        "invite",
        "invites",
        "invitation",
        "invitations",
        "invited",
        "magic",
        "onboarding",
        "signup",
        "enrollment",
        "enrolment",
        "enroll",
        "enrol",
        "activation",
        "beta",
        "voucher",  # a seat or plan voucher admits whoever redeems it: an invitation without a name
        "vouchers",
    }
)
_LINK_QUALIFIERS = frozenset(
    {
        "login",
        "signin",
        "sign",
        "email",
        "magic",
        "onboarding",
        "join",
        "invite",
        "partner",
        "signup",
        "access",
        "passwordless",
    }
)
_IDENTITY_KEYS = frozenset(
    {
        "user",
        "user_id",
        "userid",
        "email",
        "account",
        "account_id",
        "principal",
        "subject",
        "sub",
        "uid",
        "member",
        "member_id",
        "username",
        "login",
        "owner",
        "owner_id",
    }
)
_LOGIN_CALLS = frozenset(
    {
        "login",
        "login_user",
        "auth_login",
        "create_session",
        "start_session",
        "set_session",
        "issue_session",
        "sign_in",
        "signin",
        "remember_user",
        "create_access_token",
        "issue_token",
        "create_token",
        "encode",
    }
)
_ACCOUNT_CALLS = frozenset({"create_user", "create_account", "register_user", "signup_user", "create_superuser"})
_EXPIRY_CHECK_WORDS = frozenset(
    {
        "expires",
        "expiry",
        "expired",
        "expiration",
        "expire",
        "exp",
        "ttl",
        "validity",
        "until",
        "age",
        "lifetime",
        "deadline",
        "stale",
        "valid",
        "fresh",
    }
)


_ONE_TIME_OR_LINK = ONE_TIME_WORDS | frozenset({"link", "links"})
_NOT_ACCEPTING_WORDS = frozenset(
    {
        "remove",
        "delete",
        "revoke",
        "cancel",
        "deactivate",
        "offboard",
        "resend",
        "send",
        "list",
        "expire",
        "purge",
        "cleanup",
        "disable",
        "preview",
        "show",
        "get",
        "render",
        "email",
        "notify",
        "audit",
        "export",
    }
)
