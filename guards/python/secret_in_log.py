"""IDG119: a secret's value written to logs, stdout or an exception message."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.guard import PythonGuard
from .support.secret_refs import secret_reference
from .support.values import function_returns, generated_secret, local_callee
from .support.walk import findall
from .support.words import identifier_words, secret_kind

_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log", "msg"})
_LOGGER_WORDS = frozenset({"log", "logger", "logging", "audit", "structlog", "syslog"})
_CONSOLE = frozenset({"print", "builtins.print", "pprint.pprint", "click.echo", "click.secho", "typer.echo"})
# The last part of each console writer's name: a call ending in anything else is none of them.
_CONSOLE_LAST_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in _CONSOLE)
_ISSUING_VERBS = frozenset({"create", "generate", "issue", "rotate", "new", "mint", "show", "display", "reveal"})
_REQUEST_BODIES = frozenset({"form", "json", "get_json", "POST", "data", "body", "values"})
_CREDENTIAL_HANDLER_WORDS = frozenset(
    {
        "login",
        "signin",
        "signup",
        "register",
        "registration",
        "password",
        "token",
        "authenticate",
        "auth",
        "credentials",
    }
)
_KINDS = frozenset({"token", "password", "secret", "api_key", "key", "credential", "code"})
_ANALYTICS_METHODS = frozenset(
    {
        "track",
        "capture",
        "identify",
        "log_event",
        "send_event",
        "record_event",
        "alias",
        "set_extra",
        "set_context",
        "set_tag",
        "capture_message",
        "add_breadcrumb",
        "event",
    }
)
_ANALYTICS_WORDS = frozenset(
    {
        "tracker",
        "tracking",
        "analytics",
        "segment",
        "mixpanel",
        "posthog",
        "amplitude",
        "telemetry",
        "heap",
        "intercom",
        "sentry",
        "rudderstack",
        "rudder",
        "snowplow",
        "datadog",
    }
)
_BUILTIN_EXCEPTIONS = frozenset(
    {
        "Exception",
        "ValueError",
        "RuntimeError",
        "TypeError",
        "KeyError",
        "PermissionError",
        "LookupError",
        "AssertionError",
        "OSError",
        "IOError",
        "ConnectionError",
        "AttributeError",
    }
)


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
    `create_api_key()`, not in a web view) is show-once delivery: reported as low, not as a leak.
    Values are followed through variables: a dict holding a secret
    (`form = {"client_secret": ...}`, `headers = {"Authorization": ...}`), a
    string built around one (`link = f".../reset?token={token}"`), and a value
    drawn from `secrets` (`raw = secrets.token_urlsafe(32)`, also unpacked from a
    helper's result). Analytics and error-tracking calls (`tracker.track`,
    `posthog.capture`, `sentry_sdk.set_extra`) count as logs. A secret logged at
    `debug` level is reported as medium (debug logs are usually off in
    production, one switch away from on); a bare secret handed to a custom
    exception class (`raise ExpectedStringError(secret, "secret")`), which may
    never format it, as low.

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
        Valid(
            """
            logger.info("issued token %s for user %s", token.id, user.id)
            """
        ),
        Valid(
            """
            log.debug("token type %s, length %d", token_type, len(token))
            """
        ),
        Valid(
            """
            logger.info("api key %s... created", api_key[:6])
            print(f"fingerprint={fingerprint(secret)}")
            """
        ),
        Valid(
            """
            logger.warning("password reset requested for %s", user.email)
            raise ValueError("invalid token")
            """
        ),
        Valid(
            """
            @app.post("/orders")
            def create_order():
                log.info("order request: %s", request.json)
            """
        ),
        Valid(
            """
            def login(request):
                logger.warning("failed login for %s", request.POST["username"])
            """
        ),
        Valid(
            """
            def rotate(log, new):
                log.info("rotated key_id=%s last4=%s", new.pk, new.last4)
            """
        ),
        Valid(
            """
            from dataclasses import dataclass, field

            @dataclass
            class Attempt:
                username: str
                password: str = field(repr=False)

            def login(attempt: Attempt):
                log.warning("failed %r", attempt)
            """
        ),
        Valid(
            """
            class User(Base):
                api_key: Mapped[str]

            def created(user: User):
                log.info("created %s", user)
            """
        ),
        Valid(
            """
            def fetch(self):
                body = self.session.post(URL, data=form).json()
                log.debug("token endpoint keys %s", sorted(body))
                self.token = body["access_token"]
            """
        ),
        Valid(
            """
            def deactivate(log, user, revoked):
                revoked = {"api_keys": ApiKey.objects.filter(user=user).update(revoked=True)}
                log.info("revoked %s", revoked)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            logger.info("issued token %s for user %s", token, user.id)
            """,
            line=1,
        ),
        Invalid(
            """
            import logging
            logging.debug(f"login attempt {username}:{password}")
            """,
            line=2,
        ),
        Invalid(
            """
            print("client secret:", settings.OAUTH_CLIENT_SECRET)
            """,
            line=1,
        ),
        Invalid(
            """
            raise AuthError(f"refresh failed for {refresh_token}")
            """,
            line=1,
        ),
        Invalid(
            """
            log.info("request", headers=request.headers)
            """,
            line=1,
        ),
        Invalid(
            """
            logger.debug("auth header %s", request.headers.get("Authorization"))
            """,
            line=1,
        ),
        Invalid(
            """
            @app.post("/login")
            def login():
                app.logger.info("login request: %s", request.form)
            """,
            line=3,
        ),
        Invalid(
            """
            async def token_endpoint(request):
                logger.debug("token request %s", await request.json())
            """,
            line=2,
        ),
        Invalid(
            """
            async def exchange(self, code):
                form = {"code": code, "client_secret": self.client_secret}
                logger.error("token exchange failed: %s", form)
            """,
            line=3,
        ),
        Invalid(
            """
            import secrets

            def create_key(request):
                raw = "pk_" + secrets.token_urlsafe(30)
                tracker.track(request.user.pk, "API Key Created", {"key": raw})
            """,
            line=5,
        ),
        Invalid(
            """
            def forgot(user, token):
                link = f"{BASE}/reset?token={token}"
                log.info("reset link %s", link)
            """,
            line=3,
        ),
        Invalid(
            """
            def fetch(self):
                body = self.session.post(URL, data=form).json()
                log.debug("token endpoint said %s", body)
                self.token = body["access_token"]
            """,
            line=3,
        ),
        Invalid(
            """
            class Client:
                def _headers(self):
                    return {"Authorization": f"Bearer {self._token}"}

                def call(self, url):
                    headers = self._headers()
                    log.error("failed headers=%s", headers)
            """,
            line=7,
        ),
        Invalid(
            """
            from dataclasses import dataclass

            @dataclass
            class Attempt:
                username: str
                password: str

            def login(attempt: Attempt):
                raise ValueError(f"bad credentials for {attempt!r}")
            """,
            line=9,
        ),
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

    def _is_analytics_call(self, call: cst.Call) -> bool:
        """`tracker.track(...)`, `analytics.track(...)`, `posthog.capture(...)`, `sentry_sdk.set_extra(...)`."""
        func = call.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in _ANALYTICS_METHODS:
            return False
        receiver = self.ctx.qualname(func.value) or ""
        return bool(_ANALYTICS_WORDS.intersection(identifier_words(receiver.replace(".", "_"))))

    def visit_Call(self, node: cst.Call) -> None:
        if self._is_log_call(node):
            printed = (self.ctx.call_name(node) or "") in _CONSOLE
            level = node.func.attr.value if isinstance(node.func, cst.Attribute) else ""
            self._check_args(
                node,
                "printed" if printed else "logged",
                show_once=printed and self._in_issuing_command(),
                severity=Severity.medium if level == "debug" else None,
            )
        elif self._is_analytics_call(node):
            self._check_args(node, "sent to an analytics or error-tracking service")

    def _in_issuing_command(self) -> bool:
        """`print(api_key)` inside `create_api_key()` is how a CLI hands a new secret to its operator once.
        A web view (a `request` parameter) that prints writes to the server's log instead."""
        function = self.ctx.current_function
        if not isinstance(function, cst.FunctionDef) or not _ISSUING_VERBS.intersection(
            identifier_words(function.name.value)
        ):
            return False
        return not any(p.name.value in ("request", "req") for p in function.params.params)

    def visit_Raise(self, node: cst.Raise) -> None:
        if not isinstance(node.exc, cst.Call):
            return
        name = self.ctx.call_name(node.exc) or ""
        builtin = name.rsplit(".", 1)[-1] in _BUILTIN_EXCEPTIONS and "." not in name
        self._check_args(node.exc, "put into an exception message", bare_is_uncertain=not builtin)

    def _credentials_body(self, expr: cst.BaseExpression) -> str | None:
        """`request.form` / `request.json` / `request.POST` / `await request.json()` logged whole inside
        a login, sign-up, password or token handler: the body carries the credentials. Also through a
        variable (`body = request.get_json(); log.debug("%s", body)`)."""
        function = self.ctx.current_function
        if not isinstance(function, cst.FunctionDef) or not _CREDENTIAL_HANDLER_WORDS & set(
            identifier_words(function.name.value)
        ):
            return None
        # The body itself, awaited, or wrapped whole (`dict(request.form)`, `json.dumps(request.json)`);
        # `request.POST["username"]` is one field and is judged by its own name.
        candidates: list[cst.BaseExpression] = [expr]
        if isinstance(expr, cst.Name):
            resolved = self.ctx.resolve(expr, depth=1)
            if resolved is not None and resolved is not expr:
                candidates.append(resolved)
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

    def _through_variables(self, expr: cst.BaseExpression) -> str | None:
        """A variable that holds a secret although its name says nothing: a dict with a secret key
        (`form = {"client_secret": ...}`, `headers = {"Authorization": f"Bearer {t}"}`), a string built
        around a secret (`link = f"{base}/reset?token={token}"`), or a freshly minted secret
        (`raw = secrets.token_urlsafe(32)`, also unpacked from a helper's result)."""
        function = self.ctx.current_function if isinstance(self.ctx.current_function, cst.FunctionDef) else None
        for node in _value_names(expr):
            origin = self.ctx.resolve(node, depth=1)
            if origin is not None and origin is not node:
                if isinstance(origin, cst.Dict):
                    carried = self._dict_secret(origin)
                    if carried:
                        return f"{node.value} ({carried})"
                elif isinstance(origin, (cst.FormattedString, cst.BinaryOperation, cst.ConcatenatedString, cst.Call)):
                    carried = secret_reference(self.ctx, origin, _KINDS) if not isinstance(origin, cst.Call) else None
                    if carried:
                        return f"{node.value} ({carried})"
            minted = generated_secret(self.ctx, node, function)
            if minted:
                return minted
            if isinstance(origin, cst.Call):
                carried = self._helper_result(origin)
                if carried:
                    return f"{node.value} ({carried})"
                # What a call answered (`body = resp.json()`), later read for its secret.
                carried = self._read_as_secret_holder(node, function)
                if carried:
                    return carried
            carried = self._record_with_secret_field(node, function)
            if carried:
                return carried
        if isinstance(expr, cst.Dict):
            return self._dict_secret(expr)
        return None

    def _helper_result(self, call: cst.Call) -> str | None:
        """What a helper of this file returns: `headers = self._headers()` whose `return {"Authorization": ...}`
        carries a token, or `code = _reset_code()` named after the secret it makes."""
        callee = local_callee(self.ctx, call)
        if callee is None:
            return None
        if secret_kind(callee.name.value) in _KINDS:
            return f"from {callee.name.value}()"
        for value in function_returns(callee):
            if isinstance(value, cst.Dict) and (carried := self._dict_secret(value)):
                return f"{callee.name.value}() returns {carried}"
        return None

    def _read_as_secret_holder(self, name: cst.Name, function: cst.FunctionDef | None) -> str | None:
        """`body = resp.json()` later read as `body["access_token"]`: the whole value holds that secret."""
        if function is None:
            return None
        for sub in findall(function, cst.Subscript):
            if not (isinstance(sub.value, cst.Name) and sub.value.value == name.value) or len(sub.slice) != 1:
                continue
            index = sub.slice[0].slice
            key = self.ctx.string_value(index.value) if isinstance(index, cst.Index) else None
            if key is not None and secret_kind(key) in _KINDS:
                return f"{name.value} (holds {key!r})"
        return None

    def _record_with_secret_field(self, name: cst.Name, function: cst.FunctionDef | None) -> str | None:
        """A parameter typed as a record class of this file with a plain secret field (`attempt: LoginAttempt`
        whose `password: str`) shown whole: its repr prints the field."""
        if function is None:
            return None
        for param in (*function.params.params, *function.params.kwonly_params):
            if param.name.value != name.value or param.annotation is None:
                continue
            annotation = param.annotation.annotation
            class_name = annotation.value if isinstance(annotation, cst.Name) else None
            for klass in findall(self.ctx.module, cst.ClassDef):
                if klass.name.value != class_name or not _repr_shows_fields(self.ctx, klass):
                    continue
                for statement in klass.body.body:
                    for small in getattr(statement, "body", ()):
                        if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                            field = small.target.value
                            shown = self.ctx.source(small.annotation.annotation)
                            hidden = isinstance(small.value, cst.Call) and any(
                                a.keyword is not None and a.keyword.value == "repr" for a in small.value.args
                            )
                            if secret_kind(field) in _KINDS and "Secret" not in shown and not hidden:
                                return f"{name.value} ({class_name}.{field})"
        return None

    def _dict_secret(self, node: cst.Dict) -> str | None:
        function = self.ctx.current_function if isinstance(self.ctx.current_function, cst.FunctionDef) else None
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                continue
            key = (
                self.ctx.string_value(element.key)
                if isinstance(element.key, (cst.SimpleString, cst.ConcatenatedString))
                else None
            )
            if key is not None and (
                secret_kind(key) in _KINDS or key.lower() in ("authorization", "cookie", "x-api-key")
            ):
                if _may_hold_a_secret(element.value):
                    return key
            carried = secret_reference(self.ctx, element.value, _KINDS) or generated_secret(
                self.ctx, element.value, function
            )
            if carried:
                return carried
        return None

    def _check_args(
        self,
        call: cst.Call,
        how: str,
        show_once: bool = False,
        severity: Severity | None = None,
        bare_is_uncertain: bool = False,
    ) -> None:
        for arg in call.args:
            value = arg.value
            carried = (
                secret_reference(self.ctx, value, _KINDS)
                or self._credentials_body(value)
                or self._through_variables(value)
            )
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
            elif bare_is_uncertain and isinstance(value, (cst.Name, cst.Attribute)):
                # `raise ExpectedStringError(secret, "secret")`: a custom exception given the bare value may
                # only use its type; it reaches the message only if the class formats it.
                self.report(
                    arg,
                    f"The value of `{carried}` is passed to an exception; it reaches the message if the class formats it.",
                    fix="Pass an identifier or the value's type, never the secret, to exceptions.",
                    severity=Severity.low,
                )
            else:
                self.report(
                    arg,
                    f"The value of `{carried}` is {how}.",
                    fix="Log an identifier instead (token id, key prefix, a keyed fingerprint), never the secret.",
                    severity=severity,
                )
            return


# Record types whose generated repr prints every field (an ORM model's default repr does not).
_FIELD_REPR_DECORATORS = frozenset(
    {
        "dataclass",
        "dataclasses.dataclass",
        "attr.s",
        "attr.attrs",
        "attrs.define",
        "attr.define",
        "attrs.frozen",
        "attr.frozen",
        "pydantic.dataclasses.dataclass",
    }
)
_FIELD_REPR_BASES = frozenset({"BaseModel", "NamedTuple", "BaseSettings", "Struct", "Schema"})


def _repr_shows_fields(ctx, klass: cst.ClassDef) -> bool:
    for decorator in klass.decorators:
        target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
        name = ctx.qualname(target) or ""
        if name in _FIELD_REPR_DECORATORS or name.rsplit(".", 1)[-1] in ("dataclass", "define", "frozen"):
            return True
    return any((ctx.qualname(base.value) or "").rsplit(".", 1)[-1] in _FIELD_REPR_BASES for base in klass.bases)


_WHOLE_VALUE_CALLS = frozenset({"str", "repr", "dict", "list", "dumps", "json.dumps", "format", "pformat", "vars"})


def _value_names(expr: cst.BaseExpression) -> list[cst.Name]:
    """The bare names whose whole value `expr` shows: `x`, the parts of `f"{a} {b}"`, `"..." + c`,
    `str(d)`, `json.dumps(e)`; not `x.id` or `len(x)`, which show a fact about it."""
    found: list[cst.Name] = []
    stack: list[cst.BaseExpression] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Name):
            found.append(node)
        elif isinstance(node, cst.FormattedString):
            stack.extend(p.expression for p in node.parts if isinstance(p, cst.FormattedStringExpression))
        elif isinstance(node, cst.BinaryOperation):
            stack.extend((node.left, node.right))
        elif isinstance(node, (cst.Tuple, cst.List)):
            stack.extend(e.value for e in node.elements)
        elif isinstance(node, cst.Await):
            stack.append(node.expression)
        elif isinstance(node, cst.Call) and node.args:
            func = node.func
            last = (
                func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            )
            if last in _WHOLE_VALUE_CALLS:
                stack.extend(a.value for a in node.args)
    return found


_SECRET_GETTERS = frozenset({"get", "getenv", "get_secret_value", "decode", "encode", "format", "str", "strip"})


def _may_hold_a_secret(node: cst.BaseExpression) -> bool:
    """A value that can be the secret itself: a name, attribute, string built around one, or a getter;
    not a literal, a flag, or what a query returns (`"api_keys": ApiKey.objects.filter(...).update(...)`)."""
    if isinstance(node, cst.Name):
        return node.value not in ("None", "True", "False")
    if isinstance(node, (cst.Attribute, cst.FormattedString, cst.BinaryOperation)):
        return True
    if isinstance(node, cst.Subscript):
        return not isinstance(node.value, cst.Call)
    if isinstance(node, cst.Call):
        func = node.func
        last = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        return last in _SECRET_GETTERS
    return False
