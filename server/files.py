"""Collect and read the files a command was given, as their runtimes would read them.

Folders are walked recursively, skipping `.git`, virtualenvs, caches and files
ignored by git; bad input gets a clear error.

Reading is where a control can be walked around, so it follows the runtimes:

- a file is *binary* by its content type (a known binary format by its magic
  bytes, or a `binary` / `-text` git attribute the caller supplies), never
  because of a stray NUL byte; a file named as source code (`.py`, `.js`,
  `.sh`, a shebang...) is never binary;
- Python source is decoded the way CPython decodes it (`tokenize.detect_encoding`:
  a BOM or a PEP 263 `coding:` declaration); UTF-8, ASCII and Latin-1 are read,
  any other declared encoding is refused, because idguard would read
  different code from the code that runs;
- anything else must be UTF-8 text.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import subprocess
import tokenize
from collections.abc import Iterable
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

# Folders a folder scan leaves out by default (`idguard check --show-excludes` lists them,
# `--no-default-excludes` turns them off). Version control, tool caches, installed dependencies and
# build output: not the team's code. `env/` is deliberately not here (infrastructure code lives in
# `infra/env/prod/`); a virtual environment is recognised by its `pyvenv.cfg`, whatever its name.
DEFAULT_EXCLUDES = (
    ".git",
    ".hg",
    ".svn",
    ".idguard",
    "node_modules",
    "__pycache__",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "site-packages",
    "dist",
    "build",
    "(any folder holding pyvenv.cfg)",
    "(files git ignores)",
)
SKIP_DIRS = frozenset(d for d in DEFAULT_EXCLUDES if not d.startswith("("))
# Version control internals are never code: left out even with `--no-default-excludes`.
ALWAYS_SKIPPED = frozenset({".git", ".hg", ".svn"})

# Encodings idguard reads Python source in (codec names as `codecs.lookup` spells them).
PYTHON_ENCODINGS = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "ascii": "ascii",
    "iso8859-1": "latin-1",
    "latin-1": "latin-1",
}

# Magic bytes of binary formats that no interpreter runs as source: (offset, signature, name).
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (0, b"BM", "BMP image"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (0, b"\x00\x00\x01\x00", "icon"),
    (0, b"8BPS", "Photoshop image"),
    (0, b"%PDF-", "PDF document"),
    (0, b"PK\x03\x04", "ZIP archive"),
    (0, b"PK\x05\x06", "ZIP archive"),
    (0, b"\x1f\x8b", "gzip archive"),
    (0, b"BZh", "bzip2 archive"),
    (0, b"\xfd7zXZ\x00", "xz archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"\x28\xb5\x2f\xfd", "zstd archive"),
    (257, b"ustar", "tar archive"),
    (0, b"\x7fELF", "ELF executable"),
    (0, b"MZ", "Windows executable"),
    (0, b"\xfe\xed\xfa\xce", "Mach-O executable"),
    (0, b"\xfe\xed\xfa\xcf", "Mach-O executable"),
    (0, b"\xce\xfa\xed\xfe", "Mach-O executable"),
    (0, b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (0, b"\xca\xfe\xba\xbe", "Java class or Mach-O universal binary"),
    (0, b"\x00asm", "WebAssembly module"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (0, b"wOFF", "WOFF font"),
    (0, b"wOF2", "WOFF2 font"),
    (0, b"\x00\x01\x00\x00\x00", "TrueType font"),
    (0, b"OTTO", "OpenType font"),
    (0, b"OggS", "Ogg media"),
    (0, b"fLaC", "FLAC audio"),
    (0, b"ID3", "MP3 audio"),
    (0, b"PAR1", "Parquet file"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}

# Files that hold keys or credentials in a binary container: committing one is never a reviewable code
# change, so the gate refuses them wherever they are.
CREDENTIAL_CONTAINERS = (".p12", ".pfx", ".jks", ".keystore", ".bks", ".kdbx", ".gpg", ".pgp", ".der")


class InputError(Exception):
    """A file that cannot be checked (missing, undecodable, unreadable, too large)."""


class TooLarge(InputError):
    """A file above `limits.max_file_bytes`: `check` skips and counts it; the gate fails on it."""


class BinaryFile(InputError):
    """A file in a binary format: there is no source code to check. `reason` says which format."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"binary file ({reason})")
        self.reason = reason


def _is_venv(path: Path) -> bool:
    return (path / "pyvenv.cfg").is_file()


def _git_ignored(root: Path, files: list[Path]) -> set[Path]:
    """The files among `files` that git ignores in the repository around `root` (absolute paths: git reads
    relative ones from its working directory, which is `root`, not ours)."""
    if not files:
        return set()
    absolute = {str(f.absolute()): f for f in files}
    try:
        out = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            cwd=root,
            input="\0".join(absolute) + "\0",
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return set()
    if out.returncode not in (0, 1):
        return set()
    return {absolute[p] for p in out.stdout.split("\0") if p in absolute}


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    """Whether `rel` (posix, relative to the folder scanned) or one of its parent folders matches a glob."""
    parts = PurePosixPath(rel).parts
    candidates = [rel] + ["/".join(parts[: i + 1]) for i in range(len(parts) - 1)] + list(parts)
    return any(fnmatch(c, pattern.rstrip("/")) for pattern in patterns for c in candidates)


def collect(
    paths: Iterable[str],
    *,
    exclude: Iterable[str] = (),
    default_excludes: bool = True,
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to check and (path, error) for arguments that don't exist.

    A path named on the command line is always checked, whatever its name or git's ignore rules: the
    excludes (default and `exclude` globs) apply only to what a folder scan finds below it.
    """
    patterns = tuple(exclude)
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
            rel_dir = current.relative_to(path).as_posix()
            keep = []
            for d in sorted(dirnames):
                rel = d if rel_dir == "." else f"{rel_dir}/{d}"
                if d in ALWAYS_SKIPPED or default_excludes and (d in SKIP_DIRS or _is_venv(current / d)):
                    continue
                if patterns and _excluded(rel, patterns):
                    continue
                keep.append(d)
            dirnames[:] = keep
            for name in sorted(filenames):
                rel = name if rel_dir == "." else f"{rel_dir}/{name}"
                if patterns and _excluded(rel, patterns):
                    continue
                found.append(current / name)
        ignored = _git_ignored(path, found) if default_excludes else set()
        files.extend(f for f in found if f not in ignored)
    return files, errors


def binary_format(data: bytes) -> str | None:
    """The name of the binary format `data` is in, by its magic bytes; None for anything else."""
    for offset, signature, name in _MAGIC:
        if data[offset : offset + len(signature)] == signature:
            return name
    if data[:4] == b"RIFF" and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    return None


def _named_as_source(name: str, data: bytes) -> bool:
    """Whether the file's name (or its shebang) says an interpreter or compiler reads it as text."""
    from idguard.guards.languages import detect_language

    if data.startswith(b"#!"):
        return True
    return detect_language(name) != "text"


class BinaryRules:
    """`binary` / `-text` patterns from a `.gitattributes` text (the gate reads it from the protected branch)."""

    def __init__(self, gitattributes: str = "") -> None:
        self.patterns: list[str] = []
        for raw in gitattributes.splitlines():
            fields = raw.strip().split()
            if len(fields) < 2 or fields[0].startswith("#"):
                continue
            if "binary" in fields[1:] or "-text" in fields[1:]:
                self.patterns.append(fields[0])

    def matches(self, rel: str) -> bool:
        name = PurePosixPath(rel).name
        for pattern in self.patterns:
            anchored = pattern.lstrip("/")
            if "/" in pattern.rstrip("/"):
                if fnmatch(rel, anchored) or fnmatch(rel, anchored.rstrip("/") + "/*"):
                    return True
            elif fnmatch(name, pattern):
                return True
        return False


NO_BINARY_RULES = BinaryRules()


def read_text(path: Path, max_bytes: int, rel: str | None = None, rules: BinaryRules = NO_BINARY_RULES) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as exc:
        raise InputError(exc.strerror or type(exc).__name__) from None
    return decode_text(data, max_bytes, rel or path.name, rules)


def decode_text(data: bytes, max_bytes: int, name: str = "", rules: BinaryRules = NO_BINARY_RULES) -> str:
    """File bytes as the text its runtime reads; BinaryFile for a binary format, InputError when unreadable.

    `name` (a path or file name) decides whether the bytes are source code, which is never binary, and Python
    (decoded by its declared encoding). NUL bytes stay in the text: the engine blocks them, it never skips them.
    """
    if len(data) > max_bytes:
        raise TooLarge(f"larger than the limit of {max_bytes} bytes (limits.max_file_bytes)")
    if not _named_as_source(name, data):
        if name.lower().endswith(CREDENTIAL_CONTAINERS):
            raise InputError("a binary key or credential store; keys are never committed")
        found = binary_format(data)
        if found is not None:
            raise BinaryFile(found)
        if name and rules.matches(name):
            raise BinaryFile("marked binary in .gitattributes")
    from idguard.guards.languages import detect_language

    if detect_language(name, code=data[:200].decode("latin-1")) == "python":
        return _decode_python(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if b"\0" in data[:8192] and not _named_as_source(name, data):
            raise BinaryFile("binary content: NUL bytes and not UTF-8") from None
        raise InputError(f"not UTF-8 text (undecodable byte at offset {exc.start})") from None


def _decode_python(data: bytes) -> str:
    """Python source decoded as CPython decodes it, for the encodings idguard reads."""
    try:
        declared, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        if "encoding problem" in str(exc) or "unknown encoding" in str(exc):
            raise InputError(f"Python source with an invalid encoding declaration ({str(exc)[:120]})") from None
        raise InputError("not UTF-8 text (Python source, and no encoding declared)") from None
    try:
        canonical = codecs.lookup(declared).name
    except LookupError:
        raise InputError("Python source declares an unknown encoding") from None
    encoding = PYTHON_ENCODINGS.get(canonical)
    if encoding is None:
        # Not quoted beyond the codec's own name: it is a codec name, checked above.
        raise InputError(
            f"Python source declares the encoding {canonical}; idguard reads only UTF-8, ASCII and "
            "Latin-1 source, so it cannot check what CPython would run"
        )
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        shown = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "ascii": "ASCII", "latin-1": "Latin-1"}[encoding]
        raise InputError(f"not {shown} text (undecodable byte at offset {exc.start})") from None


def _refuse_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        duplicate = next(key for key in keys if keys.count(key) > 1)
        raise ValueError(f"duplicate key {duplicate[:40]!r}")
    return dict(pairs)


def strict_json(text: str) -> object:
    """JSON as a record is parsed: a key given twice is an error (never "the last value counts")."""
    return json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
