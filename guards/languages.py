"""Languages idguard knows: how to recognise them and how they write a comment."""

from __future__ import annotations

from pathlib import PurePosixPath

_BY_SUFFIX = {
    ".py": "python",
    ".pyi": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".tsx": "typescript",
    ".go": "go",
    ".java": "java",
    ".kt": "kotlin",
    ".rb": "ruby",
    ".php": "php",
    ".cs": "csharp",
    ".rs": "rust",
    ".swift": "swift",
    ".scala": "scala",
    ".c": "c",
    ".h": "c",
    ".cc": "cpp",
    ".cpp": "cpp",
    ".sh": "shell",
    ".bash": "shell",
    ".zsh": "shell",
    ".sql": "sql",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".toml": "toml",
    ".tf": "terraform",
    ".bicep": "bicep",
    ".gradle": "gradle",
    ".hcl": "terraform",
    ".ini": "ini",
    ".cfg": "ini",
    ".conf": "ini",
    ".env": "dotenv",
    ".xml": "xml",
    ".md": "markdown",
    ".txt": "text",
}

_BY_NAME = {"dockerfile": "dockerfile", ".env": "dotenv", "makefile": "makefile"}

LINE_COMMENT = {
    "python": "#",
    "ruby": "#",
    "shell": "#",
    "yaml": "#",
    "toml": "#",
    "terraform": "#",
    "ini": "#",
    "dotenv": "#",
    "dockerfile": "#",
    "makefile": "#",
    "javascript": "//",
    "bicep": "//",
    "gradle": "//",
    "typescript": "//",
    "go": "//",
    "java": "//",
    "kotlin": "//",
    "php": "//",
    "csharp": "//",
    "rust": "//",
    "swift": "//",
    "scala": "//",
    "c": "//",
    "cpp": "//",
    "sql": "--",
}

# Formats the configuration guards read (IAM policies, Kubernetes RBAC, Terraform, Bicep).
CONFIG_LANGUAGES = ("json", "yaml", "terraform", "bicep")
# Languages the tree-sitter front end parses (`guards/typescript/`: .ts .tsx .js .jsx .mjs .cjs).
SCRIPT_LANGUAGES = ("typescript", "javascript")
# Languages the Go tree-sitter front end parses (`guards/go/`: .go).
GO_LANGUAGES = ("go",)
# Languages the tree-sitter Java front end parses (`guards/java/`: .java).
JAVA_LANGUAGES = ("java",)

LANGUAGES = sorted(set(_BY_SUFFIX.values()) | set(_BY_NAME.values()))


def detect_language(path: str | None, declared: str | None = None, code: str = "") -> str:
    """The language of a file: declared by the caller, else from its name, else 'text'."""
    if declared:
        declared = declared.strip().lower()
        aliases = {
            "py": "python",
            "js": "javascript",
            "ts": "typescript",
            "tsx": "typescript",
            "jsx": "javascript",
            "node": "javascript",
            "yml": "yaml",
            "hcl": "terraform",
            "tf": "terraform",
            "golang": "go",
        }
        declared = aliases.get(declared, declared)
        # An unknown name is plain text, never echoed back: the caller may put anything here, a secret included.
        return declared if declared in LANGUAGES else "text"
    if path:
        name = PurePosixPath(path.replace("\\", "/")).name.lower()
        if name in _BY_NAME or name.startswith(".env"):
            return _BY_NAME.get(name, "dotenv")
        suffix = PurePosixPath(name).suffix
        if suffix in _BY_SUFFIX:
            return _BY_SUFFIX[suffix]
    if code.startswith("#!") and "python" in code.split("\n", 1)[0]:
        return "python"
    return "python" if path is None and _looks_like_python(code) else "text"


def _looks_like_python(code: str) -> bool:
    head = code[:4000]
    return any(token in head for token in ("def ", "import ", "class ", "from ")) and "{" not in head[:1]


def comment_prefix(language: str) -> str | None:
    return LINE_COMMENT.get(language)
