"""IDG118: a token, code, password or invite id made from a predictable source."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.context import PythonContext
from .support.guard import PythonGuard
from .support.values import set_once
from .support.walk import children, findall
from .support.words import identifier_words, secret_kind

_SECURE_CALLS = (
    "secrets.",
    "os.urandom",
    "uuid.uuid4",
    "random.SystemRandom",
    "Crypto.Random",
    "nacl.utils.random",
    "django.utils.crypto.get_random_string",
    "get_random_string",
    "hmac.new",
    "hmac.digest",
)
_PREDICTABLE_IDS = frozenset({"uuid.uuid1", "uuid.uuid3", "uuid.uuid5"})
_TIME_CALLS = frozenset(
    {
        "time.time",
        "time.time_ns",
        "time.monotonic",
        "datetime.datetime.now",
        "datetime.datetime.utcnow",
        "datetime.now",
        "datetime.utcnow",
        "django.utils.timezone.now",
    }
)
_HASH_PREFIXES = ("hashlib.",)
_HASH_NAMES = frozenset({"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b", "blake2s"})
# Calls that only reshape their input; anything else (jwt.encode, sign, ...) hides its input.
_PASS_THROUGH = frozenset(
    {
        "str",
        "int",
        "hex",
        "format",
        "join",
        "encode",
        "decode",
        "hexdigest",
        "digest",
        "upper",
        "lower",
        "replace",
        "zfill",
        "strip",
        "b64encode",
        "urlsafe_b64encode",
        "b32encode",
        "b16encode",
        "rjust",
        "ljust",
        "bytes",
        "to_bytes",
        "base64",
        "hex_",
        "list",
        "tuple",
    }
)
_GUESSABLE_WORDS = frozenset({"email", "user", "username", "id", "name", "login", "phone", "now", "time", "timestamp"})
_SECRET_KINDS = frozenset({"token", "password", "secret", "api_key", "key", "code", "nonce", "salt", "credential"})
_ID_SECRETS = frozenset({"invite", "invitation", "session", "reset", "verification", "activation", "magic"})
_GENERATOR_VERBS = frozenset({"generate", "gen", "make", "create", "new", "issue", "mint", "build"})
# What a `generate_*` / `make_*` function returns when its name ends in one of these.
_GENERATED_SECRETS = frozenset(
    {"key", "keys", "token", "password", "passphrase", "secret", "code", "pin", "otp", "nonce", "salt", "passcode"}
)
_CREDENTIAL_CLASS_WORDS = frozenset({"api", "apikey", "token", "tokens", "secret", "credential", "signing", "session"})
_COOKIE_WORDS = frozenset(
    {
        "session",
        "sessionid",
        "sid",
        "auth",
        "token",
        "remember",
        "rememberme",
        "login",
        "sso",
        "csrf",
        "xsrf",
        "device",
        "trusted",
    }
)
_CODE_CONTEXT = frozenset(
    {
        "otp",
        "mfa",
        "sms",
        "verify",
        "verification",
        "reset",
        "invite",
        "login",
        "totp",
        "confirm",
        "pin",
        "forgot",
        "password",
        "twofa",
        "factor",
        "magic",
        "activate",
        "activation",
        "signup",
        "register",
        "recovery",
    }
)


_MINT_VERBS = frozenset({"derive", "make", "generate", "new", "create", "mint", "issue", "gen"})
_TRAILING_PREPOSITIONS = frozenset({"for", "of", "from", "to", "by", "with", "in", "on"})


def secret_sink(name: str | None, context_words: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether a value stored under `name` must be unguessable (`invite_code_for(ws)` as `invite_code`)."""
    if not name:
        return False
    words = identifier_words(name)
    while len(words) > 1 and words[-1] in _TRAILING_PREPOSITIONS:
        words = words[:-1]
        name = "_".join(words)
    if not words:
        return False
    if secret_kind(name) in _SECRET_KINDS:
        return True
    if words[-1] in {"id", "code", "slug", "key"} and _ID_SECRETS.intersection(words):
        return True
    if len(words) == 2 and words[0] in _MINT_VERBS and words[1] in {"key", "secret", "token", "password", "passcode"}:
        return not context_words & {"cache", "lookup", "sort", "index", "dict"}  # `derive_key(tenant)`, not a cache key
    if words in (["state"], ["oauth", "state"], ["csrf"], ["jti"], ["sid"], ["pin"]):
        return True
    if words in (["key"], ["value"], ["raw"], ["plaintext"]) and context_words & _CREDENTIAL_CLASS_WORDS:
        return True  # `key` on `class ApiKey`, `value` on `class AccessToken`
    if words[-1] in {"id", "sid"} and {"session", "sessions"} & context_words:
        return True  # `def _new_id(self)` on `class SessionStore`: the session id is the session's credential
    return words[-1] in {"code", "pin"} and bool(_CODE_CONTEXT & context_words)


class _Taint:
    def __init__(self, ctx: PythonContext) -> None:
        self.ctx = ctx
        self._functions: dict[str, cst.FunctionDef] | None = None
        self._visiting: set[str] = set()
        self._bindings: dict[str, set[str]] | None = None
        self.helper_returns: list[cst.BaseExpression] = []

    def _helper(self, name: str) -> cst.FunctionDef | None:
        """A function defined in this file (`def random_string(n): ...`), so `token = random_string(32)`
        is judged by what the helper returns."""
        if self._functions is None:
            self._functions = {}
            for node in findall(self.ctx.module, cst.FunctionDef):
                assert isinstance(node, cst.FunctionDef)
                self._functions.setdefault(node.name.value, node)
        return self._functions.get(name)

    def _helper_result(self, name: str) -> str | None:
        helper = self._helper(name)
        if helper is None or name in self._visiting:
            return None
        self._visiting.add(name)
        try:
            # Names inside the helper are not resolved: the context's scopes belong to the caller.
            returns = [
                r.value for r in findall(helper, cst.Return) if isinstance(r, cst.Return) and r.value is not None
            ]
            result = self._combine(returns, 0)  # type: ignore[arg-type]  # libcst node types: narrowed by the checks on this path, which mypy cannot follow
            if result is not None and result != "secure":
                # Where the helper draws the value: reported too, as that is the line to fix.
                self.helper_returns.extend(r for r in returns if self._combine([r], 0) == result)
            return result
        finally:
            self._visiting.discard(name)

    def of(self, expr: cst.CSTNode | None, depth: int = 3) -> str | None:
        """'secure', or the reason the value is predictable ('random', 'uuid1', 'time', 'guessable'), or None."""
        if expr is None:
            return None
        if isinstance(expr, cst.Name):
            if depth == 0:
                return None
            resolved = self.ctx.resolve(expr, depth=1)
            return self.of(resolved, depth - 1) if resolved is not expr else None
        if isinstance(expr, cst.Call):
            return self._call(expr, depth)
        if isinstance(expr, (cst.Lambda, cst.FunctionDef, cst.Dict, cst.DictComp)):
            return None  # a dict of claims holds an `iat`; it is not itself the secret

        return self._combine(children(expr), depth)

    def _combine(self, nodes: list[cst.CSTNode], depth: int) -> str | None:
        results = [self.of(n, depth) for n in nodes]
        if "secure" in results:
            return "secure"  # mixing in real entropy makes the whole value unguessable
        for reason in ("random", "uuid1", "time", "guessable"):
            if reason in results:
                return reason
        return None

    def _secure_binding(self, func: cst.BaseExpression) -> bool:
        """`try: from secrets import randbits / except ImportError: from random import getrandbits as randbits`:
        the alias table keeps the last import, but the secure one is what runs wherever it exists."""
        if not isinstance(func, cst.Name):
            return False
        if self._bindings is None:
            self._bindings = {}
            for node in findall(self.ctx.module, cst.ImportFrom):
                assert isinstance(node, cst.ImportFrom)
                if node.module is None or isinstance(node.names, cst.ImportStar):
                    continue
                module = self.ctx.source(node.module)
                for alias in node.names:
                    local = (
                        alias.asname.name.value
                        if alias.asname is not None and isinstance(alias.asname.name, cst.Name)
                        else self.ctx.source(alias.name)
                    )
                    self._bindings.setdefault(local, set()).add(f"{module}.{self.ctx.source(alias.name)}")
        return any(q.startswith(_SECURE_CALLS) for q in self._bindings.get(func.value, ()))

    def _call(self, call: cst.Call, depth: int) -> str | None:
        factory = _field_factory(call)
        if factory is not None:
            # `token: str = field(default_factory=lambda: ...)`, `Column(default=make_key)`,
            # `CharField(default=_random_code)`: the field's value is what the factory returns.
            if isinstance(factory, cst.Lambda):
                return self.of(factory.body, depth)
            if isinstance(factory, cst.Name) and factory.value not in self.ctx.imports and self._helper(factory.value):
                return self._helper_result(factory.value)
            if isinstance(factory, (cst.Name, cst.Attribute)):
                name = self.ctx.qualname(factory) or ""
                if name.startswith(_SECURE_CALLS):
                    return "secure"
                if name in _PREDICTABLE_IDS:
                    return "uuid1"
                if name.startswith(("random.", "numpy.random.")):
                    return "random"
            return None
        name = self.ctx.call_name(call) or ""
        if name.startswith(_SECURE_CALLS) or self._secure_binding(call.func):
            return "secure"
        receiver = call.func.value if isinstance(call.func, cst.Attribute) else None
        if isinstance(receiver, (cst.Name, cst.Attribute)):
            # `rng = random.Random()`, or `self._rng = random.Random()` set once in `__init__`
            bound = (
                self.ctx.resolve(receiver, depth=1) if isinstance(receiver, cst.Name) else set_once(self.ctx, receiver)
            )
            if isinstance(bound, cst.Call):
                bound_name = self.ctx.call_name(bound) or ""
                if bound_name.startswith(_SECURE_CALLS):
                    return "secure"  # rng = random.SystemRandom(); rng.choice(...)
                if bound_name in ("random.Random", "numpy.random.default_rng", "numpy.random.RandomState"):
                    return "random"
        if name.startswith(("random.", "numpy.random.")):
            return "random"
        if name in _PREDICTABLE_IDS:
            return "uuid1"
        if name in _TIME_CALLS:
            return "time"
        last = (
            name.rsplit(".", 1)[-1] if name else (call.func.attr.value if isinstance(call.func, cst.Attribute) else "")
        )
        if "()" not in name and (name.startswith(_HASH_PREFIXES) or last in _HASH_NAMES):
            inner = self._combine([a.value for a in call.args], depth)
            if inner is not None:
                return "guessable" if inner == "time" else inner
            return "guessable" if self._only_identity_data(call) else None
        if (
            isinstance(call.func, cst.Name)
            and call.func.value not in self.ctx.imports
            and self._helper(call.func.value)
        ):
            return self._helper_result(call.func.value)
        if self._reshapes(call, name, last):
            parts: list[cst.CSTNode] = [a.value for a in call.args]
            if isinstance(call.func, cst.Attribute):
                parts.append(call.func.value)
            return self._combine(parts, depth)
        return None

    def _reshapes(self, call: cst.Call, name: str, last: str) -> bool:
        """`str(x)`, `"".join(...)`, `x.encode()`, `base64.b64encode(x)` keep x's predictability;
        a library call such as `jwt.encode(payload, key)` does not pass its input through."""
        if name.startswith(("base64.", "binascii.")):
            return True
        if isinstance(call.func, cst.Name):
            return call.func.value in _PASS_THROUGH and call.func.value not in self.ctx.imports
        if isinstance(call.func, cst.Attribute) and last in _PASS_THROUGH:
            receiver = call.func.value
            return not (isinstance(receiver, cst.Name) and receiver.value in self.ctx.imports)
        return False

    def _only_identity_data(self, call: cst.Call) -> bool:
        names: list[str] = []
        for arg in call.args:
            for node in _names_in(arg.value):
                names.append(node)
        if not names or any(secret_kind(n) for n in names):
            return False
        return any(_GUESSABLE_WORDS.intersection(identifier_words(n)) for n in names)


_FACTORY_KEYWORDS = ("default_factory", "factory", "default", "insert_default")


def _field_factory(call: cst.Call) -> cst.BaseExpression | None:
    """The callable a model or dataclass field is filled with (`field(default_factory=...)`,
    `attr.ib(factory=...)`, `Column(default=...)`, Django/Peewee/Pony `default=`), if it is one."""
    for arg in call.args:
        if (
            arg.keyword is not None
            and arg.keyword.value in _FACTORY_KEYWORDS
            and isinstance(arg.value, (cst.Lambda, cst.Name, cst.Attribute))
        ):
            return arg.value
    return None


def _names_in(expr: cst.CSTNode) -> list[str]:
    found: list[str] = []

    class _Collect(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            found.append(node.value)

        def visit_Attribute(self, node: cst.Attribute) -> None:
            found.append(node.attr.value)

    expr.visit(_Collect())
    return found


_REASONS = {
    "random": "the `random` module (a Mersenne Twister whose output can be predicted)",
    "uuid1": "a time/MAC-based or name-based UUID",
    "time": "the current time",
    "guessable": "a hash of guessable data",
}


class InsecureRandomSecret(PythonGuard):
    """
    ## What it does
    Finds secrets made from predictable sources: tokens, API keys, passwords,
    one-time codes, invite ids, OAuth `state`, nonces and salts built with the
    `random` module, `uuid1`/`uuid3`/`uuid5`, the current time, or a hash of
    guessable data (`md5(email + str(time.time()))`). The value is followed
    through simple assignments; functions named `generate_token`,
    `make_invite_code`... are judged by what they return, and so are helpers
    defined in the same file (`token = random_string(32)`; the helper's
    return is reported too) and functions named after what they return
    (`def _reset_token(): ...`). Model and dataclass fields are judged by their
    factory (`field(default_factory=lambda: ...)`, `Column(default=make_key)`,
    Peewee/Django `default=`), and auth cookie values by what is passed to
    `set_cookie`. `random` used for
    retry jitter, sampling or shuffling stays quiet, as do `secrets`,
    `os.urandom`, `uuid4` and `random.SystemRandom`.

    ## Why is this bad?
    `random` is seeded from little state and its output can be reconstructed
    from a few observed values; times and e-mail addresses are known to the
    attacker. A guessable reset token or invite id is an account takeover.

    ## Example
    ```python
    code = "".join(random.choices(string.digits, k=6))
    ```

    ## Use instead
    ```python
    code = "".join(secrets.choice(string.digits) for _ in range(6))
    ```
    """

    id = "IDG118"
    name = "insecure-random-secret"
    title = "Secret generated from a predictable source"
    meta = GuardMeta(
        cwe=["CWE-330", "CWE-338"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01", "PR.AA-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["token", "password", "invitation", "api_key"],
    )
    VALID = [
        Valid(
            """
            import hashlib


            class Memo:
                def make_key(self, args):
                    return hashlib.sha1(repr(args).encode()).hexdigest()
            """
        ),
        Valid(
            """
            import random
            delay = base * 2 ** attempt + random.uniform(0, 0.5)
            """
        ),
        Valid(
            """
            import secrets
            token = secrets.token_urlsafe(32)
            invite_id = uuid.uuid4().hex
            """
        ),
        Valid(
            """
            import random
            sample = random.sample(users, 10)
            random.shuffle(backends)
            """
        ),
        Valid(
            """
            import uuid
            request_id = uuid.uuid1()
            token_type = 'Bearer'
            """
        ),
        Valid(
            """
            import hashlib
            token_hash = hashlib.sha256(token.encode()).hexdigest()
            """
        ),
        Valid(
            """
            import random
            rng = random.SystemRandom()
            reset_code = ''.join(rng.choice('0123456789') for _ in range(6))
            """
        ),
        Valid(
            """
            try:
                from secrets import randbits
            except ImportError:
                from random import getrandbits as randbits

            def generate_nonce():
                return str(randbits(64))
            """
        ),
        Valid(
            """
            import random

            def pick_random_key(keys):
                return random.choice(keys)
            """
        ),
        Valid(
            """
            import random, secrets

            class Sessions:
                def __init__(self):
                    self._rng = random.SystemRandom()
                    self._jitter = random.Random()

                def csrf_token(self):
                    return '%032x' % self._rng.getrandbits(128)
            """
        ),
        Valid(
            """
            import secrets

            def _random_string(n):
                return secrets.token_urlsafe(n)

            token = _random_string(32)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import hashlib
            import time


            def mint_key(account):
                return hashlib.sha256(f"{account}{time.time()}".encode()).hexdigest()
            """,
            line=6,
        ),
        Invalid(
            """
            import hashlib
            import time


            def reset_code_for(account_id):
                seed = f"{account_id}-{time.time_ns()}"
                return hashlib.sha1(seed.encode()).hexdigest()[:12]
            """,
            line=7,
        ),
        Invalid(
            """
            import random, string
            token = ''.join(random.choice(string.ascii_letters) for _ in range(32))
            """,
            line=2,
        ),
        Invalid(
            """
            import random

            class Sessions:
                def __init__(self):
                    self._rng = random.Random()

                def csrf_token(self):
                    return '%032x' % self._rng.getrandbits(128)
            """,
            line=8,
        ),
        Invalid(
            """
            import hashlib, time

            class SessionStore:
                def _new_id(self, user_id):
                    return hashlib.sha256(f'{user_id}:{time.time_ns()}'.encode()).hexdigest()
            """,
            line=5,
        ),
        Invalid(
            """
            from random import randint

            def send_otp(user):
                code = str(randint(100000, 999999))
                sms.send(user.phone, code)
            """,
            line=4,
        ),
        Invalid(
            """
            import uuid
            invite_id = str(uuid.uuid1())
            """,
            line=2,
        ),
        Invalid(
            """
            import hashlib, time
            reset_token = hashlib.md5(f'{user.email}{time.time()}'.encode()).hexdigest()
            """,
            line=2,
        ),
        Invalid(
            """
            import random, string

            def generate_api_key():
                return ''.join(random.choices(string.hexdigits, k=40))
            """,
            line=4,
        ),
        Invalid(
            """
            import hashlib
            api_key = hashlib.sha256(user.email.encode()).hexdigest()
            """,
            line=2,
        ),
        Invalid(
            """
            import random, string

            def _random_string(n):
                return ''.join(random.choice(string.ascii_letters) for _ in range(n))

            def create_invite(email):
                invite_token = _random_string(24)
                return Invite(email=email, token=invite_token)
            """,
            line=4,
        ),
        Invalid(
            """
            import random, string
            from dataclasses import dataclass, field

            @dataclass
            class Invite:
                code: str = field(default_factory=lambda: "".join(random.choices(string.ascii_uppercase, k=8)))
            """,
            line=6,
        ),
        Invalid(
            """
            import random, string

            def _reset_token(length=48):
                return "".join(random.choice(string.ascii_letters) for _ in range(length))
            """,
            line=4,
        ),
    ]

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.taint = _Taint(ctx)
        # (function, class, their words) of the last scope asked about: every assignment asks.
        self._scope_words: tuple[cst.CSTNode | None, cst.CSTNode | None, set[str]] = (None, None, set())
        self._reported_returns: set[int] = set()

    def _context_words(self) -> set[str]:
        """Words of the enclosing function and class: `code` means a secret inside `send_otp` or `Invite`."""
        function = self.ctx.current_function
        klass = self.ctx.class_stack[-1] if self.ctx.class_stack else None
        cached_function, cached_class, cached_words = self._scope_words
        if cached_function is function and cached_class is klass:
            return cached_words
        words: set[str] = set()
        if isinstance(function, cst.FunctionDef):
            words.update(identifier_words(function.name.value))
        if klass is not None:
            words.update(identifier_words(klass.name.value))
        self._scope_words = (function, klass, words)
        return words

    def _check(self, node: cst.CSTNode, value: cst.BaseExpression | None, name: str) -> None:
        self.taint.helper_returns = []
        reason = self.taint.of(value)
        if reason is not None and reason != "secret" and reason != "secure":
            fix = (
                "Use the `secrets` module: `secrets.token_urlsafe(32)` for tokens, "
                "`secrets.choice(...)` for codes and passwords, `uuid.uuid4()` for opaque ids."
            )
            self.report(node, f"`{name}` is generated from {_REASONS[reason]}; it can be guessed.", fix=fix)
            for returned in self.taint.helper_returns:
                if id(returned) not in self._reported_returns:
                    self._reported_returns.add(id(returned))
                    self.report(
                        returned,
                        f"This value, used as `{name}`, comes from {_REASONS[reason]}; it can be guessed.",
                        fix=fix,
                    )

    def visit_Assign(self, node: cst.Assign) -> None:
        if isinstance(node.value, cst.Name):
            return  # `user.otp = code`: judged where `code` was made
        for target in node.targets:
            name = self.ctx.target_name(target.target)
            if secret_sink(name, self._context_words()):
                assert name is not None
                self._check(node.value, node.value, name)
                return

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        name = self.ctx.target_name(node.target)
        if node.value is not None and not isinstance(node.value, cst.Name) and secret_sink(name, self._context_words()):
            assert name is not None
            self._check(node.value, node.value, name)

    def visit_Call(self, node: cst.Call) -> None:
        # `response.set_cookie("remember_me", value)`: a cookie value that authenticates must be unguessable.
        func = node.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in (
            "set_cookie",
            "set_signed_cookie",
            "set_secure_cookie",
            "add_cookie",
        ):
            return
        cookie = self.ctx.kwarg(node, "key") or self.ctx.positional(node, 0)
        value = self.ctx.kwarg(node, "value") or self.ctx.positional(node, 1)
        words = set(
            identifier_words(self.ctx.string_value(cookie) or (self.ctx.source(cookie) if cookie is not None else ""))
        )
        if value is None or not words & _COOKIE_WORDS:
            return
        label = f"the `{self.ctx.string_value(cookie) or 'auth'}` cookie"
        if isinstance(value, cst.Name):
            if secret_sink(value.value, self._context_words()):
                return  # `sid = ...; set_cookie("sid", sid)`: judged where `sid` is assigned
            origin = self.ctx.resolve(value, depth=1)
            if origin is not None and origin is not value:
                self._check(origin, origin, label)  # `remember = str(random.getrandbits(64))`: reported where drawn
            return
        self._check(value, value, label)

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and secret_sink(node.keyword.value, self._context_words()):
            if not isinstance(node.value, cst.Name):  # names are judged where they are assigned
                self._check(node.value, node.value, node.keyword.value)

    def visit_Return(self, node: cst.Return) -> None:
        function = self.ctx.current_function
        if node.value is None or not isinstance(function, cst.FunctionDef) or isinstance(node.value, cst.Name):
            return
        words = identifier_words(function.name.value)
        generator = bool(_GENERATOR_VERBS.intersection(words)) or words[:1] == ["random"]  # random_password()
        context = set(words) | self._context_words()
        if generator and (words[-1] in _GENERATED_SECRETS or secret_sink(function.name.value, context)):
            self._check(node.value, node.value, function.name.value)
        elif secret_sink(function.name.value, context) and not self._picks_existing(node.value):
            # `def _reset_token(length=48): return "".join(random.choice(...) ...)`: named after what it returns
            self._check(node.value, node.value, function.name.value)

    def _picks_existing(self, value: cst.BaseExpression) -> bool:
        """`return random.choice(self.keys)`: one of several existing values, not a newly drawn secret."""
        if not isinstance(value, cst.Call) or (self.ctx.call_name(value) or "") not in (
            "random.choice",
            "random.sample",
        ):
            return False
        pool = self.ctx.resolve(value.args[0].value) if value.args else None
        return not isinstance(pool, (cst.SimpleString, cst.ConcatenatedString, cst.BinaryOperation, cst.Attribute)) or (
            isinstance(pool, cst.Attribute) and not (self.ctx.qualname(pool) or "").startswith("string.")
        )
