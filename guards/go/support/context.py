"""`GoContext`: what a Go guard asks about names and values, answered from one index.

- import paths and aliases: `import "github.com/golang-jwt/jwt/v5"` binds `jwt`, `jwtlib "github.com/..."`
  binds `jwtlib`; `qualname` turns `jwtlib.Parse` into `github.com/golang-jwt/jwt/v5.Parse`, and `p.Parse`
  after `p := jwt.NewParser()` into `github.com/golang-jwt/jwt/v5.NewParser.Parse`;
- constants and simple propagation: `const`/`var` blocks, `:=` and `var x = ...` of values, scoped to the
  function that declares them (a parameter or a closer declaration shadows a package constant; a name assigned
  again with `=` is no constant);
- literal values (`string_value`, `bytes_literal` for `[]byte("...")`, `bool_value`, `number_value`);
- composite literals (`composite`): the type (`crypto/tls.Config`) and the keyed fields of
  `&tls.Config{InsecureSkipVerify: true}`, through a variable, with later `cfg.Field = v` assignments;
- functions: the one enclosing a node, its name (a route's path for an inline handler), its parameters, its
  same-file callees, and its error paths (`if err != nil { ... }`).
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from ...policy import Policy
from .names import Binding, Composite, descendants, expressions, module_family, package_name
from .tree import FUNCTION_TYPES, GoTree, Node

__all__ = ["Binding", "Composite", "GoContext", "module_family", "package_name"]

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "b": "\b", "f": "\f", "v": "\v", "a": "\a"}
_WRAPPERS = frozenset({"parenthesized_expression", "literal_element"})


class GoContext:
    """Name and value resolution over one parsed Go file, computed lazily and once."""

    def __init__(self, tree: GoTree, path: str | None, policy: Policy) -> None:
        self.tree = tree
        self.path = path
        self.policy = policy
        self.language = "go"
        self.shared: dict[str, Any] = {}  # analyses several guards share, by name (cleared after the pass)
        self._call_names: dict[int, str] = {}
        self._scopes: dict[int, Node | None] = {}

    # -- text and nodes --------------------------------------------------------

    def text(self, node: Node | None) -> str:
        return self.tree.text(node)

    def nodes(self, node_type: str) -> list[Node]:
        return self.tree.by_type.get(node_type, [])

    @staticmethod
    def args(call: Node) -> list[Node]:
        """The arguments of a call, comments left out (a type argument of `make`/`new` included)."""
        arguments = call.child_by_field_name("arguments")
        if arguments is None:
            return []
        return [a for a in arguments.named_children if a.type != "comment"]

    def arg(self, call: Node, index: int) -> Node | None:
        args = self.args(call)
        return args[index] if index < len(args) else None

    descendants = staticmethod(descendants)
    expressions = staticmethod(expressions)

    # -- imports -----------------------------------------------------------------

    @cached_property
    def imports(self) -> dict[str, str]:
        """Local package name -> import path (`jwtlib` -> `github.com/golang-jwt/jwt/v5`). Blank and dot
        imports bind nothing."""
        table: dict[str, str] = {}
        for spec in self.nodes("import_spec"):
            path = self.string_value(spec.child_by_field_name("path"), follow=False)
            if not path:
                continue
            name = spec.child_by_field_name("name")
            if name is not None:
                local = self.text(name)
                if local in ("_", "."):
                    continue
            else:
                local = package_name(path)
            table[local] = path
        return table

    def imports_path(self, *prefixes: str) -> bool:
        """Does the file import a path starting with one of `prefixes` (`"math/rand"`, `"github.com/golang-jwt/"`)?"""
        return any(p == prefix or p.startswith(prefix) for p in self.imports.values() for prefix in prefixes)

    def qualname(self, node: Node | None, depth: int = 4) -> str:
        """`jwtlib.Parse` -> `github.com/golang-jwt/jwt/v5.Parse`; `p.Parse` after `p := jwt.NewParser()` ->
        `github.com/golang-jwt/jwt/v5.NewParser.Parse`; `s.tokens.Sign` stays as written."""
        node = self.unwrap(node)
        if node is None:
            return ""
        kind = node.type
        if kind in ("identifier", "package_identifier", "type_identifier"):
            name = self.text(node)
            if kind != "type_identifier":
                binding = self.binding_of(node)
                if binding is None and name in self.imports:
                    return self.imports[name]
                if binding is not None and binding.value is not None and depth > 0:
                    value = self.unwrap(binding.value)
                    if value is not None and value.type in ("call_expression", "selector_expression", "identifier"):
                        return self.qualname(value, depth - 1)
            return name
        if kind == "selector_expression":
            operand = node.child_by_field_name("operand")
            return f"{self.qualname(operand, depth)}.{self.text(node.child_by_field_name('field'))}"
        if kind == "qualified_type":
            package = self.text(node.child_by_field_name("package"))
            return f"{self.imports.get(package, package)}.{self.text(node.child_by_field_name('name'))}"
        if kind == "call_expression":
            return self.qualname(node.child_by_field_name("function"), depth)
        if kind in ("pointer_type", "unary_expression"):
            inner = [c for c in node.named_children if c.type != "comment"]
            return self.qualname(inner[-1], depth) if inner else ""
        if kind == "generic_type":
            return self.qualname(node.child_by_field_name("type"), depth)
        return self.text(node) if len(node.text or b"") < 80 else ""

    def call_name(self, call: Node) -> str:
        """The qualified name of what a call invokes (cached per node: several guards ask)."""
        cached = self._call_names.get(call.id)
        if cached is None:
            cached = self._call_names[call.id] = self.qualname(call.child_by_field_name("function"))
        return cached

    def calls_package(self, call: Node, *packages: str) -> str | None:
        """The member called when `call` is a function of one of `packages` (import paths, major version
        ignored): `jwt.Parse` of golang-jwt -> "Parse", `p.ParseUnverified` on a parser -> "NewParser.ParseUnverified"."""
        name = self.call_name(call)
        for package in packages:
            for path in set(self.imports.values()):
                if module_family(path) == package and name.startswith(path + "."):
                    return name[len(path) + 1 :]
        return None

    @staticmethod
    def last_name(name: str) -> str:
        return name.rsplit(".", 1)[-1]

    # -- bindings and values -----------------------------------------------------

    def scope_of(self, node: Node) -> Node | None:
        """The function (declaration or literal) a node sits in, or None at package level."""
        cached = self._scopes.get(node.id, False)
        if cached is not False:
            return cached  # type: ignore[return-value]  # the sentinel False is filtered above
        current = node.parent
        while current is not None and current.type not in FUNCTION_TYPES:
            current = current.parent
        self._scopes[node.id] = current
        return current

    @cached_property
    def _bindings(self) -> dict[str, list[Binding]]:
        table: dict[str, list[Binding]] = {}

        def bind(name_node: Node, value: Node | None, scope: Node | None) -> None:
            name = self.text(name_node)
            if name == "_":
                return
            table.setdefault(name, []).append(Binding(name, scope, name_node.start_byte, value))

        for kind in ("const_spec", "var_spec"):
            for spec in self.nodes(kind):
                names = spec.children_by_field_name("name")
                values = self.expressions(spec.child_by_field_name("value"))
                scope = self.scope_of(spec)
                for index, name in enumerate(names):
                    value = values[index] if len(values) == len(names) else None
                    bind(name, value, scope)
        for declaration in self.nodes("short_var_declaration"):
            left = self.expressions(declaration.child_by_field_name("left"))
            right = self.expressions(declaration.child_by_field_name("right"))
            scope = self.scope_of(declaration)
            for index, name in enumerate(left):
                if name.type == "identifier":
                    value = right[index] if len(right) == len(left) else (right[0] if index == 0 else None)
                    bind(name, value, scope)
        for kind in ("parameter_declaration", "variadic_parameter_declaration"):
            for parameter in self.nodes(kind):
                function = parameter.parent.parent if parameter.parent is not None else None
                for name in parameter.children_by_field_name("name"):
                    bind(name, None, function)
        for clause in self.nodes("range_clause"):
            scope = self.scope_of(clause)
            for name in self.expressions(clause.child_by_field_name("left")):
                if name.type == "identifier":
                    bind(name, None, scope)
        return table

    @cached_property
    def _reassigned(self) -> set[tuple[int | None, str]]:
        found: set[tuple[int | None, str]] = set()
        for assignment in self.nodes("assignment_statement"):
            for target in self.expressions(assignment.child_by_field_name("left")):
                if target.type == "identifier":
                    binding = self.binding_of(target)
                    scope = binding.scope if binding is not None else None
                    found.add((scope.id if scope is not None else None, self.text(target)))
        return found

    def binding_of(self, node: Node) -> Binding | None:
        """The declaration a name used at `node` refers to: the innermost enclosing scope that binds it, the
        latest binding before the use there (package-level names are visible everywhere)."""
        candidates = self._bindings.get(self.text(node))
        if not candidates:
            return None
        best: Binding | None = None
        best_depth = -1
        for binding in candidates:
            scope = binding.scope
            if scope is not None and not (scope.start_byte <= node.start_byte < scope.end_byte):
                continue
            depth = scope.start_byte if scope is not None else 0
            if scope is not None and binding.start > node.start_byte:
                continue  # declared after this use in the same function
            if depth > best_depth or depth == best_depth and best is not None and binding.start >= best.start:
                best, best_depth = binding, depth
        return best

    def resolve_binding_value(self, node: Node) -> Node | None:
        """The value a name was declared with (`s := os.Getenv("X")`), reassignments or not."""
        binding = self.binding_of(node)
        return self.unwrap(binding.value) if binding is not None else None

    def is_reassigned(self, binding: Binding) -> bool:
        return (binding.scope.id if binding.scope is not None else None, binding.name) in self._reassigned

    @staticmethod
    def unwrap(node: Node | None) -> Node | None:
        while node is not None and node.type in _WRAPPERS:
            inner = [c for c in node.named_children if c.type != "comment"]
            if not inner:
                return node
            node = inner[0]
        return node

    def resolve(self, node: Node | None, depth: int = 5) -> Node | None:
        """The expression a name stands for (constants and single bindings followed), wrappers removed."""
        node = self.unwrap(node)
        while node is not None and node.type == "identifier" and depth > 0:
            binding = self.binding_of(node)
            if binding is None or binding.value is None or self.is_reassigned(binding):
                return node
            node = self.unwrap(binding.value)
            depth -= 1
        return node

    def definition(self, node: Node | None) -> Node | None:
        """Where a name's value is written (the constant's value), or None for a value written in place."""
        node = self.unwrap(node)
        if node is not None and node.type == "identifier":
            resolved = self.resolve(node)
            return resolved if resolved is not None and resolved != node else None
        return None

    def string_value(self, node: Node | None, follow: bool = True) -> str | None:
        """The value of a string literal (interpreted or raw), a `+` of them, through constants."""
        node = self.resolve(node) if follow else self.unwrap(node)
        if node is None:
            return None
        if node.type == "interpreted_string_literal":
            parts = []
            for child in node.named_children:
                if child.type == "interpreted_string_literal_content":
                    parts.append(self.text(child))
                elif child.type == "escape_sequence":
                    raw = self.text(child)[1:]
                    parts.append(_ESCAPES.get(raw, raw))
            return "".join(parts)
        if node.type == "raw_string_literal":
            return self.text(node)[1:-1]
        if node.type == "binary_expression" and self.text(node.child_by_field_name("operator")) == "+" and follow:
            left = self.string_value(node.child_by_field_name("left"))
            right = self.string_value(node.child_by_field_name("right"))
            if left is not None and right is not None:
                return left + right
        return None

    def bytes_literal(self, node: Node | None) -> tuple[str, Node] | None:
        """(value, literal node) for a key written as a literal: `[]byte("k")`, `"k"`, a constant of either."""
        resolved = self.resolve(node)
        if resolved is None:
            return None
        if resolved.type in ("type_conversion_expression", "call_expression"):
            target = resolved.child_by_field_name("type") or resolved.child_by_field_name("function")
            inner = resolved.child_by_field_name("operand")
            if inner is None and resolved.type == "call_expression":
                args = self.args(resolved)
                inner = args[0] if len(args) == 1 else None
            if self.text(target).replace(" ", "") in ("[]byte", "[]uint8", "string") and inner is not None:
                return self.bytes_literal(inner)
            return None
        value = self.string_value(resolved)
        if value is None:
            return None
        literal = resolved
        if literal.type == "binary_expression":
            literal = self.descendants(literal, ("interpreted_string_literal", "raw_string_literal"))[0]
        return value, literal

    def bool_value(self, node: Node | None) -> bool | None:
        node = self.resolve(node)
        if node is None:
            return None
        if node.type in ("true", "false"):
            return node.type == "true"
        if node.type == "unary_expression" and self.text(node.child_by_field_name("operator")) == "!":
            inner = self.bool_value(node.child_by_field_name("operand"))
            return None if inner is None else not inner
        return None

    def number_value(self, node: Node | None, depth: int = 6) -> float | None:
        """An integer or float literal, or a product/sum of them (`60 * 60 * 24`), through constants."""
        node = self.resolve(node)
        if node is None or depth == 0:
            return None
        if node.type in ("int_literal", "float_literal"):
            raw = self.text(node).replace("_", "")
            try:
                if node.type == "int_literal":
                    if len(raw) > 1 and raw[0] == "0" and raw[1].isdigit():
                        return float(int(raw, 8))
                    return float(int(raw, 0))
                return float(raw)
            except ValueError:
                return None
        if node.type == "binary_expression":
            left = self.number_value(node.child_by_field_name("left"), depth - 1)
            right = self.number_value(node.child_by_field_name("right"), depth - 1)
            if left is None or right is None:
                return None
            op = self.text(node.child_by_field_name("operator"))
            if op == "*":
                return left * right
            if op == "+":
                return left + right
            if op == "-":
                return left - right
            if op == "/" and right:
                return left / right
            if op == "<<":
                return float(int(left) << int(right))
        if node.type == "unary_expression" and self.text(node.child_by_field_name("operator")) == "-":
            inner = self.number_value(node.child_by_field_name("operand"), depth - 1)
            return -inner if inner is not None else None
        if node.type in ("call_expression", "type_conversion_expression"):
            # int(12), time.Duration(30): a conversion keeps the number
            target = self.text(node.child_by_field_name("function") or node.child_by_field_name("type"))
            args = self.args(node) or [c for c in [node.child_by_field_name("operand")] if c is not None]
            if target in ("int", "int64", "int32", "uint", "uint64", "float64") and len(args) == 1:
                return self.number_value(args[0], depth - 1)
        return None

    def string_items(self, node: Node | None) -> list[str | None] | None:
        """The strings of a `[]string{...}` literal (None for an item that is no literal); None for no slice."""
        composite = self.composite(node)
        if composite is None:
            value = self.string_value(node)
            return [value] if value is not None else None
        return [self.string_value(item) for item in composite.elements]

    # -- composite literals ---------------------------------------------------------

    def composite(self, node: Node | None, depth: int = 4) -> Composite | None:
        """The composite literal an expression stands for: `&tls.Config{...}`, `cfg` bound to one, or a same-file
        helper returning one; keyed fields (and `cfg.Field = v` assignments after it, in the same function)."""
        if node is None or depth == 0:
            return None
        variable = None
        original = self.unwrap(node)
        if original is not None and original.type == "identifier":
            variable = self.text(original)
        node = self.resolve(node)
        while node is not None and node.type in ("unary_expression", "parenthesized_expression") and depth > 0:
            inner = node.child_by_field_name("operand") or (node.named_children[0] if node.named_children else None)
            node = self.resolve(inner)
        if node is not None and node.type == "call_expression":
            returned = self.returned_value(node)
            return self.composite(returned, depth - 1) if returned is not None else None
        if node is None or node.type != "composite_literal":
            return None
        fields: dict[str, Node] = {}
        elements: list[Node] = []
        body = node.child_by_field_name("body")
        for child in body.named_children if body is not None else []:
            if child.type == "keyed_element":
                parts = [c for c in child.named_children if c.type != "comment"]
                if len(parts) == 2:
                    key = self.unwrap(parts[0])
                    name = self.string_value(key, follow=False) if key is not None else None
                    fields[name if name is not None else self.text(key)] = parts[1]
            elif child.type != "comment":
                elements.append(child)
        composite = Composite(node, self.qualname(node.child_by_field_name("type")), fields, elements, variable)
        if variable is not None and original is not None:
            fields.update(self.field_assignments(original))
        return composite

    def field_assignments(self, variable: Node) -> dict[str, Node]:
        """`v.Field = value` assignments to the variable named at `variable`, in its function."""
        binding = self.binding_of(variable)
        if binding is None:
            return {}
        scope = binding.scope
        found: dict[str, Node] = {}
        name = binding.name
        for assignment in self.nodes("assignment_statement"):
            if scope is not None and not (scope.start_byte <= assignment.start_byte < scope.end_byte):
                continue
            left = self.expressions(assignment.child_by_field_name("left"))
            right = self.expressions(assignment.child_by_field_name("right"))
            if len(left) != len(right):
                continue
            for target, value in zip(left, right, strict=True):
                if target.type == "selector_expression":
                    operand = target.child_by_field_name("operand")
                    if operand is not None and self.text(operand) == name:
                        found[self.text(target.child_by_field_name("field"))] = value
        return found

    def composite_type(self, node: Node) -> str:
        return self.qualname(node.child_by_field_name("type"))

    def keyed_field(self, node: Node) -> tuple[str, Node | None, Node | None] | None:
        """(key name, value node, composite literal) of a `keyed_element`."""
        parts = [c for c in node.named_children if c.type != "comment"]
        if len(parts) != 2:
            return None
        key = self.unwrap(parts[0])
        if key is None:
            return None
        name = self.string_value(key, follow=False)
        literal = node.parent.parent if node.parent is not None else None
        return (name if name is not None else self.text(key)), parts[1], literal

    # -- functions -------------------------------------------------------------------

    @cached_property
    def functions_by_name(self) -> dict[str, Node]:
        """Same-file functions and methods by name (a method under its bare name too), and `f := func...`."""
        table: dict[str, Node] = {}
        for kind in ("function_declaration", "method_declaration"):
            for function in self.nodes(kind):
                name = function.child_by_field_name("name")
                if name is not None:
                    table.setdefault(self.text(name), function)
        for bindings in self._bindings.values():
            for binding in bindings:
                value = self.unwrap(binding.value)
                if value is not None and value.type == "func_literal":
                    table.setdefault(binding.name, value)
        return table

    def callee_function(self, call: Node) -> Node | None:
        """The same-file function a call invokes (`buildClaims(u)`, `s.buildClaims(u)`), if any."""
        function = call.child_by_field_name("function")
        if function is None:
            return None
        if function.type == "identifier":
            return self.functions_by_name.get(self.text(function))
        if function.type == "selector_expression":
            operand = function.child_by_field_name("operand")
            if operand is not None and operand.type == "identifier" and self.text(operand) in self.imports:
                if self.binding_of(operand) is None:
                    return None
            return self.functions_by_name.get(self.text(function.child_by_field_name("field")))
        return None

    def returned_value(self, call: Node) -> Node | None:
        """The first value the same-file function called returns (its last `return` statement)."""
        function = self.callee_function(call)
        body = function.child_by_field_name("body") if function is not None else None
        if body is None:
            return None
        returns = [r for r in self.descendants(body, ("return_statement",)) if self.scope_of(r) == function]
        if not returns:
            return None
        values = [c for c in returns[-1].named_children if c.type != "comment"]
        return self.expressions(values[0])[0] if values else None

    def enclosing_function(self, node: Node | None) -> Node | None:
        return self.scope_of(node) if node is not None else None

    def outermost_function(self, node: Node) -> Node | None:
        function = self.scope_of(node)
        while function is not None:
            outer = self.scope_of(function)
            if outer is None:
                return function
            function = outer
        return None

    def function_name(self, function: Node | None) -> str:
        """A function's name: declared, the method's (with its receiver type), the variable a literal is bound
        to, or the route of an inline handler (`r.Post("/admin/users", func(...` -> `Post /admin/users`)."""
        if function is None:
            return ""
        name = function.child_by_field_name("name")
        if name is not None:
            if function.type == "method_declaration":
                receiver = function.child_by_field_name("receiver")
                types = self.descendants(receiver, ("type_identifier",)) if receiver is not None else []
                return f"{self.text(types[0])}.{self.text(name)}" if types else self.text(name)
            return self.text(name)
        parent = function.parent
        if parent is not None and parent.type == "expression_list":
            holder = parent.parent
            if holder is not None and holder.type in ("short_var_declaration", "assignment_statement", "var_spec"):
                targets = self.expressions(holder.child_by_field_name("left")) or holder.children_by_field_name("name")
                return self.text(targets[0]) if targets else ""
        if parent is not None and parent.type == "argument_list" and parent.parent is not None:
            call = parent.parent
            first = self.arg(call, 0)
            route = self.string_value(first, follow=False)
            return f"{self.last_name(self.call_name(call))} {route or ''}".strip()
        if (
            parent is not None
            and parent.type == "return_statement"
            or parent is not None
            and parent.type == "expression_list"
        ):
            return self.function_name(self.enclosing_function(function))
        return ""

    def parameters(self, function: Node | None) -> list[tuple[str, str]]:
        """(name, type text) of a function's parameters."""
        if function is None:
            return []
        params = function.child_by_field_name("parameters")
        found = []
        for param in params.named_children if params is not None else []:
            type_text = self.text(param.child_by_field_name("type"))
            for name in param.children_by_field_name("name"):
                found.append((self.text(name), type_text))
        return found

    def result_types(self, function: Node | None) -> list[str]:
        result = function.child_by_field_name("result") if function is not None else None
        if result is None:
            return []
        if result.type == "parameter_list":
            return [self.text(p.child_by_field_name("type")) for p in result.named_children]
        return [self.text(result)]

    def is_error_test(self, condition: Node | None) -> bool:
        """`err != nil`, `authErr != nil`, `err != nil || !ok`, `!ok`, `!allowed && err == nil` is not one."""
        condition = self.unwrap(condition)
        if condition is None:
            return False
        if condition.type == "binary_expression":
            op = self.text(condition.child_by_field_name("operator"))
            left, right = condition.child_by_field_name("left"), condition.child_by_field_name("right")
            if op == "||":
                return self.is_error_test(left) or self.is_error_test(right)
            if op == "!=" and self.text(right) == "nil":
                name = self.text(left).lower()
                return name.endswith("err") or name.endswith("error")
        return False

    def error_branches(self, function: Node) -> list[Node]:
        """The consequence blocks of `if err != nil { ... }` directly in `function` (not in nested literals)."""
        body = function.child_by_field_name("body")
        if body is None:
            return []
        found = []
        for statement in self.descendants(body, ("if_statement",)):
            if self.scope_of(statement) == function and self.is_error_test(statement.child_by_field_name("condition")):
                consequence = statement.child_by_field_name("consequence")
                if consequence is not None:
                    found.append(consequence)
        return found

    def is_test_file(self) -> bool:
        path = (self.path or "").replace("\\", "/").lower()
        return path.endswith("_test.go") or bool(re.search(r"(^|/)(testdata|fixtures)/", path))
