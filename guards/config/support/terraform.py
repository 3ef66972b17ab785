"""Terraform helpers: nested blocks, `resource`/`data` blocks by type, and `*.tf.json` in HCL's shape.

Parsed HCL (`parse.parse_terraform`) keeps blocks as lists of `LDict` under their block type, each
with `block_type` and `labels`; `shape_terraform_json` gives Terraform JSON the same shape so guards
read both syntaxes the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .parse import LDict, LList


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
