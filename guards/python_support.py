"""Python guard support: one parse, one pass, cheap name and value resolution.

Each file is parsed once with libcst, indexed once (`TreeIndex`: every node in
pre-order with its subtree span, so any later walk of a subtree is a slice), and
every enabled `PythonGuard` runs in a single pass over that index; positions are
computed only when a guard reports, by an offset-recording run of libcst's own
code generation. Instead of the slow `MetadataWrapper` providers
(`QualifiedNameProvider`/`ScopeProvider`), `PythonContext` keeps an import alias
table (so `import jwt as pyjwt` and `from jwt import decode as d` both resolve
to `jwt.decode`) and follows simple assignments within the current function and
the module (so an options dict defined a few lines earlier is seen).
"""

from __future__ import annotations

import ast
import dataclasses
import re
import threading
from bisect import bisect_left, bisect_right
from functools import lru_cache
from collections.abc import Iterator, Mapping
from typing import ClassVar

import libcst as cst
from libcst import BatchableCSTVisitor
from libcst._nodes.internal import CodegenState
from libcst._position import CodePosition
from libcst.metadata import CodeRange, PositionProvider

from .models import Finding, Severity
from .policy import DEFAULT_POLICY, Policy
from .registry import Guard

_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")

FunctionNode = cst.FunctionDef | cst.Lambda


def identifier_words(name: str) -> list[str]:
    """`refreshTokenTTL` -> ['refresh', 'token', 'ttl']; `API_KEY` -> ['api', 'key']."""
    return list(_identifier_words(name))


@lru_cache(maxsize=8192)
def _identifier_words(name: str) -> tuple[str, ...]:
    # The same few thousand identifiers recur in every file; a fresh list per call keeps callers free to mutate.
    return tuple(w.lower() for w in _WORD.findall(name))


def string_literal_value(node: cst.SimpleString) -> str | bytes:
    """`node.evaluated_value` without its cost: libcst runs `ast.literal_eval` (a full compile)
    on every call. Plain literals are sliced; the rest are evaluated once per distinct spelling."""
    raw = node.value
    if raw[0] in "\'\"" and "\\" not in raw and "\r" not in raw:
        quote = 3 if raw[:3] in ('"""', "'''") and len(raw) >= 6 else 1
        return raw[quote:-quote]
    return _evaluate_literal(raw)


@lru_cache(maxsize=4096)
def _evaluate_literal(raw: str):  # noqa: ANN202 - str, bytes, int or float, as the literal says
    return ast.literal_eval(raw)


def number_literal_value(node: cst.Integer | cst.Float) -> int | float:
    """`node.evaluated_value`, evaluated once per distinct spelling."""
    return _evaluate_literal(node.value)


class PythonContext:
    """What every Python guard may ask about the file being checked."""

    def __init__(self, module: cst.Module, path: str | None, policy: Policy, text: str | None = None) -> None:
        self.module = module
        # The source as given: regenerating it from the tree (`module.code`) costs a full pass.
        self.text = text if text is not None else module.code
        self.path = path
        self.policy = policy
        self.function_stack: list[FunctionNode] = []
        self.class_stack: list[cst.ClassDef] = []
        self._imports: dict[str, str] | None = None
        self._qualnames: dict[int, str | None] = {}  # by node id: the module keeps every node alive
        # Analyses several guards share (python_flow.file_cache). Entries may point back at this
        # context, so the pass empties it at the end: otherwise the tree lives until a GC cycle hunt.
        self.shared: dict[tuple, object] = {}
        self._assignments: dict[int, dict[str, list[cst.BaseExpression]]] = {}
        self._positions: Mapping[cst.CSTNode, CodeRange] | None = None

    @property
    def positions(self) -> Mapping[cst.CSTNode, CodeRange]:
        """Source positions of every node, computed on first use (a full code-generation pass)."""
        if self._positions is None:
            self._positions = _module_positions(self.module)
        return self._positions

    # -- names ---------------------------------------------------------
    @property
    def imports(self) -> dict[str, str]:
        if self._imports is None:
            self._imports = _collect_imports(self.module)
        return self._imports

    def qualname(self, expr: cst.BaseExpression | None) -> str | None:
        """Dotted name of `expr` with its head resolved through imports, or None."""
        kind = type(expr)
        if kind is cst.Name:
            return self.imports.get(expr.value, expr.value)  # type: ignore[union-attr]
        if kind is not cst.Attribute and kind is not cst.Call:
            return None
        # Guards ask about the same calls and attribute chains many times over.
        key = id(expr)
        if key in self._qualnames:
            return self._qualnames[key]
        if kind is cst.Attribute:
            base = self.qualname(expr.value)  # type: ignore[union-attr]
            name = None if base is None else f"{base}.{expr.attr.value}"  # type: ignore[union-attr]
        else:
            inner = self.qualname(expr.func)  # type: ignore[union-attr]
            name = f"{inner}()" if inner else None
        self._qualnames[key] = name
        return name

    def call_name(self, call: cst.Call) -> str | None:
        return self.qualname(call.func)

    def imported_module(self, prefix: str) -> bool:
        """Whether any import in the file comes from module `prefix`."""
        return any(q == prefix or q.startswith(prefix + ".") for q in self.imports.values())

    # -- values --------------------------------------------------------
    @property
    def current_function(self) -> FunctionNode | None:
        return self.function_stack[-1] if self.function_stack else None

    def _scope_assignments(self, scope: cst.CSTNode) -> dict[str, list[cst.BaseExpression]]:
        key = id(scope)
        if key not in self._assignments:
            self._assignments[key] = _collect_assignments(scope)
        return self._assignments[key]

    def assigned_values(self, name: str) -> list[cst.BaseExpression]:
        """Every value assigned to `name` in the current function, else the module."""
        for scope in reversed(self.function_stack):
            values = self._scope_assignments(scope).get(name)
            if values:
                return values
        return self._scope_assignments(self.module).get(name, [])

    def assigned_values_in(self, scope: cst.CSTNode, name: str) -> list[cst.BaseExpression]:
        """Every value assigned to `name` directly in `scope` (a function or the module), for
        guards that follow a value inside a function other than the one being visited."""
        return self._scope_assignments(scope).get(name, [])

    def resolve(self, expr: cst.BaseExpression | None, depth: int = 4) -> cst.BaseExpression | None:
        """Follow a bare name through its last simple assignment, and an attribute to the value a class
        of this file gives it (`self.MODE`, `policy.rsa_bits`, `settings.digest_name`), a few hops."""
        while depth > 0:
            if isinstance(expr, cst.Name):
                values = self.assigned_values(expr.value)
                if not values:
                    return expr
                expr = values[-1]
            elif isinstance(expr, cst.Attribute):
                value = self.attribute_value(expr)
                if value is None:
                    return expr
                expr = value
            else:
                return expr
            depth -= 1
        return expr

    def attribute_value(self, expr: cst.Attribute) -> cst.BaseExpression | None:
        """The value `expr` has from a class of this file: a class attribute or field default read
        through `self`/`cls` in the class being visited, through a parameter annotated with the class,
        or through a name bound to an instance (`POLICY = KeyPolicy()`, whose keyword arguments win).
        None when the class is not known, or when any method assigns the attribute (`self.x = ...`)."""
        base = expr.value
        if not isinstance(base, cst.Name):
            return None
        attr = expr.attr.value
        classes = _file_classes(self)
        if not classes:
            return None
        klass: cst.ClassDef | None = None
        instance: cst.Call | None = None
        if base.value in ("self", "cls"):
            klass = self.class_stack[-1] if self.class_stack else None
        else:
            # A name bound once to an instance (`POLICY = KeyPolicy()`), or a parameter whose default is one
            # (`policy: KeyPolicy = POLICY`). A parameter without a default is whatever the caller passes:
            # a request body's class default is not its value.
            bound: cst.BaseExpression | None = None
            default = _parameter_default(self.current_function, base.value)
            if default is not None:
                bound = self.resolve(default, depth=2)
            elif not _is_parameter(self.current_function, base.value):
                values = self.assigned_values(base.value)
                bound = values[-1] if len(values) == 1 else None
            if isinstance(bound, cst.Call) and isinstance(bound.func, cst.Name):
                klass, instance = classes.get(bound.func.value), bound
        if klass is None:
            return None
        if instance is not None and (given := self.kwarg(instance, attr)) is not None:
            return given
        fields, assigned_in_methods = _class_fields(self, klass)
        if attr in assigned_in_methods:
            return None
        return fields.get(attr)

    def resolve_all(self, expr: cst.BaseExpression | None) -> list[cst.BaseExpression]:
        """Every value `expr` may take through simple assignments (for flags set in branches)."""
        if isinstance(expr, cst.Name):
            values = self.assigned_values(expr.value)
            if values:
                return [self.resolve(v) or v for v in values]
        return [expr] if expr is not None else []

    def string_value(self, expr: cst.BaseExpression | None) -> str | None:
        expr = self.resolve(expr)
        if isinstance(expr, cst.SimpleString):
            value = string_literal_value(expr)
            return value.decode("latin-1") if isinstance(value, bytes) else value
        if isinstance(expr, cst.ConcatenatedString):
            value = expr.evaluated_value
            if isinstance(value, bytes):
                return value.decode("latin-1")
            return value
        return None

    def bool_value(self, expr: cst.BaseExpression | None) -> bool | None:
        expr = self.resolve(expr)
        if isinstance(expr, cst.Name) and expr.value in ("True", "False"):
            return expr.value == "True"
        if isinstance(expr, cst.Integer):
            return number_literal_value(expr) != 0
        return None

    def number_value(self, expr: cst.BaseExpression | None) -> float | None:
        """Evaluate integer/float arithmetic (`60 * 60 * 24`) and `timedelta(...)` to seconds."""
        expr = self.resolve(expr)
        if isinstance(expr, (cst.Integer, cst.Float)):
            return float(number_literal_value(expr))
        if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
            inner = self.number_value(expr.expression)
            return -inner if inner is not None else None
        if isinstance(expr, cst.BinaryOperation):
            left, right = self.number_value(expr.left), self.number_value(expr.right)
            if left is None or right is None:
                return None
            op = expr.operator
            if isinstance(op, cst.Multiply):
                return left * right
            if isinstance(op, cst.Add):
                return left + right
            if isinstance(op, cst.Subtract):
                return left - right
            if isinstance(op, (cst.Divide, cst.FloorDivide)) and right:
                return left / right
            if isinstance(op, cst.Power) and abs(right) <= 64:
                return float(left**right)
            return None
        if isinstance(expr, cst.Call):
            return self.timedelta_seconds(expr)
        return None

    _TIMEDELTA_UNITS: ClassVar[dict[str, float]] = {
        "weeks": 604800,
        "days": 86400,
        "hours": 3600,
        "minutes": 60,
        "seconds": 1,
        "milliseconds": 0.001,
        "microseconds": 0.000001,
    }

    def timedelta_seconds(self, call: cst.Call) -> float | None:
        name = self.call_name(call) or ""
        if not (name.endswith("timedelta") or name.endswith("relativedelta")):
            return None
        total = 0.0
        positional_units = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"]
        for index, arg in enumerate(call.args):
            unit = arg.keyword.value if arg.keyword else (
                positional_units[index] if index < len(positional_units) else None
            )
            if unit not in self._TIMEDELTA_UNITS:
                return None
            value = self.number_value(arg.value)
            if value is None:
                return None
            total += value * self._TIMEDELTA_UNITS[unit]
        return total

    def dict_items(self, expr: cst.BaseExpression | None) -> dict[str, cst.BaseExpression] | None:
        """String-keyed items of a dict literal or `dict(k=v)` call, through assignments."""
        expr = self.resolve(expr)
        if isinstance(expr, cst.Dict):
            items: dict[str, cst.BaseExpression] = {}
            for element in expr.elements:
                if isinstance(element, cst.DictElement):
                    key = self.string_value(element.key)
                    if key is not None:
                        items[key] = element.value
            return items
        if isinstance(expr, cst.Call) and self.call_name(expr) in ("dict", "builtins.dict"):
            return {a.keyword.value: a.value for a in expr.args if a.keyword is not None}
        return None

    @staticmethod
    def kwarg(call: cst.Call, name: str) -> cst.BaseExpression | None:
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == name:
                return arg.value
        return None

    @staticmethod
    def positional(call: cst.Call, index: int) -> cst.BaseExpression | None:
        positional = [a for a in call.args if a.keyword is None and not a.star]
        return positional[index].value if index < len(positional) else None

    @staticmethod
    def target_name(node: cst.BaseExpression) -> str | None:
        """The last identifier of an assignment target: `self.api_key` -> 'api_key', `cfg["token"]` -> 'token'."""
        return expression_name(node)

    def source(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)


def _file_classes(ctx: PythonContext) -> dict[str, cst.ClassDef]:
    """Classes defined once in the file, by name (a name defined twice is ambiguous and left out)."""
    key = ("file-classes",)
    found = ctx.shared.get(key)
    if found is None:
        seen: dict[str, list[cst.ClassDef]] = {}
        for node in findall(ctx.module, cst.ClassDef):
            seen.setdefault(node.name.value, []).append(node)  # type: ignore[union-attr]
        found = ctx.shared[key] = {name: nodes[0] for name, nodes in seen.items() if len(nodes) == 1}
    return found  # type: ignore[return-value]


def _function_params(function: FunctionNode | None) -> tuple[cst.Param, ...]:
    if not isinstance(function, cst.FunctionDef):
        return ()
    params = function.params
    return (*params.posonly_params, *params.params, *params.kwonly_params)


def _is_parameter(function: FunctionNode | None, name: str) -> bool:
    return any(p.name.value == name for p in _function_params(function))


def _parameter_default(function: FunctionNode | None, name: str) -> cst.BaseExpression | None:
    """The default value of `function`'s parameter `name`, if it has one."""
    for param in _function_params(function):
        if param.name.value == name:
            return param.default
    return None


def _class_fields(ctx: PythonContext, klass: cst.ClassDef) -> tuple[dict[str, cst.BaseExpression], set[str]]:
    """A class's attribute values (`MODE = AES.MODE_ECB`, `rsa_bits: int = 1024`, dataclass
    `field(default=...)`) and the attributes its methods assign through `self`."""
    cache = ctx.shared.setdefault(("class-fields",), {})
    found = cache.get(id(klass))  # type: ignore[union-attr]
    if found is not None:
        return found[1]
    fields: dict[str, cst.BaseExpression] = {}
    for statement in klass.body.body:
        for small in getattr(statement, "body", ()) if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
                fields[small.targets[0].target.value] = small.value
            elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.value is not None:
                value = small.value
                if isinstance(value, cst.Call) and isinstance(value.func, (cst.Name, cst.Attribute)) and (
                    (value.func.value if isinstance(value.func, cst.Name) else value.func.attr.value) in ("field", "Field")
                ):
                    default = PythonContext.kwarg(value, "default")
                    if default is None:
                        continue
                    value = default
                fields[small.target.value] = value
    assigned = {
        target.attr.value
        for node in findall(klass, (cst.Assign, cst.AugAssign, cst.AnnAssign))
        for target in ([t.target for t in node.targets] if type(node) is cst.Assign else [node.target])  # type: ignore[union-attr]
        if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value in ("self", "cls")
    }
    cache[id(klass)] = (klass, (fields, assigned))  # type: ignore[index]
    return fields, assigned


def _module_positions(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    """The same ranges as libcst's `PositionProvider`, at a fraction of its cost.

    PositionProvider regenerates the code while tracking line and column per token,
    with a generator-based context manager and two position objects per node: about
    nine times the cost of plain code generation. `_OffsetCodegen` runs the same
    code generation (so the same nodes get the same syntactic ranges, including the
    ranges libcst hoists from child nodes) but records character offsets, and turns
    only the offsets asked for into lines and columns.
    """
    state = _OffsetCodegen(default_indent=module.default_indent, default_newline=module.default_newline)
    module._codegen(state)
    return _OffsetPositions(module, state)


class _OffsetCodegen(CodegenState):
    """libcst code generation that records each node's (start, end) character offsets."""

    __slots__ = ("offset", "popped", "ranges", "_starts")

    def __init__(self, default_indent: str, default_newline: str) -> None:
        super().__init__(default_indent=default_indent, default_newline=default_newline)
        self.offset = 0
        self.popped = ""
        self.ranges: dict[int, tuple[int, int]] = {}
        self._starts: list[int] = []

    def add_indent_tokens(self) -> None:
        self.tokens.extend(self.indent_tokens)
        for token in self.indent_tokens:
            self.offset += len(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        self.offset += len(value)

    def pop_trailing_newline(self) -> None:
        # libcst drops the file's last newline token without moving its position counter; so do we.
        if self.tokens:
            self.popped = self.tokens.pop()

    def before_codegen(self, node: cst.CSTNode) -> None:
        self._starts.append(self.offset)

    def after_codegen(self, node: cst.CSTNode) -> None:
        start = self._starts.pop()
        key = id(node)
        if key not in self.ranges:  # a syntactic range recorded inside the node wins
            self.ranges[key] = (start, self.offset)

    def record_syntactic_position(  # type: ignore[override]
        self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None, end_node: cst.CSTNode | None = None
    ) -> "_SyntacticRange":
        return _SyntacticRange(self, node, start_node, end_node)


class _SyntacticRange:
    """What `PositionProvidingCodegenState.record_syntactic_position` does, without a generator."""

    __slots__ = ("state", "node", "start_node", "end_node", "start")

    def __init__(self, state: _OffsetCodegen, node: cst.CSTNode, start_node, end_node) -> None:  # noqa: ANN001
        self.state, self.node, self.start_node, self.end_node = state, node, start_node, end_node

    def __enter__(self) -> None:
        self.start = self.state.offset

    def __exit__(self, *exc: object) -> None:
        ranges = self.state.ranges
        start = ranges[id(self.start_node)][0] if self.start_node is not None else self.start
        end = ranges[id(self.end_node)][1] if self.end_node is not None else self.state.offset
        ranges[id(self.node)] = (start, end)


class _OffsetPositions(Mapping):
    """node -> CodeRange (1-based lines, 0-based columns, as libcst's PositionProvider)."""

    def __init__(self, module: cst.Module, state: _OffsetCodegen) -> None:
        self._module = module  # ranges are keyed by node id: the tree must outlive them
        self._ranges = state.ranges
        text = "".join(state.tokens) + state.popped
        self._line_starts = [0] + [match.end() for match in _NEWLINE.finditer(text)]

    def _position(self, offset: int) -> CodePosition:
        line = bisect_right(self._line_starts, offset)
        return CodePosition(line, offset - self._line_starts[line - 1])

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        start, end = self._ranges[id(node)]
        return CodeRange(self._position(start), self._position(end))

    def __iter__(self):  # noqa: ANN204 - node ids are all that is kept
        raise TypeError("positions are looked up by node, not listed")

    def __len__(self) -> int:
        return len(self._ranges)


_NEWLINE = re.compile(r"\r\n?|\n")  # the line breaks libcst's position provider counts


def _collect_imports(module: cst.Module) -> dict[str, str]:
    """local name -> qualified name, for every import anywhere in the file.

    An import in an `except` handler is a fallback (`try: from secrets import randbits` / `except
    ImportError: from random import getrandbits as randbits`): it does not replace the name the
    module normally gets."""
    aliases: dict[str, str] = {}
    fallbacks = {id(n) for h in _of_types(module, cst.ExceptHandler) for n in _of_types(h, (cst.Import, cst.ImportFrom))}
    for node in _of_types(module, (cst.Import, cst.ImportFrom)):
        fallback = id(node) in fallbacks
        for local, full, weak in _import_bindings(node):  # type: ignore[arg-type]
            if fallback or weak:
                aliases.setdefault(local, full)
            else:
                aliases[local] = full
    return aliases


def _import_bindings(node: cst.Import | cst.ImportFrom) -> list[tuple[str, str, bool]]:
    """(local name, qualified name, weak) for each name an import binds; `import a.b` binds `a` weakly."""
    bound: list[tuple[str, str, bool]] = []
    if isinstance(node, cst.Import):
        for alias in node.names:
            full = _dotted(alias.name)
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                bound.append((alias.asname.name.value, full, False))
            else:
                head = full.split(".")[0]
                bound.append((head, head, True))
    elif not isinstance(node.names, cst.ImportStar) and node.module is not None:
        module_name = _dotted(node.module)
        for alias in node.names:
            name = _dotted(alias.name)
            local = name
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            bound.append((local, f"{module_name}.{name}", False))
    return bound


def _collect_assignments(scope: cst.CSTNode) -> dict[str, list[cst.BaseExpression]]:
    """Simple `name = value` (and annotated) assignments directly in one scope."""
    values: dict[str, list[cst.BaseExpression]] = {}
    for node in _of_types(scope, (cst.Assign, cst.AnnAssign), into_scopes=False):
        if isinstance(node, cst.Assign):
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    values.setdefault(target.target.value, []).append(node.value)
        elif isinstance(node, cst.AnnAssign):
            if node.value is not None and isinstance(node.target, cst.Name):
                values.setdefault(node.target.value, []).append(node.value)
    return values


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


class PythonGuard(Guard, BatchableCSTVisitor):
    """A structural guard over Python code. Subclasses define `visit_*` methods
    and call `self.report(node, ...)`; `self.ctx` answers name/value questions."""

    languages: ClassVar[tuple[str, ...]] = ("python",)
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.findings: list[Finding] = []

    def get_metadata(self, key, node, default=None):  # type: ignore[override]
        """Positions are computed once per file, and only when a guard asks for one."""
        if key is PositionProvider:
            return self.ctx.positions.get(node, default) if default is not None else self.ctx.positions[node]
        return super().get_metadata(key, node, default)

    def report(
        self,
        node: cst.CSTNode,
        message: str | None = None,
        *,
        fix: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        position = self.get_metadata(PositionProvider, node)
        self.findings.append(
            Finding(
                guard_id=self.id,
                title=self.title,
                severity=severity or self.meta.severity,
                confidence=self.meta.confidence,
                path=self.ctx.path,
                line=position.start.line,
                column=position.start.column + 1,
                end_line=position.end.line,
                end_column=position.end.column + 1,
                message=message or self.title,
                fix=fix,
                references=self.meta.references,
            )
        )


# Fields that only hold whitespace, comments and punctuation: never walked.
_SKIPPED_FIELD_WORDS = ("whitespace", "lpar", "rpar", "leading_lines", "lines_after", "header", "footer",
                        "comma", "semicolon", "newline", "indent", "equal", "colon", "dot")
_FIELDS: dict[type, tuple[str, ...]] = {}


def _walk_fields(cls: type) -> tuple[str, ...]:
    fields = _FIELDS.get(cls)
    if fields is None:
        fields = tuple(
            f.name for f in dataclasses.fields(cls) if not any(word in f.name for word in _SKIPPED_FIELD_WORDS)
        )
        _FIELDS[cls] = fields
    return fields


_IS_NODE: dict[type, bool] = {}
_NODE_TYPES: set[type] = set()  # the node classes seen so far: a set lookup, no call


def _is_node(value: object) -> bool:
    # CSTNode is an ABC: a cached subclass test per type is far cheaper than isinstance().
    kind = type(value)
    known = _IS_NODE.get(kind)
    if known is None:
        known = _IS_NODE[kind] = issubclass(kind, cst.CSTNode)
        if known:
            _NODE_TYPES.add(kind)
    return known


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The syntax children of `node` in the order of its libcst fields (whitespace and punctuation
    left out). That is source order for most nodes but not all: an `Arg` lists its value before its
    keyword, a `Subscript` its value before its slice. Guards must not depend on the difference."""
    found: list[cst.CSTNode] = []
    for name in _walk_fields(type(node)):
        value = getattr(node, name)
        kind = type(value)
        if kind is list or kind is tuple:
            found.extend(value)  # libcst sequences hold nodes only
        elif kind in _NODE_TYPES or _is_node(value):
            found.append(value)
    return found


_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
_SCOPE_TYPES = frozenset(_SCOPES)  # libcst node classes are ABCs: isinstance() on them is slow


class TreeIndex:
    """Every node of one module in pre-order, with each node's subtree span.

    Built once per file by one walk; afterwards walking any subtree is a list
    slice and finding the nodes of a type under it is a binary search, so guards
    that look inside functions, calls or statements do not re-walk the tree.
    """

    __slots__ = ("order", "spans", "_positions_of_type", "_matching")

    def __init__(self, root: cst.CSTNode) -> None:
        order: list[cst.CSTNode] = []
        spans: dict[int, tuple[int, int]] = {}
        # (node, start index) once its subtree is done; bare nodes to enter.
        stack: list = [root]
        while stack:
            item = stack.pop()
            if type(item) is tuple:
                node, begin = item
                spans[id(node)] = (begin, len(order))
                continue
            stack.append((item, len(order)))
            order.append(item)
            stack.extend(reversed(children(item)))
        self.order = order
        self.spans = spans
        self._positions_of_type: dict[type, list[int]] | None = None
        self._matching: dict[type | tuple[type, ...], list[list[int]]] = {}

    def span(self, node: cst.CSTNode) -> tuple[int, int] | None:
        found = self.spans.get(id(node))
        if found is None or self.order[found[0]] is not node:
            return None
        return found

    def subtree(self, start: int, end: int, into_scopes: bool) -> list[cst.CSTNode]:
        if into_scopes:
            return self.order[start:end]
        nodes, order, spans, index = [], self.order, self.spans, start
        while index < end:
            node = order[index]
            nodes.append(node)
            index = spans[id(node)][1] if index != start and type(node) in _SCOPE_TYPES else index + 1
        return nodes

    def of_types(
        self, start: int, end: int, kinds: type | tuple[type, ...], into_scopes: bool = True
    ) -> list[cst.CSTNode]:
        """Nodes in [start, end) that are instances of `kinds`, in walk order; with
        `into_scopes=False`, none inside a function, class or lambda nested in the range's root."""
        if self._positions_of_type is None:
            table: dict[type, list[int]] = {}
            for position, node in enumerate(self.order):
                table.setdefault(type(node), []).append(position)
            self._positions_of_type = table
        matching = self._matching.get(kinds)
        if matching is None:
            matching = self._matching[kinds] = [
                positions for node_type, positions in self._positions_of_type.items() if issubclass(node_type, kinds)
            ]
        hits: list[int] = []
        for positions in matching:
            hits.extend(positions[bisect_left(positions, start):bisect_left(positions, end)])
        if len(hits) > 1:
            hits.sort()
        if not into_scopes and hits:
            hits = self._outside_nested_scopes(start, end, hits)
        order = self.order
        return [order[position] for position in hits]

    def _outside_nested_scopes(self, start: int, end: int, hits: list[int]) -> list[int]:
        skipped: list[tuple[int, int]] = []  # spans of the outermost scopes nested in [start, end)
        for scope in self.of_types(start + 1, end, _SCOPES):
            begin, finish = self.spans[id(scope)]
            if not skipped or begin >= skipped[-1][1]:
                skipped.append((begin, finish))
        if not skipped:
            return hits
        kept, index = [], 0
        for position in hits:
            while index < len(skipped) and skipped[index][1] <= position:
                index += 1
            if index < len(skipped) and skipped[index][0] < position:
                continue  # inside a nested scope (the scope node itself is kept, as walk() yields it)
            kept.append(position)
        return kept


_CURRENT = threading.local()  # the TreeIndex of the file being checked, per thread


def _located(node: cst.CSTNode) -> tuple[TreeIndex, int, int] | None:
    index: TreeIndex | None = getattr(_CURRENT, "index", None)
    if index is None:
        return None
    span = index.span(node)
    return (index, *span) if span is not None else None


def node_span(node: cst.CSTNode) -> tuple[int, int] | None:
    """(start, end) pre-order positions of `node`'s subtree in the file being checked, or None
    outside a guard pass. Ordering two nodes by start is ordering them by source position."""
    located = _located(node)
    return (located[1], located[2]) if located is not None else None


def walk(node: cst.CSTNode, *, into_scopes: bool = True) -> Iterator[cst.CSTNode]:
    """Every syntax node under `node` (itself included), parents first, in field order (see `children`),
    without libcst's visitor machinery (which rebuilds each node and is several times
    slower). With `into_scopes=False`, nested functions, classes and lambdas are not entered.
    Inside a guard pass this is a slice of the file's `TreeIndex`."""
    located = _located(node)
    if located is not None:
        index, start, end = located
        return iter(index.subtree(start, end, into_scopes))
    return _walk_fresh(node, into_scopes)


def _walk_fresh(node: cst.CSTNode, into_scopes: bool) -> Iterator[cst.CSTNode]:
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        yield current
        if not into_scopes and current is not node and isinstance(current, _SCOPES):
            continue
        stack.extend(reversed(children(current)))


def _handlers(instances: list["PythonGuard"]) -> tuple[dict[str, list], dict[str, list]]:
    """visit_X / leave_X methods the guards define themselves (not libcst's no-op stubs)."""
    visits: dict[str, list] = {}
    leaves: dict[str, list] = {}
    for instance in instances:
        for kind, node_type, attr in _handler_names(type(instance)):
            table = visits if kind == "visit" else leaves
            table.setdefault(node_type, []).append(getattr(instance, attr))
    return visits, leaves


@lru_cache(maxsize=None)
def _handler_names(guard_cls: type) -> tuple[tuple[str, str, str], ...]:
    """(visit|leave, node type, method name) for each handler a guard class defines, once per class."""
    found: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for cls in guard_cls.__mro__:
        if cls is PythonGuard or not issubclass(cls, PythonGuard):
            break
        for attr in cls.__dict__:
            if attr in seen or not (attr.startswith("visit_") or attr.startswith("leave_")):
                continue
            kind, node_type = attr.split("_", 1)
            if "_" in node_type:
                continue  # attribute visitors (visit_Call_func) are not supported
            seen.add(attr)
            found.append((kind, node_type, attr))
    return tuple(found)


def run_python_guards(
    code: str,
    guards: list[type[PythonGuard]],
    *,
    path: str | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> list[Finding]:
    """Parse once, index the tree once, and run every guard in one pass.

    Raises `cst.ParserSyntaxError` for code that does not parse; the engine
    turns that into a blocking finding (fail closed).
    """
    module = cst.parse_module(code)
    if not guards:
        return []
    ctx = PythonContext(module, path, policy, code)
    index = TreeIndex(module)
    outer = getattr(_CURRENT, "index", None)
    _CURRENT.index = index
    try:
        instances = [guard(ctx) for guard in guards]  # some guards read the tree when created
        _dispatch(index, ctx, *_handlers(instances))
    finally:
        _CURRENT.index = outer
        ctx.shared.clear()
    findings: list[Finding] = []
    for instance in instances:
        findings.extend(instance.findings)
    return findings


def _dispatch(index: TreeIndex, ctx: PythonContext, visits: dict[str, list], leaves: dict[str, list]) -> None:
    # Pending leaves: (end of the node's subtree, node); a node is left when the walk passes its end.
    pending: list[tuple[int, cst.CSTNode]] = []
    spans = index.spans
    for position, node in enumerate(index.order):
        while pending and pending[-1][0] <= position:
            _leave(pending.pop()[1], ctx, leaves)
        kind = type(node)
        name = kind.__name__
        scope = kind in _SCOPE_TYPES
        if scope:
            (ctx.class_stack if kind is cst.ClassDef else ctx.function_stack).append(node)  # type: ignore[arg-type]
        for handler in visits.get(name, ()):
            handler(node)
        if scope or name in leaves:
            pending.append((spans[id(node)][1], node))
    while pending:
        _leave(pending.pop()[1], ctx, leaves)


def _leave(node: cst.CSTNode, ctx: PythonContext, leaves: dict[str, list]) -> None:
    kind = type(node)
    for handler in leaves.get(kind.__name__, ()):
        handler(node)
    if kind in _SCOPE_TYPES:
        (ctx.class_stack if kind is cst.ClassDef else ctx.function_stack).pop()


def iter_calls(node: cst.CSTNode) -> Iterator[cst.Call]:
    """Every call inside `node` (for guards that inspect a function body)."""
    return iter(findall(node, cst.Call))  # type: ignore[arg-type]


def findall(tree: cst.CSTNode, matcher: object) -> list[cst.CSTNode]:
    """Nodes under `tree` that are of a node class (or a tuple of classes), or match a
    `libcst.matchers` matcher, found with `walk`: several times faster than libcst's own
    traversal, which rebuilds every node it passes. Node classes need no matchers import,
    which is slow to load (the IDE hook loads guards on every identity write)."""
    if isinstance(matcher, type) or (isinstance(matcher, tuple) and all(isinstance(k, type) for k in matcher)):
        return _of_types(tree, matcher)  # type: ignore[arg-type]
    import libcst.matchers as m

    if isinstance(matcher, m.TypeOf):
        # TypeOf of node classes or bare matcher classes: an isinstance filter.
        raw = getattr(matcher, "_raw_options", ())
        kinds = tuple(getattr(cst, k.__name__, None) if isinstance(k, type) else None for k in raw)
        if raw and all(isinstance(k, type) and issubclass(k, cst.CSTNode) for k in kinds):
            return _of_types(tree, kinds)  # type: ignore[arg-type]
    wanted = getattr(type(matcher), "__name__", "")
    node_type = getattr(cst, wanted, None)
    if isinstance(node_type, type) and issubclass(node_type, cst.CSTNode):
        # A matcher class is named after its node class: reject other node types cheaply.
        return [n for n in _of_types(tree, node_type) if m.matches(n, matcher)]  # type: ignore[arg-type]
    return [n for n in walk(tree) if m.matches(n, matcher)]  # type: ignore[arg-type]


def _of_types(tree: cst.CSTNode, kinds: type | tuple[type, ...], into_scopes: bool = True) -> list[cst.CSTNode]:
    located = _located(tree)
    if located is not None:
        index, start, end = located
        return index.of_types(start, end, kinds, into_scopes)
    return [n for n in _walk_fresh(tree, into_scopes) if isinstance(n, kinds)]


# -- identifier vocabulary shared by the identity guards -----------------------
# A name is judged by its words: `refresh_token` is a secret, `refresh_token_ttl`,
# `token_type` and `token_id` are facts about one. These tables are the one place
# that decides, so every guard agrees on what a "secret-like" name is.

_PASSWORD_WORDS = frozenset({"password", "passwd", "pwd", "passphrase", "passcode"})
_KEY_QUALIFIERS = frozenset({"api", "secret", "private", "signing", "encryption", "hmac", "master", "jwt", "webhook"})
_CODE_QUALIFIERS = frozenset(
    {"otp", "verification", "verify", "reset", "invite", "invitation", "auth", "authorization", "mfa",
     "confirm", "confirmation", "login", "recovery", "backup", "magic", "one", "activation", "sms", "email", "password"}
)
# A last word that makes the name a fact *about* a secret, not the secret.
_NON_SECRET_TAILS = frozenset(
    {"id", "ids", "type", "types", "name", "names", "url", "urls", "uri", "endpoint", "header", "headers",
     "field", "fields", "length", "len", "min", "max", "count", "ttl", "lifetime", "expiry", "expires",
     "exp", "expiration", "age", "timeout", "prefix", "hint", "path", "file", "env", "var", "hash",
     "hashes", "hashed", "fingerprint", "algorithm", "alg", "algorithms", "scheme", "policy", "required",
     "enabled", "changed", "at", "version", "ver", "label", "description", "format", "pattern", "regex",
     "validator", "class", "model", "serializer", "form", "service", "manager", "store", "repo",
     "repository", "provider", "backend", "factory", "generator", "kind", "location", "source", "param",
     "params", "parameter", "set", "reset", "strength", "rules", "rule", "error", "errors", "exception",
     "status", "state", "scope", "scopes", "claims", "claim", "payload", "issuer", "audience", "length",
     "lookup", "index", "table", "column", "hasher", "hashers", "config", "settings", "option", "options",
     "date", "time", "timestamp", "ts", "created", "updated", "used", "revoked", "valid", "invalid",
     "last", "usage", "limit", "dir", "mode", "method", "user", "owner", "kid", "jti", "sub", "len",
     "counter", "attempts", "retries", "display", "mask", "masked", "preview", "suffix", "last4",
     "seconds", "secs", "minutes", "mins", "hours", "days", "weeks", "ms", "ok", "matches", "match", "correct",
     "expired", "present", "missing", "exists", "score", "reused", "placeholder", "label", "prompt",
     "region", "bucket", "namespace", "mount", "engine", "project", "host", "port", "domain", "realm", "arn",
     "filename", "request", "info", "metadata", "details", "client", "cache", "event",
     "events", "endpoint", "api", "handler", "view", "router", "url", "schema", "request", "uuid", "guid",
     "placement", "style", "position", "encoding", "charset", "separator", "delimiter", "incorrect", "mismatch",
     "wrong", "message", "messages", "help", "text", "widget", "input", "size", "too", "short", "common"}
)
# Any of these words means the value was made safe (or is a flag/limit, not the secret).
_SAFE_WORDS = frozenset(
    {"masked", "redacted", "hashed", "encrypted", "fingerprint", "safe", "is", "has", "should", "use",
     "require", "requires", "verify", "validate", "check", "num", "allow", "allowed", "needs", "show",
     "mask", "redact", "public", "pub", "max", "min"}
)


@lru_cache(maxsize=8192)
def secret_kind(name: str | None) -> str | None:
    """What kind of secret an identifier names, or None when it names none.

    `client_secret` -> 'secret', `refresh_token` -> 'token', `db_password` ->
    'password', `api_key` -> 'api_key', `webhook_signature` -> 'signature',
    `otp_code` -> 'code'; `token_type`, `token_id`, `password_min_length`,
    `masked_token`, `public_key` -> None.
    """
    if not name:
        return None
    words = identifier_words(name)
    if not words or words[-1] in _NON_SECRET_TAILS or _SAFE_WORDS.intersection(words):
        return None
    # The last word says what the value is: `password_reset_token` is a token, `db_password` a password.
    last, previous = words[-1], words[-2] if len(words) > 1 else ""
    if last in _PASSWORD_WORDS:
        return "password"
    if last in {"secret", "secrets"}:
        return "secret"
    if last in {"token", "tokens", "jwt", "authorization", "bearer"}:
        return "token"
    if last == "apikey" or last in {"key", "keys"} and previous == "api":
        return "api_key"
    if last in {"key", "keys"} and previous in _KEY_QUALIFIERS:
        return "key"
    if last == "code" and previous in _CODE_QUALIFIERS:
        return "code"
    joined = set(words)
    if joined & _PASSWORD_WORDS:
        return "password"
    if "secret" in joined or "secrets" in joined:
        return "secret"
    if joined & {"token", "tokens", "jwt", "authorization", "bearer"}:
        return "token"
    if "apikey" in joined or "api" in joined and "key" in joined:
        return "api_key"
    if joined & {"credential", "credentials", "creds"}:
        return "credential"
    if joined & {"signature", "sig", "hmac", "mac", "digest"}:
        return "signature"
    if "otp" in joined or "totp" in joined or "pin" in joined:
        return "code"
    if last in {"nonce", "salt"}:
        return last
    return None


def expression_name(expr: cst.BaseExpression | None) -> str | None:
    """The identifier an expression is known by: `token` -> 'token',
    `self.api_key` -> 'api_key', `request.headers["Authorization"]` -> 'Authorization',
    `settings.get("client_secret")` -> 'client_secret'."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return expr.attr.value
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        index = expr.slice[0].slice
        if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
            value = string_literal_value(index.value)
            return value if isinstance(value, str) else None
        return None
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "get"
        and expr.args
        and isinstance(expr.args[0].value, cst.SimpleString)
    ):
        value = string_literal_value(expr.args[0].value)
        return value if isinstance(value, str) else None
    return None


# Which lifetime limit a name speaks about: most specific first.
def credential_lifetime_kind(words: set[str]) -> str | None:
    """'refresh' / 'invite' / 'api_key' / 'session' / 'access' from identifier words, or None."""
    if "refresh" in words:
        return "refresh"
    if words & {"invite", "invites", "invitation", "invitations", "magic", "reset", "confirm",
                "confirmation", "verification", "activation", "onboarding"}:
        return "invite"
    if "apikey" in words or {"api", "key"} <= words or "pat" in words:
        return "api_key"
    if words & {"session", "sessions", "cookie", "remember"}:
        return "session"
    # "access" alone is not enough: an `AccessGrant` or `ACCESS_REVIEW_PERIOD` is not a bearer token.
    if words & {"token", "tokens", "jwt", "bearer"}:
        return "access"
    return None


def lifetime_limit_seconds(policy: Policy, kind: str) -> int:
    limits = policy.limits
    return {
        "refresh": limits.max_refresh_token_ttl_seconds,
        "invite": limits.max_invite_ttl_seconds,
        "api_key": limits.max_api_key_ttl_seconds,
        "session": limits.max_session_ttl_seconds,
        "access": limits.max_access_token_ttl_seconds,
    }[kind]


def describe_seconds(seconds: float) -> str:
    """A lifetime for humans: 3600 -> '1 h', 2592000 -> '30 d'."""
    if seconds >= 86400 and seconds % 3600 == 0:
        days = seconds / 86400
        return f"{days:g} d"
    if seconds >= 3600:
        return f"{seconds / 3600:g} h"
    if seconds >= 60:
        return f"{seconds / 60:g} min"
    return f"{seconds:g} s"


_NOW_CALLS = frozenset(
    {"datetime.datetime.now", "datetime.datetime.utcnow", "datetime.now", "datetime.utcnow", "time.time",
     "time.time_ns", "time.monotonic", "django.utils.timezone.now", "timezone.now", "arrow.utcnow",
     "pendulum.now", "datetime.datetime.today"}
)


_NOW_WORDS = frozenset({"now", "iat", "issued"})


def _mentions_now(ctx: "PythonContext", expr: cst.CSTNode) -> bool:
    for node in walk(expr):
        if type(node) is cst.Call and (ctx.call_name(node) or "") in _NOW_CALLS:  # type: ignore[arg-type]
            return True
        if type(node) is cst.Name and _NOW_WORDS.intersection(_identifier_words(node.value)):  # type: ignore[union-attr]
            return True
    return False


def is_now(ctx: "PythonContext", expr: cst.BaseExpression | None) -> bool:
    """Whether `expr` is (derived from) the current time: `datetime.now(UTC)`,
    `int(time.time())`, `now`, `issued_at`."""
    if expr is None:
        return False
    resolved = ctx.resolve(expr)
    if _mentions_now(ctx, resolved or expr):
        return True
    return resolved is not expr and _mentions_now(ctx, expr)


def offset_from_now_seconds(ctx: "PythonContext", expr: cst.BaseExpression | None) -> float | None:
    """`now + timedelta(days=30)` / `int(time.time()) + 3600` -> seconds after now, else None.

    A bare duration (`timedelta(hours=1)`, `3600`) also counts: that is how
    `expires_delta=` / `expires_in=` style arguments are given."""
    expr = ctx.resolve(expr)
    if expr is None:
        return None
    if isinstance(expr, cst.Call) and (ctx.call_name(expr) or "") in {"int", "round", "math.floor", "math.ceil"} and expr.args:
        return offset_from_now_seconds(ctx, expr.args[0].value)
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "timestamp":
        return offset_from_now_seconds(ctx, expr.func.value)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        if is_now(ctx, expr.left):
            return ctx.number_value(expr.right)
        if is_now(ctx, expr.right):
            return ctx.number_value(expr.left)
        return None
    return ctx.number_value(expr)
