"""The Java front end of secret detection in code (`guards/secrets/code.py`); the engine imports it (registering
it) before it checks a Java file.

It lists a file's string literals as `CodeLiteral`s from the same cached tree-sitter parse the guards use, with
the credential position each one sits in, so IDG001 judges Java by literal values, as it does Python and TS:

- `private static final String DB_PASSWORD = "..."`, `this.apiKey = "..."`: assigned to a name;
- `password.equals("...")`, `"...".equals(password)`, `password == "..."`: compared with a name;
- `setPassword("...")`, `.password("...")`, `.clientSecret("...")`: passed to a setter or builder method named
  for a credential;
- `DriverManager.getConnection(url, user, "...")`: the password argument;
- annotation values (`@Value("${jwt.secret}")`), import and package names are not values: a `@Value` default
  (`"${jwt.secret:dev}"`) is judged by the guard for defaults (IDG506), not here.
"""

from __future__ import annotations

from ...secrets.front_end import CodeLiteral, register_front_end
from ...secrets.words import credential_name_kind
from .tree import Node, parse_java

_COMPARE_METHODS = frozenset({"equals", "equalsIgnoreCase", "contentEquals", "compareTo"})
# Calls whose argument at a position is a password: last name -> index.
_PASSWORD_SLOTS = {"getConnection": 2, "PasswordAuthentication": 1, "UsernamePasswordCredentials": 1}


def _name(tree, node: Node | None) -> str | None:
    if node is None:
        return None
    if node.type == "identifier":
        return tree.text(node)
    if node.type == "field_access":
        return tree.text(node.child_by_field_name("field"))
    if node.type == "method_invocation":
        return tree.text(node.child_by_field_name("name"))
    return None


def _setter_name(method: str) -> str:
    """`setClientSecret` -> `ClientSecret`, `withPassword` -> `Password`, `password` -> `password`."""
    for prefix in ("set", "with"):
        if method.startswith(prefix) and len(method) > len(prefix) and method[len(prefix)].isupper():
            return method[len(prefix) :]
    return method


def _position(tree, literal: Node) -> tuple[bool, str | None, str | None]:
    """(is a value, credential position name, how it gets there) for one string literal."""
    node, parent = literal, literal.parent
    while parent is not None and parent.type in ("parenthesized_expression", "cast_expression"):
        node, parent = parent, parent.parent
    if parent is None:
        return True, None, None
    kind = parent.type
    if kind in ("annotation_argument_list", "element_value_pair", "element_value_array_initializer"):
        return False, None, None
    if kind == "variable_declarator":
        name = _name(tree, parent.child_by_field_name("name"))
        return True, name, f"assigned to `{(name or '')[:80]}`"
    if kind == "assignment_expression" and parent.child_by_field_name("right") == node:
        name = _name(tree, parent.child_by_field_name("left"))
        return True, name, f"assigned to `{(name or '')[:80]}`"
    if kind == "binary_expression":
        operator = tree.text(parent.child_by_field_name("operator"))
        if operator in ("==", "!="):
            other = parent.child_by_field_name("left")
            other = other if other != node else parent.child_by_field_name("right")
            name = _name(tree, other)
            return True, name, f"compared with `{name}`" if name else None
    if kind == "method_invocation" and parent.child_by_field_name("object") == node:
        # "literal".equals(password)
        method = tree.text(parent.child_by_field_name("name"))
        if method in _COMPARE_METHODS:
            argument_list = parent.child_by_field_name("arguments")
            first = (
                argument_list.named_children[0] if argument_list is not None and argument_list.named_children else None
            )
            name = _name(tree, first)
            return True, name, f"compared with `{name}`" if name else None
    if kind == "argument_list":
        call = parent.parent
        if call is None:
            return True, None, None
        arguments = [a for a in parent.named_children if "comment" not in a.type]
        index = arguments.index(node) if node in arguments else -1
        if call.type == "method_invocation":
            method = tree.text(call.child_by_field_name("name"))
            if method in _COMPARE_METHODS and index == 0:
                name = _name(tree, call.child_by_field_name("object"))
                return True, name, f"compared with `{name}`" if name else None
            if method == "equals" and index == 1:  # Objects.equals(password, "...")
                name = _name(tree, arguments[0])
                return True, name, f"compared with `{name}`" if name else None
            if method in ("put", "setProperty", "addProperty", "putIfAbsent", "option", "header") and index == 1:
                key = arguments[0]
                if key.type == "string_literal":
                    name = tree.text(key)[1:-1].replace(".", "_").replace("-", "_")
                    return True, name, f"stored under `{name[:60]}`"
            if (
                method == "create"
                and index == 1
                and tree.text(call.child_by_field_name("object")).endswith("AwsBasicCredentials")
            ):
                return True, "secret_access_key", "passed as the secret key of `AwsBasicCredentials.create`"
            if _PASSWORD_SLOTS.get(method) == index:
                return True, "password", f"passed as the password of `{method}`"
            if index == 0 and len(arguments) == 1:
                name = _setter_name(method)
                return True, name, f"passed to `{method}`"
        elif call.type == "object_creation_expression":
            type_name = tree.text(call.child_by_field_name("type")).rsplit(".", 1)[-1]
            if _PASSWORD_SLOTS.get(type_name) == index:
                return True, "password", f"passed as the password of `new {type_name}`"
    return True, None, None


def java_literals(text: str) -> list[CodeLiteral] | None:
    tree = parse_java(text)
    if tree.first_error() is not None:
        return None
    ascii_only = text.isascii()
    source = tree.source

    def offset(byte: int) -> int:
        return byte if ascii_only else len(source[:byte].decode("utf-8", "replace"))

    found: list[CodeLiteral] = []
    for node in tree.by_type.get("string_literal", []):
        start, end = offset(node.start_byte), offset(node.end_byte)
        quote = 3 if tree.text(node).startswith('"""') else 1
        raw = text[start + quote : end - quote]
        value = raw.encode("utf-8", "surrogatepass").decode("unicode_escape", "replace") if "\\" in raw else raw
        is_value, name, where = _position(tree, node)
        if name is not None and credential_name_kind(name) is None:
            name = None  # only a credential position names the literal (`ALGORITHM = "HmacSHA256"` is no secret)
        if name is None:
            found.append(CodeLiteral(start, end, start + quote, end - quote, value, is_value))
        else:
            found.append(
                CodeLiteral(
                    start,
                    end,
                    start + quote,
                    end - quote,
                    value,
                    is_value,
                    name=name,
                    where=where,
                    slot=bool(where and where.startswith(("compared with", "passed as the password"))),
                )
            )
    return found


register_front_end("java", java_literals)
