"""String edits (Claude Code's Edit/MultiEdit shape) applied to a file's text.

Shared by the IDE hook, which works out what an assistant's Edit would write,
and by `guard_change`, which accepts edits instead of a whole new file. Both
must agree on the result, so both use this one function. Errors never quote
the edit's strings: they may carry anything, a secret included.
"""

from __future__ import annotations

from typing import Any


class EditError(ValueError):
    """An edit that does not apply: the tool would fail, so idguard refuses rather than guess."""


def first_field(mapping: dict[str, Any], *names: str) -> Any:
    """The first of `names` present in `mapping` (snake_case and camelCase spellings of one field)."""
    for name in names:
        if name in mapping:
            return mapping[name]
    return None


def require_text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise EditError(f"tool input has no text for {what}")
    return value


def apply_string_edits(current: str | None, edits: list[dict[str, Any]], name: str) -> str:
    """The content after `edits` (old_string/new_string/replace_all), applied in order as the tools do.

    `current` is None for a file that does not exist yet (only an empty old_string creates it).
    An edit whose old string is absent, or ambiguous without replace_all, makes the tool fail;
    it is refused here too.
    """
    content = current
    for number, edit in enumerate(edits, 1):
        if not isinstance(edit, dict):
            raise EditError(f"edit {number} for {name} is not an object")
        old = require_text(first_field(edit, "old_string", "oldString"), f"old_string of edit {number}")
        new = require_text(first_field(edit, "new_string", "newString"), f"new_string of edit {number}")
        replace_all = bool(first_field(edit, "replace_all", "replaceAll"))
        if content is None:
            if old != "":
                raise EditError(f"{name} does not exist, so edit {number} has nothing to replace")
            content = new
            continue
        if old == "":
            if content != "":
                raise EditError(f"edit {number} for {name} has an empty old_string on a non-empty file")
            content = new
            continue
        count = content.count(old)
        if count == 0:
            raise EditError(f"edit {number}: old_string not found in {name}; the edit cannot be checked")
        if count > 1 and not replace_all:
            raise EditError(f"edit {number}: old_string occurs {count} times in {name} and replace_all is not set")
        content = content.replace(old, new) if replace_all else content.replace(old, new, 1)
    if content is None:
        raise EditError(f"no edits for {name}")
    return content
