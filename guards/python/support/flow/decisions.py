"""Functions that make an access decision or offboard someone; the module index and call targets."""

from __future__ import annotations

import re
from collections.abc import Iterable

import libcst as cst

from ..context import PythonContext
from ..walk import TreeIndex, node_span
from ..words import identifier_words
from .words import (
    _AUTH_FACTORY_WORDS,
    _NOT_ACCESS_WORDS,
    VALIDATOR_WORDS,
    callee_name,
    file_cache,
    function_name,
    function_words,
    node_words,
    nodes_in,
    parameter_names,
    string_literal,
)


def in_auth_decision(ctx: PythonContext) -> bool:
    """The function being visited decides access, or is nested in one (a decorator's wrapper inside
    `requires(permission)`, a dependency inside `authorize(action)`). Rate limiters, feature flags and
    caches that fail open (`allow_request`, `feature_enabled`) are not access decisions."""
    if ctx.function_stack:
        current = ctx.function_stack[-1]
        words = function_words(current)
        if isinstance(current, cst.FunctionDef):
            for name in parameter_names(current):
                words = words | set(identifier_words(name))
        if words & _NOT_ACCESS_WORDS:
            return False
    if any(is_auth_decision_function(fn) or function_words(fn) & _AUTH_FACTORY_WORDS for fn in ctx.function_stack):
        return True
    return bool(ctx.function_stack) and is_middleware_hook(ctx, ctx.function_stack[-1])


def is_middleware_hook(ctx: PythonContext, fn: cst.CSTNode) -> bool:
    """A request hook of an access middleware: `RoleMiddleware.process_resource`, `ScopeGuard.__call__`."""
    if not ctx.class_stack or function_name(fn) not in _REQUEST_HOOKS:
        return False
    class_words = set(identifier_words(ctx.class_stack[-1].name.value))
    return bool(class_words & _GATE_CLASS_WORDS and class_words & (AUTH_DECISION_WORDS | _RIGHTS_WORDS))


# Methods a web framework calls on each request (Falcon, Django, Starlette middleware; callables).
_REQUEST_HOOKS = frozenset(
    {"process_request", "process_resource", "process_view", "__call__", "dispatch", "before_request", "on_request"}
)
_GATE_CLASS_WORDS = frozenset({"middleware", "guard", "gate", "enforcer", "authorizer", "checker", "filter"})


_READ_METHODS = frozenset(
    {"get", "getlist", "pop", "strip", "lower", "get_json", "json", "form", "decode", "unquote", "str"}
)


def _plain_read(ctx: PythonContext, value: cst.CSTNode) -> bool:
    """A value that only reads or lightly normalises request data (no other computation)."""
    for call in nodes_in(value, cst.Call):
        func = call.func
        name = callee_name(func)
        if name not in _READ_METHODS:
            return False
    return True


def target_names(target: cst.BaseExpression) -> set[str]:
    """Names an assignment target binds: `a`, `a, b`, `[a, *rest]`."""
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        out: set[str] = set()
        for element in target.elements:
            out |= target_names(element.value)
        return out
    if isinstance(target, cst.StarredElement):
        return target_names(target.value)
    return set()


# -- what a function checks ---------------------------------------------------


def leaf_keys(ctx: PythonContext, expr: cst.CSTNode) -> set[str]:
    """The names a value is known by: `data["role"]` -> role, `body.role` -> role, `role` -> role."""
    if isinstance(expr, cst.Name):
        return {expr.value}
    if isinstance(expr, cst.Attribute):
        return {expr.attr.value}
    if isinstance(expr, cst.Subscript):
        keys: set[str] = set()
        for element in expr.slice:
            if isinstance(element.slice, cst.Index):
                text = (
                    ctx.string_value(element.slice.value) if isinstance(element.slice.value, cst.SimpleString) else None
                )
                keys |= {text} if text else leaf_keys(ctx, element.slice.value)
        return keys
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value in {"get", "pop", "getlist", "getone"} and expr.args:
            first = expr.args[0].value
            text = ctx.string_value(first) if isinstance(first, cst.SimpleString) else None
            if text:
                return {text}
        keys = set()
        if isinstance(func, cst.Attribute):
            keys |= leaf_keys(ctx, func.value)  # `invite.email.casefold()` is still the email
        for arg in expr.args:
            keys |= leaf_keys(ctx, arg.value)
        return keys
    keys = set()
    for child in expr.children:
        if isinstance(child, (cst.BaseExpression, cst.ComparisonTarget, cst.Arg, cst.Element)):
            keys |= leaf_keys(ctx, child)
    return keys


def checked_keys(
    ctx: PythonContext,
    fn: cst.CSTNode,
    extra_validator_words: Iterable[str] = (),
    not_validators: Iterable[str] = (),
    inside: Iterable[cst.CSTNode] = (),
) -> set[str]:
    """Names (and dict keys) a function compares, asserts, or passes to a validator.

    `not_validators` names calls that look like validators but are the sink
    being judged (`authorize_redirect` authorizes nothing); comparisons inside
    the `inside` nodes (the value being judged, `x == "true"`) are not checks of it."""
    skipped = set(not_validators)
    excluded = {id(c) for node in inside for c in nodes_in(node, cst.Comparison)}
    validators = VALIDATOR_WORDS | set(extra_validator_words)
    keys: set[str] = set()
    for comparison in nodes_in(fn, cst.Comparison):
        if id(comparison) in excluded:
            continue
        keys |= leaf_keys(ctx, comparison.left)
        for target in comparison.comparisons:
            keys |= leaf_keys(ctx, target.comparator)
    for call in nodes_in(fn, cst.Call):
        func = call.func
        name = callee_name(func)
        if name not in skipped and set(identifier_words(name)) & validators:
            for arg in call.args:
                keys |= leaf_keys(ctx, arg.value)
    for match_stmt in nodes_in(fn, cst.Match):
        keys |= leaf_keys(ctx, match_stmt.subject)
    return keys


# Words of functions that make an access decision.
AUTH_DECISION_WORDS = frozenset(
    {
        "authorize",
        "authorized",
        "authorization",
        "authz",
        "permission",
        "permissions",
        "access",
        "allowed",
        "allow",
        "allows",
        "authorizes",
        "permit",
        "permitted",
        "verify",
        "verified",
        "authenticate",
        "authenticated",
        "acl",
        "entitled",
        "enforce",
        "privilege",
        "perm",
        "perms",
        "permits",
        "entitlements",
        "entitlement",
    }
)
# `has_role`, `check_scope`, `is_admin`, `require_owner`: a predicate word with a rights word.
_PREDICATE_WORDS = frozenset({"has", "is", "check", "require", "requires", "ensure", "validate", "can", "may"})
_RIGHTS_WORDS = frozenset(
    {
        "role",
        "roles",
        "scope",
        "scopes",
        "admin",
        "owner",
        "member",
        "policy",
        "token",
        "signature",
        "session",
        "login",
        "mfa",
        "superuser",
        "staff",
        "rbac",
        "auth",
    }
)


def is_auth_decision_function(fn: cst.CSTNode) -> bool:
    """`authorize`, `check_permission`, `has_access`, `verify_token`, `can_edit`, `is_allowed`..."""
    name = function_name(fn)
    words = set(identifier_words(name))
    if name.startswith(("can_", "may_")) or name in {"can", "may"}:
        return True
    if words & {"log", "logger", "format", "render", "serialize", "test"}:
        return False
    return bool(words & AUTH_DECISION_WORDS) or bool(words & _PREDICATE_WORDS and words & _RIGHTS_WORDS)


_OFFBOARD_ALONE = frozenset(
    {
        "offboard",
        "offboarding",
        "deprovision",
        "deprovisioning",
        "terminate",
        "termination",
        "leaver",
        "decommission",
        "decommissioning",
    }
)
_OFFBOARD_VERBS = frozenset(
    {
        "deactivate",
        "disable",
        "suspend",
        "remove",
        "revoke",
        "delete",
        "archive",
        "kick",
        "expel",
        "lock",
        "block",
        "ban",
        "unassign",
        "retire",
        "destroy",
        "purge",
        "evict",
    }
)
_OFFBOARD_OBJECTS = frozenset(
    {
        "user",
        "users",
        "member",
        "members",
        "account",
        "accounts",
        "employee",
        "employees",
        "access",
        "identity",
        "seat",
        "contractor",
        "staff",
        "collaborator",
        "operator",
        "principal",
        "person",
        "machine",
        "bot",
        "agent",
        "device",
        "tenant",
        "customer",
        "vendor",
        "partner",
        "robot",
        "workload",
        "admin",
    }
)


def is_offboarding_function(fn: cst.CSTNode) -> bool:
    """`offboard_employee`, `deactivate_user`, `remove_member`, `deprovision`, `revoke_access`..."""
    words = function_words(fn)
    return bool(words & _OFFBOARD_ALONE) or bool(words & _OFFBOARD_VERBS and words & _OFFBOARD_OBJECTS)


_GRANT_CALL_WORDS = frozenset(
    {
        "add",
        "create",
        "join",
        "grant",
        "assign",
        "append",
        "get_or_create",
        "update_or_create",
        "insert",
        "attach",
        "set",
    }
)
_GRANT_OBJECT_WORDS = frozenset(
    {
        "member",
        "members",
        "membership",
        "memberships",
        "role",
        "roles",
        "team",
        "teams",
        "org",
        "organization",
        "organisation",
        "group",
        "groups",
        "workspace",
        "project",
        "tenant",
        "collaborator",
        "collaborators",
        "seat",
        "seats",
        "access",
    }
)


def grants_membership(ctx: PythonContext, fn: cst.FunctionDef) -> cst.CSTNode | None:
    """The first statement-level call or assignment in `fn` that adds someone to an org/team/role."""
    for node in nodes_in(fn.body, cst.Call, cst.Assign):
        if isinstance(node, cst.Assign):
            for target in node.targets:
                name = ctx.target_name(target.target) or ""
                if isinstance(target.target, cst.Attribute) and set(identifier_words(name)) & {
                    "role",
                    "org",
                    "organization",
                    "team",
                    "tenant",
                    "workspace",
                }:
                    return node
            continue
        func = node.func
        last = callee_name(func)
        last_words = set(identifier_words(last))
        if last[:1].isupper() and last_words & _GRANT_OBJECT_WORDS:
            return node  # Membership(...), TeamMember(...)
        if last_words & _GRANT_CALL_WORDS and node_words(ctx, node.func) & _GRANT_OBJECT_WORDS:
            return node  # Membership.objects.create(...), org.members.add(user), add_member(...)
        if last_words & _GRANT_CALL_WORDS and last_words & _GRANT_OBJECT_WORDS:
            return node
        if node.args and _inserts_grant_row(node.args[0].value):
            return node  # db.execute("INSERT INTO team_seats (team_id, user_id) VALUES (:t, :u)", ...)
    return None


_SQL_INSERT = re.compile(r"^\s*INSERT\s+(?:OR\s+\w+\s+)?INTO\s+[\"`]?(\w+)", re.IGNORECASE)


def _inserts_grant_row(value: cst.BaseExpression) -> bool:
    """A SQL statement inserting into a membership-like table (`team_seats`, `org_members`, `user_roles`)."""
    text = string_literal(value)
    match = _SQL_INSERT.match(text) if text else None
    return match is not None and bool(set(identifier_words(match.group(1))) & _GRANT_OBJECT_WORDS)


# == the function-level flow layer ==============================================
#
# What several semantic guards ask about one function, answered once per file and
# memoised in `file_cache`: where a node sits in source order, which functions of
# the same module a function calls, which statements deny (raise, abort, return a
# refusal), which conditions must hold before a statement runs, what an exception
# handler does with the failure, whether a function is an HTTP endpoint and how it
# is protected, who the authenticated caller is, and how privileged a role is.


def span_of(ctx: PythonContext, node: cst.CSTNode) -> tuple[int, int] | None:
    """Pre-order (start, end) of `node`: inside a guard pass a lookup in the file's tree index,
    otherwise in an index built once for the context's module."""
    span = node_span(node)
    if span is not None:
        return span
    cache = file_cache(ctx)
    index = cache.get("flow index")
    if index is None:
        index = cache["flow index"] = TreeIndex(ctx.module)
    return index.span(node)


def _before(ctx: PythonContext, node: cst.CSTNode, target: cst.CSTNode) -> bool:
    """`node` ends before `target` starts (source order)."""
    a, b = span_of(ctx, node), span_of(ctx, target)
    return a is not None and b is not None and a[1] <= b[0]


def _contains(ctx: PythonContext, outer: cst.CSTNode, inner: cst.CSTNode) -> bool:
    a, b = span_of(ctx, outer), span_of(ctx, inner)
    return a is not None and b is not None and a[0] <= b[0] and b[1] <= a[1]


def own_nodes(ctx: PythonContext, fn: cst.FunctionDef, *kinds: type) -> list:
    """Nodes of `kinds` in `fn`'s body, not inside functions or classes nested in it (lambdas included)."""
    cache = file_cache(ctx)
    key = ("own", id(fn), kinds)
    found = cache.get(key)
    if found is None:
        found = nodes_in(fn.body, *kinds)
        nested = [n for n in nodes_in(fn.body, cst.FunctionDef, cst.ClassDef)]
        if nested and found:
            spans = [s for s in (span_of(ctx, n) for n in nested) if s is not None]

            def inside(node: cst.CSTNode) -> bool:
                own = span_of(ctx, node)
                return own is not None and any(s[0] <= own[0] < s[1] for s in spans)

            found = [n for n in found if not inside(n)]
        cache[key] = found
    return found


# -- the module: its functions and who calls whom --------------------------------


class ModuleIndex:
    """Functions and classes of one module, by name, with each function's enclosing class."""

    def __init__(self, ctx: PythonContext) -> None:
        self.functions: dict[str, list[cst.FunctionDef]] = {}
        self.classes: dict[str, cst.ClassDef] = {}
        self.owner: dict[int, cst.ClassDef | None] = {}  # id(fn) -> the class it is a method of
        self.nested: set[int] = set()  # functions defined inside other functions
        stack: list[tuple[int, cst.CSTNode]] = []
        for node in nodes_in(ctx.module, cst.FunctionDef, cst.ClassDef):
            span = span_of(ctx, node)
            if span is None:
                continue
            while stack and stack[-1][0] <= span[0]:
                stack.pop()
            parent = stack[-1][1] if stack else None
            if isinstance(node, cst.ClassDef):
                self.classes.setdefault(node.name.value, node)
            else:
                self.functions.setdefault(node.name.value, []).append(node)
                self.owner[id(node)] = parent if isinstance(parent, cst.ClassDef) else None
                if isinstance(parent, cst.FunctionDef):
                    self.nested.add(id(node))
            stack.append((span[1], node))

    def class_of(self, fn: cst.CSTNode) -> cst.ClassDef | None:
        return self.owner.get(id(fn))

    def module_level(self, name: str) -> list[cst.FunctionDef]:
        return [f for f in self.functions.get(name, ()) if self.owner.get(id(f)) is None and id(f) not in self.nested]

    def methods(self, cls: cst.ClassDef | None, name: str) -> list[cst.FunctionDef]:
        return [f for f in self.functions.get(name, ()) if cls is not None and self.owner.get(id(f)) is cls]


def module_index(ctx: PythonContext) -> ModuleIndex:
    cache = file_cache(ctx)
    index = cache.get("module index")
    if index is None:
        index = cache["module index"] = ModuleIndex(ctx)
    return index


def display_name(ctx: PythonContext, fn: cst.FunctionDef) -> str:
    """`deactivate_user`, or `UserDeactivateHandler.post` for a method."""
    cls = module_index(ctx).class_of(fn)
    return f"{cls.name.value}.{fn.name.value}" if cls is not None else fn.name.value


def enclosing_class_words(ctx: PythonContext, fn: cst.CSTNode) -> set[str]:
    cls = module_index(ctx).class_of(fn)
    return set(identifier_words(cls.name.value)) if cls is not None else set()


def call_targets(ctx: PythonContext, fn: cst.FunctionDef, call: cst.Call) -> list[cst.FunctionDef]:
    """The functions of this module a call may run: `helper(...)`, `self.helper(...)`, `Cls.helper(...)`."""
    index = module_index(ctx)
    func = call.func
    if isinstance(func, cst.Name):
        nested = [f for f in index.functions.get(func.value, ()) if id(f) in index.nested and _contains(ctx, fn, f)]
        return nested or index.module_level(func.value)
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        owner = func.value.value
        if owner in {"self", "cls"}:
            return index.methods(index.class_of(fn), func.attr.value)
        if owner in index.classes:
            return index.methods(index.classes[owner], func.attr.value)
    return []


def local_callees(ctx: PythonContext, fn: cst.FunctionDef) -> list[tuple[cst.Call, cst.FunctionDef]]:
    """(call, callee) for every call in `fn` to a function or method defined in this module."""
    cache = file_cache(ctx)
    key = ("callees", id(fn))
    found = cache.get(key)
    if found is None:
        found = []
        for call in nodes_in(fn.body, cst.Call):
            for target in call_targets(ctx, fn, call):
                if target is not fn:
                    found.append((call, target))
        cache[key] = found
    return found


def reachable(ctx: PythonContext, fn: cst.FunctionDef, depth: int = 2) -> list[cst.FunctionDef]:
    """`fn` and the module's functions it calls, transitively up to `depth` calls away."""
    seen = {id(fn)}
    order = [fn]
    frontier = [fn]
    for _ in range(depth):
        nxt = []
        for current in frontier:
            for _call, callee in local_callees(ctx, current):
                if id(callee) not in seen:
                    seen.add(id(callee))
                    order.append(callee)
                    nxt.append(callee)
        frontier = nxt
    return order


# -- deny, allow and what a failure handler does ---------------------------------

_DENY_WORDS = frozenset(
    {
        "deny",
        "denied",
        "forbidden",
        "forbid",
        "reject",
        "rejected",
        "unauthorized",
        "unauthorised",
        "refuse",
        "refused",
        "disallow",
        "disallowed",
        "blocked",
        "unauthenticated",
        "notauthenticated",
        "permissiondenied",
    }
)
