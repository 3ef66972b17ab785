"""IDG126: a password, API key or token assigned as a literal in code or settings."""

from __future__ import annotations

import re

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from ..secrets.words import PLURALS, credential_name_kind
from .support.credential_literals import QuietInTests, in_enum_body, literal_string, looks_like_credential
from .support.words import identifier_words, secret_kind

_KINDS = frozenset({"password", "api_key", "token", "credential"})
_SETTINGS_BASES = ("BaseSettings",)
_IDENTIFIER_LIKE = re.compile(r"^_*[A-Za-z][A-Za-z_-]*$")


def names_the_same_thing(name: str, value: str) -> bool:
    """`GRANT_TYPE_PASSWORD = "password"`, `TOKEN_GRANT = "refresh_token"`: the value is a protocol
    word that shares a word with its name, not a credential."""
    if not _IDENTIFIER_LIKE.match(value):
        return False
    value_words = identifier_words(value.replace("-", "_"))
    shared = set(identifier_words(name)) & set(value_words)
    # A snake_case key name (`"_password_reset_token"`) or a one/two-word protocol value.
    return bool(shared) and ("-" not in value or len(value_words) <= 2)


class HardcodedCredentialAssignment(QuietInTests):
    """
    ## What it does
    Finds passwords, API keys and tokens assigned as literals: module
    constants (`DB_PASSWORD = "admin"`), attributes (`stripe.api_key = "..."`,
    `self.token = "..."`) and settings entries (`app.config["MAIL_PASSWORD"] = "..."`).
    Short and low-entropy values count too (a secret scanner lets "admin"
    pass). Signing secrets are IDG103's, settings-class defaults IDG107's;
    names that describe a credential (`PASSWORD_FIELD`, `TOKEN_URL`,
    `PASSWORD_RESET_TEMPLATE`, `reset_url_token`), plural names that hold a
    status (`summary["tokens"] = "revoked"`), enum members, protocol words
    (`GRANT_TYPE_PASSWORD = "password"`), code-like values (module paths,
    templates, snake_case names), placeholders and test code are skipped.
    IDG001 reports the same literal when its value is secret-like; this guard
    also reports the short and weak ones IDG001's value judgement lets pass.

    ## Why is this bad?
    The credential is shared with everyone who can read the repository, its
    forks and build logs, and it cannot be rotated without a release. Weak
    literal passwords are also the first ones attackers try.

    ## Example
    ```python
    app.config["MAIL_PASSWORD"] = "mailer-2024"
    ```

    ## Use instead
    ```python
    app.config["MAIL_PASSWORD"] = os.environ["MAIL_PASSWORD"]
    ```
    """

    id = "IDG126"
    name = "hardcoded-credential-assignment"
    title = "Hard-coded password, API key or token"
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-259"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01", "PR.DS-01"],
        likelihood="high",
        impact="high",
        confidence="medium",
        categories=["secrets"],
    )
    VALID = [
        Valid(
            """
            DB_PASSWORD = os.environ["DB_PASSWORD"]
            PASSWORD_FIELD = "password"
            TOKEN_URL = "https://id.example.com/token"
            """
        ),
        Valid(
            """
            GRANT_TYPE_PASSWORD = "password"
            REFRESH_GRANT = "refresh_token"
            token_type = "Bearer"
            """
        ),
        Valid(
            """
            INTERNAL_RESET_SESSION_TOKEN = "_password_reset_token"
            ID_TOKEN_CONTEXT_KEY = "id_token"
            """
        ),
        Valid(
            """
            errors = {}
            errors["password"] = "This field is required."
            API_KEY_HEADER = "X-API-Key"
            """
        ),
        Valid(
            """
            masked_token = "****"
            token = ""
            PASSWORD_PLACEHOLDER = "<password>"
            """
        ),
        Valid(
            """
            PASSWORD_RESET_TEMPLATE = "password_reset.html"
            summary["tokens"] = "revoked"
            """
        ),
        Valid(
            """
            class Grant(str, Enum):
                PASSWORD = "pa55-grant"
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            DB_PASSWORD = "admin"
            """,
            line=1,
        ),
        Invalid(
            """
            import stripe
            stripe.api_key = "not-a-real-key-value"
            """,
            line=2,
        ),
        Invalid(
            """
            app.config["MAIL_PASSWORD"] = "mailer-2024"
            """,
            line=1,
        ),
        Invalid(
            """
            class LdapClient:
                def __init__(self):
                    self.bind_password = "directory-bind-pw"
            """,
            line=3,
        ),
        Invalid(
            """
            SERVICE_TOKEN: str = "svc-token-31337"
            """,
            line=1,
        ),
    ]

    def _check(self, name: str | None, value: cst.BaseExpression | None, node: cst.CSTNode) -> None:
        if not name or secret_kind(name) not in _KINDS or credential_name_kind(name) is None or in_enum_body(self.ctx):
            return
        if identifier_words(name)[-1] in PLURALS:
            return  # `summary["tokens"] = "revoked"`: one word for many credentials is a status or a label
        text = literal_string(self.ctx, value)
        if text is None or any(c.isspace() for c in text.strip()) or names_the_same_thing(name, text.strip()):
            return
        if looks_like_credential(text):
            self.report(
                node,
                f"`{name}` is assigned a credential written into the code.",
                fix=f'Load it at run time (`os.environ["{name.upper()}"]` or a secrets manager) and rotate this value.',
            )

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._check(self.ctx.target_name(target.target), node.value, node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        in_settings = bool(self.ctx.class_stack) and any(
            (self.ctx.qualname(b.value) or "").endswith(_SETTINGS_BASES) for b in self.ctx.class_stack[-1].bases
        )
        if not in_settings:
            self._check(self.ctx.target_name(node.target), node.value, node)
