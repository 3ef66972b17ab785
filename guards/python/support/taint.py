"""Request input followed through one file.

A value is tainted when it comes from the client: a request read (`request.json`,
`request.POST.getlist(...)`, `request.headers.get(...)`), an endpoint's body
parameter, or a parameter of a helper that some function of the same file calls
with a tainted argument. Taint passes through assignments (also tuple unpacking,
`for` targets and `:=`), `x or default`, dict / list / set building and
comprehensions. It stops at a record looked up by a client-chosen key (server
data) and at input narrowed by an allow-list: an intersection with a server-side
set, a comprehension that keeps only members of one (`if k in PROFILE_FIELDS`),
a name that says it is allowed. A comprehension that only drops blanks
(`[s.strip() for s in raw.split(",") if s.strip()]`) narrows nothing.

Guards decide which helper parameters count: `feeds()` lists every call of a
same-file helper with the argument bound to each parameter, and `input_taint()`
takes the parameters the guard judged live.
"""

from __future__ import annotations

from typing import NamedTuple

import libcst as cst

from .context import PythonContext
from .flow.decisions import local_callees, module_index, target_names
from .flow.endpoints import _is_lookup, request_taint
from .flow.words import VALIDATOR_WORDS, file_cache, is_request_input, node_words, nodes_in
from .words import identifier_words

# Names that say a collection holds what may be granted: narrowing by one bounds the input.
ALLOW_LIST_WORDS = frozenset(
    {"allowed", "assignable", "permitted", "grantable", "whitelist", "allowlist", "whitelisted", "allowlisted"}
)
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


class Feed(NamedTuple):
    """One call of a same-file helper: `value` (in `caller`) is bound to the helper's `param`."""

    caller: cst.FunctionDef
    call: cst.Call
    param: str
    value: cst.BaseExpression


def _positional_params(ctx: PythonContext, fn: cst.FunctionDef, call: cst.Call) -> list[str]:
    names = [p.name.value for p in [*fn.params.posonly_params, *fn.params.params]]
    bound_first = isinstance(call.func, cst.Attribute) or module_index(ctx).class_of(fn) is not None
    if names and names[0] in {"self", "cls"} and bound_first:
        names = names[1:]  # `self.helper(x)`: x is the first parameter after self
    return names


def bind_arguments(ctx: PythonContext, call: cst.Call, callee: cst.FunctionDef) -> list[tuple[str, cst.BaseExpression]]:
    """(parameter, argument) pairs of `call` to `callee`; starred arguments bind nothing known."""
    positional = _positional_params(ctx, callee, call)
    keywords = {
        p.name.value for p in [*callee.params.posonly_params, *callee.params.params, *callee.params.kwonly_params]
    }
    pairs: list[tuple[str, cst.BaseExpression]] = []
    index = 0
    for arg in call.args:
        if arg.star:
            if arg.star == "*":
                break  # later positions are unknown
            continue
        if arg.keyword is not None:
            if arg.keyword.value in keywords:
                pairs.append((arg.keyword.value, arg.value))
            continue
        if index < len(positional):
            pairs.append((positional[index], arg.value))
        index += 1
    return pairs


def feeds(ctx: PythonContext, fn: cst.FunctionDef) -> list[Feed]:
    """Every call of `fn` from another function of this file, one entry per bound parameter."""
    cache = file_cache(ctx)
    table = cache.get("taint feeds")
    if table is None:
        table = {}
        for functions in module_index(ctx).functions.values():
            for caller in functions:
                for call, callee in local_callees(ctx, caller):
                    for param, value in bind_arguments(ctx, call, callee):
                        table.setdefault(id(callee), []).append(Feed(caller, call, param, value))
        cache["taint feeds"] = table
    return table.get(id(fn), [])


class InputTaint:
    """Names of one function that hold request input (the interface of `flow.RequestTaint`)."""

    def __init__(
        self, ctx: PythonContext, fn: cst.FunctionDef, privilege_words: frozenset[str], params: frozenset[str]
    ) -> None:
        self.ctx = ctx
        base = request_taint(ctx, fn, privilege_words, semantic=True)
        own = {p.name.value for p in [*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params]}
        # Endpoint body parameters as the framework-aware taint seeds them, plus the parameters callers feed.
        self.names: set[str] = (base.names & own) | set(params)
        self.reads_input = base.reads_input
        if self.is_empty:
            return
        steps = nodes_in(fn.body, cst.Assign, cst.AnnAssign, cst.AugAssign, cst.For, cst.NamedExpr)
        for _ in range(4):
            before = len(self.names)
            for node in steps:
                if isinstance(node, cst.For):
                    if self.is_tainted(node.iter):
                        self.names |= target_names(node.target)
                    continue
                value = node.value
                if value is None or not self.is_tainted(value) or self.narrowed(value):
                    continue
                if _is_lookup(self, value) and not schema_admits(ctx, value, privilege_words):  # type: ignore[arg-type]  # libcst node types: narrowed by the checks on this path, which mypy cannot follow
                    continue
                if isinstance(node, cst.Assign):
                    for target in node.targets:
                        self.names |= target_names(target.target)
                else:
                    self.names |= target_names(node.target)
            if len(self.names) == before:
                break

    @property
    def is_empty(self) -> bool:
        return not self.names and not self.reads_input

    def is_tainted(self, expr: cst.CSTNode | None) -> bool:
        if expr is None:
            return False
        if is_request_input(self.ctx, expr):
            return True
        if not self.names:
            return False
        hits = [name for name in nodes_in(expr, cst.Name) if name.value in self.names]
        if not hits:
            return False
        # `client.scopes` and `f(scopes=...)` name no variable `scopes`
        labels = {id(n.attr) for n in nodes_in(expr, cst.Attribute)} | {
            id(a.keyword) for a in nodes_in(expr, cst.Arg) if a.keyword is not None
        }
        return any(id(name) not in labels for name in hits)

    def narrowed(self, value: cst.BaseExpression) -> bool:
        """Input cut down to what a server-side allow-list admits."""
        if node_words(self.ctx, value) & ALLOW_LIST_WORDS:
            return True
        if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.BitAnd):
            return not (self.is_tainted(value.left) and self.is_tainted(value.right))  # `requested & client.scopes`
        if isinstance(value, _COMPREHENSIONS):
            clause: cst.CompFor | None = value.for_in
            while clause is not None:
                if any(self._keeps_known_members(condition.test) for condition in clause.ifs):
                    return True
                clause = clause.inner_for_in
        return False

    def _keeps_known_members(self, test: cst.BaseExpression) -> bool:
        """A comprehension filter that compares each item with something the client does not choose
        (`k in PROFILE_FIELDS`, `s != "admin"`, `is_valid_scope(s)`), not one that drops blanks."""
        for comparison in nodes_in(test, cst.Comparison):
            for target in comparison.comparisons:
                if isinstance(target.operator, (cst.Is, cst.IsNot)):
                    continue
                if (
                    self.ctx.string_value(target.comparator) == ""
                    or isinstance(target.comparator, (cst.Integer, cst.Name))
                    and getattr(target.comparator, "value", None) in {"0", "None"}
                ):
                    continue  # `s != ""`, `len(s) > 0`
                if not (self.is_tainted(target.comparator) and self.is_tainted(comparison.left)):
                    return True
        for call in nodes_in(test, cst.Call):
            if node_words(self.ctx, call.func) & (VALIDATOR_WORDS | ALLOW_LIST_WORDS):
                return True
        return False


def schema_admits(ctx: PythonContext, expr: cst.BaseExpression, words: frozenset[str]) -> bool:
    """`UserSchema().load(request.json)` where this module's `UserSchema` loads a field named with one of
    `words` (`role = fields.String()`) that nothing restricts (no `validate=`, not `dump_only`): the
    schema passes the client's choice through. A schema defined elsewhere is trusted."""
    if not words:
        return False
    index = module_index(ctx)
    for call in nodes_in(expr, cst.Call):
        func = call.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in {"load", "loads"}):
            continue
        owner = func.value.func if isinstance(func.value, cst.Call) else func.value
        if isinstance(owner, cst.Name) and owner.value not in index.classes:
            owner = ctx.resolve(owner) or owner  # `schema = UserSchema()`
            owner = owner.func if isinstance(owner, cst.Call) else owner
        cls = index.classes.get(owner.value) if isinstance(owner, cst.Name) else None
        if cls is None:
            continue
        for assign in nodes_in(cls.body, cst.Assign):
            field = assign.value
            name = ctx.target_name(assign.targets[0].target) or ""
            if not (isinstance(field, cst.Call) and (name in words or set(identifier_words(name)) & words)):
                continue
            if ctx.kwarg(field, "validate") is None and ctx.bool_value(ctx.kwarg(field, "dump_only")) is not True:
                return True
    return False


def input_taint(
    ctx: PythonContext,
    fn: cst.FunctionDef,
    privilege_words: frozenset[str] = frozenset(),
    params: frozenset[str] = frozenset(),
) -> InputTaint:
    """The (per-file memoised) taint of `fn`, with `params` fed request input by its callers."""
    cache = file_cache(ctx)
    key = ("input taint", id(fn), privilege_words, params)
    taint = cache.get(key)
    if taint is None:
        taint = cache[key] = InputTaint(ctx, fn, privilege_words, params)
    return taint


def names_derived_from(ctx: PythonContext, fn: cst.FunctionDef, root: str) -> set[str]:
    """Local names of `fn` whose value is read from `root` (`user_id = claimed.scalar_one()`,
    `uid = link.user_id`), transitively: what a record passes on to the rest of the function."""
    cache = file_cache(ctx)
    key = ("derived", id(fn), root)
    found = cache.get(key)
    if found is None:
        found = {root}
        steps = nodes_in(fn.body, cst.Assign, cst.AnnAssign, cst.NamedExpr)
        for _ in range(3):
            before = len(found)
            for node in steps:
                value = node.value
                if value is None or not any(n.value in found for n in nodes_in(value, cst.Name)):
                    continue
                targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
                for target in targets:
                    found |= target_names(target)
            if len(found) == before:
                break
        found.discard(root)
        cache[key] = found
    return found
