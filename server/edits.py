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


# ---------------------------------------------------------------- apply_patch (Codex CLI's patch format)


class PatchedFile:
    """One file a patch touches: its path as written in the patch, the content after the patch (None when the
    patch deletes it), and the path it moves to (`*** Move to:`), if any."""

    def __init__(self, path: str, content: str | None, move_to: str | None = None) -> None:
        self.path, self.content, self.move_to = path, content, move_to


_HEADERS = ("*** Add File: ", "*** Delete File: ", "*** Update File: ", "*** End Patch")


def apply_patch(patch: str, read_current) -> list[PatchedFile]:
    """The files a `*** Begin Patch` ... `*** End Patch` envelope produces, applied to the current files as Codex
    applies it (context located exactly, then ignoring trailing and then surrounding whitespace).

    `read_current(path)` returns a file's text (None when it does not exist). A patch that does not parse, or whose
    context or removed lines are not in the file, makes the tool fail: EditError here too (never quoting it).
    """
    lines = [line.rstrip("\r") for line in require_text(patch, "the patch").strip().splitlines()]
    if not lines or lines[0].strip() != "*** Begin Patch" or lines[-1].strip() != "*** End Patch":
        raise EditError("the patch does not start with *** Begin Patch and end with *** End Patch")
    files: list[PatchedFile] = []
    index = 1
    while index < len(lines) - 1:
        header = lines[index].strip()
        index += 1
        if header.startswith("*** Add File: "):
            path = header[len("*** Add File: ") :].strip()
            body = []
            while index < len(lines) - 1 and not lines[index].strip().startswith(_HEADERS):
                if not lines[index].startswith("+"):
                    raise EditError(f"line {index + 1} of the patch: an added file's line must start with +")
                body.append(lines[index][1:])
                index += 1
            files.append(PatchedFile(path, "".join(line + "\n" for line in body)))
        elif header.startswith("*** Delete File: "):
            path = header[len("*** Delete File: ") :].strip()
            if read_current(path) is None:
                raise EditError(f"the patch deletes {path}, which does not exist")
            files.append(PatchedFile(path, None))
        elif header.startswith("*** Update File: "):
            path = header[len("*** Update File: ") :].strip()
            move_to = None
            if index < len(lines) - 1 and lines[index].strip().startswith("*** Move to: "):
                move_to = lines[index].strip()[len("*** Move to: ") :].strip()
                index += 1
            body_start = index
            while index < len(lines) - 1 and not lines[index].strip().startswith(_HEADERS):
                index += 1
            current = read_current(path)
            if current is None:
                raise EditError(f"the patch updates {path}, which does not exist")
            files.append(PatchedFile(path, _apply_chunks(current, lines[body_start:index], path), move_to))
        else:
            raise EditError(f"line {index} of the patch is not a file header (*** Add/Update/Delete File:)")
    if not files:
        raise EditError("the patch changes no file")
    return files


def _chunks(body: list[str], path: str) -> list[tuple[str | None, list[str], list[str], bool]]:
    """(context header, old lines, new lines, at end of file) for each `@@` chunk of an update."""
    chunks: list[tuple[str | None, list[str], list[str], bool]] = []
    current: list = []
    for line in body:
        if line.startswith("@@"):
            context = line[2:].strip() or None
            current = [context, [], [], False]
            chunks.append(current)  # type: ignore[arg-type]  # chunks are built from checked patch lines
            continue
        if not chunks:
            current = [None, [], [], False]
            chunks.append(current)  # type: ignore[arg-type]  # chunks are built from checked patch lines
        if line.strip() == "*** End of File":
            current[3] = True
        elif line == "" or line.startswith(" "):
            current[1].append(line[1:])
            current[2].append(line[1:])
        elif line.startswith("-"):
            current[1].append(line[1:])
        elif line.startswith("+"):
            current[2].append(line[1:])
        else:
            raise EditError(f"the patch's update of {path} has a line that is not context, - or +")
    if not chunks or all(not c[1] and not c[2] for c in chunks):
        raise EditError(f"the patch's update of {path} changes nothing")
    return [tuple(c) for c in chunks]  # type: ignore[misc]  # chunks are built from checked patch lines


def _seek(lines: list[str], pattern: list[str], start: int, at_end: bool) -> int | None:
    if not pattern:
        return start
    if len(pattern) > len(lines):
        return None
    last = len(lines) - len(pattern)
    starts = ([last] if at_end and last >= start else []) + list(range(start, last + 1))
    for same in (lambda a, b: a == b, lambda a, b: a.rstrip() == b.rstrip(), lambda a, b: a.strip() == b.strip()):
        for position in starts:
            if all(same(lines[position + k], pattern[k]) for k in range(len(pattern))):
                return position
    return None


def _apply_chunks(current: str, body: list[str], path: str) -> str:
    lines = current.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    replacements: list[tuple[int, int, list[str]]] = []
    position = 0
    for context, old, new, at_end in _chunks(body, path):
        if context is not None:
            found = _seek(lines, [context], position, False)
            if found is None:
                raise EditError(f"the patch's context line for {path} is not in the file; the patch cannot be checked")
            position = found + 1
        if not old:
            replacements.append((len(lines), 0, new))
            continue
        found = _seek(lines, old, position, at_end)
        if found is None and old[-1] == "":
            old, new = old[:-1], (new[:-1] if new and new[-1] == "" else new)
            found = _seek(lines, old, position, at_end)
        if found is None:
            raise EditError(f"the patch's lines to replace are not in {path}; the patch cannot be checked")
        replacements.append((found, len(old), new))
        position = found + len(old)
    for start, length, new in sorted(replacements, reverse=True):
        lines[start : start + length] = new
    return "\n".join(lines) + "\n"
