"""Terraform helpers: nested blocks, `resource`/`data` blocks by type, and `*.tf.json` in HCL's shape.

Parsed HCL (`parse.parse_terraform`) keeps blocks as lists of `LDict` under their block type, each
with `block_type` and `labels`; `shape_terraform_json` gives Terraform JSON the same shape so guards
read both syntaxes the same way. `resolve_module_values` follows `var.x` defaults and `locals`
within a module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .parse import LDict, LList, LStr


def blocks(value: Any) -> list[LDict]:
    """The mappings in a Terraform nested-block list (or one mapping); other shapes give none."""
    return [item for item in (value if isinstance(value, list) else [value]) if isinstance(item, LDict)]


def shape_terraform_json(document: Any) -> None:
    """Give Terraform JSON (`*.tf.json`) the shape of parsed HCL: `resource`/`data` become lists of
    blocks with `block_type` and `labels`, so every Terraform guard reads both syntaxes."""
    if not isinstance(document, LDict):
        return
    for block_type in ("resource", "data"):
        section = document.get(block_type)
        if not isinstance(section, LDict):
            continue
        shaped = LList([], section.line)
        for type_name, instances in section.items():
            for name, bodies in instances.items() if isinstance(instances, LDict) else ():
                for body in blocks(bodies):
                    body.block_type, body.labels = block_type, (str(type_name), str(name))
                    shaped.append(body)
        document[block_type] = shaped


def terraform_blocks_of(document: Any, block_type: str) -> Iterator[LDict]:
    if isinstance(document, LDict):
        for block in blocks(document.get(block_type)):
            if block.labels:
                yield block


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def first_block(value: Any) -> LDict | None:
    """A nested Terraform block (a one-element list) or a mapping, as one mapping."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, LDict) else None


_WHOLE_REFERENCE = re.compile(r"^(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)$")
_INTERPOLATION = re.compile(r"\$\{\s*(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}")


def resolve_module_values(document: Any) -> None:
    """Replace `var.x` and `local.x` in a Terraform module by the variable's `default` and the
    local's literal value, where the file states them, so guards judge the value the module
    deploys. References without a literal value stay expressions: guards treat them as unknown."""
    if not isinstance(document, LDict):
        return
    values: dict[tuple[str, str], Any] = {}
    for variable in terraform_blocks_of(document, "variable"):
        if "default" in variable and variable["default"] is not None:
            values[("var", variable.labels[0])] = variable["default"]
    for local_block in blocks(document.get("locals")):
        for name, value in local_block.items():
            values[("local", name)] = value
    if not values:
        return
    for _ in range(3):  # locals may name variables and other locals
        for key, value in list(values.items()):
            values[key] = _substitute(value, values, depth=0)
    for block_type in ("resource", "data", "module", "provider", "output"):
        for block in blocks(document.get(block_type)):
            _substitute_in(block, values)


def _literal(value: Any) -> bool:
    return (isinstance(value, str) and not getattr(value, "expr", False)) or isinstance(value, (int, float, bool))


def _substitute(value: Any, values: dict[tuple[str, str], Any], depth: int) -> Any:
    if isinstance(value, LStr):
        whole = _WHOLE_REFERENCE.match(value.strip()) if value.expr else None
        if whole and (whole.group(1), whole.group(2)) in values:
            found = values[(whole.group(1), whole.group(2))]
            if isinstance(found, str):
                return LStr(str(found), value.line, expr=getattr(found, "expr", False))
            return found
        if not value.expr and "${" in value:

            def text_of(match: re.Match[str]) -> str:
                found = values.get((match.group(1), match.group(2)))
                if _literal(found) and not isinstance(found, bool):
                    return str(found)
                return match.group(0)

            replaced = _INTERPOLATION.sub(text_of, value)
            return LStr(replaced, value.line) if replaced != value else value
        return value
    if depth < 20 and isinstance(value, (LDict, list)):
        _substitute_in(value, values, depth + 1)
    return value


def _substitute_in(container: Any, values: dict[tuple[str, str], Any], depth: int = 0) -> None:
    if isinstance(container, LDict):
        items = [(key, _substitute(item, values, depth)) for key, item in container.items()]
        renamed = any("${" in key for key, _ in items)
        if renamed:  # object keys may interpolate too: `"${local.issuer}:sub" = ...`
            lines = dict(container.key_lines)
            container.clear()
            container.key_lines.clear()
            for key, item in items:
                new_key = str(_substitute(LStr(key, 1), values, depth)) if "${" in key else key
                container.put(new_key, item, lines.get(key, container.line))
        else:
            for key, item in items:
                container[key] = item
    elif isinstance(container, list):
        for index, item in enumerate(container):
            container[index] = _substitute(item, values, depth)
