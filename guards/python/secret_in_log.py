"""IDG119: a secret's value written to logs, stdout or an exception message."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta, Severity
from ..python_support import PythonGuard, identifier_words
from ._secret_refs import secret_reference

_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log", "msg"})
_LOGGER_WORDS = frozenset({"log", "logger", "logging", "audit", "structlog", "syslog"})
_CONSOLE = frozenset({"print", "builtins.print", "pprint.pprint", "click.echo", "click.secho", "typer.echo"})
# The last part of each console writer's name: a call ending in anything else is none of them.
_CONSOLE_LAST_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in _CONSOLE)
_ISSUING_VERBS = frozenset({"create", "generate", "issue", "rotate", "new", "mint", "show", "display", "reveal"})
_REQUEST_BODIES = frozenset({"form", "json", "get_json", "POST", "data", "body", "values"})
_CREDENTIAL_HANDLER_WORDS = frozenset(
    {"login", "signin", "signup", "register", "registration", "password", "token", "authenticate", "auth", "credentials"}
)
_KINDS = frozenset({"token", "password", "secret", "api_key", "key", "credential", "code"})


class SecretInLog(PythonGuard):
    """
    ## What it does
    Finds secret values passed to logging calls (`logger.info`, `logging.debug`,
    structlog `log.info(..., token=token)`), `print`, and exception messages
    (`raise ValueError(f"bad token {token}")`): variables and attributes named
    like tokens, passwords, secrets, API keys and one-time codes, the
    `Authorization` header, or `request.headers` as a whole. Logging a token's
    id, type, length, prefix (`token[:6]`) or a masked/fingerprinted value is fine.
    Logging a whole request body (`request.form`, `request.json`) inside a
    login, sign-up, password or token handler counts too: it holds the
    credentials. A command that prints the secret it has just created (`print(key)` inside
    `create_api_key()`) is show-once delivery: reported as low, not as a leak.
    A secret only tested (`"missing" if token in (None, "") else "invalid"`,
    `not token`) is not logged.

    Debug-level logging counts: authlib and oauthlib log each issued token
    (`log.debug("Issue token %r to %r", token, client)`) and oauthlib the refresh
    token it validates; any level can be switched on in production, and then
    every token is in the logs. What idguard cannot see from the call site is
    reported too: an exception class that formats only its argument's type
    (passlib's `ExpectedStringError(secret, "secret")`) or a masking helper it
    does not know (passlib's `debug_only_repr(secret)`); suppress such a line with
    the reason.

    ## Why is this bad?
    Logs are copied to aggregators, tickets and laptops, kept for months and
    read by many more people than the secret's owner. Exception messages end up
    in error trackers and HTTP responses.

    ## Example
    ```python
    logger.info("issued token %s for %s", token, user.id)
    ```

    ## Use instead
    ```python
    logger.info("issued token %s for %s", token_fingerprint(token), user.id)
    ```

    ## References
    CWE-532 Insertion of Sensitive Information into Log File; CWE-209;
    OWASP NHI2 Secret Leakage.
    """

    id = "IDG119"
    name = "secret-in-log"
    title = "Secret written to a log or message"
    meta = GuardMeta(
        cwe=["CWE-532", "CWE-209"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01", "DE.CM-09"],
        likelihood="high",
        impact="medium",
        confidence="medium",
        categories=["secrets", "token"],
    )
    VALID = [
        'logger.info("issued token %s for user %s", token.id, user.id)\n',
        'log.debug("token type %s, length %d", token_type, len(token))\n',
        'logger.info("api key %s... created", api_key[:6])\nprint(f"fingerprint={fingerprint(secret)}")\n',
        'logger.warning("password reset requested for %s", user.email)\nraise ValueError("invalid token")\n',
        '@app.post("/orders")\ndef create_order():\n    log.info("order request: %s", request.json)\n',
        'def login(request):\n    logger.warning("failed login for %s", request.POST["username"])\n',
        'raise AuthInputError(self, code="missing" if session_secret in (None, "") else "invalid")\n',
    ]
    INVALID = [
        'logger.info("issued token %s for user %s", token, user.id)\n',
        'import logging\nlogging.debug(f"login attempt {username}:{password}")\n',
        'print("client secret:", settings.OAUTH_CLIENT_SECRET)\n',
        'raise AuthError(f"refresh failed for {refresh_token}")\n',
        'log.info("request", headers=request.headers)\n',
        'logger.debug("auth header %s", request.headers.get("Authorization"))\n',
        '@app.post("/login")\ndef login():\n    app.logger.info("login request: %s", request.form)\n',
        'async def token_endpoint(request):\n    logger.debug("token request %s", await request.json())\n',
    ]

    def _is_log_call(self, call: cst.Call) -> bool:
        # Cheap rejections first, before resolving the dotted name through the imports.
        func = call.func
        if isinstance(func, cst.Attribute):
            if func.attr.value not in _LOG_METHODS and func.attr.value not in _CONSOLE_LAST_NAMES:
                return False
        elif not isinstance(func, cst.Name):
            return False  # `handlers[kind](...)`, `factory()(...)`: neither a console writer nor a logger method
        name = self.ctx.call_name(call) or ""
        if name in _CONSOLE:
            return True
        if not isinstance(call.func, cst.Attribute) or call.func.attr.value not in _LOG_METHODS:
            return False
        receiver = self.ctx.qualname(call.func.value) or ""
        return bool(_LOGGER_WORDS.intersection(identifier_words(receiver.replace(".", "_"))))

    def visit_Call(self, node: cst.Call) -> None:
        if self._is_log_call(node):
            printed = (self.ctx.call_name(node) or "") in _CONSOLE
            self._check_args(node, "printed" if printed else "logged", show_once=printed and self._in_issuing_command())

    def _in_issuing_command(self) -> bool:
        """`print(api_key)` inside `create_api_key()` is how a CLI hands a new secret to its operator once."""
        function = self.ctx.current_function
        return isinstance(function, cst.FunctionDef) and bool(
            _ISSUING_VERBS.intersection(identifier_words(function.name.value))
        )

    def visit_Raise(self, node: cst.Raise) -> None:
        if isinstance(node.exc, cst.Call):
            self._check_args(node.exc, "put into an exception message")

    def _credentials_body(self, expr: cst.BaseExpression) -> str | None:
        """`request.form` / `request.json` / `request.POST` / `await request.json()` logged whole inside
        a login, sign-up, password or token handler: the body carries the credentials."""
        function = self.ctx.current_function
        if not isinstance(function, cst.FunctionDef) or not _CREDENTIAL_HANDLER_WORDS & set(
            identifier_words(function.name.value)
        ):
            return None
        # The body itself, awaited, or wrapped whole (`dict(request.form)`, `json.dumps(request.json)`);
        # `request.POST["username"]` is one field and is judged by its own name.
        candidates: list[cst.BaseExpression] = [expr]
        if isinstance(expr, cst.Await):
            candidates.append(expr.expression)
        if isinstance(expr, cst.Call) and expr.args:
            candidates.append(expr.args[0].value)
        for node in candidates:
            if isinstance(node, cst.Await):
                node = node.expression
            target = node.func if isinstance(node, cst.Call) else node
            if isinstance(target, cst.Attribute) and target.attr.value in _REQUEST_BODIES:
                base = self.ctx.qualname(target.value) or ""
                if base.rsplit(".", 1)[-1] in ("request", "req", "self.request"):
                    return f"request.{target.attr.value}"
        return None

    def _check_args(self, call: cst.Call, how: str, show_once: bool = False) -> None:
        for arg in call.args:
            carried = secret_reference(self.ctx, arg.value, _KINDS) or self._credentials_body(arg.value)
            if carried is None:
                continue
            if show_once:
                self.report(
                    arg,
                    f"The new secret `{carried}` is printed to the console; make sure this output is never captured "
                    "in logs or CI output.",
                    fix="Show a new secret once, to an interactive terminal only; otherwise write it to the secrets manager.",
                    severity=Severity.low,
                )
            else:
                self.report(
                    arg,
                    f"The value of `{carried}` is {how}.",
                    fix="Log an identifier instead (token id, key prefix, a keyed fingerprint), never the secret.",
                )
            return
