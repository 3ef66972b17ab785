"""Following a value across one file: through helpers defined in it, their return values and their
call sites, and back to the constant a name stands for (not a guard).

`PythonContext.resolve` follows a name through assignments in the function being visited. The
helpers here answer the questions that need more than that: what does `_digest(raw)` return when
`_digest` is defined a few lines up, which calls pass a password into it, and on which line is the
literal a constant such as `FILE_MODE` was given (so a finding can point where the value is written).
Everything is computed on demand and cached per file in `ctx.shared`.
"""

from __future__ import annotations

import libcst as cst

from .context import PythonContext
from .literals import string_literal_value
from .walk import walk
from .words import expression_name, identifier_words

_LITERALS = (
    cst.Integer,
    cst.Float,
    cst.SimpleString,
    cst.ConcatenatedString,
    cst.Dict,
    cst.List,
    cst.Tuple,
    cst.Set,
    cst.UnaryOperation,
    cst.BinaryOperation,
    cst.Call,
    cst.Name,
    cst.Attribute,
)


def _cache(ctx: PythonContext) -> dict:
    return ctx.shared.setdefault(("_values",), {})


def module_functions(ctx: PythonContext) -> dict[str, list[cst.FunctionDef]]:
    """Every function and method defined in the file, by name."""
    cache = _cache(ctx)
    found = cache.get("functions")
    if found is None:
        found = {}
        for node in walk(ctx.module):
            if type(node) is cst.FunctionDef:
                found.setdefault(node.name.value, []).append(node)
        cache["functions"] = found
    return found


def local_callee(ctx: PythonContext, call: cst.Call) -> cst.FunctionDef | None:
    """The function of this file a call runs: `helper(...)` for a module function that is not an
    import, `self.helper(...)` / `cls.helper(...)` for a method. None when it is anything else or
    when the name is defined more than once (which one runs is not known)."""
    func = call.func
    if isinstance(func, cst.Name):
        if func.value in ctx.imports:
            return None
        name = func.value
    elif isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in ("self", "cls"):
        name = func.attr.value
    else:
        return None
    candidates = module_functions(ctx).get(name, [])
    return candidates[0] if len(candidates) == 1 else None


def function_returns(fn: cst.FunctionDef) -> list[cst.BaseExpression]:
    """The values `fn` returns (not those of functions nested in it)."""
    return [
        node.value for node in walk(fn.body, into_scopes=False) if type(node) is cst.Return and node.value is not None
    ]


def resolve_in(
    ctx: PythonContext, fn: cst.FunctionDef | None, expr: cst.BaseExpression | None, depth: int = 3
) -> cst.BaseExpression | None:
    """Follow a bare name through its last assignment in `fn`, else in the module (a few hops)."""
    while depth > 0 and isinstance(expr, cst.Name):
        values = ctx.assigned_values_in(fn, expr.value) if fn is not None else []
        if not values:
            values = ctx.assigned_values_in(ctx.module, expr.value)
        if not values:
            return expr
        expr = values[-1]
        depth -= 1
    return expr


def parameter_names(fn: cst.FunctionDef) -> list[str]:
    params = fn.params
    return [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)]


def bind_arguments(fn: cst.FunctionDef, call: cst.Call) -> dict[str, cst.BaseExpression | None]:
    """Parameter name -> the argument a call passes (or the parameter's default, or None when
    neither is known). A method called through `self.` skips its first parameter."""
    params = fn.params
    positional = [*params.posonly_params, *params.params]
    if isinstance(call.func, cst.Attribute) and positional and positional[0].name.value in ("self", "cls"):
        positional = positional[1:]
    bound: dict[str, cst.BaseExpression | None] = {}
    for param in (*positional, *params.kwonly_params):
        bound[param.name.value] = param.default
    index = 0
    for arg in call.args:
        if arg.star:
            return {name: None for name in bound}  # *args / **kwargs: nothing is known for sure
        if arg.keyword is not None:
            if arg.keyword.value in bound:
                bound[arg.keyword.value] = arg.value
        elif index < len(positional):
            bound[positional[index].name.value] = arg.value
            index += 1
    return bound


def call_sites(ctx: PythonContext, fn: cst.FunctionDef) -> list[tuple[cst.Call, cst.FunctionDef | None]]:
    """Calls of `fn` in this file (by its name, as `name(...)` or `self.name(...)`), each with the
    function that makes it (None at module level)."""
    cache = _cache(ctx)
    sites = cache.get("sites")
    if sites is None:
        sites = {}
        functions = [f for group in module_functions(ctx).values() for f in group]
        seen: set[int] = set()
        for owner in functions:
            for node in walk(owner.body, into_scopes=False):
                if type(node) is cst.Call:
                    name = _called_name(node)
                    if name:
                        sites.setdefault(name, []).append((node, owner))
                        seen.add(id(node))
        for node in walk(ctx.module, into_scopes=False):
            if type(node) is cst.Call and id(node) not in seen:
                name = _called_name(node)
                if name:
                    sites.setdefault(name, []).append((node, None))
        cache["sites"] = sites
    return [(call, owner) for call, owner in sites.get(fn.name.value, []) if local_callee(ctx, call) is fn]


def _called_name(call: cst.Call) -> str | None:
    func = call.func
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in ("self", "cls"):
        return func.attr.value
    return None


def definition_site(ctx: PythonContext, expr: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """The value a bare name was given at module (or class) level, when it is written elsewhere: a
    constant such as `FILE_MODE = 0o666` or `DECODE_OPTIONS = {...}`, so a finding can also point
    where the value is set. An attribute a class of this file gives a value (`self.MODE`,
    `policy.rsa_bits` of a dataclass field) points at that class attribute. None for a local variable,
    a parameter or anything else."""
    if isinstance(expr, cst.Attribute):
        value = ctx.attribute_value(expr)
        resolved = ctx.resolve(value) if value is not None else None
        return None if resolved is None or isinstance(resolved, cst.Name) else resolved
    if not isinstance(expr, cst.Name) or expr.value in ("True", "False", "None"):
        return None
    if any(ctx.assigned_values_in(fn, expr.value) for fn in ctx.function_stack if isinstance(fn, cst.FunctionDef)):
        return None
    values = ctx.assigned_values_in(ctx.module, expr.value)
    if not values:
        return None
    resolved = ctx.resolve(values[-1]) if isinstance(values[-1], cst.Name) else values[-1]
    if resolved is None or isinstance(resolved, cst.Name):
        return None
    return resolved


def expression_words(
    ctx: PythonContext, expr: cst.CSTNode | None, depth: int = 2, fn: cst.FunctionDef | None = None
) -> set[str]:
    """Identifier words of the names, attributes and string literals in `expr`, following bare names
    through their assignments (`dest = KEY_DIR / f"{kid}.pem"` -> key, dir, kid, pem)."""
    words: set[str] = set()
    if expr is None:
        return words
    for node in walk(expr):
        kind = type(node)
        if kind is cst.Name:
            name = node.value  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            words.update(identifier_words(name))
            if depth > 0:
                target = resolve_in(ctx, fn, node, depth=1) if fn is not None else ctx.resolve(node, depth=1)  # type: ignore[arg-type]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                if target is not None and target is not node and not isinstance(target, cst.Name):
                    words |= expression_words(ctx, target, depth - 1, fn)
        elif kind is cst.Attribute:
            words.update(identifier_words(node.attr.value))  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        elif kind is cst.SimpleString:
            value = string_literal_value(node)  # type: ignore[arg-type]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            if isinstance(value, str):
                words.update(_text_words(value))
        elif kind is cst.FormattedStringText:
            words.update(_text_words(node.value))  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
    return words


def _text_words(text: str) -> list[str]:
    # `service-account.json`, `~/.kube/config`, `id_rsa`: split on punctuation, then as identifiers.
    out: list[str] = []
    for part in "".join(c if c.isalnum() else " " for c in text[:200]).split():
        out.extend(identifier_words(part))
    return out


# -- where a value goes ----------------------------------------------------------
# Methods and functions that only reshape a value: `digest.hexdigest()`, `base64.b64encode(x)`, `str(x)`.
RESHAPING_METHODS = frozenset(
    {"hexdigest", "digest", "decode", "encode", "upper", "lower", "strip", "hex", "rstrip", "lstrip", "zfill", "format"}
)
_RESHAPING_FUNCTIONS = frozenset({"str", "bytes", "bytearray", "repr"})


class Use:
    """One place a value ends up: assigned to a name, passed to a call, returned, compared..."""

    __slots__ = ("kind", "name", "call", "node", "owner", "truncated")

    def __init__(
        self,
        kind: str,
        node: cst.CSTNode,
        owner: cst.FunctionDef | None,
        *,
        name: str | None = None,
        call: cst.Call | None = None,
        truncated: bool = False,
    ) -> None:
        self.kind = kind  # "assign" | "arg" | "return" | "compare" | "dict" | "yield" | "other"
        self.node = node
        self.owner = owner
        self.name = name  # target name, keyword or dict key
        self.call = call  # the call an "arg" use is passed to
        self.truncated = truncated

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Use({self.kind}, {self.name!r})"


def parent_map(ctx: PythonContext, scope: cst.CSTNode) -> dict[int, cst.CSTNode]:
    """id(child) -> parent for every node under `scope`, built once per scope."""
    from .walk import children

    cache = _cache(ctx).setdefault("parents", {})
    found = cache.get(id(scope))
    if found is None:
        found = {}
        for node in walk(scope):
            for child in children(node):
                found[id(child)] = node
        cache[id(scope)] = (scope, found)  # keep the scope alive with its map
        return found
    return found[1]


def _reshapes(ctx: PythonContext, call: cst.Call) -> bool:
    func = call.func
    if isinstance(func, cst.Attribute):
        if func.attr.value in RESHAPING_METHODS:
            return True
        name = ctx.call_name(call) or ""
        return name.startswith(("base64.", "binascii."))
    return isinstance(func, cst.Name) and func.value in _RESHAPING_FUNCTIONS and func.value not in ctx.imports


def value_uses(ctx: PythonContext, node: cst.CSTNode, owner: cst.FunctionDef | None, depth: int = 2) -> list[Use]:
    """Where the value of `node` (an expression inside `owner`, or at module level) goes, through
    reshaping (`.hexdigest()`, `base64.b64encode`, slicing, string building), local variables and,
    for a returned value, the calls of `owner` elsewhere in the file (`depth` hops)."""
    scope = owner if owner is not None else ctx.module
    parents = parent_map(ctx, scope)
    uses: list[Use] = []
    truncated = False
    current: cst.CSTNode = node
    while True:
        parent = parents.get(id(current))
        if parent is None:
            uses.append(Use("other", current, owner))
            return uses
        kind = type(parent)
        if kind is cst.Attribute and parent.value is current:  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            grand = parents.get(id(parent))
            if type(grand) is cst.Call and grand.func is parent and _reshapes(ctx, grand):
                current = grand
                continue
            uses.append(Use("other", parent, owner, name=parent.attr.value))  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            return uses
        if kind is cst.Subscript and parent.value is current:  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            truncated = truncated or any(isinstance(s.slice, cst.Slice) for s in parent.slice)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            current = parent
            continue
        if kind in (
            cst.BinaryOperation,
            cst.FormattedStringExpression,
            cst.FormattedString,
            cst.Await,
            cst.Element,
            cst.List,
            cst.Tuple,
            cst.ConcatenatedString,
            cst.IfExp,
            cst.BooleanOperation,
        ):
            current = parent
            continue
        if kind is cst.Arg:
            call = parents.get(id(parent))
            if type(call) is cst.Call:
                if _reshapes(ctx, call):
                    current = call
                    continue
                keyword = parent.keyword.value if parent.keyword is not None else None  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                uses.append(Use("arg", parent, owner, name=keyword, call=call, truncated=truncated))
            return uses
        if kind is cst.DictElement and parent.value is current:  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            key = parent.key  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            name = string_literal_value(key) if isinstance(key, cst.SimpleString) else None
            uses.append(Use("dict", parent, owner, name=name if isinstance(name, str) else None, truncated=truncated))
            current = parents.get(id(parent)) or parent  # the dict itself goes somewhere too
            if type(current) is not cst.Dict:
                return uses
            continue
        if kind in (cst.Assign, cst.AnnAssign, cst.AugAssign):
            targets = [t.target for t in parent.targets] if kind is cst.Assign else [parent.target]  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            for target in targets:
                name = expression_name(target)
                uses.append(Use("assign", target, owner, name=name, truncated=truncated))
                if isinstance(target, cst.Name) and depth > 0:
                    uses.extend(_name_uses(ctx, target.value, scope, owner, depth - 1, exclude=target))
            return uses
        if kind is cst.Return:
            uses.append(
                Use("return", parent, owner, name=owner.name.value if owner is not None else None, truncated=truncated)
            )
            if owner is not None and depth > 0:
                for call, caller in call_sites(ctx, owner):
                    uses.extend(value_uses(ctx, call, caller, depth - 1))
            return uses
        if kind is cst.Comparison or kind is cst.ComparisonTarget:
            uses.append(Use("compare", parent, owner, truncated=truncated))
            return uses
        if kind is cst.Yield:
            uses.append(Use("yield", parent, owner, truncated=truncated))
            return uses
        uses.append(Use("other", parent, owner, truncated=truncated))
        return uses


def _name_uses(
    ctx: PythonContext, name: str, scope: cst.CSTNode, owner: cst.FunctionDef | None, depth: int, exclude: cst.CSTNode
) -> list[Use]:
    """Uses of a local variable: every read of `name` in the scope after it was bound."""
    uses: list[Use] = []
    body = scope.body if isinstance(scope, cst.FunctionDef) else scope
    for node in walk(body, into_scopes=False):
        if type(node) is cst.Name and node.value == name and node is not exclude:
            found = value_uses(ctx, node, owner, depth)
            # A rebinding (`digest = digest.upper()`) shows up as an assignment to the same name: skip it.
            uses.extend(u for u in found if not (u.kind == "assign" and u.node is node))
    return uses


# -- values minted as secrets ------------------------------------------------------------
# Calls whose result is a fresh secret: whatever it is named, it is a credential.
_SECRET_GENERATORS = frozenset(
    {
        "secrets.token_hex",
        "secrets.token_urlsafe",
        "secrets.token_bytes",
        "os.urandom",
        "django.utils.crypto.get_random_string",
        "cryptography.fernet.Fernet.generate_key",
        "nacl.utils.random",
        "Crypto.Random.get_random_bytes",
        "Cryptodome.Random.get_random_bytes",
    }
)
# Names that say a value is an identifier, even when it was drawn from `secrets`.
_ID_WORDS = frozenset(
    {
        "id",
        "ids",
        "rid",
        "uuid",
        "guid",
        "trace",
        "span",
        "correlation",
        "request",
        "nonce",
        "salt",
        "etag",
        "filename",
        "name",
        "slug",
        "prefix",
        "suffix",
        "last4",
        "hint",
        "iv",
        "jti",
        "kid",
        "fingerprint",
        "hash",
        "digest",
        "hashed",
    }
)


def unpacked_origin(ctx: PythonContext, fn: cst.FunctionDef | None, name: str) -> cst.BaseExpression | None:
    """For `key, raw = _issue(user)` or `a, b = x, y`: the expression `name` was unpacked from
    (the matching element of the helper's returned tuple), when it can be read."""
    scope = fn.body if fn is not None else ctx.module
    for node in walk(scope, into_scopes=False):
        if type(node) is not cst.Assign:
            continue
        for target in node.targets:
            elements = target.target.elements if isinstance(target.target, (cst.Tuple, cst.List)) else None
            if not elements:
                continue
            index = next(
                (i for i, e in enumerate(elements) if isinstance(e.value, cst.Name) and e.value.value == name), None
            )
            if index is None:
                continue
            value = node.value
            if isinstance(value, cst.Await):
                value = value.expression
            if isinstance(value, (cst.Tuple, cst.List)) and index < len(value.elements):
                return value.elements[index].value
            if isinstance(value, cst.Call):
                helper = local_callee(ctx, value)
                if helper is not None:
                    returned: cst.BaseExpression | None
                    for returned in function_returns(helper):
                        returned = resolve_in(ctx, helper, returned)
                        if isinstance(returned, (cst.Tuple, cst.List)) and index < len(returned.elements):
                            element = returned.elements[index].value
                            return resolve_in(ctx, helper, element) if isinstance(element, cst.Name) else element
    return None


def generated_secret(
    ctx: PythonContext, expr: cst.BaseExpression | None, fn: cst.FunctionDef | None, depth: int = 3
) -> str | None:
    """The name of a value minted by a secrets generator (`raw = "pk_" + secrets.token_urlsafe(30)`,
    also through tuple unpacking from a helper of this file), or None. Values named as identifiers
    (`request_id`, `nonce`) do not count, nor do facts about a value (`key.pk`, `raw[-4:]`) or what a
    call returns from it (`hash_key(raw)`, `Model.objects.create(key=raw)`)."""
    if expr is None or depth == 0:
        return None
    kind = type(expr)
    if kind is cst.Name:
        name = expr.value  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        if _ID_WORDS & set(identifier_words(name)) or name in ctx.imports:
            return None
        origin = resolve_in(ctx, fn, expr, depth=1)
        if origin is expr:
            origin = unpacked_origin(ctx, fn, name)
        if origin is not None and origin is not expr and generated_secret(ctx, origin, fn, depth - 1):
            return name
        return None
    if kind is cst.Call:
        called = ctx.call_name(expr) or ""  # type: ignore[arg-type]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        if called in _SECRET_GENERATORS:
            size = ctx.number_value(expr.args[0].value) if expr.args else None  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            if size is not None and size < 16 and called.startswith(("secrets.", "os.urandom")):
                return None  # 8 random bytes name a request or trace, they do not guard anything
            return called
        if _reshapes(ctx, expr):  # type: ignore[arg-type]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            parts = [a.value for a in expr.args]  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            if isinstance(expr.func, cst.Attribute):  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                parts.append(expr.func.value)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            for part in parts:
                found = generated_secret(ctx, part, fn, depth)
                if found:
                    return found
        return None
    if kind in (
        cst.BinaryOperation,
        cst.FormattedString,
        cst.FormattedStringExpression,
        cst.ConcatenatedString,
        cst.Await,
    ):
        from .walk import children

        for child in children(expr):
            if isinstance(child, cst.BaseExpression) or type(child) is cst.FormattedStringExpression:
                found = generated_secret(
                    ctx,
                    child if type(child) is not cst.FormattedStringExpression else child.expression,  # type: ignore[arg-type]  # a FormattedStringExpression's expression is a BaseExpression
                    fn,
                    depth,
                )
                if found:
                    return found
    return None


def set_once(ctx: PythonContext, expr: cst.Attribute) -> cst.BaseExpression | None:
    """`self._rng`: the call the enclosing class assigns it, when its methods assign it exactly once."""
    if not (isinstance(expr.value, cst.Name) and expr.value.value == "self") or not ctx.class_stack:
        return None
    values = [
        node.value
        for node in walk(ctx.class_stack[-1])
        if type(node) is cst.Assign
        for target in node.targets
        if isinstance(target.target, cst.Attribute)
        and isinstance(target.target.value, cst.Name)
        and target.target.value.value == "self"
        and target.target.attr.value == expr.attr.value
    ]
    return values[0] if len(values) == 1 and isinstance(values[0], cst.Call) else None
