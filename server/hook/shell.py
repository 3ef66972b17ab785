"""What an assistant's shell command says it will do, read as a shell reads it (before it runs).

The command line is split the way the shell splits it (quotes removed, `;`, `&&`, `|`, newlines and
redirections apart), simple variable assignments earlier in the command are substituted, and glob patterns are
matched against the names they could expand to. On that reading the hook refuses:

- the human acts: `idguard review approve|reject`, `idguard init`, however spelled (`idguard 'review' approve`,
  `python -m idguard.server.cli.main review approve`, `idg*rd`, a variable holding the word), and signing with
  `ssh-keygen -Y sign` (an approval forged by hand);
- a command that may write under `.idguard/` (`.id*`, `.[i]dguard`, a variable) unless every part of it only
  reads.

This stays a reading of text: a command can still compute a name at run time. What the command then *did* is
judged after it ran (effects.py), and the CI gate judges what reaches the repository.
"""

from __future__ import annotations

import os
import re
import shlex
from fnmatch import fnmatch

SEPARATORS = {";", "&", "&&", "|", "||", "|&", "(", ")", "\n", ";;"}
REDIRECTIONS = {">", ">>", ">|", "&>", "&>>", "<>", ">&"}
READ_ONLY_PROGRAMS = {
    "cat",
    "ls",
    "head",
    "tail",
    "less",
    "more",
    "wc",
    "file",
    "stat",
    "grep",
    "egrep",
    "fgrep",
    "rg",
    "tree",
    "diff",
    "cmp",
    "sha256sum",
    "md5sum",
    "jq",
    "echo",
    "printf",
    "true",
    "pwd",
}
READ_ONLY_GIT = {"log", "show", "diff", "status", "blame", "ls-files", "rev-parse", "cat-file", "grep"}
READ_ONLY_IDGUARD = {
    ("check",),
    ("guards",),
    ("gate",),
    ("evidence",),
    ("audit", "show"),
    ("audit", "verify"),
    ("review", "list"),
    ("review", "show"),
}
FIND_ACTIONS = {"-delete", "-exec", "-execdir", "-ok", "-okdir", "-fprint", "-fprint0", "-fprintf", "-fls"}
WRAPPERS = {
    "env",
    "command",
    "exec",
    "nohup",
    "time",
    "nice",
    "sudo",
    "doas",
    "xargs",
    "timeout",
    "builtin",
    "eval",
    "sh",
    "bash",
    "zsh",
    "dash",
    "ksh",
    "stdbuf",
    "unbuffer",
    "script",
}
_ASSIGNMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.DOTALL)
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")
_GLOB = re.compile(r"[*?\[]")

HUMAN_ONLY = (
    "Approving, rejecting and setting up idguard are human acts: the assistant must not run "
    "`idguard review approve|reject`, `idguard init` or sign with `ssh-keygen -Y sign`. Ask the user."
)
WRITES_IDGUARD = (
    ".idguard/ holds the policy, allowed signers, reviews and approvals, which only humans change: "
    "this shell command may write there. Ask the user to make this change."
)
UNREADABLE = (
    "idguard cannot read this shell command (unbalanced quotes) and it mentions idguard or .idguard: "
    "denied to fail closed. Write it so that it parses."
)


def tokens(command: str) -> list[str] | None:
    """The command's words and operators as the shell splits them (newlines kept as separators); None when the
    quotes do not balance."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=";&|()<>\n")
    lexer.whitespace = " \t\r"
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        return list(lexer)
    except ValueError:
        return None


def simple_commands(words: list[str]) -> list[list[str]]:
    """The command split at operators; redirection operators stay in the command they belong to."""
    commands: list[list[str]] = [[]]
    for word in words:
        if word in SEPARATORS or (set(word) <= set(";&|()\n") and word not in REDIRECTIONS):
            commands.append([])
        else:
            commands[-1].append(word)
    return [c for c in commands if c]


def _substitute(words: list[str], known: dict[str, str]) -> tuple[list[str], bool]:
    """Words with `$NAME` / `${NAME}` replaced by values assigned earlier; True when an unknown one remains."""
    unknown = False
    out = []
    for word in words:

        def value(match: re.Match[str]) -> str:
            nonlocal unknown
            name = match.group(1) or match.group(2)
            if name in known:
                return known[name]
            unknown = True
            return match.group(0)

        out.append(_VARIABLE.sub(value, word))
    return out, unknown


def _could_be(word: str, name: str) -> bool:
    """`word` is `name`, or a glob the shell could expand to it."""
    return word == name or (bool(_GLOB.search(word)) and fnmatch(name, word))


def _program(command: list[str]) -> tuple[str, list[str]]:
    """The program a simple command runs and its arguments, past assignments and wrappers (`env`, `sudo`, ...)."""
    index = 0
    while index < len(command):
        word = command[index]
        if _ASSIGNMENT.match(word):
            index += 1
            continue
        base = os.path.basename(word)
        if base in WRAPPERS:
            index += 1
            while index < len(command) and command[index].startswith("-") and command[index] not in ("-c",):
                index += 1
            continue
        return base, command[index + 1 :]
    return "", []


def _runs_idguard(program: str, args: list[str]) -> list[str] | None:
    """The idguard arguments when the command runs idguard (the script, `python -m idguard...`), else None."""
    if _could_be(program, "idguard"):
        return args
    if re.fullmatch(r"python[0-9.]*|pypy[0-9.]*|uv|pipx|uvx", program) or _could_be(program, "python"):
        for index, word in enumerate(args):
            if word == "-m" and index + 1 < len(args) and args[index + 1].startswith("idguard"):
                return args[index + 2 :]
            if word in ("run", "tool") or _could_be(word, "idguard"):
                rest = args[index + 1 :]
                if _could_be(word, "idguard"):
                    return rest
        if "-c" in args:
            code = " ".join(args[args.index("-c") + 1 :])
            if "idguard" in code and re.search(r"approve|reject|sign_decision|write_decision", code):
                return ["review", "approve"]
    return None


def _is_human_only(idguard_args: list[str]) -> bool:
    words = [w for w in idguard_args if not w.startswith("-")]
    if any(_could_be(w, "init") for w in words[:1]):
        return True
    for index, word in enumerate(words[:-1]):
        if _could_be(word, "review") and any(
            _could_be(w, "approve") or _could_be(w, "reject") for w in words[index + 1 : index + 2]
        ):
            return True
    return False


def _names_idguard_dir(word: str) -> bool:
    """The word names `.idguard` (in a path, as a glob that expands to it, or inside code passed to `-c`)."""
    return ".idguard" in word or any(_could_be(part, ".idguard") for part in re.split(r"[/\s'\"]", word))


def _writes_by_redirection(command: list[str]) -> bool:
    """Whether a redirection in the command writes a file: `> FILE`, `2>FILE`, `&> FILE`, `>> FILE`.

    Sending output to /dev/null or duplicating a descriptor (`2>&1`, `>&2`) writes no file, so `ls .idguard
    2>/dev/null` still only reads."""
    for index, word in enumerate(command):
        if word not in REDIRECTIONS:
            continue
        target = command[index + 1] if index + 1 < len(command) else ""
        if target == "/dev/null":
            continue
        if word == ">&" and (target.isdigit() or target == "-"):
            continue
        return True
    return False


def _reads_only(program: str, args: list[str], command: list[str]) -> bool:
    if _writes_by_redirection(command):
        return False
    if program in READ_ONLY_PROGRAMS:
        return True
    if program == "git":
        sub = next((a for a in args if not a.startswith("-")), "")
        return sub in READ_ONLY_GIT
    if program == "find":
        return not any(a in FIND_ACTIONS for a in args)
    if _could_be(program, "idguard"):
        words = tuple(a for a in args if not a.startswith("-"))
        return any(words[: len(prefix)] == prefix for prefix in READ_ONLY_IDGUARD)
    return False


def judge_shell(command: str) -> str | None:
    """Why an assistant's shell command must not run, or None."""
    words = tokens(command)
    if words is None:
        return UNREADABLE if "idguard" in command or "ssh-keygen" in command else None
    known: dict[str, str] = {}
    touches_idguard_dir = reads_only = None
    for raw in simple_commands(words):
        command_words, unknown = _substitute(raw, known)
        for word in command_words:
            if match := _ASSIGNMENT.match(word):
                known[match.group(1)] = match.group(2)
        program, args = _program(command_words)
        nested = _nested_command(command_words)
        if nested is not None:
            verdict = judge_shell(nested)
            if verdict is not None:
                return verdict
        idguard_args = _runs_idguard(program, args)
        if idguard_args is not None and _is_human_only(idguard_args):
            return HUMAN_ONLY
        if _could_be(program, "ssh-keygen") and "-Y" in args and "sign" in args:
            return HUMAN_ONLY
        dynamic = unknown or any("$(" in w or "`" in w for w in command_words)
        if dynamic and re.search(r"idg|\.id|ssh-keygen", " ".join(command_words)):
            return (
                "idguard cannot tell what this shell command runs (a variable or substitution it cannot "
                "resolve, next to idguard): denied to fail closed. Spell the command out."
            )
        if any(_names_idguard_dir(w) for w in command_words):
            touches_idguard_dir = True
            if not _reads_only(program, args, command_words):
                reads_only = False
    if touches_idguard_dir and reads_only is False:
        return WRITES_IDGUARD
    return None


def _nested_command(words: list[str]) -> str | None:
    """The command string of `sh -c '...'`, `bash -c ...` or `eval ...`, to judge it as well."""
    for index, word in enumerate(words):
        base = os.path.basename(word)
        if base == "eval":
            return " ".join(words[index + 1 :])
        if base in ("sh", "bash", "zsh", "dash", "ksh") and "-c" in words[index + 1 :]:
            position = words.index("-c", index + 1)
            if position + 1 < len(words):
                return words[position + 1]
    return None
