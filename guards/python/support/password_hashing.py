"""Shared facts about password hashing APIs (not a guard)."""

from __future__ import annotations

import libcst as cst

from .context import PythonContext

# OWASP Password Storage Cheat Sheet (2023) minimum PBKDF2 iterations per digest.
PBKDF2_MIN_ITERATIONS = {"sha1": 1_300_000, "sha256": 600_000, "sha512": 210_000}
BCRYPT_MIN_ROUNDS = 10


def passlib_scheme(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """`pbkdf2_sha256` for `passlib.hash.pbkdf2_sha256` (or an alias of it), else None."""
    name = ctx.qualname(expr) or ""
    if name.startswith("passlib.hash."):
        return name.split(".")[2]
    return None


def context_schemes(ctx: PythonContext, call: cst.Call) -> tuple[list[str], str | None]:
    """Schemes of a passlib `CryptContext(...)` call and its default (explicit or the first)."""
    schemes_expr = ctx.resolve(ctx.kwarg(call, "schemes") or ctx.positional(call, 0))
    schemes: list[str] = []
    if isinstance(schemes_expr, (cst.List, cst.Tuple)):
        schemes = [s for s in (ctx.string_value(e.value) for e in schemes_expr.elements) if s]
    elif (text := ctx.string_value(schemes_expr)) is not None:
        schemes = [s.strip() for s in text.split(",") if s.strip()]
    default = ctx.string_value(ctx.kwarg(call, "default")) or (schemes[0] if schemes else None)
    return schemes, default


def is_crypt_context(call_name: str) -> bool:
    """Whether a call's qualified name is passlib's `CryptContext` (or a subclass named after it)."""
    return call_name.endswith("CryptContext")


# -- fast digests of passwords and secrets (IDG121, IDG160) ----------------------------------
FAST_DIGESTS = frozenset(
    {
        "md5",
        "sha1",
        "sha224",
        "sha256",
        "sha384",
        "sha512",
        "sha3_224",
        "sha3_256",
        "sha3_384",
        "sha3_512",
        "blake2b",
        "blake2s",
        "shake_128",
        "shake_256",
        "sm3",
        "ripemd160",
    }
)
BROKEN_DIGESTS = frozenset({"md5", "sha1", "md4", "ripemd160"})
_PYCRYPTODOME_HASHES = {
    "MD5": "md5",
    "SHA": "sha1",
    "SHA1": "sha1",
    "SHA224": "sha224",
    "SHA256": "sha256",
    "SHA384": "sha384",
    "SHA512": "sha512",
    "SHA3_256": "sha3_256",
    "SHA3_512": "sha3_512",
    "BLAKE2b": "blake2b",
    "BLAKE2s": "blake2s",
    "MD4": "md4",
    "RIPEMD160": "ripemd160",
}
_UNKNOWN_ALGORITHM = "a hashlib digest"
# Where a pre-hash is fed into a slow password hash (bcrypt's 72-byte limit is the usual reason).
_KDF_LAST_NAMES = frozenset(
    {
        "hashpw",
        "checkpw",
        "kdf",
        "pbkdf2_hmac",
        "scrypt",
        "make_password",
        "check_password",
        "derive",
        "hash_secret",
        "hash_secret_raw",
        "verify_secret",
        "encrypt",
        "using",
    }
)
_KDF_RECEIVER_WORDS = frozenset(
    {
        "pwd",
        "password",
        "passwords",
        "context",
        "hasher",
        "crypt",
        "argon",
        "argon2",
        "bcrypt",
        "scrypt",
        "passlib",
        "ph",
        "kdf",
        "pbkdf2",
    }
)
_BREACH_CHECK_WORDS = frozenset({"pwned", "pwnd", "hibp", "breach", "breached", "leaked", "compromised", "exposed"})
_PASSWORD_LIKE_WORDS = frozenset({"password", "passwd", "pwd", "pw", "pass", "passphrase", "passcode", "pin"})
_SECRET_KINDS = frozenset({"token", "secret", "api_key", "key", "credential", "code"})
_SECRET_SINK_WORDS = frozenset(
    {
        "key",
        "keys",
        "token",
        "tokens",
        "secret",
        "secrets",
        "apikey",
        "credential",
        "credentials",
        "otp",
        "code",
        "pin",
        "password",
        "passwd",
        "pwd",
        "pw",
        "passcode",
    }
)
_HASH_WORDS = frozenset({"hash", "hashed", "digest", "digests", "hashes", "hexdigest", "checksum_secret"})
# Calls that keep a value: files, databases, caches, ORM constructors and lookups.
_STORING_CALLS = frozenset(
    {
        "write",
        "writelines",
        "execute",
        "executemany",
        "insert",
        "insert_one",
        "insert_many",
        "update_one",
        "update_many",
        "replace_one",
        "set",
        "hset",
        "setex",
        "add",
        "create",
        "save",
        "put",
        "put_item",
        "update_item",
        "filter",
        "filter_by",
        "get",
        "where",
        "exclude",
        "get_or_create",
        "update_or_create",
        "bulk_create",
        "dump",
        "dumps",
        "writerow",
        "writerows",
        "values",
        "find_one",
        "find",
    }
)
# What a digest is for when it is not storage: logs, ETags, cache keys, checksums, display.
_NON_STORAGE_WORDS = frozenset(
    {
        "fingerprint",
        "fingerprints",
        "fp",
        "etag",
        "cache",
        "checksum",
        "log",
        "logging",
        "display",
        "preview",
        "bucket",
        "shard",
        "partition",
        "gravatar",
        "avatar",
        "sample",
        "sig",
        "signature",
        "sign",
        "signing",
        "signed",
    }
)
_FACT_TAILS = frozenset(
    {
        "hash",
        "hashed",
        "digest",
        "len",
        "length",
        "min",
        "max",
        "policy",
        "field",
        "hint",
        "changed",
        "at",
        "ttl",
        "attempts",
        "count",
        "prompt",
        "label",
        "input",
        "widget",
        "id",
        "type",
        "salt",
        "rounds",
        "iterations",
        "hasher",
        "hashers",
        "scheme",
        "algorithm",
        "version",
        "url",
        "form",
    }
)
_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "print"})


def fast_digest(ctx: PythonContext, call: cst.Call, fn: cst.FunctionDef | None = None) -> str | None:
    """The algorithm of an unkeyed general-purpose digest call (`hashlib.md5(...)`,
    `hashlib.new("sha512")`, pycryptodome `SHA256.new(...)`), or None. A keyed BLAKE2
    (`blake2b(data, key=pepper)`) is a MAC, not a fast hash."""
    name = ctx.call_name(call) or ""
    if isinstance(call.func, cst.Call) or isinstance(call.func, cst.Name) and name == call.func.value:
        # `hasher = getattr(hashlib, DIGEST)` ... `hasher(secret.encode())`, or `getattr(hashlib, DIGEST)(...)`
        bound = call.func if isinstance(call.func, cst.Call) else ctx.resolve(call.func)
        if (
            isinstance(bound, cst.Call)
            and ctx.call_name(bound) in ("getattr", "builtins.getattr")
            and ctx.qualname(ctx.positional(bound, 0)) == "hashlib"
        ):
            value = ctx.string_value(ctx.positional(bound, 1))
            return value.lower() if value and value.lower() in FAST_DIGESTS | BROKEN_DIGESTS else None
    if name.startswith("hashlib.") and "()" not in name:
        algorithm = name.split(".", 1)[1]
        if algorithm == "new":
            chosen = ctx.kwarg(call, "name") or ctx.positional(call, 0)
            value = ctx.string_value(chosen) or _parameter_default_string(ctx, fn, chosen)
            algorithm = value.lower().replace("-", "") if value else _UNKNOWN_ALGORITHM
            if algorithm != _UNKNOWN_ALGORITHM and algorithm not in FAST_DIGESTS | BROKEN_DIGESTS:
                return None
        elif algorithm not in FAST_DIGESTS:
            return None
        if algorithm.startswith("blake2") and ctx.kwarg(call, "key") is not None:
            return None
        return algorithm
    if name.startswith(("Crypto.Hash.", "Cryptodome.Hash.")) and name.endswith(".new"):
        return _PYCRYPTODOME_HASHES.get(name.split(".")[-2])
    return None


def _parameter_default_string(
    ctx: PythonContext, fn: cst.FunctionDef | None, expr: cst.BaseExpression | None
) -> str | None:
    if fn is None or not isinstance(expr, cst.Name):
        return None
    for param in (*fn.params.params, *fn.params.kwonly_params):
        if param.name.value == expr.value and param.default is not None:
            return ctx.string_value(param.default)
    return None


_DIGEST_CALL_NAMES = FAST_DIGESTS | {"new", "md4"}


def may_be_digest_call(ctx: PythonContext, node: cst.Call) -> bool:
    """Cheap: could this call be a digest (`hashlib.sha256(...)`, an alias of one, `SHA256.new(...)`,
    or a local bound to `getattr(hashlib, NAME)`)? Every digest IDG121 and IDG160 judge passes this."""
    func = node.func
    last = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
    if last in _DIGEST_CALL_NAMES or ctx.imports.get(last, "").rsplit(".", 1)[-1] in _DIGEST_CALL_NAMES:
        return True
    if isinstance(func, cst.Call) or isinstance(func, cst.Name) and last not in ctx.imports:
        bound = func if isinstance(func, cst.Call) else ctx.resolve(func)
        return isinstance(bound, cst.Call) and isinstance(bound.func, cst.Name) and bound.func.value == "getattr"
    return False


def algorithm_site(ctx: PythonContext, call: cst.Call) -> cst.BaseExpression | None:
    """Where a digest's algorithm is written when that is elsewhere: `DIGEST = "md5"` for
    `getattr(hashlib, DIGEST)` or `hashlib.new(DIGEST)`, a settings field for `hashlib.new(settings.algo)`."""
    from .values import definition_site

    chosen: cst.BaseExpression | None = None
    if isinstance(call.func, (cst.Name, cst.Call)):
        bound = call.func if isinstance(call.func, cst.Call) else ctx.resolve(call.func)
        if isinstance(bound, cst.Call) and ctx.call_name(bound) in ("getattr", "builtins.getattr"):
            chosen = ctx.positional(bound, 1)
    elif (ctx.call_name(call) or "") == "hashlib.new":
        chosen = ctx.kwarg(call, "name") or ctx.positional(call, 0)
    site = definition_site(ctx, chosen) if chosen is not None else None
    return site if isinstance(site, (cst.SimpleString, cst.ConcatenatedString)) else None


def digest_inputs(ctx: PythonContext, call: cst.Call, fn: cst.FunctionDef | None) -> list[cst.BaseExpression]:
    """What a digest call hashes: its data argument, plus `h.update(x)` calls on the object it was
    assigned to in the same function."""
    from .values import value_uses
    from .walk import walk

    name = ctx.call_name(call) or ""
    inputs: list[cst.BaseExpression] = []
    data = ctx.kwarg(call, "data") or ctx.kwarg(call, "string")
    if data is None:
        data = ctx.positional(call, 1 if name == "hashlib.new" else 0)
    if data is not None:
        inputs.append(data)
    scope = fn if fn is not None else ctx.module
    bound = {
        u.name
        for u in value_uses(ctx, call, fn, depth=0)
        if u.kind == "assign" and u.name and isinstance(u.node, cst.Name)
    }
    if bound:
        for node in walk(scope.body if isinstance(scope, cst.FunctionDef) else scope, into_scopes=False):
            if (
                type(node) is cst.Call
                and isinstance(node.func, cst.Attribute)
                and node.func.attr.value == "update"
                and isinstance(node.func.value, cst.Name)
                and node.func.value.value in bound
                and node.args
            ):
                inputs.append(node.args[0].value)
    return inputs


class DigestUse:
    """What one fast digest call hashes and where the digest goes (shared by IDG121 and IDG160)."""

    __slots__ = (
        "algorithm",
        "kind",
        "carried",
        "stored",
        "prehash",
        "breach_check",
        "legacy_scheme",
        "non_storage",
        "random_input",
        "from_sink",
    )

    def __init__(self, algorithm: str) -> None:
        self.algorithm = algorithm
        self.kind: str | None = None  # "password" (also PINs) or "secret" (API keys, tokens, client secrets)
        self.carried: str | None = None  # the name the secret is known by
        self.stored = False  # kept in a file, a database field or a lookup
        self.prehash = False  # fed into bcrypt/argon2/a KDF
        self.breach_check = False  # Have I Been Pwned's range API
        self.legacy_scheme = False  # inside a class or function named after the digest (a hasher for old hashes)
        self.non_storage = False  # a fingerprint, ETag, cache key or log value
        self.random_input = False  # what is hashed was drawn from `secrets` / `os.urandom` in this file
        self.from_sink = False  # the secret is known by the field it is stored in, not by its own name

    @property
    def broken(self) -> bool:
        return self.algorithm in BROKEN_DIGESTS


def judge_digest(ctx: PythonContext, call: cst.Call) -> DigestUse | None:
    """Judge a fast digest call once per file; None when the call is not one."""
    cache = ctx.shared.setdefault(("digest-use",), {})
    key = id(call)
    if key not in cache:
        cache[key] = _judge_digest(ctx, call)
    return cache[key]


def _judge_digest(ctx: PythonContext, call: cst.Call) -> DigestUse | None:
    from .secret_refs import secret_reference
    from .values import bind_arguments, call_sites, parameter_names, value_uses
    from .words import identifier_words

    fn = ctx.current_function if isinstance(ctx.current_function, cst.FunctionDef) else None
    algorithm = fast_digest(ctx, call, fn)
    if algorithm is None:
        return None
    use = DigestUse(algorithm)
    scope_words: set[str] = set()
    names: list[str] = []
    for function in ctx.function_stack:
        if isinstance(function, cst.FunctionDef):
            scope_words.update(identifier_words(function.name.value))
            names.append(function.name.value.lower())
    for klass in ctx.class_stack:
        scope_words.update(identifier_words(klass.name.value))
        names.append(klass.name.value.lower())
    use.breach_check = bool(scope_words & _BREACH_CHECK_WORDS)
    use.legacy_scheme = algorithm != _UNKNOWN_ALGORITHM and any(
        algorithm.replace("_", "") in n.replace("_", "") for n in names
    )
    use.non_storage = bool(scope_words & _NON_STORAGE_WORDS)

    inputs = digest_inputs(ctx, call, fn)
    for expr in inputs:
        _kind_from_input(use, ctx, expr, secret_reference)
        use.random_input = use.random_input or _minted(ctx, expr, fn)
    # A helper's parameter (`def _digest(raw): return md5(raw.encode())`) is judged by what its callers pass.
    params = set(parameter_names(fn)) if fn is not None else set()
    flowing = {n.value for expr in inputs for n in _names(expr) if n.value in params}
    sites = call_sites(ctx, fn) if fn is not None and flowing else []
    for site, _caller in sites:
        bound = bind_arguments(fn, site)  # type: ignore[arg-type]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        for param in flowing:
            arg = bound.get(param)
            if arg is not None:
                _kind_from_input(use, ctx, arg, secret_reference)
                use.random_input = use.random_input or _minted(ctx, arg, _caller)

    for u in value_uses(ctx, call, fn, depth=2):
        words = set(identifier_words(u.name)) if u.name else set()
        if u.kind == "arg" and u.call is not None:
            callee = u.call.func
            last = (
                callee.attr.value
                if isinstance(callee, cst.Attribute)
                else callee.value
                if isinstance(callee, cst.Name)
                else ""
            )
            call_name = ctx.call_name(u.call) or ""
            receiver_words = (
                set(identifier_words((ctx.qualname(callee.value) or "").replace(".", "_")))
                if isinstance(callee, cst.Attribute)
                else set()
            )
            if (
                last in _KDF_LAST_NAMES
                or call_name.startswith(("bcrypt.", "argon2.", "passlib.", "nacl.pwhash"))
                or last in ("hash", "verify")
                and receiver_words & _KDF_RECEIVER_WORDS
            ):
                use.prehash = True
            elif last in _LOG_METHODS or last == "compare_digest":
                use.stored = use.stored or last == "compare_digest"
            elif last in _STORING_CALLS or words & _HASH_WORDS:
                use.stored = True
        elif (
            u.kind in ("assign", "dict")
            and words & _HASH_WORDS
            or u.kind == "return"
            and words & _HASH_WORDS
            and not words & _NON_STORAGE_WORDS
        ):
            use.stored = True
        elif u.kind == "compare" and _HASH_WORDS & set(identifier_words(ctx.source(u.node))):
            use.stored = True  # compared with a stored digest (`record.key_digest == ...`)
        if use.kind is None and (
            u.kind == "compare" or u.kind == "arg" and u.call is not None and _last_name(u.call) == "compare_digest"
        ):
            _kind_from_compared(use, u.call if u.kind == "arg" else u.node, u.node)  # type: ignore[arg-type]  # libcst node types: narrowed by the checks on this path, which mypy cannot follow
        if words & _HASH_WORDS and use.kind is None:
            sink_kind = words & _SECRET_SINK_WORDS
            if sink_kind & _PASSWORD_LIKE_WORDS:
                use.kind, use.carried, use.from_sink = "password", u.name, True
            elif sink_kind:
                use.kind, use.carried, use.from_sink = "secret", u.name, True
        if u.truncated and u.kind != "compare":
            use.non_storage = use.non_storage or not words & _HASH_WORDS
    return use


def _last_name(call: cst.Call) -> str:
    func = call.func
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


def _kind_from_compared(use: DigestUse, where: cst.CSTNode, own: cst.CSTNode) -> None:
    """A digest compared with a stored password hash (`compare_digest(computed, self.password_digest)`,
    `digest == user.pin_hash`) is a password's digest, whatever the hashed value is called."""
    from .words import identifier_words

    for name in _names_and_attributes(where):  # type: ignore[arg-type]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        words = set(identifier_words(name))
        if not words & _HASH_WORDS:
            continue
        if words & _PASSWORD_LIKE_WORDS - {"pass"}:
            use.kind, use.carried, use.from_sink = "password", name, True
            return
        if words & _SECRET_SINK_WORDS and use.kind is None:
            use.kind, use.carried, use.from_sink = "secret", name, True


def _minted(ctx: PythonContext, expr: cst.BaseExpression, fn: cst.FunctionDef | None) -> bool:
    from .values import generated_secret

    while (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value in ("encode", "strip")
    ):
        expr = expr.func.value
    return generated_secret(ctx, expr, fn) is not None


def _names(expr: cst.BaseExpression) -> list[cst.Name]:
    from .walk import walk

    return [n for n in walk(expr) if type(n) is cst.Name]


def _names_and_attributes(expr: cst.BaseExpression) -> list[str]:
    from .walk import walk

    found: list[str] = []
    for node in walk(expr):
        if type(node) is cst.Name:
            found.append(node.value)
        elif type(node) is cst.Attribute:
            found.append(node.attr.value)
    return found


def _kind_from_input(use: DigestUse, ctx: PythonContext, expr: cst.BaseExpression, secret_reference) -> None:
    from .words import identifier_words

    if use.kind == "password":
        return
    carried = secret_reference(ctx, expr, frozenset({"password"}))
    if carried is None:
        for node in _names_and_attributes(expr):
            words = identifier_words(node)
            if words and words[-1] in _FACT_TAILS:
                continue  # `password_hash`, `pin_length`: a fact about the secret, not the secret
            if _PASSWORD_LIKE_WORDS & set(words) - {"pass"} or node in ("pass_", "passw"):
                carried = node
                break
    if carried is not None:
        use.kind, use.carried = "password", carried
        return
    if use.kind is None:
        carried = secret_reference(ctx, expr, _SECRET_KINDS)
        if carried is not None:
            use.kind, use.carried = "secret", carried
