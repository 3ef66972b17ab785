"""IDG104: a function whose password/secret parameter defaults to a literal."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.credential_literals import QuietInTests, literal_string, looks_like_credential
from .support.words import secret_kind

_KINDS = frozenset({"password", "secret", "api_key", "key", "token", "credential"})


class PasswordDefaultArgument(QuietInTests):
    """
    ## What it does
    Finds function parameters named like credentials (`password`, `secret`,
    `api_key`, `token`, `client_secret`) whose default is a string literal:
    `def connect(host, password="hunter2")`. Test code is skipped.

    ## Why is this bad?
    Every caller that forgets the argument silently uses a credential known to
    anyone who reads the code; in practice the default ends up in production.

    ## Example
    ```python
    def connect(host, user="admin", password="admin"):
        ...
    ```

    ## Use instead
    ```python
    def connect(host, user, password):  # required; callers read it from the secrets manager
        ...
    ```
    """

    id = "IDG104"
    name = "password-default-argument"
    title = "Credential parameter with a literal default"
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-1393"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["secrets", "password"],
    )
    VALID = [
        Valid(
            """
            def connect(host, password=None):
                pass
            """
        ),
        Valid(
            """
            def make_header(token, token_type="Bearer", password_field="password"):
                pass
            """
        ),
        Valid(
            """
            def check(password, password_min_length=12):
                pass
            """
        ),
        Valid(
            """
            def login(user, password: str = ""):
                pass
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            def connect(host, user="admin", password="admin"):
                pass
            """,
            line=1,
        ),
        Invalid(
            """
            async def get_client(api_key: str = "dev-key-123"):
                pass
            """,
            line=1,
        ),
        Invalid(
            """
            class Vault:
                def __init__(self, url, token="root"):
                    pass
            """,
            line=2,
        ),
        Invalid(
            """
            handler = lambda req, secret="shh": sign(req, secret)
            """,
            line=1,
        ),
    ]

    def visit_Param(self, node: cst.Param) -> None:
        name = node.name.value
        if secret_kind(name) in _KINDS and looks_like_credential(literal_string(self.ctx, node.default)):
            self.report(
                node,
                f"Parameter `{name}` defaults to a credential written into the code.",
                fix=f"Make `{name}` required (or default to None and fail closed), and pass the real value from "
                "configuration or a secrets manager.",
            )
