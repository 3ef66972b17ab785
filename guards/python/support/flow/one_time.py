"""One-time codes (invitations, magic links, resets): how they are accepted and checked."""

from __future__ import annotations

import re

import libcst as cst

from ..context import PythonContext
from ..words import identifier_words
from .credential_kinds import (
    _ACCOUNT_CALLS,
    _EXPIRY_CHECK_WORDS,
    _IDENTITY_KEYS,
    _LINK_QUALIFIERS,
    _LOGIN_CALLS,
    _NOT_ACCEPTING_WORDS,
    _ONE_TIME_OR_LINK,
    ONE_TIME_WORDS,
)
from .decisions import _before, call_targets, checked_keys, grants_membership, own_nodes, reachable
from .denials import block_denies, checks_before
from .protection import canonical
from .words import (
    _LOOKUP_WORDS,
    _is_request_object,
    body_words,
    callee_name,
    file_cache,
    function_words,
    is_request_input,
    mentions_any_word,
    module_words_among,
    node_words,
    nodes_in,
    string_literal,
)


def _one_time_words(ctx: PythonContext, expr: cst.CSTNode) -> bool:
    words = set(node_words(ctx, expr))
    # the serializer or table a code is read through: `links = URLSafeTimedSerializer(key, salt="login-link")`
    for name in nodes_in(expr, cst.Name):
        for value in ctx._scope_assignments(ctx.module).get(name.value, ()):
            words |= node_words(ctx, value)
    if words & ONE_TIME_WORDS:
        return True
    return bool(words & {"link", "links"} and words & _LINK_QUALIFIERS)


class Acceptance:
    """One function accepting a one-time code: `record` is the name the code's record (or its signed
    payload) is held in, `grant` the statement that grants access from it, `lookup` how it was found,
    `functions` the function and the module helpers it calls (a helper may do a check)."""

    __slots__ = ("record", "grant", "lookup", "functions", "signed")

    def __init__(
        self, record: str, grant: cst.CSTNode, lookup: cst.CSTNode | None, functions: list, signed: bool
    ) -> None:
        self.record = record
        self.grant = grant
        self.lookup = lookup
        self.functions = functions
        self.signed = signed


def one_time_acceptance(ctx: PythonContext, fn: cst.FunctionDef) -> Acceptance | None:
    """The acceptance of an invitation, magic link, signup or onboarding code in `fn`: a record looked
    up (or a signed payload loaded) from a one-time code, followed by a grant of membership, a login or
    session, an account or a role. None when `fn` accepts no such code."""
    cache = file_cache(ctx)
    key = ("acceptance", id(fn))
    if key in cache:
        return cache[key]
    if function_words(fn) & _NOT_ACCEPTING_WORDS or not (
        mentions_any_word(ctx, fn, _ONE_TIME_OR_LINK) or _module_values_mention_one_time(ctx)
    ):
        cache[key] = None
        return None  # removing a member, resending or revoking an invitation accepts nothing
    found = None
    record = lookup = None
    signed = False
    params = {p.name.value: p for p in [*fn.params.params, *fn.params.kwonly_params]}
    for assign in own_nodes(ctx, fn, cst.Assign, cst.AnnAssign):
        value = assign.value
        if value is None:
            continue
        inner = value.expression if isinstance(value, cst.Await) else value
        if not isinstance(inner, (cst.Call, cst.Subscript)):
            continue
        targets = [t.target for t in assign.targets] if isinstance(assign, cst.Assign) else [assign.target]
        names = [t.value for t in targets if isinstance(t, cst.Name)]
        if not names:
            continue
        call = inner if isinstance(inner, cst.Call) else None
        if _reads_input_chain(ctx, inner):
            continue  # `code = request.POST.get("invite_code")` is the code, not its record
        if call is not None and call_targets(ctx, fn, call) and not _one_time_words(ctx, call):
            helper_words = set()
            for target in call_targets(ctx, fn, call):
                helper_words |= body_words(ctx, target)
            if not helper_words & ONE_TIME_WORDS:
                continue
        elif not (_one_time_words(ctx, inner) or set(identifier_words(names[0])) & ONE_TIME_WORDS):
            continue
        if call is not None and set(identifier_words(callee_name(call.func))) & _SIGNED_LOAD_WORDS:
            signed = True
        elif call is None or not (call_targets(ctx, fn, call) or _chain_is_lookup(call)):
            continue
        record, lookup = names[0], inner
        break
    if record is None:
        for name, _param in params.items():
            if set(identifier_words(name)) & ONE_TIME_WORDS - {"invited"} and not set(identifier_words(name)) & {
                "id",
                "code",
                "token",
                "key",
                "email",
            }:
                record = name
                break
    if record is not None:
        grant = _access_grant(ctx, fn, record)
        if grant is not None:
            found = Acceptance(record, grant, lookup, reachable(ctx, fn, 1), signed)
    cache[key] = found
    return found


_SIGNED_LOAD_WORDS = frozenset({"loads", "unsign", "load", "decode", "verify", "deserialize", "unseal", "decrypt"})


def _module_values_mention_one_time(ctx: PythonContext) -> bool:
    """Whether a module-level assignment names a one-time code (`signer = TimestampSigner(salt="org-invite")`):
    a function can then accept one without the word in its own body, through that name."""
    cache = file_cache(ctx)
    key = ("module-one-time",)
    if key not in cache:
        cache[key] = any(
            mentions_any_word(ctx, statement, _ONE_TIME_OR_LINK)
            for statement in ctx.module.body
            if isinstance(statement, cst.SimpleStatementLine)
            and any(isinstance(small, (cst.Assign, cst.AnnAssign)) for small in statement.body)
        )
    return bool(cache[key])


def _reads_input_chain(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """`request.POST.get("code", "").strip()`: a chain of reads starting at the request (arguments aside)."""
    while isinstance(expr, (cst.Call, cst.Attribute, cst.Subscript, cst.Await)):
        if isinstance(expr, cst.Attribute) and is_request_input(ctx, expr) and _is_request_object(ctx, expr.value):
            return True
        expr = (
            expr.func if isinstance(expr, cst.Call) else expr.expression if isinstance(expr, cst.Await) else expr.value
        )
    return False


def _chain_is_lookup(call: cst.Call) -> bool:
    """`Invite.objects.filter(code=c).first()`, `db.scalar(select(Invitation)...)`: a fetch, not a create."""
    names: list[str] = []
    chain: cst.BaseExpression = call
    while isinstance(chain, (cst.Call, cst.Attribute, cst.Subscript)):
        if isinstance(chain, cst.Call):
            names.append(callee_name(chain.func))
            chain = chain.func
        else:
            chain = chain.value
    words: set[str] = set()
    for name in names:
        words |= set(identifier_words(name))
    if words & {"create", "add", "insert", "new", "save", "bulk", "generate", "issue", "make", "build"}:
        return False
    if set(names) & {"update", "delete", "values", "remove", "cancel", "update_one", "update_many", "delete_one"}:
        return False  # a write (`select_for_update()` is a locked read)
    return bool(words & _LOOKUP_WORDS)


def _access_grant(ctx: PythonContext, fn: cst.FunctionDef, record: str) -> cst.CSTNode | None:
    """The first statement of `fn` that grants access: a membership or role, a login / session, a new account."""
    membership = grants_membership(ctx, fn)
    for node in own_nodes(ctx, fn, cst.Call, cst.Assign):
        if isinstance(node, cst.Assign):
            for target in node.targets:
                t = target.target
                if isinstance(t, cst.Subscript) and (
                    canonical(t.value) in {"session", "request.session", "flask.session"}
                ):
                    return membership if membership is not None and _before(ctx, membership, node) else node
            continue
        name = callee_name(node.func)
        words = set(identifier_words(name))
        if name in _LOGIN_CALLS and not (name == "encode" and not node_words(ctx, node.func) & {"jwt", "token"}):
            return membership if membership is not None and _before(ctx, membership, node) else node
        if name in _ACCOUNT_CALLS or (
            name in {"get_or_create", "create"}
            and node_words(ctx, node.func) & {"user", "users", "account", "accounts"}
        ):
            return membership if membership is not None and _before(ctx, membership, node) else node
        if (
            name[:1].isupper()
            and words & {"session", "sessions"}
            and any(a.keyword is not None and a.keyword.value in {"user_id", "user", "account_id"} for a in node.args)
        ):
            return (
                membership if membership is not None and _before(ctx, membership, node) else node
            )  # WebSession(id=sid, user_id=...)
        if name in {"set_cookie", "add_cookie", "set_secure_cookie"} and node_words(ctx, node) & {
            "session",
            "sid",
            "auth",
            "login",
        }:
            return membership if membership is not None and _before(ctx, membership, node) else node
        if name in {"create", "start", "new", "issue", "open"} and node_words(ctx, node.func) & {"session", "sessions"}:
            return (
                membership if membership is not None and _before(ctx, membership, node) else node
            )  # sessions.create(user.id)
        if (
            name[:1].isupper()
            and words & {"user", "account", "customer"}
            and not words & {"id", "role", "form", "serializer", "schema"}
        ):
            return membership if membership is not None and _before(ctx, membership, node) else node  # User(email=...)
    return membership


def acceptance_checks_expiry(ctx: PythonContext, acceptance: Acceptance) -> bool:
    """The code's age is checked: a comparison or refusing test naming an expiry, a look-up filtered
    on it (`expires_at__gt=now()`, `Invitation.expires_at > now`), `max_age=` when a signed code is
    loaded, or an `is_expired()` / `is_valid()` style call."""
    for fn in acceptance.functions:
        for comparison in nodes_in(fn.body, cst.Comparison):
            if node_words(ctx, comparison) & _EXPIRY_CHECK_WORDS:
                return True
        for call in nodes_in(fn.body, cst.Call):
            words = set(identifier_words(callee_name(call.func)))
            if words & _EXPIRY_CHECK_WORDS and not words & {"set", "extend"}:
                return True
            for arg in call.args:
                if arg.keyword is not None and set(identifier_words(arg.keyword.value)) & _EXPIRY_CHECK_WORDS:
                    if (
                        set(identifier_words(callee_name(call.func))) & _SIGNED_LOAD_WORDS
                        or set(identifier_words(arg.keyword.value)) & {"gt", "gte", "lt", "lte", "after", "before"}
                        or "__" in arg.keyword.value
                    ):
                        return True
        for check in checks_before(ctx, fn, None, 0):
            if check.test is not None and node_words(ctx, check.test) & _EXPIRY_CHECK_WORDS:
                return True
    return False


_USED_WORDS = frozenset(
    {
        "used",
        "accepted",
        "consumed",
        "redeemed",
        "claimed",
        "status",
        "revoked",
        "uses",
        "state",
        "active",
        "used_at",
        "accepted_at",
        "spent",
        "count",
    }
)
_CONSUME_CALL_WORDS = frozenset(
    {
        "mark",
        "consume",
        "redeem",
        "delete",
        "accept",
        "invalidate",
        "revoke",
        "remove",
        "expire",
        "use",
        "burn",
        "claim",
        "spend",
    }
)
_REPLAY_WORDS = frozenset(
    {
        "jti",
        "nonce",
        "used",
        "consumed",
        "redeemed",
        "seen",
        "replay",
        "denylist",
        "blocklist",
        "blacklist",
        "revoked",
        "spent",
    }
)


def acceptance_marks_used(ctx: PythonContext, acceptance: Acceptance) -> bool:
    """The code can be used once: its record is marked accepted / used / deleted (also through an
    `update(...).values(accepted_at=...)` or a use counter); a signed, stateless code is recorded in
    a replay store (its `jti`/nonce marked used)."""
    for fn in acceptance.functions:
        for node in nodes_in(fn.body, cst.Assign, cst.AugAssign, cst.Call):
            if isinstance(node, cst.Assign):
                for target in node.targets:
                    if (
                        isinstance(target.target, (cst.Attribute, cst.Subscript))
                        and set(identifier_words(ctx.target_name(target.target) or "")) & _USED_WORDS
                    ):
                        return True
            elif isinstance(node, cst.AugAssign):
                if set(identifier_words(ctx.target_name(node.target) or "")) & _USED_WORDS:
                    return True
            else:
                last = callee_name(node.func)
                words = set(identifier_words(last))
                if words & _CONSUME_CALL_WORDS and not words & {"get", "find", "user", "users"}:
                    return True
                if node_words(ctx, node.func) & {"used", "consumed", "redeemed", "spent"}:
                    return True  # UsedInviteToken.objects.get_or_create(...) records the use
                if last in {"update", "values"} and any(
                    a.keyword is not None and set(identifier_words(a.keyword.value)) & _USED_WORDS for a in node.args
                ):
                    return True
                if last in {"update", "values"} and any(
                    isinstance(a.value, cst.Dict) and node_words(ctx, a.value) & _USED_WORDS for a in node.args
                ):
                    return True
                if acceptance.signed and node_words(ctx, node) & _REPLAY_WORDS:
                    return True
                if node.args and _sql_marks_used(node.args[0].value):
                    return True
    return False


_SQL_WRITE = re.compile(
    r"^\s*(?:UPDATE\s+\S+\s+SET\s+(?P<set>.*?)(?:\bWHERE\b|$)|(?P<delete>DELETE\s+FROM)\b)", re.I | re.S
)


def _sql_marks_used(value: cst.BaseExpression) -> bool:
    """`db.execute("UPDATE seat_vouchers SET redeemed_at = now() WHERE code = :c", ...)` or a `DELETE FROM`:
    raw SQL that spends the code."""
    text = string_literal(value)
    match = _SQL_WRITE.match(text) if text else None
    if match is None:
        return False
    if match.group("delete"):
        return True
    return bool(set(identifier_words(match.group("set"))) & _USED_WORDS)


def acceptance_bound(ctx: PythonContext, acceptance: Acceptance) -> bool | None:
    """The code only works for the person it was issued to: the invitee's email is compared with
    the accepting account (or the look-up is filtered on it), or what is granted goes to the
    record's own principal (`session["user_id"] = link.user_id`, `User.create(email=invite.email)`).
    None when the code names nobody (a shareable join link in a module without emails)."""
    record = acceptance.record
    for fn in acceptance.functions:
        if any("email" in identifier_words(key) for key in checked_keys(ctx, fn.body)):
            return True
        for arg in nodes_in(fn.body, cst.Arg):
            if (
                arg.keyword is not None
                and "email" in identifier_words(arg.keyword.value)
                and _reads_record(arg.value, record)
            ):
                return True
            if (
                arg.keyword is not None
                and arg.keyword.value.endswith(("__iexact", "__exact"))
                and "email" in arg.keyword.value
            ):
                return True
        for node in nodes_in(fn.body, cst.Call, cst.Assign):
            values: list[cst.BaseExpression] = []
            if isinstance(node, cst.Call) and (node is acceptance.grant or _grant_like(ctx, node)):
                values = [a.value for a in node.args]
            elif isinstance(node, cst.Assign) and any(
                isinstance(t.target, cst.Subscript) and canonical(t.target.value) in {"session", "request.session"}
                for t in node.targets
            ):
                values = [node.value]
            for value in values:
                text = canonical(value) or ""
                if (
                    text == record
                    and acceptance.signed
                    or text.startswith(record)
                    and _identity_suffix(text[len(record) :])
                ):
                    return True  # granted to the principal the code itself names
    if not module_words_among(ctx, {"email"}):
        return None
    return False


def _grant_like(ctx: PythonContext, call: cst.Call) -> bool:
    name = callee_name(call.func)
    return (
        name in _LOGIN_CALLS
        or name in _ACCOUNT_CALLS
        or name in {"get_or_create", "create", "add_member", "add", "append"}
        or name[:1].isupper()
    )


def _identity_suffix(rest: str) -> bool:
    rest = rest.lstrip(".")
    if rest.startswith("["):
        rest = rest.strip("[]'\"")
    return rest.split(".")[0] in _IDENTITY_KEYS


def _reads_record(expr: cst.BaseExpression, record: str) -> bool:
    return any(node.value == record for node in nodes_in(expr, cst.Name))


# Words of a value that is the moment a code stops working (not `issued_at` or `created_at`: an age
# compared the other way round).
_DEADLINE_WORDS = frozenset({"expires", "expiry", "expiration", "expire", "exp", "until", "deadline"})
_NOW_CALLS = frozenset({"now", "utcnow", "time", "today", "monotonic", "timezone_now"})


def _is_now(ctx: PythonContext, fn: cst.FunctionDef, expr: cst.BaseExpression) -> bool:
    """`datetime.now(timezone.utc)`, `time.time()`, `timezone.now()`, or a local name assigned one."""
    if isinstance(expr, cst.Call):
        return callee_name(expr.func) in _NOW_CALLS
    if isinstance(expr, cst.Name):
        if expr.value in {"now", "current_time", "utcnow"}:
            return True
        for assign in own_nodes(ctx, fn, cst.Assign):
            if any(isinstance(t.target, cst.Name) and t.target.value == expr.value for t in assign.targets):
                return _is_now(ctx, fn, assign.value)
    return False


def _is_deadline(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    if isinstance(expr, (cst.Call, cst.Integer, cst.Float)):
        return False
    return bool(node_words(ctx, expr) & _DEADLINE_WORDS)


def inverted_expiry_check(ctx: PythonContext, acceptance: Acceptance) -> cst.Comparison | None:
    """A refusing test that fires while the code is still valid: `if invite.expires_at > now: raise Expired`
    (or `now < expires_at`). The comparison is reversed, so every expired code is accepted."""
    for fn in acceptance.functions:
        for node in nodes_in(fn.body, cst.If):
            if not block_denies(ctx, node.body):
                continue
            tests, conjuncts = [node.test], []
            while tests:  # the conjuncts of `a and b and c`: each one must hold for the refusal
                test = tests.pop()
                if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
                    tests += [test.left, test.right]
                else:
                    conjuncts.append(test)
            for test in conjuncts:
                if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
                    continue
                left, right = test.left, test.comparisons[0].comparator
                operator = test.comparisons[0].operator
                if isinstance(operator, (cst.GreaterThan, cst.GreaterThanEqual)):
                    deadline_first = True
                elif isinstance(operator, (cst.LessThan, cst.LessThanEqual)):
                    deadline_first = False
                else:
                    continue
                # refusing while valid: deadline > now, or now < deadline
                if deadline_first and _is_deadline(ctx, left) and _is_now(ctx, fn, right):
                    return test
                if not deadline_first and _is_now(ctx, fn, left) and _is_deadline(ctx, right):
                    return test
    return None
