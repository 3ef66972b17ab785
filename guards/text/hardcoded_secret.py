"""IDG001: a live-looking credential written into the file."""

from __future__ import annotations

import re

from ..models import Finding, GuardMeta
from ..secrets import find_secrets
from ..secrets.detect import assigned_name
from ..text_support import TextContext, TextGuard

_RUNTIME_FIX = {
    "python": 'read it at run time: `os.environ["{name}"]` or your secrets manager (e.g. AWS Secrets Manager, Vault)',
    "javascript": "read it at run time: `process.env.{name}` or your secrets manager",
    "typescript": "read it at run time: `process.env.{name}` or your secrets manager",
    "go": 'read it at run time: `os.Getenv("{name}")` or your secrets manager',
    "java": 'read it at run time: `System.getenv("{name}")` or your secrets manager',
    "ruby": 'read it at run time: `ENV.fetch("{name}")` or your secrets manager',
    "shell": 'read it at run time: `"${name}"` from the environment or your secrets manager',
}


def env_var_name(assigned: str | None, kind: str) -> str:
    """`STRIPE_KEY` for `STRIPE_KEY = "..."`, `DB_PASSWORD` for `dbPassword: ...`; the kind when nothing is assigned.
    Never derived from the value."""
    source = assigned or kind
    words = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", source)
    return "_".join(w.upper() for w in words) or kind.upper()


def runtime_injection_hint(language: str, kind: str, assigned: str | None = None) -> str:
    name = env_var_name(assigned, kind)
    template = _RUNTIME_FIX.get(
        language, "inject it at run time from an environment variable ({name}) or a secrets manager"
    )
    return "Remove the value, rotate it, and " + template.format(name=name) + "."


class HardcodedSecret(TextGuard):
    """
    ## What it does
    Finds credentials written into a file: cloud and SaaS API keys, tokens,
    private keys, passwords in URLs and keyword assignments such as
    `password = "..."` in any language or configuration format.

    ## Why is this bad?
    A credential in source is readable by everyone with repository access, is
    copied into every clone, backup and build log, and cannot be rotated without
    a code change. Assistants that see it may repeat it elsewhere.

    ## Example
    ```python
    STRIPE_KEY = "<a live Stripe secret key>"
    ```

    ## Use instead
    ```python
    STRIPE_KEY = os.environ["STRIPE_KEY"]
    ```

    ## References
    CWE-798 Use of Hard-coded Credentials; OWASP NHI2 Secret Leakage.
    """

    id = "IDG001"
    name = "hardcoded-secret"
    title = "Hard-coded credential"
    always_run = True
    meta = GuardMeta(
        cwe=["CWE-798"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01", "PR.AA-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["secrets"],
    )
    VALID = [
        'API_KEY = os.environ["API_KEY"]\n',
        'password = getpass.getpass("Password: ")\n',
        'DATABASE_URL = "postgresql://app@db.internal:5432/app"\n',
        'token_type = "Bearer"\n',
        "password_min_length = 12\n",
    ]
    INVALID = [
        'DB_PASSWORD = "Xk9#mQ2$vL7pR4wZ"\n',
        'DATABASE_URL = "postgresql://app:' + "S3cr3tPassw0rd" + '@db.internal:5432/app"\n',
        'client = Client(api_key="' + "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc" + '")\n',
        'headers = {"Authorization": "Bearer ' + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U" + '"}\n',
    ]

    def check(self, ctx: TextContext) -> list[Finding]:
        findings = []
        for match in find_secrets(ctx.text, policy=ctx.policy, path=ctx.path, key=ctx.key):
            findings.append(
                self.finding(
                    ctx,
                    match.line,
                    f"A {match.kind.replace('_', ' ')} is written into the file.",
                    fix=runtime_injection_hint(ctx.language, match.kind, assigned_name(ctx.text, match)),
                )
            )
        return findings
