"""Names of Go things: what an import path binds, a module without its major version, a binding, a composite
literal. Shared by `context` and the guards."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tree import Node

_VERSION = re.compile(r"^v\d+$")


@dataclass(frozen=True)
class Binding:
    """One name given a value: in a function (`scope`) or at package level (scope None)."""

    name: str
    scope: Node | None
    start: int
    value: Node | None  # None: a parameter, a range variable, a `var x T` without value, a call's second result


@dataclass
class Composite:
    """A composite literal: its type's qualified name and its keyed fields (later `x.F = v` assignments merged)."""

    node: Node
    type_name: str
    fields: dict[str, Node]
    elements: list[Node]
    variable: str | None = None


def package_name(path: str) -> str:
    """The name a Go import path binds by default: the last element, skipping a `/vN` major version and a
    `.vN` gopkg suffix (`gopkg.in/yaml.v3` -> `yaml`), dashes left out of `go-` prefixes (`go-oidc` -> `oidc`)."""
    parts = [p for p in path.split("/") if p]
    if len(parts) > 1 and _VERSION.match(parts[-1]):
        parts = parts[:-1]
    last = parts[-1] if parts else path
    last = re.sub(r"\.v\d+$", "", last)
    if last.startswith("go-") and len(last) > 3:
        last = last[3:]
    elif last.endswith("-go"):
        last = last[:-3]
    return last.replace("-", "").replace(".", "")


def module_family(path: str) -> str:
    """An import path without its major version: `github.com/golang-jwt/jwt/v5` -> `github.com/golang-jwt/jwt`."""
    parts = path.split("/")
    if len(parts) > 1 and _VERSION.match(parts[-1]):
        parts = parts[:-1]
    return "/".join(parts)


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


def expressions(node: Node | None) -> list[Node]:
    """The items of an `expression_list` (or the node itself)."""
    if node is None:
        return []
    if node.type == "expression_list":
        return [c for c in node.named_children if c.type != "comment"]
    return [node]
