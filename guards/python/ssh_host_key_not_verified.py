"""IDG139: SSH connections that accept any host key (paramiko AutoAddPolicy, StrictHostKeyChecking=no)."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard
from .support.literals import string_literal_value

_ACCEPT_ANY = frozenset(
    {
        "paramiko.AutoAddPolicy",
        "paramiko.WarningPolicy",
        "paramiko.client.AutoAddPolicy",
        "paramiko.client.WarningPolicy",
    }
)


class SshHostKeyNotVerified(PythonGuard):
    """
    ## What it does
    Finds SSH clients that trust whatever host key the server presents:
    paramiko `set_missing_host_key_policy(AutoAddPolicy())` or `WarningPolicy`,
    asyncssh `connect(..., known_hosts=None)`, and `ssh`/`scp` command lines with
    `StrictHostKeyChecking=no` or `UserKnownHostsFile=/dev/null`.

    ## Why is this bad?
    The host key is the server's identity. Accepting any key lets a
    man-in-the-middle receive the password or agent-forwarded key used to log
    in, and everything sent over the session (deploy keys, provisioning
    commands).

    ## Example
    ```python
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    ```

    ## Use instead
    ```python
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    ```
    """

    id = "IDG139"
    # paramiko imports, asyncssh and ssh/scp command lines.
    triggers = ("ssh", "paramiko")
    name = "ssh-host-key-not-verified"
    title = "SSH host key not verified"
    fix_hint = "Pin the server's host key (known_hosts / load_system_host_keys) and reject unknown keys (RejectPolicy)."
    meta = GuardMeta(
        cwe=["CWE-322", "CWE-295"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.DS-02", "PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["service_account", "secrets"],
    )
    VALID = [
        Valid(
            """
            import paramiko
            client = paramiko.SSHClient()
            client.load_system_host_keys()
            client.set_missing_host_key_policy(paramiko.RejectPolicy())
            """
        ),
        Valid(
            """
            import asyncssh
            conn = await asyncssh.connect(host, known_hosts="/etc/ssh/known_hosts", client_keys=[key_path])
            """
        ),
        Valid(
            """
            import subprocess
            subprocess.run(["ssh", "-o", "StrictHostKeyChecking=yes", host, "true"], check=True)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import paramiko
            client = paramiko.SSHClient()
            client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
            """,
            line=3,
        ),
        Invalid(
            """
            from paramiko import SSHClient, WarningPolicy
            c = SSHClient()
            c.set_missing_host_key_policy(WarningPolicy)
            """,
            line=3,
        ),
        Invalid(
            """
            import asyncssh
            conn = await asyncssh.connect(host, username="deploy", known_hosts=None)
            """,
            line=2,
        ),
        Invalid(
            """
            import subprocess
            subprocess.run(["ssh", "-o", "StrictHostKeyChecking=no", host, "rotate-keys"], check=True)
            """,
            line=2,
        ),
    ]

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if self.ctx.qualname(node) in _ACCEPT_ANY:
            self.report(node, f"`{node.attr.value}` accepts an unknown SSH host key.")

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._in_import = False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._in_import = True

    def leave_ImportFrom(self, original_node: cst.ImportFrom) -> None:
        self._in_import = False

    def visit_Name(self, node: cst.Name) -> None:
        if self._in_import:
            return
        if self.ctx.imports.get(node.value) in _ACCEPT_ANY:  # `from paramiko import AutoAddPolicy as TrustAll`
            self.report(node, f"`{node.value}` accepts an unknown SSH host key.")

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.call_name(node) or ""
        if name.startswith("asyncssh.") and name.endswith(("connect", "SSHClientConnectionOptions")):
            value = self.ctx.kwarg(node, "known_hosts")
            if isinstance(value, cst.Name) and value.value == "None":
                self.report(node, "`known_hosts=None` disables SSH host key checking.")

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if "HostKey" not in node.value and "KnownHosts" not in node.value:
            return
        value = string_literal_value(node)
        if not isinstance(value, str):
            return
        compact = value.replace(" ", "")
        if "StrictHostKeyChecking=no" in compact or "UserKnownHostsFile=/dev/null" in compact:
            self.report(node, "The ssh command line turns host key checking off.")
