"""IDG160: an API key, token or other secret stored as an unkeyed fast digest."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.guard import PythonGuard
from .support.password_hashing import algorithm_site, judge_digest, may_be_digest_call


class SecretFastHashStored(PythonGuard):
    """
    ## What it does
    Finds API keys, tokens, client secrets and one-time codes hashed with an unkeyed
    general-purpose digest and then kept: written to a file, passed to a database insert or ORM
    field (`token_digest=hashlib.md5(raw).hexdigest()`), stored under a `*_hash` / `*_digest`
    name, or compared with a stored digest. The secret is recognised by its own name
    (`entry["secret"]`, `api_key`), by the field it is stored in (`hashed_key=`), or by what the
    callers of a helper such as `_key_digest(raw_key)` do with its result. md5 and sha1 are
    reported as medium, and so are sha256 and stronger digests of secrets whose origin the file
    does not show (an operator-chosen service secret can be short or reused, and anyone holding
    the table can test guesses offline); a digest of a value drawn from `secrets` in the same file
    (`raw = secrets.token_urlsafe(32)`) is sound for lookups and is reported as low. Keyed digests (HMAC with a server-side pepper, `blake2b(key=...)`),
    fingerprints for logs, ETags and cache keys are not reported.

    ## Why is this bad?
    A leaked table of md5/sha1 digests of API keys or PINs is reversed by brute force as fast as
    a GPU can hash, and md5/sha1 collisions are practical. An unkeyed digest also lets whoever
    holds the table confirm a guessed or leaked key without the server. A keyed HMAC (the key
    kept outside the database) gives lookups the same speed and takes that away.

    ## Example
    ```python
    db.add(CiToken(machine_id=machine.id, token_digest=hashlib.md5(raw.encode()).hexdigest()))
    ```

    ## Use instead
    ```python
    digest = hmac.new(settings.TOKEN_PEPPER, raw.encode(), hashlib.sha256).hexdigest()
    db.add(CiToken(machine_id=machine.id, token_digest=digest))
    ```
    """

    id = "IDG160"
    name = "secret-fast-hash-stored"
    title = "Secret stored as an unkeyed fast digest"
    fix_hint = (
        "Store `hmac.new(PEPPER, secret, hashlib.sha256).hexdigest()` with the pepper kept outside the database "
        "(or a KDF for low-entropy secrets such as PINs), and compare with `hmac.compare_digest`."
    )
    triggers = ("hashlib", "crypto.hash", "cryptodome.hash")
    meta = GuardMeta(
        cwe=["CWE-328", "CWE-916"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["api_key", "token", "secrets"],
    )
    VALID = [
        Valid(
            """
            import hmac, hashlib
            token_digest = hmac.new(PEPPER, raw.encode(), hashlib.sha256).hexdigest()
            """
        ),
        Valid(
            """
            import hashlib

            def key_digest(raw, pepper):
                return hashlib.blake2b(raw.encode(), key=pepper, digest_size=32).hexdigest()
            """
        ),
        Valid(
            """
            import hashlib

            def fingerprint(secret):
                return hashlib.sha256(secret.encode()).hexdigest()[:12]

            def log_refresh(log, refresh_token):
                log.info('refresh fp=%s', fingerprint(refresh_token))
            """
        ),
        Valid(
            """
            import hashlib
            etag = hashlib.md5(blob).hexdigest()
            """
        ),
        Valid(
            """
            import hashlib
            cache_key = 'avatar:' + hashlib.sha1(f'{user_id}:{size}'.encode()).hexdigest()
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import hashlib
            db.add(CiToken(machine_id=mid, token_digest=hashlib.md5(raw.encode()).hexdigest()))
            """,
            line=2,
        ),
        Invalid(
            """
            import hashlib

            def _key_digest(raw_key):
                return hashlib.sha256(raw_key.encode()).hexdigest()

            def issue(user, raw):
                return ApiKey.objects.create(user=user, hashed_key=_key_digest(raw))
            """,
            line=4,
        ),
        Invalid(
            """
            import hashlib

            def write_audit(users, out):
                for entry in users:
                    out.write(f"{entry['name']}\\t{hashlib.md5(entry['secret'].encode()).hexdigest()}\\n")
            """,
            line=5,
        ),
        Invalid(
            """
            import hashlib as hl

            def digest_secret(secret, algorithm='sha512'):
                h = hl.new(algorithm)
                h.update(secret.encode())
                return h.hexdigest()
            """,
            line=4,
        ),
        Invalid(
            """
            import hashlib
            record.api_key_hash = hashlib.sha1(api_key.encode()).hexdigest()
            """,
            line=2,
        ),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        if not may_be_digest_call(self.ctx, node):
            return  # cheap: every digest judged here is called by a digest's name, or through getattr(hashlib, ...)
        use = judge_digest(self.ctx, node)
        if use is None or use.kind != "secret" or not use.stored or use.prehash or use.non_storage:
            return
        what = f"stored as `{use.carried}`" if use.from_sink else f"`{use.carried}`"
        algorithm = "hashlib" if use.algorithm.startswith("a ") else use.algorithm
        site = algorithm_site(self.ctx, node)
        if site is not None and id(site) not in self._sites:  # the algorithm is chosen elsewhere: point there too
            self._sites.add(id(site))
            self.report(
                site,
                f"`{algorithm}`, chosen here, is the unkeyed digest secrets are kept as.",
                severity=Severity.low if use.random_input and not use.broken else None,
            )
        if use.broken:
            self.report(
                node,
                f"A secret ({what}) is kept as an unkeyed {algorithm} digest, which can be brute-forced or collided.",
            )
        elif use.random_input:
            self.report(
                node,
                f"A random secret ({what}) is kept as an unkeyed {algorithm} digest: sound for a long random key, "
                "but a keyed HMAC keeps a leaked table from confirming keys offline.",
                severity=Severity.low,
            )
        else:
            self.report(
                node,
                f"A secret ({what}) is kept as an unkeyed {algorithm} digest: anyone holding the table can test guesses "
                "offline unless the secret is long and random.",
            )

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._sites: set[int] = set()
