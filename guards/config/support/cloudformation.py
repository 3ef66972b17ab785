"""CloudFormation resources by type, from JSON or YAML templates (short-form tags already parsed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .parse import LDict, LList, LStr


@dataclass
class CfnResource:
    """One entry of a template's `Resources`: its logical id, type and `Properties`."""

    logical_id: str
    type: str
    body: LDict
    properties: LDict
    id_line: int = 0

    @property
    def line(self) -> int:
        """The resource's first line: its logical id (`SessionCache:`), where a missing setting is reported."""
        return self.id_line or self.body.line


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
                    str(logical_id),
                    kind,
                    body,
                    properties if isinstance(properties, LDict) else LDict(body.line),
                    resources.line_of(str(logical_id)),
                )
            )
    return found


def is_false(value: Any) -> bool:
    """`false` as YAML, JSON, HCL or a string (`"false"`, `"FALSE"`) writes it."""
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def is_true(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def resolve_parameter_defaults(document: Any) -> None:
    """Replace `!Ref Param` / `{"Ref": "Param"}` in a template's `Resources` by the parameter's `Default`,
    at the default's line, so guards judge the value the stack deploys unless told otherwise
    (`AllowedActions: {Type: CommaDelimitedList, Default: "*"}`). `NoEcho` parameters and parameters
    without a default stay references: guards treat them as unknown."""
    if not isinstance(document, LDict):
        return
    parameters, resources = document.get("Parameters"), document.get("Resources")
    if not isinstance(parameters, LDict) or not isinstance(resources, LDict):
        return
    defaults: dict[str, Any] = {}
    for name, parameter in parameters.items():
        if not isinstance(parameter, LDict) or "Default" not in parameter or parameter.get("NoEcho") in (True, "true"):
            continue
        default = parameter["Default"]
        if not isinstance(default, (LStr, bool, int, float)) or getattr(default, "expr", False):
            continue
        if "list" in str(parameter.get("Type", "")).lower() and isinstance(default, LStr):
            line = default.line
            default = LList([LStr(part.strip(), line) for part in default.split(",")], line)
        defaults[str(name)] = default
    if defaults:
        _substitute(resources, defaults, 0)


def _reference(value: Any) -> str | None:
    if isinstance(value, LStr) and value.expr and " " not in value.strip() and "." not in value:
        return value.strip()  # `!Ref Name` (`!GetAtt A.B` has a dot)
    if isinstance(value, LDict) and len(value) == 1 and isinstance(value.get("Ref"), str):
        return str(value["Ref"])
    return None


def _substitute(container: Any, defaults: dict[str, Any], depth: int) -> None:
    if depth > 30:
        return
    if isinstance(container, LDict):
        for key, item in list(container.items()):
            name = _reference(item)
            if name is not None and name in defaults:
                container[key] = defaults[name]
            else:
                _substitute(item, defaults, depth + 1)
    elif isinstance(container, list):
        for index, item in enumerate(container):
            name = _reference(item)
            if name is not None and name in defaults:
                container[index] = defaults[name]
            else:
                _substitute(item, defaults, depth + 1)
