"""`JavaContext`: what a Java guard asks about names and values, answered from one index.

- imports: `import io.jsonwebtoken.Jwts;` (simple name -> qualified), `import static ...Keys.hmacShaKeyFor;`
  (a member called without a receiver), on-demand imports (`import io.jsonwebtoken.*;`) for well-known
  classes, and fully-qualified names written in place (`io.jsonwebtoken.Jwts.builder()`): `qualname`;
- constants: `final` fields (`private static final String SECRET = "..."`) and local variables assigned once,
  followed by `resolve` (the binding in the same method first, then the class's fields);
- literal values (`string_value`, `number_value`, `bool_value`), through constants, with string
  concatenation and `"...".getBytes(...)`/`.toCharArray()` (`secret_text`);
- call chains: `chain(call)` lists every call of `Jwts.builder().setSubject(..).signWith(..).compact()` and
  `http.authorizeHttpRequests(a -> a.requestMatchers("/admin/**").permitAll())`, `chain_root` its receiver;
- annotations of a declaration (`@PreAuthorize`, `@PostMapping("/x")`) and their values;
- the method enclosing a node, its class, and the catch clause a node sits in.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from ...policy import Policy
from .tree import CLASS_TYPES, FUNCTION_TYPES, JavaTree, Node

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "b": "\b", "f": "\f", "s": " ", '"': '"', "'": "'", "\\": "\\"}
_INTEGER = frozenset(
    {"decimal_integer_literal", "hex_integer_literal", "octal_integer_literal", "binary_integer_literal"}
)
_FLOAT = frozenset({"decimal_floating_point_literal", "hex_floating_point_literal"})
# Classes an on-demand import (`import io.jsonwebtoken.*;`) makes known by their simple name.
_WELL_KNOWN_PACKAGES = {
    "io.jsonwebtoken": ("Jwts", "Jwt", "Claims", "SignatureAlgorithm", "Jws", "JwtParser", "JwtBuilder"),
    "io.jsonwebtoken.security": ("Keys",),
    "com.auth0.jwt": ("JWT", "JWTVerifier"),
    "com.auth0.jwt.algorithms": ("Algorithm",),
    "java.security": ("MessageDigest", "SecureRandom", "KeyPairGenerator", "KeyStore"),
    "javax.crypto": ("Cipher", "Mac", "KeyGenerator", "SecretKeyFactory"),
    "javax.crypto.spec": ("SecretKeySpec", "PBEKeySpec"),
    "java.util": ("Random", "Arrays", "Objects", "Base64", "UUID", "Date", "List", "Set", "Map", "Optional"),
    "java.util.concurrent": ("ThreadLocalRandom",),
    "java.sql": ("DriverManager",),
    "javax.net.ssl": ("X509TrustManager", "TrustManager", "HostnameVerifier", "HttpsURLConnection", "SSLContext"),
}
_IMPLICIT = {"Math": "java.lang.Math", "System": "java.lang.System", "String": "java.lang.String"}


class JavaContext:
    """Name and value resolution over one parsed Java file, computed lazily and once."""

    def __init__(self, tree: JavaTree, path: str | None, policy: Policy) -> None:
        self.tree = tree
        self.path = path
        self.policy = policy
        self.language = "java"
        self.shared: dict[str, Any] = {}  # analyses several guards share, by name (cleared after the pass)
        self._call_names: dict[int, str] = {}

    # -- text and nodes --------------------------------------------------------

    def text(self, node: Node | None) -> str:
        return self.tree.text(node)

    def nodes(self, node_type: str) -> list[Node]:
        return self.tree.by_type.get(node_type, [])

    @staticmethod
    def args(call: Node | None) -> list[Node]:
        """The arguments of a method call or `new` expression, comments left out."""
        arguments = call.child_by_field_name("arguments") if call is not None else None
        if arguments is None:
            return []
        return [a for a in arguments.named_children if a.type not in ("comment", "line_comment", "block_comment")]

    def arg(self, call: Node | None, index: int) -> Node | None:
        args = self.args(call)
        return args[index] if 0 <= index < len(args) else None

    @staticmethod
    def descendants(node: Node | None, types: frozenset[str] | set[str] | tuple[str, ...]) -> list[Node]:
        """Named descendants of `node` (itself included) of the given types, in source order."""
        found: list[Node] = []
        stack = [node] if node is not None else []
        while stack:
            current = stack.pop()
            if current.type in types:
                found.append(current)
            stack.extend(reversed(current.named_children))
        return found

    @staticmethod
    def method_name(call: Node | None) -> str:
        """`signWith` for `builder.signWith(k)`; '' for anything that is not a method call."""
        if call is None or call.type != "method_invocation":
            return ""
        name = call.child_by_field_name("name")
        return name.text.decode("utf-8", "replace") if name is not None and name.text else ""

    @staticmethod
    def receiver(call: Node | None) -> Node | None:
        return call.child_by_field_name("object") if call is not None and call.type == "method_invocation" else None

    @staticmethod
    def last_name(name: str) -> str:
        return name.rsplit(".", 1)[-1]

    # -- imports -----------------------------------------------------------------

    @cached_property
    def imports(self) -> dict[str, str]:
        """Simple name -> qualified name: classes (`Jwts` -> `io.jsonwebtoken.Jwts`) and static members
        (`hmacShaKeyFor` -> `io.jsonwebtoken.security.Keys.hmacShaKeyFor`)."""
        table: dict[str, str] = {}
        for statement in self.nodes("import_declaration"):
            names = [c for c in statement.named_children if c.type in ("scoped_identifier", "identifier")]
            if not names:
                continue
            qualified = self.text(names[0]).replace(" ", "")
            on_demand = any(c.type == "asterisk" for c in statement.named_children)
            if on_demand:
                for simple in _WELL_KNOWN_PACKAGES.get(qualified, ()):
                    table.setdefault(simple, f"{qualified}.{simple}")
                continue
            table[qualified.rsplit(".", 1)[-1]] = qualified
        return table

    def qualname(self, node: Node | None) -> str:
        """`Jwts.builder` -> `io.jsonwebtoken.Jwts.builder` through the imports; a receiver that is a call
        stands as `<call name>()`: `Jwts.builder().setSubject` -> `io.jsonwebtoken.Jwts.builder().setSubject`."""
        if node is None:
            return ""
        kind = node.type
        if kind in ("identifier", "type_identifier"):
            name = self.text(node)
            return self.imports.get(name) or _IMPLICIT.get(name) or name
        if kind in ("field_access", "scoped_identifier", "scoped_type_identifier"):
            parts = [c for c in node.named_children if c.type not in ("comment", "line_comment", "block_comment")]
            if kind == "field_access":
                obj, field = node.child_by_field_name("object"), node.child_by_field_name("field")
            elif len(parts) >= 2:
                obj, field = parts[0], parts[-1]
            else:
                return self.text(node)
            return f"{self.qualname(obj)}.{self.text(field)}"
        if kind == "generic_type":
            return self.qualname(node.named_children[0]) if node.named_children else ""
        if kind == "method_invocation":
            return self.call_name(node) + "()"
        if kind == "object_creation_expression":
            return "new " + self.qualname(node.child_by_field_name("type"))
        if kind == "parenthesized_expression" and node.named_children:
            return self.qualname(node.named_children[0])
        if kind == "this":
            return "this"
        return self.text(node) if len(node.text or b"") < 80 else ""

    def call_name(self, call: Node) -> str:
        """The qualified name of what a call invokes: `Jwts.builder()` -> `io.jsonwebtoken.Jwts.builder`, a static
        import called bare -> its class's member, `new Random()` -> `java.util.Random` (cached per node)."""
        cached = self._call_names.get(call.id)
        if cached is None:
            if call.type == "object_creation_expression":
                cached = self.qualname(call.child_by_field_name("type"))
            else:
                obj = self.receiver(call)
                name = self.method_name(call)
                cached = self.imports.get(name, name) if obj is None else f"{self.qualname(obj)}.{name}"
            self._call_names[call.id] = cached
        return cached

    def type_name(self, node: Node | None) -> str:
        """The qualified type of a `new` expression or a declaration's type node."""
        if node is None:
            return ""
        if node.type == "object_creation_expression":
            return self.qualname(node.child_by_field_name("type"))
        return self.qualname(node)

    # -- chains ------------------------------------------------------------------------

    def chain(self, call: Node) -> list[Node]:
        """Every call of the fluent chain `call` belongs to, innermost (first written) first:
        `Jwts.builder().setSubject(s).compact()` -> [builder, setSubject, compact]."""
        top = call
        while (
            top.parent is not None
            and top.parent.type == "method_invocation"
            and top.parent.child_by_field_name("object") == top
        ):
            top = top.parent
        calls = []
        current: Node | None = top
        while current is not None and current.type == "method_invocation":
            calls.append(current)
            current = current.child_by_field_name("object")
        calls.reverse()
        return calls

    def chain_root(self, call: Node) -> Node | None:
        """The receiver the chain starts from (`Jwts`, `http`, `new Cookie(...)`), or None for a bare call."""
        first = self.chain(call)[0]
        return self.receiver(first)

    def chain_methods(self, call: Node) -> list[str]:
        return [self.method_name(c) for c in self.chain(call)]

    # -- bindings and values -----------------------------------------------------

    @cached_property
    def _bindings(self) -> dict[str, list[tuple[Node, Node | None]]]:
        """Name -> [(value, enclosing method or None for a field)] of every variable declared with a value
        and never reassigned (`x = ...`, `x += ...`)."""
        reassigned: set[str] = set()
        for assignment in self.nodes("assignment_expression"):
            left = assignment.child_by_field_name("left")
            if left is not None and left.type == "identifier":
                reassigned.add(self.text(left))
            elif left is not None and left.type == "field_access":
                obj = left.child_by_field_name("object")
                if obj is not None and obj.type == "this":
                    reassigned.add(self.text(left.child_by_field_name("field")))
        table: dict[str, list[tuple[Node, Node | None]]] = {}
        for declarator in self.nodes("variable_declarator"):
            name, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
            if name is None or value is None:
                continue
            key = self.text(name)
            if key in reassigned:
                continue
            table.setdefault(key, []).append((value, self.enclosing_function(declarator)))
        return table

    def binding(self, node: Node) -> Node | None:
        """The value an identifier is bound to where it is used: a local of the same method, else a field."""
        candidates = self._bindings.get(self.text(node))
        if not candidates:
            return None
        method = self.enclosing_function(node)
        while method is not None:
            for value, owner in candidates:
                if owner == method and value.start_byte < node.start_byte:
                    return value
            method = self.enclosing_function(method)
        fields = [value for value, owner in candidates if owner is None]
        return fields[0] if len(fields) == 1 else None

    def resolve(self, node: Node | None, depth: int = 5) -> Node | None:
        """The expression a name stands for (constants followed), parentheses and casts removed."""
        node = self.unwrap(node)
        while node is not None and depth > 0:
            if node.type == "identifier":
                bound = self.binding(node)
            elif node.type == "field_access" and self.text(node.child_by_field_name("object")) == "this":
                field = node.child_by_field_name("field")
                bound = self.binding(field) if field is not None else None
            else:
                return node
            if bound is None or bound == node:
                return node
            node = self.unwrap(bound)
            depth -= 1
        return node

    @staticmethod
    def unwrap(node: Node | None) -> Node | None:
        while node is not None and node.type in ("parenthesized_expression", "cast_expression"):
            if node.type == "cast_expression":
                node = node.child_by_field_name("value")
            else:
                inner = [c for c in node.named_children if "comment" not in c.type]
                if not inner:
                    return node
                node = inner[0]
        return node

    def definition(self, node: Node | None) -> Node | None:
        """Where a name's value is written (the constant), or None for a literal written in place."""
        node = self.unwrap(node)
        if node is not None and node.type in ("identifier", "field_access"):
            bound = self.resolve(node)
            return bound if bound != node else None
        return None

    def string_value(self, node: Node | None, follow: bool = True, depth: int = 6) -> str | None:
        """The value of a string literal, a text block or a concatenation of them, through constants."""
        node = self.resolve(node) if follow else self.unwrap(node)
        if node is None or depth == 0:
            return None
        if node.type == "string_literal":
            if any(c.type == "multiline_string_fragment" for c in node.named_children) or self.text(node).startswith(
                '"""'
            ):
                body = self.text(node)[3:-3]
                return body.lstrip("\n") if "\\" not in body else _unescape(body.lstrip("\n"))
            parts = []
            for child in node.named_children:
                if child.type == "string_fragment":
                    parts.append(self.text(child))
                elif child.type == "escape_sequence":
                    parts.append(_unescape(self.text(child)))
                elif child.type == "string_interpolation":
                    return None
            return "".join(parts)
        if node.type == "binary_expression" and self.operator(node) == "+":
            left = self.string_value(node.child_by_field_name("left"), follow, depth - 1)
            right = self.string_value(node.child_by_field_name("right"), follow, depth - 1)
            if left is not None and right is not None:
                return left + right
        return None

    def secret_text(self, node: Node | None, depth: int = 4) -> str | None:
        """A literal key or password as code passes it: `"s"`, `"s".getBytes(UTF_8)`, `"s".toCharArray()`,
        `SECRET.getBytes()`, `Base64.getDecoder().decode("...")`, `Decoders.BASE64.decode("...")`."""
        node = self.resolve(node)
        if node is None or depth == 0:
            return None
        value = self.string_value(node)
        if value is not None:
            return value
        if node.type == "method_invocation":
            name = self.method_name(node)
            if name in ("getBytes", "toCharArray", "trim", "strip", "intern"):
                return self.secret_text(self.receiver(node), depth - 1)
            if name in ("decode", "parseBase64Binary", "decodeBase64", "parseHexBinary", "from"):
                return self.secret_text(self.arg(node, 0), depth - 1)
        return None

    def operator(self, node: Node | None) -> str:
        operator = node.child_by_field_name("operator") if node is not None else None
        return self.text(operator) if operator is not None else ""

    def number_value(self, node: Node | None, depth: int = 6) -> float | None:
        """A numeric literal or a product/sum of them (`60 * 60 * 24`, `1000L`), through constants."""
        node = self.resolve(node)
        if node is None or depth == 0:
            return None
        if node.type in _INTEGER or node.type in _FLOAT:
            raw = self.text(node).replace("_", "").rstrip("lLfFdD") if node.type in _INTEGER else self.text(node)
            try:
                if node.type in _INTEGER:
                    if raw[:2].lower() in ("0x", "0b"):
                        return float(int(raw, 0))
                    if len(raw) > 1 and raw.startswith("0"):
                        return float(int(raw, 8))
                    return float(int(raw))
                return float(raw.replace("_", "").rstrip("fFdD"))
            except ValueError:
                return None
        if node.type == "unary_expression" and self.operator(node) == "-":
            inner = self.number_value(node.child_by_field_name("operand"), depth - 1)
            return -inner if inner is not None else None
        if node.type == "binary_expression":
            op = self.operator(node)
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

    def bool_value(self, node: Node | None) -> bool | None:
        node = self.resolve(node)
        if node is None:
            return None
        if node.type in ("true", "false"):
            return node.type == "true"
        if node.type == "method_invocation" and self.call_name(node) in ("Boolean.valueOf", "Boolean.parseBoolean"):
            value = self.string_value(self.arg(node, 0))
            return value.lower() == "true" if value is not None else None
        return None

    def string_items(self, node: Node | None) -> list[str | None]:
        """The strings of `List.of(...)`, `Arrays.asList(...)`, `new String[] {...}`, `Set.of(...)` or a single
        string; None for an item that is not a literal."""
        node = self.resolve(node)
        if node is None:
            return []
        if node.type == "method_invocation" and self.method_name(node) in ("of", "asList", "singletonList", "copyOf"):
            items: list[str | None] = []
            for item in self.args(node):
                items.extend(self.string_items(item) or [None])
            return items
        if node.type == "array_creation_expression":
            initializer = node.child_by_field_name("value")
            return [self.string_value(i) for i in (initializer.named_children if initializer is not None else [])]
        if node.type == "array_initializer":
            return [self.string_value(i) for i in node.named_children]
        value = self.string_value(node)
        return [value] if value is not None else [None]

    # -- annotations -------------------------------------------------------------------

    def annotations(self, declaration: Node | None) -> list[Node]:
        """The annotations of a class, method, field or parameter declaration."""
        if declaration is None:
            return []
        found: list[Node] = []
        for child in declaration.named_children:
            if child.type == "modifiers":
                found.extend(c for c in child.named_children if c.type in ("annotation", "marker_annotation"))
            elif child.type in ("annotation", "marker_annotation"):
                found.append(child)
        return found

    def annotation_name(self, annotation: Node) -> str:
        return self.last_name(self.text(annotation.child_by_field_name("name")))

    def annotation_value(self, annotation: Node, key: str = "value") -> Node | None:
        """The element `key` of `@A(key = v)`, or the single unnamed value of `@A(v)` for `value`."""
        arguments = annotation.child_by_field_name("arguments")
        if arguments is None:
            return None
        for child in arguments.named_children:
            if child.type == "element_value_pair":
                if self.text(child.child_by_field_name("key")) == key:
                    return child.child_by_field_name("value")
            elif key == "value" and "comment" not in child.type:
                return child
        return None

    def has_annotation(self, declaration: Node | None, *names: str) -> Node | None:
        for annotation in self.annotations(declaration):
            if self.annotation_name(annotation) in names:
                return annotation
        return None

    def modifiers(self, declaration: Node | None) -> set[str]:
        if declaration is None:
            return set()
        for child in declaration.named_children:
            if child.type == "modifiers":
                return {self.text(c) for c in child.children if not c.is_named}
        return set()

    # -- methods and classes -------------------------------------------------------------

    @staticmethod
    def enclosing_function(node: Node | None) -> Node | None:
        current = node.parent if node is not None else None
        while current is not None:
            if current.type in FUNCTION_TYPES:
                return current
            current = current.parent
        return None

    @staticmethod
    def enclosing_method(node: Node | None) -> Node | None:
        """The method or constructor declaration around `node` (lambdas looked through)."""
        current = node.parent if node is not None else None
        while current is not None:
            if current.type in ("method_declaration", "constructor_declaration"):
                return current
            current = current.parent
        return None

    @staticmethod
    def enclosing_class(node: Node | None) -> Node | None:
        current = node.parent if node is not None else None
        while current is not None:
            if current.type in CLASS_TYPES and (
                current.type != "object_creation_expression"
                or current.child_by_field_name("body") is not None
                or any(c.type == "class_body" for c in current.named_children)
            ):
                return current
            current = current.parent
        return None

    def class_name(self, klass: Node | None) -> str:
        if klass is None:
            return ""
        if klass.type == "object_creation_expression":
            return self.text(klass.child_by_field_name("type"))
        return self.text(klass.child_by_field_name("name"))

    def supertypes(self, klass: Node | None) -> list[str]:
        """Simple names of what a class extends and implements (an anonymous class: the type it creates)."""
        if klass is None:
            return []
        if klass.type == "object_creation_expression":
            return [self.last_name(self.qualname(klass.child_by_field_name("type")))]
        names = []
        for field in ("superclass", "interfaces"):
            part = klass.child_by_field_name(field)
            for t in self.descendants(part, ("type_identifier",)) if part is not None else []:
                names.append(self.text(t))
        return names

    def function_name(self, function: Node | None) -> str:
        if function is None:
            return ""
        if function.type == "lambda_expression":
            return self.function_name(self.enclosing_function(function))
        return self.text(function.child_by_field_name("name"))

    def parameters(self, function: Node | None) -> list[Node]:
        params = function.child_by_field_name("parameters") if function is not None else None
        if params is None:
            return []
        return [p for p in params.named_children if p.type in ("formal_parameter", "spread_parameter", "identifier")]

    def parameter_name(self, parameter: Node) -> str:
        if parameter.type == "identifier":
            return self.text(parameter)
        return self.text(parameter.child_by_field_name("name"))

    @staticmethod
    def body(function: Node | None) -> Node | None:
        return function.child_by_field_name("body") if function is not None else None

    @staticmethod
    def statements(block: Node | None) -> list[Node]:
        if block is None:
            return []
        return [c for c in block.named_children if "comment" not in c.type]

    @staticmethod
    def in_catch(node: Node | None) -> Node | None:
        """The catch clause `node` sits in, within its method (a lambda or class in between stops the search)."""
        current = node.parent if node is not None else None
        while current is not None:
            if current.type == "catch_clause":
                return current
            if current.type in FUNCTION_TYPES or current.type in CLASS_TYPES:
                return None
            current = current.parent
        return None

    def is_test_file(self) -> bool:
        path = (self.path or "").replace("\\", "/")
        return bool(re.search(r"(^|/)src/test/|(^|/)tests?/|(Test|Tests|IT|Spec)\.java$", path))


def _unescape(raw: str) -> str:
    def one(match: re.Match[str]) -> str:
        body = match.group(1)
        if body.startswith("u"):
            try:
                return chr(int(body.lstrip("u")[:4], 16))
            except ValueError:
                return body
        if body[0] in "01234567":
            try:
                return chr(int(body, 8))
            except ValueError:
                return body
        return _ESCAPES.get(body, body)

    return re.sub(r"\\(u+[0-9a-fA-F]{4}|[0-7]{1,3}|.)", one, raw, flags=re.DOTALL)
