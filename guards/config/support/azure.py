"""Azure resources in ARM template shape: ARM JSON templates and Bicep files (`bicep.parse_bicep`)."""

from __future__ import annotations

from typing import Any

from .parse import LDict
from .terraform import first_block


def arm_resources(mappings: list[LDict], *types: str) -> list[LDict]:
    """Resource mappings whose `type` (without an `@api-version`) is one of `types`, case-insensitively."""
    wanted = {t.lower() for t in types}
    return [
        mapping
        for mapping in mappings
        if isinstance(mapping.get("type"), str) and str(mapping["type"]).split("@")[0].lower() in wanted
    ]


def arm_properties(resource: LDict) -> LDict:
    return first_block(resource.get("properties")) or LDict(resource.line)


def path_get(value: Any, *keys: str) -> Any:
    """`value[k1][k2]...` through mappings, None where a key is missing (keys compared case-insensitively)."""
    for key in keys:
        if not isinstance(value, LDict):
            return None
        found = next((k for k in value if k.lower() == key.lower()), None)
        if found is None:
            return None
        value = value[found]
    return value
