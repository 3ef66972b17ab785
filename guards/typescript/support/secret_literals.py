"""The TypeScript/JavaScript front end of secret detection in code (`guards/secrets/code.py`); the engine
imports it (registering it) before it checks a TS/JS file.

It lists a file's string literals as `CodeLiteral`s from the same cached tree-sitter parse the guards use, with
the credential position each one sits in, so IDG001 judges TS/JS by literal values, as it does Python, instead
of reading the file as text (where `p.type !== "credentials"` or a cookie name look like keyword assignments):

- `const DB_PASSWORD = "..."`, `this.apiKey = "..."`, `{ password: "..." }`: assigned to / stored under a name;
- `password === "..."`: compared with a name;
- `process.env.API_KEY || "..."`: the fallback for a name;
- `function connect(password = "...")`: the default of a parameter;
- object keys, import sources, `require("...")` paths, literal types and enum members are not values.
"""

from __future__ import annotations

from ...secrets.front_end import CodeLiteral, register_front_end
from ...secrets.words import credential_name_kind
from .tree import Node, parse_script

_NOT_VALUE_PARENTS = frozenset(
    {
        "import_statement",
        "export_statement",
        "literal_type",
        "predefined_type",
        "import_require_clause",
        "enum_assignment",
    }
)
_COMPARISONS = frozenset({"===", "!==", "==", "!="})


def _name(tree, node: Node | None) -> str | None:
    """The name a target expression writes to: `X`, `obj.apiKey` -> `apiKey`, `cfg["password"]` -> `password`."""
    if node is None:
        return None
    if node.type in ("identifier", "property_identifier", "shorthand_property_identifier_pattern"):
        return tree.text(node)
    if node.type == "member_expression":
        return tree.text(node.child_by_field_name("property"))
    if node.type == "subscript_expression":
        index = node.child_by_field_name("index")
        if index is not None and index.type == "string":
            return tree.text(index)[1:-1]
    return None


def _key_name(tree, key: Node | None) -> str | None:
    if key is None:
        return None
    if key.type in ("string", "template_string"):
        return tree.text(key)[1:-1]
    return tree.text(key)


def _env_name(tree, node: Node | None) -> str | None:
    if node is None or node.type not in ("member_expression", "subscript_expression"):
        return None
    obj = tree.text(node.child_by_field_name("object")).replace(" ", "")
    if obj in ("process.env", "import.meta.env", "env", "Bun.env"):
        return _name(tree, node)
    return None


def _position(tree, literal: Node) -> tuple[bool, str | None, str | None]:
    """(is a value, credential position name, how it gets there) for one string literal."""
    node, parent = literal, literal.parent
    while parent is not None and parent.type in ("parenthesized_expression", "as_expression", "satisfies_expression"):
        node, parent = parent, parent.parent
    if parent is None:
        return True, None, None
    kind = parent.type
    if kind in _NOT_VALUE_PARENTS or kind.endswith("_type") or kind == "type_annotation":
        return False, None, None
    if kind == "pair":
        if parent.child_by_field_name("key") == node:
            return False, None, None
        name = _key_name(tree, parent.child_by_field_name("key"))
        return True, name, f"stored under `{(name or '')[:60]}`"
    if kind in ("subscript_expression", "computed_property_name", "property_signature"):
        return False, None, None
    if kind == "variable_declarator":
        name = _name(tree, parent.child_by_field_name("name"))
        return True, name, f"assigned to `{(name or '')[:80]}`"
    if kind == "assignment_expression" and parent.child_by_field_name("right") == node:
        name = _name(tree, parent.child_by_field_name("left"))
        return True, name, f"assigned to `{(name or '')[:80]}`"
    if kind in ("assignment_pattern", "object_assignment_pattern", "required_parameter", "optional_parameter"):
        target = parent.child_by_field_name("left") or parent.child_by_field_name("pattern")
        name = _name(tree, target)
        return True, name, f"the default of `{(name or '')[:60]}`"
    if kind == "binary_expression":
        operator = tree.text(parent.child_by_field_name("operator"))
        other = parent.child_by_field_name("left")
        if operator in _COMPARISONS:
            other = other if other != node else parent.child_by_field_name("right")
            name = _name(tree, other)
            return True, name, f"compared with `{name}`" if name else None
        if operator in ("||", "??") and parent.child_by_field_name("right") == node:
            name = _env_name(tree, other) or _name(tree, other)
            return True, name, f"the fallback for `{(name or '')[:60]}`" if name else None
    if kind == "arguments":
        call = parent.parent
        callee = call.child_by_field_name("function") if call is not None else None
        if callee is not None and tree.text(callee) in ("require", "import"):
            return False, None, None
    return True, None, None


def script_literals(text: str, dialect: str) -> list[CodeLiteral] | None:
    tree = parse_script(text, dialect)
    if tree.first_error() is not None:
        return None
    ascii_only = text.isascii()
    source = tree.source

    def offset(byte: int) -> int:
        return byte if ascii_only else len(source[:byte].decode("utf-8", "replace"))

    found: list[CodeLiteral] = []
    for node in tree.by_type.get("string", []) + tree.by_type.get("template_string", []):
        start, end = offset(node.start_byte), offset(node.end_byte)
        if node.type == "template_string" and any(c.type == "template_substitution" for c in node.named_children):
            value = None
        else:
            raw = text[start + 1 : end - 1]
            value = raw.encode("utf-8", "surrogatepass").decode("unicode_escape", "replace") if "\\" in raw else raw
        is_value, name, where = _position(tree, node)
        if name is not None and credential_name_kind(name) is None:
            name = None  # only a credential position names the literal (`ALGO = "aes-256-gcm"` is no secret)
        if name is None:
            found.append(CodeLiteral(start, end, start + 1, end - 1, value, is_value))
        else:
            found.append(
                CodeLiteral(
                    start,
                    end,
                    start + 1,
                    end - 1,
                    value,
                    is_value,
                    name=name,
                    where=where,
                    slot=bool(where and where.startswith("compared with")),
                )
            )
    return found


def _typescript(text: str) -> list[CodeLiteral] | None:
    # The front end is given no path: TSX is tried when plain TypeScript does not parse (JSX in a .tsx file).
    found = script_literals(text, "typescript")
    return found if found is not None else script_literals(text, "tsx")


register_front_end("typescript", _typescript)
register_front_end("javascript", lambda text: script_literals(text, "javascript"))
