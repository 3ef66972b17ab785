"""IDG107: a secret read from the environment with a literal fallback."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.credential_literals import QuietInTests, looks_like_credential
from .support.words import identifier_words, secret_kind

_KINDS = frozenset({"password", "secret", "api_key", "key", "token", "credential"})
_GETTERS = frozenset({"os.getenv", "os.environ.get", "os.environ.setdefault", "environ.get", "getenv"})
# python-decouple `config(...)`, django-environ `env(...)`/`env.str(...)`, starlette `Config(...)` instances.
_CONFIG_GETTERS = frozenset({"decouple.config", "config", "env", "env.str", "env.bytes", "environ.Env"})
_SETTINGS_BASES = ("BaseSettings",)
_CONFIG_WORDS = frozenset({"config", "settings", "conf", "cfg", "env", "environ", "environment", "options"})


class SecretEnvDefault(QuietInTests):
    """
    ## What it does
    Finds secrets read from configuration with a literal fallback:
    `os.getenv("JWT_SECRET", "dev")`, `os.environ.get("API_KEY") or "changeme"`,
    `os.environ.setdefault("SECRET_KEY", "x")`, `getattr(settings, "API_TOKEN", "x")`,
    `app.config.get("JWT_SECRET_KEY", "x")`, python-decouple
    `config("SECRET_KEY", default="...")`, django-environ `env("...", default=...)`,
    and pydantic-settings fields such as `jwt_secret: str = "dev"`. Test code is
    skipped.

    ## Why is this bad?
    When the variable is missing (a new environment, a typo, a renamed secret)
    the service starts anyway, signing tokens with a key that is in the source
    code. The failure is silent: it fails open instead of refusing to start.

    ## Example
    ```python
    JWT_SECRET = os.getenv("JWT_SECRET", "dev-secret")
    ```

    ## Use instead
    ```python
    JWT_SECRET = os.environ["JWT_SECRET"]  # KeyError at start-up when it is missing
    ```
    """

    id = "IDG107"
    name = "secret-env-default"
    title = "Secret with a hard-coded fallback value"
    meta = GuardMeta(
        cwe=["CWE-1188", "CWE-798"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01", "PR.PS-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["secrets"],
    )
    VALID = [
        Valid(
            """
            JWT_SECRET = os.environ["JWT_SECRET"]
            JWT_ALGORITHM = os.getenv("JWT_ALGORITHM", "RS256")
            """
        ),
        Valid(
            """
            TTL = int(os.getenv("TOKEN_TTL_SECONDS", "900"))
            HEADER = os.environ.get("API_KEY_HEADER", "X-API-Key")
            """
        ),
        Valid(
            """
            SECRET = os.getenv("APP_SECRET", "")
            if not SECRET:
                raise RuntimeError("APP_SECRET is not set")
            """
        ),
        Valid(
            """
            from pydantic_settings import BaseSettings

            class Settings(BaseSettings):
                jwt_secret: str
                jwt_algorithm: str = 'HS256'
            """
        ),
        Valid(
            """
            claims = {"sub": uid}
            role = claims.get("token_role", "member")
            alg = getattr(settings, "JWT_ALGORITHM", "HS256")
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            JWT_SECRET = os.getenv("JWT_SECRET", "dev-secret")
            """,
            line=1,
        ),
        Invalid(
            """
            from os import environ
            API_KEY = environ.get("PAYMENTS_API_KEY") or "changeme"
            """,
            line=2,
        ),
        Invalid(
            """
            os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-dev-key")
            """,
            line=1,
        ),
        Invalid(
            """
            from decouple import config
            SECRET_KEY = config('SECRET_KEY', default='dev')
            """,
            line=2,
        ),
        Invalid(
            """
            from pydantic_settings import BaseSettings

            class Settings(BaseSettings):
                jwt_secret: str = 'dev'
            """,
            line=4,
        ),
        Invalid(
            """
            from django.conf import settings
            API_TOKEN = getattr(settings, "PARTNER_API_TOKEN", "partner-dev-token")
            """,
            line=2,
        ),
        Invalid(
            """
            key = current_app.config.get("JWT_SECRET_KEY", "flask-dev-key")
            """,
            line=1,
        ),
    ]

    def _lookup_name(self, call: cst.Call) -> str | None:
        name = self.ctx.call_name(call) or ""
        if name in _GETTERS or name in _CONFIG_GETTERS or self._is_config_get(call):
            return self.ctx.string_value(self.ctx.positional(call, 0))
        if name in ("getattr", "builtins.getattr") and _CONFIG_WORDS & set(
            identifier_words((self.ctx.qualname(self.ctx.positional(call, 0)) or "").replace(".", "_"))
        ):
            return self.ctx.string_value(self.ctx.positional(call, 1))
        return None

    def _is_config_get(self, call: cst.Call) -> bool:
        """`app.config.get("JWT_SECRET", ...)`, `settings.get(...)`, `cfg.get(...)`."""
        if not (isinstance(call.func, cst.Attribute) and call.func.attr.value == "get"):
            return False
        receiver = self.ctx.qualname(call.func.value) or ""
        return bool(_CONFIG_WORDS & set(identifier_words(receiver.replace(".", "_"))))

    def _default(self, call: cst.Call) -> cst.BaseExpression | None:
        name = self.ctx.call_name(call) or ""
        if name in ("getattr", "builtins.getattr"):
            return self.ctx.positional(call, 2)
        return self.ctx.kwarg(call, "default") or self.ctx.positional(call, 1)

    def _report(self, node: cst.CSTNode, variable: str) -> None:
        self.report(
            node,
            f"`{variable}` falls back to a value written in the code when it is not configured.",
            fix=f'Fail closed: read it with `os.environ["{variable}"]` (or no default) and refuse to start without it.',
        )

    def visit_Call(self, node: cst.Call) -> None:
        variable = self._lookup_name(node)
        if variable is None or secret_kind(variable) not in _KINDS:
            return
        if looks_like_credential(self.ctx.string_value(self._default(node))):
            self._report(node, variable)

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> None:
        if not isinstance(node.operator, cst.Or) or not isinstance(node.left, cst.Call):
            return
        variable = self._lookup_name(node.left)
        if (
            variable is not None
            and secret_kind(variable) in _KINDS
            and looks_like_credential(self.ctx.string_value(node.right))
        ):
            self._report(node, variable)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is None or not self._in_settings_class():
            return
        name = self.ctx.target_name(node.target)
        if secret_kind(name) not in _KINDS:
            return
        value = node.value
        if isinstance(value, cst.Call) and value.args:  # Field("dev") / Field(default="dev") / SecretStr("dev")
            value = self.ctx.kwarg(value, "default") or self.ctx.positional(value, 0) or value
        if looks_like_credential(self.ctx.string_value(value)):
            assert name is not None
            self._report(node, name)

    def _in_settings_class(self) -> bool:
        if not self.ctx.class_stack:
            return False
        klass = self.ctx.class_stack[-1]
        return any((self.ctx.qualname(b.value) or "").endswith(_SETTINGS_BASES) for b in klass.bases)
