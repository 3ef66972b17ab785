"""CloudFormation resources by type, from JSON or YAML templates (short-form tags already parsed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .parse import LDict


@dataclass
class CfnResource:
    """One entry of a template's `Resources`: its logical id, type and `Properties`."""

    logical_id: str
    type: str
    body: LDict
    properties: LDict

    @property
    def line(self) -> int:
        return self.body.line


def cfn_resources(documents: list[Any], *types: str) -> list[CfnResource]:
    """Resources of the templates in `documents` whose `Type` is one of `types` (all when none given)."""
    found = []
    for document in documents:
        resources = document.get("Resources") if isinstance(document, LDict) else None
        if not isinstance(resources, LDict):
            continue
        for logical_id, body in resources.items():
            if not isinstance(body, LDict):
                continue
            kind = str(body.get("Type", ""))
            if types and kind not in types:
                continue
            properties = body.get("Properties")
            found.append(
                CfnResource(
                    str(logical_id), kind, body, properties if isinstance(properties, LDict) else LDict(body.line)
                )
            )
    return found


def is_false(value: Any) -> bool:
    """`false` as YAML, JSON, HCL or a string (`"false"`, `"FALSE"`) writes it."""
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def is_true(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")
