"""IDG103: a framework signing secret (SECRET_KEY, JWT secret, client secret) written into code."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.credential_literals import (
    QuietInTests,
    in_enum_body,
    literal_string,
    looks_like_credential,
    passes_literal_string,
)
from .support.jwt import jwt_call, key_arg
from .support.words import identifier_words, secret_kind

_SIGNING_KINDS = frozenset({"secret", "key"})
_NOT_A_REAL_SECRET = frozenset({"dummy", "fake", "example", "sample", "placeholder"})
_SETTINGS_BASES = ("BaseSettings",)
_ITSDANGEROUS_SIGNERS = frozenset(
    {
        "URLSafeTimedSerializer",
        "URLSafeSerializer",
        "TimedSerializer",
        "Serializer",
        "Signer",
        "TimestampSigner",
        "TimedJSONWebSignatureSerializer",
        "JSONWebSignatureSerializer",
    }
)


class HardcodedSigningSecret(QuietInTests):
    """
    ## What it does
    Finds signing and client secrets assigned as literals: Django
    `SECRET_KEY = "..."`, Flask `app.secret_key = "..."`,
    `app.config["SECRET_KEY"] = "..."`, `app.config.update(JWT_SECRET_KEY="...")`,
    config classes and dicts (`{"SIGNING_KEY": "..."}`), `CLIENT_SECRET = "..."`.
    Also literal keys handed straight to signing calls: `jwt.encode(claims, "secret")`,
    `jwt.decode(token, "secret", ...)`, itsdangerous `URLSafeTimedSerializer("...")`,
    `hmac.new(b"...", msg, sha256)`. Any literal counts, including "dev" and
    "changeme", which a secret scanner passes as low-entropy. Test code, enum
    members, dummy values named so (passlib's `_dummy_secret`, hashed to even out
    timing) and a few raw bytes (a test vector such as `b"\\xd1\\x91"`) are skipped.

    ## Why is this bad?
    Whoever knows the signing secret can forge session cookies, password-reset
    links and JWTs for any user. A literal in code is shared with every reader of
    the repository and usually survives into production.

    ## Example
    ```python
    app.config["SECRET_KEY"] = "dev"
    ```

    ## Use instead
    ```python
    app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    ```
    """

    id = "IDG103"
    name = "hardcoded-signing-secret"
    title = "Hard-coded signing or client secret"
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-321"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01", "PR.DS-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["secrets", "session", "token"],
    )
    VALID = [
        Valid(
            """
            SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
            """
        ),
        Valid(
            """
            app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or generate_key()
            SECRET_KEY_FILE = "/run/secrets/flask_key"
            """
        ),
        Valid(
            """
            JWT_PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\\nMIIBIjAN\\n-----END PUBLIC KEY-----"
            """
        ),
        Valid(
            """
            SECRET_KEY_ENV = "APP_SECRET_KEY"
            JWT_ALGORITHM = "HS256"
            """
        ),
        Valid(
            """
            import jwt
            token = jwt.encode(claims, settings.JWT_KEY, algorithm="HS256")
            """
        ),
        Valid(
            """
            class Context:
                _dummy_secret = "too many secrets"
                secret = b"\\xd1\\x91"
            """
        ),
        Valid(
            """
            SIGNATURE_HEADER = "X-Hub-Signature-256"
            HMAC_ALGORITHM = "sha256"
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            SECRET_KEY = "django-insecure-dev-only"
            """,
            line=1,
        ),
        Invalid(
            """
            app = Flask(__name__)
            app.secret_key = "dev"
            """,
            line=2,
        ),
        Invalid(
            """
            app.config["JWT_SECRET_KEY"] = "changeme"
            """,
            line=1,
        ),
        Invalid(
            """
            app.config.update(SECRET_KEY="super secret", DEBUG=False)
            """,
            line=1,
        ),
        Invalid(
            """
            class Config:
                SECRET_KEY = "s3cret"
            """,
            line=2,
        ),
        Invalid(
            """
            SIMPLE_JWT = {"ALGORITHM": "HS256", "SIGNING_KEY": "not-so-secret"}
            """,
            line=1,
        ),
        Invalid(
            """
            import jwt
            token = jwt.encode({"sub": uid, "exp": exp}, "your-secret-key", algorithm="HS256")
            """,
            line=2,
        ),
        Invalid(
            """
            from itsdangerous import URLSafeTimedSerializer
            serializer = URLSafeTimedSerializer("email-confirm-key")
            """,
            line=2,
        ),
        Invalid(
            """
            import hmac, hashlib
            _MAC_KEY = b"kiosk"

            def sign(body):
                return hmac.new(_MAC_KEY, body, hashlib.sha256).digest()
            """,
            line=2,
        ),
    ]

    def _in_settings_class(self) -> bool:
        # pydantic BaseSettings fields are defaults for environment values: IDG107 judges those.
        for klass in self.ctx.class_stack:
            for base in klass.bases:
                if (self.ctx.qualname(base.value) or "").endswith(_SETTINGS_BASES):
                    return True
        return False

    def _check(self, name: str | None, value: cst.BaseExpression | None, node: cst.CSTNode) -> None:
        kind = secret_kind(name)
        if kind == "signature" and {"key", "keys", "secret"} & set(identifier_words(name or "")):
            kind = "key"  # `MAC_KEY`, `HMAC_SECRET`: the key a signature is made with
        if kind not in _SIGNING_KINDS or in_enum_body(self.ctx):
            return
        if _NOT_A_REAL_SECRET.intersection(identifier_words(name or "")):
            return  # passlib's `_dummy_secret`: a value hashed to even out timing, not a key
        if looks_like_credential(literal_string(self.ctx, value)):
            self.report(
                node,
                f"The signing secret `{name}` is written into the code.",
                fix=f'Load it at run time (`os.environ["{name}"]` or a secrets manager) and rotate the old value.',
            )

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._check(self.ctx.target_name(target.target), node.value, node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if not self._in_settings_class():
            self._check(self.ctx.target_name(node.target), node.value, node)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        self._check(self.ctx.string_value(node.key), node.value, node)

    def visit_Call(self, node: cst.Call) -> None:
        if not passes_literal_string(node):
            return  # both checks below judge a string literal argument
        name = self.ctx.call_name(node) or ""
        last = name.rsplit(".", 1)[-1]
        if last in ("update", "setdefault", "dict"):
            for arg in node.args:
                if arg.keyword is not None:
                    self._check(arg.keyword.value, arg.value, arg)
            return
        key = self._signing_key_argument(node, name, last)
        if key is not None and looks_like_credential(literal_string(self.ctx, key)):
            self.report(
                key,
                f"`{last}` is given a signing key written into the code.",
                fix="Pass a key loaded at run time (`os.environ[...]`, a secrets manager or a key file) and rotate this one.",
            )

    def _signing_key_argument(self, node: cst.Call, name: str, last: str) -> cst.BaseExpression | None:
        """The key argument of a signing call: `jwt.encode(claims, "k")`, `URLSafeTimedSerializer("k")`,
        `hmac.new(b"k", msg, sha256)`."""
        found = jwt_call(self.ctx, node)
        if found is not None and found[1] in ("encode", "decode", "decode_complete"):
            if found[0] == "authlib" and found[1] == "encode":
                return self.ctx.kwarg(node, "key") or self.ctx.positional(node, 2)
            return key_arg(node)
        if name.startswith("itsdangerous.") and last in _ITSDANGEROUS_SIGNERS:
            return self.ctx.kwarg(node, "secret_key") or self.ctx.positional(node, 0)
        if name in ("hmac.new", "hmac.digest", "hmac.HMAC"):
            return self.ctx.kwarg(node, "key") or self.ctx.positional(node, 0)
        return None
