"""IDG001: a live-looking credential written into the file."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, with_article
from ..secrets import find_secrets
from ..secrets.code import CodeSecret, find_code_secrets
from ..secrets.detect import assigned_name
from .support import TextContext, TextGuard

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
    private keys, passwords in URLs, and passwords or secrets written where a
    credential goes.

    In source code idguard parses (Python), a secret is a *literal value*: a
    string assigned to, passed as, compared with, stored under, returned by or
    the default of something named like a credential (`DB_PASSWORD = "..."`,
    `psycopg2.connect(password="...")`, `if password == "..."`,
    `{"api_key": "..."}`, `smtp.login(user, "...")`), a module constant that
    reaches such a place, a keyword assignment inside a string (a DSN or a
    connection string), or a value shaped like a known credential format
    anywhere (provider-prefixed tokens and private keys, also in comments and
    docstrings). Names, attributes, comments, docstrings, dictionary keys,
    protocol words (`"grant_type": "refresh_token"`, the grant type
    `"password"`), enum and `Literal[...]` members and word lists are not
    secrets; placeholders, environment and secret-manager references and
    code-like values are not either. Each literal is reported once, at its own
    line and column. In test files only random-looking values and known formats
    count (fixture passwords such as `"secret123"` do not).

    Other files (configuration formats, languages without a front end, and
    prompts through `redact_prompt`) are read as text: keyword assignments such
    as `password = "..."`, `"apiKey": "..."`, `DB_PASS=...` in any syntax.

    ## Why is this bad?
    A credential in source is readable by everyone with repository access, is
    copied into every clone, backup and build log, and cannot be rotated without
    a code change. Assistants that see it may repeat it elsewhere.

    ## Example
    ```python
    STRIPE_KEY = "<a live Stripe secret key>"
    if password == "Br3akGl4ss!2023":
        grant_break_glass_access()
    ```

    ## Use instead
    ```python
    STRIPE_KEY = os.environ["STRIPE_KEY"]
    if hmac.compare_digest(password, os.environ["BREAK_GLASS_PASSWORD"]):
        grant_break_glass_access()
    ```
    """

    id = "IDG001"
    name = "hardcoded-secret"
    title = "Hard-coded credential"
    always_run = True
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-259"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01", "PR.AA-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["secrets"],
    )
    VALID = [
        Valid(
            """
            API_KEY = os.environ["API_KEY"]
            """
        ),
        Valid(
            """
            password = getpass.getpass("Password: ")
            """
        ),
        Valid(
            """
            DATABASE_URL = "postgresql://app@db.internal:5432/app"
            """
        ),
        Valid(
            """
            token_type = "Bearer"
            """
        ),
        Valid(
            """
            password_min_length = 12
            """
        ),
        Valid(
            """
            data = {"grant_type": "refresh_token", "token_type_hint": "access_token", "password": password}
            """
        ),
        Valid(
            """
            GRANT_TYPES = ("token", "authorization_code", "refresh_token")
            RESULTS = ["pass", "fail", "skip"]
            """
        ),
        Valid(
            '''
            def access_token_url(self):
                """The password is hunter2Xk9 in the docs."""
                return self.setting("URL")
            '''
        ),
        Valid(
            """
            r = requests.post(url, auth=(CLIENT_ID, CLIENT_SECRET))
            if new_password == current_password:
                pass
            """
        ),
        Valid(
            """
            class GrantType(str, Enum):
                PASSWORD = "password"
                REFRESH_TOKEN = "refresh_token"
            """
        ),
        Valid(
            """
            COMMON_PASSWORDS = {"password", "123456", "letmein", "admin123"}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            DB_PASSWORD = "Xk9#mQ2$vL7pR4wZ"
            """,
            line=1,
        ),
        Invalid(
            'DATABASE_URL = "postgresql://app:' + "S3cr3tPassw0rd" + '@db.internal:5432/app"\n',
            line=1,
        ),
        Invalid(
            'client = Client(api_key="' + "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc" + '")\n',
            line=1,
        ),
        Invalid(
            'headers = {"Authorization": "Bearer '
            + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
            + '"}\n',
            line=1,
        ),
        Invalid(
            'def login(username, password):\n    return password == "' + "Br3akGl4ss!2023" + '"\n',
            line=2,
        ),
        Invalid(
            'conn = ldap3.Connection(server, BIND_DN, "' + "pS-sync!4471" + '", auto_bind=True)\n',
            line=1,
        ),
        Invalid(
            'BREAK_GLASS = "' + "rl-cache-9b1f2e" + '"\nr = redis.Redis(host="cache", password=BREAK_GLASS)\n',
            line=1,
        ),
    ]

    def check(self, ctx: TextContext) -> list[Finding]:
        code = find_code_secrets(ctx.text, ctx.language, policy=ctx.policy, path=ctx.path, key=ctx.key)
        if code is not None:
            return [self._code_finding(ctx, match) for match in code]
        findings = []
        for match in find_secrets(ctx.text, policy=ctx.policy, path=ctx.path, key=ctx.key):
            if match.repeated:
                continue  # another copy of a value already reported (it is still redacted everywhere)
            findings.append(
                self.finding(
                    ctx,
                    match.line,
                    f"{with_article(match.kind.replace('_', ' '))} is written into the file.",
                    column=match.column,
                    fix=runtime_injection_hint(ctx.language, match.kind, assigned_name(ctx.text, match)),
                )
            )
        return findings

    def _code_finding(self, ctx: TextContext, match: CodeSecret) -> Finding:
        kind = match.kind.replace("_", " ")
        where = f" ({match.where})" if match.where else ""
        assigned = match.name if match.name and match.name != "password" else assigned_name(ctx.text, match)
        return self.finding(
            ctx,
            match.line,
            f"{with_article(kind)} is written into the code{where}.",
            column=match.column,
            fix=runtime_injection_hint(ctx.language, match.kind, assigned),
        )
