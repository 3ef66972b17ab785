"""IDG106: a connection URL with a password written into it."""

from __future__ import annotations

import re

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.context import PythonContext
from .support.credential_literals import QuietInTests, looks_like_credential
from .support.literals import string_literal_value

_URL_WITH_PASSWORD = re.compile(
    r"\b[a-zA-Z][a-zA-Z0-9+.-]*://(?P<user>[^:/@\s\"']*):(?P<password>[^@\s\"'/]+)@[\w.\-\[\]{]"
)

# libpq / ODBC / ADO connection strings: `host=db user=app password=...`, `SERVER=...;UID=sa;PWD=...`.
_CONNECTION_STRING = re.compile(r"(?i)\b(?:host|server|dbname|database|data source|uid|user id|user)\s*=")
_DSN_PASSWORD = re.compile(r"(?i)\b(?:password|pwd)\s*=\s*(?P<password>[^\s;'\"]+)")
# How documentation spells "the password goes here".
_DOC_PASSWORDS = frozenset({"password", "pass", "passwd", "pwd", "secret", "your_password", "yourpassword", "pw"})


class UrlWithEmbeddedPassword(QuietInTests):
    """
    ## What it does
    Finds database, broker, cache and HTTP URLs whose password part is written
    into the code: `"postgresql://app:app@db/app"`, `f"redis://:hunter2@{host}"`,
    and connection strings such as `"host=db user=app password=..."` or
    ODBC `"SERVER=...;UID=sa;PWD=..."`.
    Passwords interpolated from variables (`f"...:{password}@..."`) and
    placeholders (`${DB_PASSWORD}`, `%(password)s`, the word "password"),
    docstrings and test code are fine.

    ## Why is this bad?
    A URL is the one form of credential that gets logged, printed in tracebacks
    and copied into docs. Default-style passwords ("postgres", "guest") are the
    first thing an attacker tries.

    ## Example
    ```python
    engine = create_engine("postgresql://app:app@db.internal/app")
    ```

    ## Use instead
    ```python
    engine = create_engine(os.environ["DATABASE_URL"])
    ```
    """

    id = "IDG106"
    name = "url-with-embedded-password"
    title = "Password embedded in a connection URL"
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-259"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01", "PR.DS-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["secrets"],
    )
    VALID = [
        Valid(
            """
            DATABASE_URL = os.environ["DATABASE_URL"]
            engine = create_engine("postgresql://app@db.internal/app")
            """
        ),
        Valid(
            """
            url = f"postgresql://{user}:{password}@{host}:5432/{name}"
            """
        ),
        Valid(
            """
            BROKER = "amqp://${RABBIT_USER}:${RABBIT_PASSWORD}@mq:5672//"
            DOCS = "https://example.com/a:b"
            """
        ),
        Valid(
            """
            TEMPLATE = "postgresql://%(user)s:%(password)s@%(host)s/app"
            """
        ),
        Valid(
            """
            dsn = f"host={host} dbname=auth user={user} password={password}"
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            engine = create_engine("postgresql://app:app@db.internal:5432/app")
            """,
            line=1,
        ),
        Invalid(
            """
            REDIS_URL = "redis://:hunter2@cache:6379/0"
            """,
            line=1,
        ),
        Invalid(
            """
            url = f"mongodb://admin:admin@{host}:27017/identity"
            """,
            line=1,
        ),
        Invalid(
            """
            BROKER = "amqp://guest:guest@localhost:5672//"
            """,
            line=1,
        ),
        Invalid(
            """
            conn = psycopg.connect("host=db.internal dbname=auth user=auth password=auth-db-pass")
            """,
            line=1,
        ),
        Invalid(
            """
            cnxn = pyodbc.connect("DRIVER={ODBC Driver 18};SERVER=sql.internal;UID=sa;PWD=Sa-Passw0rd-1")
            """,
            line=1,
        ),
    ]

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self._docstrings: set[int] = set()

    def visit_Expr(self, node: cst.Expr) -> None:
        # A bare string statement is documentation; example URLs there are not credentials in use.
        if isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString)):
            self._docstrings.add(id(node.value))

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if id(node) in self._docstrings:
            return
        value = string_literal_value(node)
        if isinstance(value, str):
            self._check(node, value)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        # Interpolations become "{}" so a password taken from a variable reads as a placeholder.
        text = "".join(part.value if isinstance(part, cst.FormattedStringText) else "{}" for part in node.parts)
        self._check(node, text)

    def _check(self, node: cst.CSTNode, text: str) -> None:
        if "=" not in text and "@" not in text:
            return  # neither pattern can match: most strings in a file end here, before any regex
        if _CONNECTION_STRING.search(text):
            for match in _DSN_PASSWORD.finditer(text):
                password = match.group("password")
                if "{" not in password and password.lower() not in _DOC_PASSWORDS and looks_like_credential(password):
                    self.report(
                        node,
                        "A password is written into this connection string.",
                        fix="Read the connection string (or its password) from the environment or a secrets manager.",
                    )
                    return
        for match in _URL_WITH_PASSWORD.finditer(text):
            password = match.group("password")
            if (
                "{" in password
                or "%" in password
                or password.lower() in _DOC_PASSWORDS
                or not looks_like_credential(password)
            ):
                continue
            self.report(
                node,
                "A password is written into this URL.",
                fix="Read the whole URL (or its password) from the environment or a secrets manager at run time.",
            )
            return
