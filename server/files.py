"""Collect and read the files a command was given: folders recursively, skipping
`.git`, virtualenvs, caches and files ignored by git; clear errors for bad input."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "env", ".env", "node_modules", "__pycache__", ".tox", ".nox",
             ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", "dist", "build", ".idguard"}


class InputError(Exception):
    """A file that cannot be checked (missing, binary, undecodable, unreadable)."""


def _is_venv(path: Path) -> bool:
    return (path / "pyvenv.cfg").is_file()


def _git_ignored(root: Path, files: list[Path]) -> set[Path]:
    if not files:
        return set()
    try:
        out = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            cwd=root,
            input="\0".join(str(f) for f in files) + "\0",
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return set()
    if out.returncode not in (0, 1):
        return set()
    return {Path(p) for p in out.stdout.split("\0") if p}


def collect(paths: Iterable[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to check and (path, error) for arguments that don't exist."""
    files: list[Path] = []
    errors: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            errors.append((raw, "no such file or directory"))
            continue
        if path.is_file():
            files.append(path)
            continue
        found: list[Path] = []
        for dirpath, dirnames, filenames in os.walk(path):
            current = Path(dirpath)
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not _is_venv(current / d))
            found.extend(current / name for name in sorted(filenames))
        ignored = _git_ignored(path, found)
        files.extend(f for f in found if f not in ignored)
    return files, errors


def read_text(path: Path, max_bytes: int) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as exc:
        raise InputError(exc.strerror or type(exc).__name__) from None
    return decode_text(data, max_bytes)


def decode_text(data: bytes, max_bytes: int) -> str:
    """File bytes as text, with the same refusals as `read_text` (too large, binary, not UTF-8)."""
    if len(data) > max_bytes:
        raise InputError(f"larger than the limit of {max_bytes} bytes (limits.max_file_bytes)")
    if b"\0" in data[:8192]:
        raise InputError("binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (undecodable byte at offset {exc.start})") from None
