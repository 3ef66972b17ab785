"""`ScriptContext`: what a TypeScript/JavaScript guard asks about names and values, answered from one index.

- imports and `require` aliases: `import jwt from "jsonwebtoken"`, `import * as jose from "jose"`,
  `import { jwtVerify as v } from "jose"`, `const jwt = require("jsonwebtoken")`,
  `const { sign, verify } = require("jsonwebtoken")`; `qualname` turns `v(...)` into `jose.jwtVerify`;
- same-file constants (`const` bindings, and `let`/`var` assigned once), followed by `resolve`;
- literal values (`string_value`, `bool_value`, `number_value`, `string_items`), through constants;
- object-literal options (`object_entries`), with spreads of other objects merged in order
  (`{ ...base, algorithms: [...] }`);
- environment reads and their literal fallbacks (`process.env.X || "dev"`, `?? "dev"`, destructuring defaults);
- the function enclosing a node, its name, and its catch clauses.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from ...policy import Policy
from .tree import FUNCTION_TYPES, Node, ScriptTree

_WRAPPERS = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
        "type_assertion",
        "await_expression",
    }
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "b": "\b", "f": "\f", "v": "\v"}
_NUMBER = re.compile(r"^(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|[0-9_]*\.?[0-9_]+(?:[eE][+-]?\d+)?)n?$")


class ScriptContext:
    """Name and value resolution over one parsed file, computed lazily and once."""

    def __init__(self, tree: ScriptTree, path: str | None, policy: Policy, language: str) -> None:
        self.tree = tree
        self.path = path
        self.policy = policy
        self.language = language
        # Guards may share per-file results here (cleared after the pass).
        self.shared: dict[str, Any] = {}  # analyses several guards share, by name
        self._call_names: dict[int, str] = {}

    # -- text and nodes --------------------------------------------------------

    def text(self, node: Node | None) -> str:
        return self.tree.text(node)

    def nodes(self, node_type: str) -> list[Node]:
        return self.tree.by_type.get(node_type, [])

    @staticmethod
    def args(call: Node) -> list[Node]:
        """The arguments of a call or `new` expression, comments left out."""
        arguments = call.child_by_field_name("arguments")
        if arguments is None or arguments.type != "arguments":
            return []
        return [a for a in arguments.named_children if a.type != "comment"]

    def arg(self, call: Node, index: int) -> Node | None:
        args = self.args(call)
        return args[index] if index < len(args) else None

    @staticmethod
    def descendants(node: Node, types: frozenset[str] | set[str] | tuple[str, ...]) -> list[Node]:
        """Named descendants of `node` (itself included) of the given types, in source order."""
        found = []
        stack = [node]
        while stack:
            current = stack.pop()
            if current.type in types:
                found.append(current)
            stack.extend(reversed(current.named_children))
        return found

    # -- imports -----------------------------------------------------------------

    @cached_property
    def imports(self) -> dict[str, str]:
        """Local name -> what it stands for: a module (`jsonwebtoken`) or a module member (`jose.jwtVerify`)."""
        table: dict[str, str] = {}
        for statement in self.nodes("import_statement"):
            source = statement.child_by_field_name("source")
            module = self.string_value(source, follow=False)
            if module is None:
                continue
            for clause in statement.named_children:
                if clause.type != "import_clause":
                    continue
                for part in clause.named_children:
                    if part.type == "identifier":  # default import
                        table[self.text(part)] = module
                    elif part.type == "namespace_import":
                        names = [c for c in part.named_children if c.type == "identifier"]
                        if names:
                            table[self.text(names[-1])] = module
                    elif part.type == "named_imports":
                        for spec in part.named_children:
                            if spec.type != "import_specifier":
                                continue
                            name = spec.child_by_field_name("name")
                            alias = spec.child_by_field_name("alias") or name
                            table[self.text(alias)] = f"{module}.{self.text(name)}"
        for declarator in self.nodes("variable_declarator"):
            value = declarator.child_by_field_name("value")
            module, member = self._required(value)
            if module is None:
                module, member = self._aliased_module(value, table)
            if module is None:
                continue
            target = declarator.child_by_field_name("name")
            base = f"{module}.{member}" if member else module
            if target is None:
                continue
            if target.type == "identifier":
                table[self.text(target)] = base
            elif target.type == "object_pattern":
                for entry in target.named_children:
                    if entry.type == "shorthand_property_identifier_pattern":
                        table[self.text(entry)] = f"{base}.{self.text(entry)}"
                    elif entry.type == "pair_pattern":
                        key, alias = entry.child_by_field_name("key"), entry.child_by_field_name("value")
                        if alias is not None and alias.type == "identifier":
                            table[self.text(alias)] = f"{base}.{self._key_text(key)}"
        return table

    def _aliased_module(self, value: Node | None, table: dict[str, str]) -> tuple[str | None, str | None]:
        """`const { verify } = jsonwebtoken` (an imported module object), `promisify(jwt.verify)`."""
        value = self.unwrap(value)
        if value is None:
            return None, None
        if value.type == "identifier" and self.text(value) in table:
            return table[self.text(value)], None
        if value.type == "call_expression" and self.text(value.child_by_field_name("function")) in (
            "promisify",
            "util.promisify",
        ):
            inner = self.unwrap(self.arg(value, 0))
            if inner is not None and inner.type == "member_expression":
                base = self.text(inner.child_by_field_name("object"))
                if base in table:
                    return table[base], self.text(inner.child_by_field_name("property"))
            if inner is not None and inner.type == "identifier" and self.text(inner) in table:
                return table[self.text(inner)], None
        return None, None

    def _required(self, value: Node | None) -> tuple[str | None, str | None]:
        """`require("m")` -> ("m", None); `require("m").sign` -> ("m", "sign"); `await import("m")` too."""
        member = None
        value = self.unwrap(value)
        if value is not None and value.type == "member_expression":
            member = self.text(value.child_by_field_name("property"))
            value = self.unwrap(value.child_by_field_name("object"))
        if value is None or value.type != "call_expression":
            return None, None
        function = value.child_by_field_name("function")
        if function is None or self.text(function) not in ("require", "import"):
            return None, None
        module = self.string_value(self.arg(value, 0), follow=False)
        return module, member

    def qualname(self, node: Node | None, depth: int = 4) -> str:
        """`jwt.verify` -> `jsonwebtoken.verify` through the file's imports; `new jose.SignJWT` -> `jose.SignJWT`.

        Unknown names stay as written (`res.cookie`); `this.jwtService.sign` is `this.jwtService.sign`.
        """
        node = self.unwrap(node)
        if node is None:
            return ""
        kind = node.type
        if kind == "identifier":
            name = self.text(node)
            if name in self.imports:
                return self.imports[name]
            bound = self.bindings.get(name)
            if bound is not None and bound.type in ("member_expression", "identifier") and depth > 0:
                return self.qualname(bound, depth - 1)
            return name
        if kind == "member_expression":
            obj = node.child_by_field_name("object")
            prop = self.text(node.child_by_field_name("property"))
            return f"{self.qualname(obj, depth)}.{prop}"
        if kind == "subscript_expression":
            index = self.string_value(node.child_by_field_name("index"), follow=False)
            if index is not None:
                return f"{self.qualname(node.child_by_field_name('object'), depth)}.{index}"
        if kind in ("call_expression", "new_expression"):
            callee = node.child_by_field_name("function") or node.child_by_field_name("constructor")
            return self.qualname(callee, depth)
        if kind == "this":
            return "this"
        return self.text(node) if len(node.text or b"") < 80 else ""

    def call_name(self, call: Node) -> str:
        """The qualified name of what a call or `new` invokes (cached per node: several guards ask)."""
        cached = self._call_names.get(call.id)
        if cached is None:
            callee = call.child_by_field_name("function") or call.child_by_field_name("constructor")
            cached = self._call_names[call.id] = self.qualname(callee)
        return cached

    @staticmethod
    def last_name(name: str) -> str:
        return name.rsplit(".", 1)[-1]

    # -- bindings and values -----------------------------------------------------

    @cached_property
    def bindings(self) -> dict[str, Node]:
        """Name -> value for `const x = ...` (and `let`/`var` never reassigned). A name bound twice is left out
        unless every binding is a `const` in a different function (then the first one is kept)."""
        table: dict[str, Node] = {}
        reassigned: set[str] = set()
        for assignment in self.nodes("assignment_expression"):
            left = assignment.child_by_field_name("left")
            if left is not None and left.type == "identifier":
                reassigned.add(self.text(left))
        for declarator in self.nodes("variable_declarator"):
            name = declarator.child_by_field_name("name")
            value = declarator.child_by_field_name("value")
            if name is None or value is None or name.type != "identifier":
                continue
            key = self.text(name)
            if key in reassigned:
                continue
            table.setdefault(key, value)
        return table

    @staticmethod
    def unwrap(node: Node | None) -> Node | None:
        while node is not None and node.type in _WRAPPERS:
            inner = [c for c in node.named_children if c.type != "comment"]
            if not inner:
                return node
            node = inner[0]
        return node

    def resolve(self, node: Node | None, depth: int = 5) -> Node | None:
        """The expression a name stands for (same-file constants followed, and `CONFIG.key` of a same-file
        object constant), wrappers removed."""
        node = self.unwrap(node)
        while node is not None and depth > 0:
            if node.type == "identifier":
                bound = self.bindings.get(self.text(node))
            elif node.type == "member_expression":
                bound = self._member_value(node, depth)
            else:
                return node
            if bound is None or bound == node:
                return node
            node = self.unwrap(bound)
            depth -= 1
        return node

    def _member_value(self, node: Node, depth: int) -> Node | None:
        """`REFRESH_TOKEN_CIPHER.algorithm` where `const REFRESH_TOKEN_CIPHER = { algorithm: "des-ede3-cbc" }`."""
        target, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        if target is None or prop is None or target.type != "identifier" or prop.type != "property_identifier":
            return None
        bound = self.unwrap(self.bindings.get(self.text(target)))
        if bound is None or bound.type != "object":
            return None
        for child in bound.named_children:
            if child.type == "pair" and self._key_text(child.child_by_field_name("key")) == self.text(prop):
                return child.child_by_field_name("value")
        return None

    def definition(self, node: Node | None) -> Node | None:
        """Where a name's value is written (the constant), or None for a literal written in place."""
        node = self.unwrap(node)
        if node is not None and node.type in ("identifier", "member_expression"):
            bound = self.resolve(node)
            return bound if bound != node else None
        return None

    def string_value(self, node: Node | None, follow: bool = True) -> str | None:
        """The value of a string literal (or a template without substitutions), through constants."""
        node = self.resolve(node) if follow else self.unwrap(node)
        if node is None:
            return None
        if node.type == "string":
            parts = []
            for child in node.named_children:
                if child.type == "string_fragment":
                    parts.append(self.text(child))
                elif child.type == "escape_sequence":
                    raw = self.text(child)[1:]
                    parts.append(_ESCAPES.get(raw, raw))
            return "".join(parts)
        if node.type == "template_string":
            if any(c.type == "template_substitution" for c in node.named_children):
                return None
            return self.text(node)[1:-1]
        return None

    def is_string_literal(self, node: Node | None) -> bool:
        return self.string_value(node) is not None

    def bool_value(self, node: Node | None) -> bool | None:
        node = self.resolve(node)
        if node is None:
            return None
        if node.type in ("true", "false"):
            return node.type == "true"
        if node.type == "unary_expression" and self.text(node.child_by_field_name("operator")) == "!":
            number = self.number_value(node.child_by_field_name("argument"))
            if number is not None:
                return number == 0
        return None

    def number_value(self, node: Node | None, depth: int = 6) -> float | None:
        """A numeric literal or a product/sum of them (`60 * 60 * 24`), through constants."""
        node = self.resolve(node)
        if node is None or depth == 0:
            return None
        if node.type == "number":
            raw = self.text(node).replace("_", "").rstrip("n")
            if not _NUMBER.match(self.text(node)):
                return None
            try:
                return float(int(raw, 0)) if raw[:2].lower() in ("0x", "0b", "0o") else float(raw)
            except ValueError:
                return None
        if node.type == "binary_expression":
            op = self.text(node.child_by_field_name("operator"))
            left = self.number_value(node.child_by_field_name("left"), depth - 1)
            right = self.number_value(node.child_by_field_name("right"), depth - 1)
            if left is None or right is None:
                return None
            if op == "*":
                return left * right
            if op == "+":
                return left + right
            if op == "-":
                return left - right
            if op == "/" and right:
                return left / right
        return None

    def _key_text(self, key: Node | None) -> str:
        if key is None:
            return ""
        if key.type in ("string", "template_string"):
            return self.string_value(key, follow=False) or ""
        if key.type == "computed_property_name":
            inner = key.named_children[0] if key.named_children else None
            return self.string_value(inner) or self.text(key)
        return self.text(key)

    def object_entries(self, node: Node | None, depth: int = 4) -> dict[str, Node] | None:
        """Key -> value node of an object literal, spreads of known objects merged in order; None when `node`
        is no object literal. A shorthand `{ secret }` maps to the identifier."""
        node = self.resolve(node)
        if node is not None and node.type == "call_expression" and depth > 0:
            node = self.returned_object(node)
        if node is None or node.type != "object" or depth == 0:
            return None
        entries: dict[str, Node] = {}
        for child in node.named_children:
            if child.type == "pair":
                value = child.child_by_field_name("value")
                if value is not None:
                    entries[self._key_text(child.child_by_field_name("key"))] = value
            elif child.type == "shorthand_property_identifier":
                entries[self.text(child)] = child
            elif child.type == "method_definition":
                entries[self.text(child.child_by_field_name("name"))] = child
            elif child.type == "spread_element":
                spread = [c for c in child.named_children if c.type != "comment"]
                inner = self.object_entries(spread[0], depth - 1) if spread else None
                if inner:
                    entries.update(inner)
        return entries

    def returned_object(self, call: Node) -> Node | None:
        """The object literal a same-file helper returns (`function buildOptions(a) { return { ... } }`)."""
        callee = call.child_by_field_name("function")
        if callee is None or callee.type != "identifier":
            return None
        name = self.text(callee)
        function = self._functions_by_name.get(name)
        if function is None:
            return None
        body = function.child_by_field_name("body")
        if body is None:
            return None
        if body.type != "statement_block":
            value = self.unwrap(body)
            return value if value is not None and value.type == "object" else None
        returns = [s for s in body.named_children if s.type == "return_statement"]
        value = self.unwrap(returns[-1].named_children[0]) if returns and returns[-1].named_children else None
        return value if value is not None and value.type == "object" else None

    @cached_property
    def _functions_by_name(self) -> dict[str, Node]:
        table: dict[str, Node] = {}
        for function in self.nodes("function_declaration"):
            name = function.child_by_field_name("name")
            if name is not None:
                table.setdefault(self.text(name), function)
        for bound, value in self.bindings.items():
            if value.type in ("arrow_function", "function_expression", "function"):
                table.setdefault(bound, value)
        return table

    def has_unknown_spread(self, node: Node | None, depth: int = 4) -> bool:
        """An object literal spreading something idguard cannot read (`{ ...options }` of a parameter)."""
        node = self.resolve(node)
        if node is None or node.type != "object" or depth == 0:
            return False
        for child in node.named_children:
            if child.type == "spread_element":
                inner = child.named_children[0] if child.named_children else None
                if self.object_entries(inner) is None:
                    return True
                resolved = self.resolve(inner)
                if resolved is not None and resolved.type == "call_expression":
                    resolved = self.returned_object(resolved)
                if self.has_unknown_spread(resolved, depth - 1):
                    return True
        return False

    def entry_pair(self, node: Node | None, key: str) -> Node | None:
        """The `key: value` pair (or shorthand) of an object literal, also inside a spread object: where to report."""
        node = self.resolve(node)
        if node is None or node.type != "object":
            return None
        found = None
        for child in node.named_children:
            if (
                child.type == "pair"
                and self._key_text(child.child_by_field_name("key")) == key
                or child.type == "shorthand_property_identifier"
                and self.text(child) == key
            ):
                found = child
            elif child.type == "spread_element" and child.named_children:
                inner = self.entry_pair(child.named_children[0], key)
                found = inner or found
        return found

    def shorthand_value(self, node: Node | None) -> Node | None:
        """A shorthand `{ secret }` entry stands for the binding named `secret`."""
        if node is not None and node.type == "shorthand_property_identifier":
            return self.bindings.get(self.text(node))
        return node

    def array_items(self, node: Node | None) -> list[Node] | None:
        node = self.resolve(node)
        if node is None or node.type != "array":
            return None
        items: list[Node] = []
        for child in node.named_children:
            if child.type == "spread_element" and child.named_children:
                items.extend(self.array_items(child.named_children[0]) or [])
            elif child.type != "comment":
                items.append(child)
        return items

    def string_items(self, node: Node | None) -> list[str | None]:
        """The strings of an array (or a single string); None for an item that is not a literal."""
        items = self.array_items(node)
        if items is None:
            value = self.string_value(node)
            return [value] if value is not None else []
        return [self.string_value(item) for item in items]

    # -- environment ---------------------------------------------------------------

    def env_name(self, node: Node | None) -> str | None:
        """`process.env.X`, `process.env["X"]`, `import.meta.env.X`, `Deno.env.get("X")`, `env.X` -> 'X'."""
        node = self.unwrap(node)
        if node is None:
            return None
        if node.type in ("member_expression", "subscript_expression"):
            obj = self.text(node.child_by_field_name("object")).replace(" ", "")
            if obj in ("process.env", "import.meta.env", "env", "Bun.env", "config.env"):
                if node.type == "member_expression":
                    return self.text(node.child_by_field_name("property"))
                return self.string_value(node.child_by_field_name("index"))
        if node.type == "call_expression":
            name = self.text(node.child_by_field_name("function"))
            if name in ("Deno.env.get", "env", "getEnv", "config.get", "configService.get", "this.config.get"):
                return self.string_value(self.arg(node, 0))
        return None

    def env_fallback(self, node: Node | None) -> tuple[str, Node] | None:
        """(variable, literal) for `process.env.X || "dev"`, `?? "dev"`, `process.env.X ? process.env.X : "dev"`."""
        node = self.unwrap(node)
        if node is None:
            return None
        if node.type == "binary_expression" and self.text(node.child_by_field_name("operator")) in ("||", "??"):
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            name = self.env_name(left)
            if name is None:
                inner = self.env_fallback(left)
                name = inner[0] if inner else None
            if name is not None and right is not None and self.string_value(right, follow=False) is not None:
                return name, right
        if node.type == "ternary_expression":
            condition = self.unwrap(node.child_by_field_name("condition"))
            alternative = node.child_by_field_name("alternative")
            name = self.env_name(condition)
            if (
                name is not None
                and alternative is not None
                and self.string_value(alternative, follow=False) is not None
            ):
                return name, alternative
        if node.type == "call_expression":
            # configService.get("JWT_SECRET", "dev"), env("JWT_SECRET", "dev")
            name = self.env_name(node)
            default = self.arg(node, 1)
            if name is not None and default is not None and self.string_value(default, follow=False) is not None:
                return name, default
        return None

    # -- functions -------------------------------------------------------------------

    @staticmethod
    def enclosing_function(node: Node | None) -> Node | None:
        current = node.parent if node is not None else None
        while current is not None:
            if current.type in FUNCTION_TYPES:
                return current
            current = current.parent
        return None

    def function_name(self, function: Node | None) -> str:
        """A function's name: declared, the method's, or what it is bound to (`const login = async () =>`,
        `{ authorize: async () => }`, `app.post("/login", async (req, res) =>`: the route)."""
        if function is None:
            return ""
        name = function.child_by_field_name("name")
        if name is not None:
            return self.text(name)
        parent = function.parent
        if parent is None:
            return ""
        if parent.type == "variable_declarator":
            return self.text(parent.child_by_field_name("name"))
        if parent.type == "pair":
            return self._key_text(parent.child_by_field_name("key"))
        if parent.type == "assignment_expression":
            return self.last_name(self.text(parent.child_by_field_name("left")))
        if parent.type == "arguments" and parent.parent is not None:
            call = parent.parent
            route = self.string_value(self.arg(call, 0), follow=False) if call.type == "call_expression" else None
            return f"{self.last_name(self.call_name(call))} {route or ''}".strip()
        return ""

    def parameters(self, function: Node | None) -> list[str]:
        if function is None:
            return []
        params = function.child_by_field_name("parameters") or function.child_by_field_name("parameter")
        if params is None:
            return []
        if params.type == "identifier":
            return [self.text(params)]
        names = []
        for param in params.named_children:
            pattern = param.child_by_field_name("pattern") if param.type.endswith("_parameter") else param
            names.append(self.text(pattern) if pattern is not None else "")
        return names

    @staticmethod
    def in_catch(node: Node | None) -> Node | None:
        """The catch clause (or `.catch(...)` handler function) `node` sits in, within its function."""
        current = node.parent if node is not None else None
        while current is not None:
            if current.type == "catch_clause":
                return current
            if current.type in FUNCTION_TYPES:
                parent = current.parent
                if parent is not None and parent.type == "arguments":
                    call = parent.parent
                    callee = call.child_by_field_name("function") if call is not None else None
                    if callee is not None and callee.type == "member_expression":
                        prop = callee.child_by_field_name("property")
                        if prop is not None and prop.text == b"catch":
                            return current
                return None
            current = current.parent
        return None

    def is_test_file(self) -> bool:
        path = (self.path or "").replace("\\", "/").lower()
        return bool(re.search(r"(^|/)(__tests__|tests?|spec|__mocks__|fixtures)/|\.(test|spec)\.[cm]?[jt]sx?$", path))
