"""IDG126: a password, API key or token assigned as a literal in code or settings."""

from __future__ import annotations

import re

import libcst as cst

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

    ## References
    CWE-798 Use of Hard-coded Credentials; CWE-259 Use of Hard-coded Password;
    OWASP NHI2 Secret Leakage.
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
        'DB_PASSWORD = os.environ["DB_PASSWORD"]\nPASSWORD_FIELD = "password"\nTOKEN_URL = "https://id.example.com/token"\n',
        'GRANT_TYPE_PASSWORD = "password"\nREFRESH_GRANT = "refresh_token"\ntoken_type = "Bearer"\n',
        'INTERNAL_RESET_SESSION_TOKEN = "_password_reset_token"\nID_TOKEN_CONTEXT_KEY = "id_token"\n',
        'errors = {}\nerrors["password"] = "This field is required."\nAPI_KEY_HEADER = "X-API-Key"\n',
        'masked_token = "****"\ntoken = ""\nPASSWORD_PLACEHOLDER = "<password>"\n',
        'PASSWORD_RESET_TEMPLATE = "password_reset.html"\nsummary["tokens"] = "revoked"\n',
        'class Grant(str, Enum):\n    PASSWORD = "pa55-grant"\n',
    ]
    INVALID = [
        'DB_PASSWORD = "admin"\n',
        'import stripe\nstripe.api_key = "not-a-real-key-value"\n',
        'app.config["MAIL_PASSWORD"] = "mailer-2024"\n',
        'class LdapClient:\n    def __init__(self):\n        self.bind_password = "directory-bind-pw"\n',
        'SERVICE_TOKEN: str = "svc-token-31337"\n',
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
