"""`PythonContext`: what a Python guard may ask about the file being checked.

Imports are read into an alias table (`import jwt as pyjwt` and `from jwt import decode as d`
both resolve to `jwt.decode`), and simple assignments are followed within the current function,
the class and the module, so an options dict defined a few lines earlier is seen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import libcst as cst
from libcst.metadata import CodeRange

from ...policy import Policy
from .literals import number_literal_value, string_literal_value
from .positions import module_positions
from .walk import findall, of_types
from .words import expression_name

FunctionNode = cst.FunctionDef | cst.Lambda


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
        # Analyses several guards share (flow.file_cache). Entries may point back at this
        # context, so the pass empties it at the end: otherwise the tree lives until a GC cycle hunt.
        self.shared: dict[Any, Any] = {}  # keys: a tuple or a string naming the analysis
        self._assignments: dict[int, dict[str, list[cst.BaseExpression]]] = {}
        self._positions: Mapping[cst.CSTNode, CodeRange] | None = None

    @property
    def positions(self) -> Mapping[cst.CSTNode, CodeRange]:
        """Source positions of every node, computed on first use (a full code-generation pass)."""
        if self._positions is None:
            self._positions = module_positions(self.module)
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
            return self.imports.get(expr.value, expr.value)  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        if kind is not cst.Attribute and kind is not cst.Call:
            return None
        # Guards ask about the same calls and attribute chains many times over.
        key = id(expr)
        if key in self._qualnames:
            return self._qualnames[key]
        if kind is cst.Attribute:
            base = self.qualname(expr.value)  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            name = None if base is None else f"{base}.{expr.attr.value}"  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        else:
            inner = self.qualname(expr.func)  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
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
            joined = expr.evaluated_value
            if isinstance(joined, bytes):
                return joined.decode("latin-1")
            return joined
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
            unit = (
                arg.keyword.value
                if arg.keyword
                else (positional_units[index] if index < len(positional_units) else None)
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
            seen.setdefault(node.name.value, []).append(node)
        found = ctx.shared[key] = {name: nodes[0] for name, nodes in seen.items() if len(nodes) == 1}
    return found


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
    found = cache.get(id(klass))
    if found is not None:
        return found[1]
    fields: dict[str, cst.BaseExpression] = {}
    for statement in klass.body.body:
        for small in getattr(statement, "body", ()) if isinstance(statement, cst.SimpleStatementLine) else ():
            if (
                isinstance(small, cst.Assign)
                and len(small.targets) == 1
                and isinstance(small.targets[0].target, cst.Name)
            ):
                fields[small.targets[0].target.value] = small.value
            elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.value is not None:
                value = small.value
                if (
                    isinstance(value, cst.Call)
                    and isinstance(value.func, (cst.Name, cst.Attribute))
                    and (
                        (value.func.value if isinstance(value.func, cst.Name) else value.func.attr.value)
                        in ("field", "Field")
                    )
                ):
                    default = PythonContext.kwarg(value, "default")
                    if default is None:
                        continue
                    value = default
                fields[small.target.value] = value
    assigned = {
        target.attr.value
        for node in findall(klass, (cst.Assign, cst.AugAssign, cst.AnnAssign))
        for target in ([t.target for t in node.targets] if type(node) is cst.Assign else [node.target])
        if isinstance(target, cst.Attribute)
        and isinstance(target.value, cst.Name)
        and target.value.value in ("self", "cls")
    }
    cache[id(klass)] = (klass, (fields, assigned))
    return fields, assigned


def _collect_imports(module: cst.Module) -> dict[str, str]:
    """local name -> qualified name, for every import anywhere in the file.

    An import in an `except` handler is a fallback (`try: from secrets import randbits` / `except
    ImportError: from random import getrandbits as randbits`): it does not replace the name the
    module normally gets."""
    aliases: dict[str, str] = {}
    fallbacks = {id(n) for h in of_types(module, cst.ExceptHandler) for n in of_types(h, (cst.Import, cst.ImportFrom))}
    for node in of_types(module, (cst.Import, cst.ImportFrom)):
        fallback = id(node) in fallbacks
        for local, full, weak in _import_bindings(node):  # type: ignore[arg-type]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
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
    for node in of_types(scope, (cst.Assign, cst.AnnAssign), into_scopes=False):
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
