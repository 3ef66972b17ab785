"""The Go front end of secret detection in code (`guards/secrets/code.py`); the engine imports it (registering
it) before it checks a Go file.

It lists a file's string literals as `CodeLiteral`s from the same cached tree-sitter parse the guards use, with
the credential position each one sits in, so IDG001 judges Go by literal values, as it does Python and TS:

- `const dbPassword = "..."`, `var jwtKey = []byte("...")`, `secret := "..."`, `cfg.APIKey = "..."`:
  assigned to a name;
- `Config{ClientSecret: "..."}`, `map[string]string{"password": "..."}`: stored under a name;
- `password == "..."`: compared with a name;
- import paths, struct tags (`json:"password"`), map keys and field keys are not values.
"""

from __future__ import annotations

from ...secrets.front_end import CodeLiteral, register_front_end
from ...secrets.words import credential_name_kind
from .tree import GoTree, Node, parse_go

_STRINGS = ("interpreted_string_literal", "raw_string_literal")
_SEE_THROUGH = frozenset({"parenthesized_expression", "type_conversion_expression", "literal_element"})
_COMPARISONS = frozenset({"==", "!="})


def _name(tree: GoTree, node: Node | None) -> str | None:
    """The name a target expression writes to: `X`, `cfg.APIKey` -> `APIKey`, `m["password"]` -> `password`."""
    if node is None:
        return None
    if node.type in ("identifier", "field_identifier"):
        return tree.text(node)
    if node.type == "selector_expression":
        return tree.text(node.child_by_field_name("field"))
    if node.type == "index_expression":
        index = node.child_by_field_name("index")
        if index is not None and index.type in _STRINGS:
            return tree.text(index)[1:-1]
    return None


def _positional(tree: GoTree, holder: Node, value: Node, left_field: str) -> str | None:
    """The name on the left of `a, b := x, y` (or a const/var spec) at the position of `value` on the right."""
    right = value.parent
    if right is None:
        return None
    items = [c for c in right.named_children if c.type != "comment"] if right.type == "expression_list" else [value]
    if right.type != "expression_list":
        return None
    if left_field == "name":
        targets = holder.children_by_field_name("name")
    else:
        left = holder.child_by_field_name("left")
        targets = [c for c in left.named_children if c.type != "comment"] if left is not None else []
    if len(targets) != len(items):
        return None
    for target, item in zip(targets, items, strict=True):
        if item == value:
            return _name(tree, target)
    return None


def _position(tree: GoTree, literal: Node) -> tuple[bool, str | None, str | None]:
    """(is a value, credential position name, how it gets there) for one string literal."""
    node, parent = literal, literal.parent
    while parent is not None and parent.type in _SEE_THROUGH:
        if parent.type == "literal_element" and parent.parent is not None and parent.parent.type == "keyed_element":
            break
        node, parent = parent, parent.parent
    if parent is None:
        return True, None, None
    kind = parent.type
    if kind in ("import_spec", "field_declaration", "package_clause"):
        return False, None, None
    if kind == "literal_element" and parent.parent is not None and parent.parent.type == "keyed_element":
        element = parent.parent
        parts = [c for c in element.named_children if c.type != "comment"]
        if parts and parts[0] == parent:
            return False, None, None  # a key
        key = parts[0] if parts else None
        inner = key.named_children[0] if key is not None and key.named_children else key
        key_name = tree.text(inner)[1:-1] if inner is not None and inner.type in _STRINGS else tree.text(inner)
        return True, key_name, f"stored under `{key_name[:60]}`"
    if kind == "expression_list" and parent.parent is not None:
        holder = parent.parent
        if holder.type in ("const_spec", "var_spec"):
            name = _positional(tree, holder, node, "name")
            return True, name, f"assigned to `{(name or '')[:80]}`"
        if holder.type in ("short_var_declaration", "assignment_statement"):
            right = holder.child_by_field_name("right")
            if right == parent:
                name = _positional(tree, holder, node, "left")
                return True, name, f"assigned to `{(name or '')[:80]}`"
    if kind == "binary_expression":
        operator = tree.text(parent.child_by_field_name("operator"))
        if operator in _COMPARISONS:
            other = parent.child_by_field_name("left")
            other = other if other != node else parent.child_by_field_name("right")
            name = _name(tree, other)
            if name is None and other is not None and other.type == "call_expression":
                args = other.child_by_field_name("arguments")
                first = args.named_children[0] if args is not None and args.named_children else None
                if first is not None and first.type in _STRINGS:
                    name = tree.text(first)[1:-1]  # r.FormValue("password") == "..."
            return True, name, f"compared with `{name}`" if name else None
    if kind == "index_expression" and parent.child_by_field_name("index") == node:
        return False, None, None
    return True, None, None


def go_literals(text: str) -> list[CodeLiteral] | None:
    tree = parse_go(text)
    if tree.first_error() is not None:
        return None
    ascii_only = text.isascii()
    source = tree.source

    def offset(byte: int) -> int:
        return byte if ascii_only else len(source[:byte].decode("utf-8", "replace"))

    found: list[CodeLiteral] = []
    for node in tree.by_type.get("interpreted_string_literal", []) + tree.by_type.get("raw_string_literal", []):
        start, end = offset(node.start_byte), offset(node.end_byte)
        raw = text[start + 1 : end - 1]
        if node.type == "interpreted_string_literal" and "\\" in raw:
            value = raw.encode("utf-8", "surrogatepass").decode("unicode_escape", "replace")
        else:
            value = raw
        is_value, name, where = _position(tree, node)
        if name is not None and credential_name_kind(name) is None:
            name = None  # only a credential position names the literal (`algo = "aes-256-gcm"` is no secret)
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
    found.sort(key=lambda literal: literal.start)
    return found


register_front_end("go", go_literals)
