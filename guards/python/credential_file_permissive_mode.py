"""IDG163: a private key, token or credential file given permissions that let others read it."""

from __future__ import annotations

from typing import Any

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.credential_literals import is_test_path
from .support.guard import PythonGuard
from .support.literals import number_literal_value
from .support.values import definition_site, expression_words
from .support.words import identifier_words

_STAT_BITS = {
    "S_ISUID": 0o4000,
    "S_ISGID": 0o2000,
    "S_ISVTX": 0o1000,
    "S_IRWXU": 0o700,
    "S_IRUSR": 0o400,
    "S_IWUSR": 0o200,
    "S_IXUSR": 0o100,
    "S_IRWXG": 0o070,
    "S_IRGRP": 0o040,
    "S_IWGRP": 0o020,
    "S_IXGRP": 0o010,
    "S_IRWXO": 0o007,
    "S_IROTH": 0o004,
    "S_IWOTH": 0o002,
    "S_IXOTH": 0o001,
    "S_IREAD": 0o400,
    "S_IWRITE": 0o200,
    "S_IEXEC": 0o100,
}
# Words that make a path a secret: key files, token caches, credential stores, kubeconfigs.
_SECRET_PATH_WORDS = frozenset(
    {
        "key",
        "keys",
        "private",
        "priv",
        "privkey",
        "token",
        "tokens",
        "secret",
        "secrets",
        "credential",
        "credentials",
        "creds",
        "password",
        "passwords",
        "passwd",
        "htpasswd",
        "netrc",
        "pgpass",
        "kubeconfig",
        "kube",
        "keyfile",
        "keystore",
        "p12",
        "pfx",
        "jks",
        "rsa",
        "ed25519",
        "ecdsa",
        "dsa",
        "vault",
        "oauth",
        "session",
        "sessions",
        "apikey",
        "pem",
        "cookie",
        "cookies",
        "cookiejar",
        "wallet",
        "gpg",
        "pgp",
    }
)
# Words that make a path public material or an ordinary file, whatever else it mentions.
_PUBLIC_PATH_WORDS = frozenset(
    {
        "pub",
        "public",
        "crt",
        "cert",
        "certs",
        "certificate",
        "certificates",
        "chain",
        "fullchain",
        "bundle",
        "ca",
        "log",
        "logs",
        "settings",
        "preferences",
        "prefs",
        "readme",
        "html",
        "css",
        "js",
        "static",
        "known",
        "authorized",
        "fingerprint",
        "fingerprints",
        "csr",
        "meta",
        "metadata",
        "report",
        "reports",
        "pid",
        "lock",
        "sock",
        "socket",
        "manifest",
        "index",
        "thumbnail",
        "avatar",
        "upload",
        "uploads",
    }
)
# Function words that say the file being handled holds a secret (`write_kubeconfig`, `save_token`).
_SECRET_CONTEXT_WORDS = _SECRET_PATH_WORDS | {"kubeconfig", "sa", "keypair", "identity", "login", "auth"}
_FILE_CALLS = frozenset({"chmod", "lchmod", "fchmod"})
_CREATE_CALLS = frozenset({"open", "mkdir", "makedirs", "touch"})


def mode_value(ctx, expr: cst.BaseExpression | None, depth: int = 4) -> int | None:
    """The integer a permission expression stands for: `0o644`, `420`, `FILE_MODE`,
    `stat.S_IRUSR | stat.S_IWUSR`, `"644"` (as for the chmod command); None when unknown."""
    if expr is None or depth == 0:
        return None
    expr = ctx.resolve(expr)
    if isinstance(expr, cst.Integer):
        value = number_literal_value(expr)
        return value if isinstance(value, int) else None
    if isinstance(expr, cst.SimpleString):
        text = ctx.string_value(expr) or ""
        return int(text, 8) if text.isdigit() and len(text) in (3, 4) and all(c in "01234567" for c in text) else None
    if isinstance(expr, (cst.Attribute, cst.Name)):
        name = ctx.qualname(expr) or ""
        last = name.rsplit(".", 1)[-1]
        if last in _STAT_BITS and (name.startswith("stat.") or name == last):
            return _STAT_BITS[last]
        return None
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.BitOr, cst.Add, cst.BitAnd)):
        left, right = mode_value(ctx, expr.left, depth - 1), mode_value(ctx, expr.right, depth - 1)
        if left is None or right is None:
            return None
        return left & right if isinstance(expr.operator, cst.BitAnd) else left | right
    return None


class CredentialFilePermissiveMode(PythonGuard):
    """
    ## What it does
    Finds private keys, tokens, credential files and kubeconfigs given permissions that other
    users of the machine can read or change: `os.chmod(key_path, 0o644)`, `path.chmod(0o666)`,
    `os.open(token_file, os.O_CREAT | os.O_WRONLY, 0o666)`, `stat.S_IROTH` in the mode,
    `mkdir(mode=0o777)` for a credentials directory, `chmod 644` command lines, and `os.umask(0)`
    (or any umask that leaves files world-readable) in a function that writes a secret. The mode
    is followed through constants (`FILE_MODE = 0o666`; the constant is reported too, as that is
    where the value is written). Which file it is comes from the path (`id_rsa`, `tokens.json`,
    `service-account.json`, `~/.kube/config`) or, for a plain `dest` variable, from the function
    (`write_kubeconfig`, `TokenCache.save`). Public material (`.pub`, certificates, CA chains),
    logs and settings files keep permissive modes quietly; `0o600`, `0o400` and `0o640` are fine.

    In test code (`tests/`, `test_*.py`) findings are low: fixtures use small keys and
    throwaway files for speed.

    ## Why is this bad?
    Every account on the host, every container sharing the volume and every process compromised
    through another service can read a world-readable key or token and act as its owner. ssh
    and kubectl refuse or warn on such files for this reason; most tools do not.

    ## Example
    ```python
    dest.write_bytes(private_pem)
    os.chmod(dest, 0o644)
    ```

    ## Use instead
    ```python
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(private_pem)
    ```
    """

    id = "IDG163"
    name = "credential-file-permissive-mode"
    title = "Credential file readable by other users"
    fix_hint = (
        "Give secrets owner-only permissions: create them with `os.open(path, os.O_WRONLY | os.O_CREAT | "
        "os.O_TRUNC, 0o600)` (directories 0o700); keep 0o644 for public keys and certificates only."
    )
    # chmod/umask calls, os.open modes, mkdir(mode=...) and stat bits all spell one of these.
    triggers = ("chmod", "umask", "mode", "s_iro", "s_iwo")
    meta = GuardMeta(
        cwe=["CWE-732", "CWE-276"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01", "PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["secrets", "service_account"],
    )
    VALID = [
        Valid(
            """
            import os
            os.chmod(private_key_path, 0o600)
            """
        ),
        Valid(
            """
            import os
            os.chmod(public_key_path, 0o644)
            """
        ),
        Valid(
            """
            import os

            def write_onboarding_log(log_file):
                log_file.chmod(0o644)
            """
        ),
        Valid(
            """
            import os
            fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o400)
            """
        ),
        Valid(
            """
            import os
            old = os.umask(0o077)
            """
        ),
        Valid(
            """
            import os
            cert_path = TLS_DIR / "server.crt"
            os.chmod(cert_path, 0o644)
            """
        ),
        Valid(
            """
            from pathlib import Path
            ssh_dir = Path.home() / ".ssh"
            ssh_dir.mkdir(mode=0o700, exist_ok=True)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import os
            dest = KEY_ROOT / host / "id_rsa"
            dest.write_bytes(pem)
            os.chmod(dest, 0o644)
            """,
            line=4,
        ),
        Invalid(
            """
            import os, stat

            def write_kubeconfig(doc, dest):
                os.chmod(dest, stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)
            """,
            line=4,
        ),
        Invalid(
            """
            import os
            FILE_MODE = 0o666

            class TokenCache:
                def save(self, access_token):
                    fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT, FILE_MODE)
            """,
            line=2,
        ),
        Invalid(
            """
            import os

            def export_device_key(private_pem, dest):
                old = os.umask(0)
                with open(dest, "wb") as fh:
                    fh.write(private_pem)
            """,
            line=4,
        ),
        Invalid(
            """
            from pathlib import Path
            path = SECRETS_ROOT / tenant / "credentials"
            path.mkdir(parents=True, mode=0o777)
            """,
            line=3,
        ),
        Invalid(
            """
            import subprocess
            subprocess.run(["chmod", "644", "/etc/app/api_token"], check=True)
            """,
            line=2,
        ),
    ]

    def report(self, node: cst.CSTNode, message: str | None = None, **kwargs: Any) -> None:
        if is_test_path(self.ctx.path):
            kwargs["severity"] = Severity.low  # test fixtures use small keys and throwaway files for speed
        super().report(node, message, **kwargs)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        last = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if last in _FILE_CALLS:
            self._check_chmod(node)
        elif last in _CREATE_CALLS:
            self._check_create(node, last)
        elif last == "umask":
            self._check_umask(node)
        elif last in ("run", "call", "check_call", "check_output", "Popen", "system"):
            self._check_command(node)

    # -- the calls ---------------------------------------------------------
    def _check_chmod(self, node: cst.Call) -> None:
        name = self.ctx.call_name(node) or ""
        if name in ("os.chmod", "os.lchmod", "os.fchmod"):
            path, mode = (
                self.ctx.kwarg(node, "path") or self.ctx.positional(node, 0),
                self.ctx.kwarg(node, "mode") or self.ctx.positional(node, 1),
            )
        elif isinstance(node.func, cst.Attribute) and not name.startswith("os."):
            path, mode = node.func.value, self.ctx.kwarg(node, "mode") or self.ctx.positional(node, 0)  # Path.chmod
        else:
            return
        self._judge(node, path, mode, directory=False)

    def _check_create(self, node: cst.Call, last: str) -> None:
        name = self.ctx.call_name(node) or ""
        if last == "open":
            if name != "os.open":
                return
            path, mode = (
                self.ctx.kwarg(node, "path") or self.ctx.positional(node, 0),
                self.ctx.kwarg(node, "mode") or self.ctx.positional(node, 2),
            )
            flags = self.ctx.kwarg(node, "flags") or self.ctx.positional(node, 1)
            if mode is None and flags is not None and "O_CREAT" in self.ctx.source(self.ctx.resolve(flags) or flags):
                mode = cst.Integer(
                    "0o777"
                )  # os.open's default mode: only the umask stands between the file and everyone
            self._judge(node, path, mode, directory=False)
        elif name in ("os.mkdir", "os.makedirs"):
            path, mode = (
                self.ctx.kwarg(node, "name") or self.ctx.positional(node, 0),
                self.ctx.kwarg(node, "mode") or self.ctx.positional(node, 1),
            )
            self._judge(node, path, mode, directory=True)
        elif isinstance(node.func, cst.Attribute) and not name.startswith("os."):
            # pathlib: Path.mkdir(mode=0o777, ...) / Path.touch(mode=0o666, ...)
            self._judge(
                node,
                node.func.value,
                self.ctx.kwarg(node, "mode") or self.ctx.positional(node, 0),
                directory=last == "mkdir",
            )

    def _check_umask(self, node: cst.Call) -> None:
        if (self.ctx.call_name(node) or "") != "os.umask":
            return
        mask = mode_value(self.ctx, self.ctx.positional(node, 0))
        if mask is None or mask & 0o004:
            return  # others cannot read new files
        if not self._context_is_secret():
            return
        self.report(
            node,
            f"`os.umask({_octal(mask)})` makes the files this function writes readable by every user; it writes a secret.",
            fix="Keep a restrictive umask (`os.umask(0o077)`) around code that writes keys or tokens, or create the file "
            "with `os.open(path, flags, 0o600)`.",
        )

    def _check_command(self, node: cst.Call) -> None:
        first = self.ctx.positional(node, 0)
        first = self.ctx.resolve(first)
        words: list[str | None]
        if isinstance(first, (cst.List, cst.Tuple)):
            words = [self.ctx.string_value(e.value) for e in first.elements]
        else:
            text = self.ctx.string_value(first)
            words = [*text.split()] if text else []
        if len(words) < 3 or words[0] != "chmod" or words[1] is None:
            return
        mode = int(words[1], 8) if words[1].isdigit() and all(c in "01234567" for c in words[1]) else None
        if mode is None or not self._file_mode_too_open(mode):
            return
        target = " ".join(w for w in words[2:] if w)
        verdict = self._path_verdict(set(_split(target)))
        if verdict is True or verdict is None and self._context_is_secret():
            self.report(node, f"`chmod {words[1]}` leaves a credential file readable by other users.")

    # -- judgement ---------------------------------------------------------
    @staticmethod
    def _file_mode_too_open(mode: int) -> bool:
        return bool(mode & 0o006 or mode & 0o020)  # others may read or write; or the group may write

    @staticmethod
    def _dir_mode_too_open(mode: int) -> bool:
        return bool(mode & 0o002)  # anyone may add, replace or delete files in it

    def _judge(
        self, node: cst.Call, path: cst.BaseExpression | None, mode_expr: cst.BaseExpression | None, *, directory: bool
    ) -> None:
        mode = mode_value(self.ctx, mode_expr)
        if mode is None:
            return
        if not (self._dir_mode_too_open(mode) if directory else self._file_mode_too_open(mode)):
            return
        verdict = self._path_verdict(expression_words(self.ctx, path)) if path is not None else None
        if verdict is False or verdict is None and not self._context_is_secret():
            return
        what = "directory holding credentials" if directory else "credential file"
        message = f"Mode {_octal(mode)} lets other users {'write to' if directory else 'read'} this {what}."
        self.report(node, message)
        constant = definition_site(self.ctx, mode_expr)
        if constant is not None and not isinstance(constant, cst.Call):
            self.report(
                constant,
                f"Mode {_octal(mode)}, used for a {what}, lets other users {'write to' if directory else 'read'} it.",
            )

    @staticmethod
    def _path_verdict(words: set[str]) -> bool | None:
        """True for a secret's path, False for public material or an ordinary file, None when the path says neither."""
        if words & _PUBLIC_PATH_WORDS:
            return False
        if words & _SECRET_PATH_WORDS or {"service", "account"} <= words or {"id", "rsa"} <= words:
            return True
        return None

    def _context_is_secret(self) -> bool:
        """The enclosing function (its name, parameters) or class says it handles a secret."""
        words: set[str] = set()
        function = self.ctx.current_function
        if isinstance(function, cst.FunctionDef):
            words.update(identifier_words(function.name.value))
            for param in (*function.params.params, *function.params.kwonly_params):
                words.update(identifier_words(param.name.value))
        for klass in self.ctx.class_stack[-1:]:
            words.update(identifier_words(klass.name.value))
        if words & _PUBLIC_PATH_WORDS:
            return False
        return bool(words & _SECRET_CONTEXT_WORDS) or {"service", "account"} <= words


def _octal(mode: int) -> str:
    return f"0o{mode:03o}"


def _split(text: str) -> list[str]:
    out: list[str] = []
    for part in "".join(c if c.isalnum() else " " for c in text).split():
        out.extend(identifier_words(part))
    return out
