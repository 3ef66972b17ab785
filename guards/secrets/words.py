"""The one vocabulary of credential names: which identifiers and keys name a secret.

A name is judged by its words (`refreshTokenTTL` -> refresh, token, ttl). The secret detectors (a key
in free text: `is_secret_name`; a name in code: `credential_name_kind`) and the Python guards (what
kind of secret an identifier holds: `secret_kind`) read these same tables, so they agree on what a
credential-like name is. Where they judge differently, the function says how: free text reads every
word after the credential word, a guard reads the last word of the name.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def identifier_words(name: str) -> list[str]:
    """`refreshTokenTTL` -> ['refresh', 'token', 'ttl']; `API_KEY` -> ['api', 'key']; `x-api-key` -> ['x', 'api', 'key']."""
    return list(_identifier_words(name))


@lru_cache(maxsize=8192)
def _identifier_words(name: str) -> tuple[str, ...]:
    # The same few thousand identifiers recur in every file; a fresh list per call keeps callers free to mutate.
    return tuple(w.lower() for w in _WORD.findall(name))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---- the tables ------------------------------------------------------------------------------------

PASSWORD_WORDS = _words("password passwd passphrase pwd passcode")
"""Words that make a name a password's (`db_password`, `smtpPasswd`, `passcode`)."""
TOKEN_WORDS = _words("token tokens jwt authorization bearer")
CREDENTIAL_WORDS = PASSWORD_WORDS | _words(
    """passwords pass secret secrets token tokens apikey apikeys credential credentials creds sas pat pin bearer
    privatekey accesskey secretkey clientsecret authtoken accesstoken refreshtoken apitoken
    dsn session sessionid sid cookie connectionstring connstr"""
)
"""A word of these makes a name credential-like wherever it stands (`client_secret`, `AWS_SESSION_TOKEN`)."""
CREDENTIAL_SUFFIXES = ("password", "passwd", "secret", "token", "apikey", "passphrase")
"""Endings of one long word that name a credential (`dbpassword`, `webhooksecret`)."""
KEY_MATERIAL_QUALIFIERS = _words("api secret private signing encryption hmac master jwt webhook")
"""Words before `key` that make it key material (`signing_key`, `jwt_key`), in code as in text."""
CREDENTIAL_KEY_QUALIFIERS = KEY_MATERIAL_QUALIFIERS | _words(
    """access client auth app application license account service shared storage admin consumer session user
    personal deploy primary secondary subscription management encrypt decrypt crypt sign ingest insert
    sendgrid stripe mailgun mailchimp datadog dd"""
)
"""Words before `key` (or `data`) that make a key in a config or prompt a credential (`ACCESS_KEY`,
`DD_API_KEY`, `client-key-data`). Code guards use only the key-material ones: `primary_key=True` and
`session_key` are model fields there."""
CODE_QUALIFIERS = _words(
    """otp verification verify reset invite invitation auth authorization mfa confirm confirmation login
    recovery backup magic one activation sms email password"""
)
"""Words before `code` that make it a one-time secret (`otp_code`, `reset_code`)."""
METADATA_WORDS = _words(
    """name names id ids type types kind length len min max count size limit index bits bytes
    file files filename path paths dir url urls uri endpoint endpoints env var variable
    field fields header headers param params parameter attr attribute selector form widget input
    prefix suffix label hint title description display text message messages msg help placeholder prompt
    policy policies rule rules strength complexity pattern regex format encoding charset separator delimiter
    validator validation valid invalid verify verified check correct incorrect mismatch wrong matches match
    ok exists present missing expired revoked reused common too short score
    ttl lifetime expiry expires expire exp expiration age timeout seconds secs minutes mins hours days weeks ms
    date time timestamp ts created updated changed change at on last history rotation used uses usage
    hash hashes hashed hasher hashers digest fingerprint algorithm algorithms alg scheme mask masked preview
    last4 visible show reveal reset set confirm confirmation required enabled enable disabled
    is has should use counter attempts retries mode strategy method version ver
    manager store provider backend factory generator service client class model serializer schema
    table column repo repository lookup cache stats location source ref reference arn vault kms mount engine
    scope scopes claim claims payload issuer audience kid jti sub auth user username owner email login role
    account project region bucket namespace host port domain realm
    request response callback handler router view event events exception error errors status state
    config setting settings option options template info metadata details api uuid guid
    placement style position"""
)
"""Words that make a name a fact about a credential, not the credential: `token_type`, `password_min_length`,
`secret_name`, `token_url`, `api_key_header`, `password_reset`."""
SAFE_WORDS = _words(
    """masked redacted hashed hash encrypted salted obfuscated fingerprint safe public pub
    fake dummy example sample placeholder url uri route path
    is has should use require requires verify validate check num allow allowed needs show mask redact max min"""
)
"""Any of these words means the value was made safe, or is a flag, a limit or a location, not the secret."""
HELD_IN_CODE = _words("response digest bytes auth")
"""Metadata in a key of text (`token_response: 200`, `password_digest: $2b$...`), but in code a variable
whose last word is one of these holds the credential itself (`token_response`, `hmac_digest`, `token_bytes`)."""
_CODE_METADATA_WORDS = METADATA_WORDS - HELD_IN_CODE
NEUTRAL_TAILS = _words(
    "value val str string raw b64 base64 hex bytes data plain plaintext literal default fallback override "
    "secret token key password enc encoded 1 2"
)
"""The only words code may put after the credential word and still name its value (`password_value`,
`api_key_b64`)."""
NOT_A_CREDENTIAL_ALONE = _words("session sessionid sid cookie dsn connectionstring connstr")
"""In code these name configuration (`SESSION_ENGINE`, `SENTRY_DSN`), not a credential on their own."""
PLURALS = _words("tokens passwords passwds secrets keys apikeys")
"""One word for many credentials (`summary["tokens"] = "revoked"`): a status or a label, not a value."""


# ---- judgements --------------------------------------------------------------------------------------


def _credential_position(words: list[str]) -> int:
    """Index of the last word that names a credential, or -1."""
    position = -1
    for index, word in enumerate(words):
        qualified_key = word in ("key", "keys", "data") and index > 0 and words[index - 1] in CREDENTIAL_KEY_QUALIFIERS
        if (
            word in CREDENTIAL_WORDS
            or qualified_key
            or (len(word) > 6 and word.endswith(CREDENTIAL_SUFFIXES))
            or (word == "auth" and len(words) == 1)
        ):
            position = index
    return position


@lru_cache(maxsize=4096)
def is_secret_name(name: str) -> bool:
    """A key of free text or configuration that names a credential: `DB_PASSWORD`, `clientSecret`,
    `x-api-key`, `AWS_SESSION_TOKEN`: yes. `password_min_length`, `token_url`, `secret_name`, `tokenizer`,
    `author`: no. Any word after the credential word may make it metadata (`token_key` is a lookup key)."""
    words = identifier_words(name)
    position = _credential_position(words)
    if position < 0:
        return False
    tail = words[position + 1 :]
    if words[position] == "secret" and tail[:1] == ["id"]:
        return True  # Vault AppRole secret_id is a credential, unlike client_id.
    if words[position] in ("key", "data") and tail[:1] == ["data"]:
        tail = tail[1:]  # kubeconfig client-key-data
    return not any(word in METADATA_WORDS or word in ("key", "keys") for word in tail)


@lru_cache(maxsize=4096)
def credential_name_kind(name: str | None) -> str | None:
    """`"password"` or `"secret"` when a code identifier (or a dict/setting key) names a credential, else None.

    Stricter than `is_secret_name`: a session, cookie or DSN setting names configuration, and only the
    neutral words may follow the credential word. `DB_PASSWORD`, `client_secret`, `X-API-Key`,
    `SOCIAL_AUTH_GITHUB_SECRET`, `aws_session_token`: yes. `token_type`, `password_reset_template`,
    `SESSION_COOKIE_DOMAIN`, `SESSION_ENGINE`, `SENTRY_DSN`, `access_token_url`: no."""
    if not name or not is_secret_name(name):
        return None
    words = identifier_words(name)
    position = _credential_position(words)
    if words[position] in NOT_A_CREDENTIAL_ALONE or SAFE_WORDS.intersection(words[:position]):
        return None
    if words[position] == "secret" and words[position + 1 :] == ["id"]:
        return "secret"  # a Vault AppRole secret_id is a credential, unlike a client_id
    if any(w not in NEUTRAL_TAILS and not w.isdigit() for w in words[position + 1 :]):
        return None
    return "password" if names_a_password(words) else "secret"


def is_generic_key_name(name: str) -> bool:
    """`KEY`, `KEY_0`, `key2`, `client_id`: a name that holds a credential only when its value is a long
    random-looking literal (`values.generic_value_is_secret`); not a credential name by itself."""
    words = [w for w in identifier_words(name) if not w.isdigit()]
    return words in (["key"], ["keys"], ["client", "id"], ["clientid"])


def names_a_password(words: list[str]) -> bool:
    """`db_pass`, `smtpPwd`, `MYSQL_ROOT_PASSWORD`: the name's words say password rather than secret."""
    return any(w.startswith(("pass", "pwd")) or w.endswith(("password", "passwd")) for w in words)


@lru_cache(maxsize=8192)
def secret_kind(name: str | None) -> str | None:
    """What kind of secret a code identifier names, or None when it names none.

    `client_secret` -> 'secret', `refresh_token` -> 'token', `db_password` -> 'password', `api_key` ->
    'api_key', `webhook_signature` -> 'signature', `otp_code` -> 'code'; `token_type`, `token_id`,
    `password_min_length`, `masked_token`, `public_key` -> None. The last word says what the value is
    (`password_reset_token` is a token); a metadata last word, or a safe word anywhere, names none.
    """
    if not name:
        return None
    words = identifier_words(name)
    if not words or words[-1] in _CODE_METADATA_WORDS or SAFE_WORDS.intersection(words):
        return None
    last, previous = words[-1], words[-2] if len(words) > 1 else ""
    if last in PASSWORD_WORDS:
        return "password"
    if last in {"secret", "secrets"}:
        return "secret"
    if last in TOKEN_WORDS:
        return "token"
    if last == "apikey" or last in {"key", "keys"} and previous == "api":
        return "api_key"
    if last in {"key", "keys"} and previous in KEY_MATERIAL_QUALIFIERS:
        return "key"
    if last == "code" and previous in CODE_QUALIFIERS:
        return "code"
    joined = set(words)
    if joined & PASSWORD_WORDS:
        return "password"
    if "secret" in joined or "secrets" in joined:
        return "secret"
    if joined & TOKEN_WORDS:
        return "token"
    if "apikey" in joined or "api" in joined and "key" in joined:
        return "api_key"
    if joined & {"credential", "credentials", "creds"}:
        return "credential"
    if joined & {"signature", "sig", "hmac", "mac", "digest"}:
        return "signature"
    if "otp" in joined or "totp" in joined or "pin" in joined:
        return "code"
    if last in {"nonce", "salt"}:
        return last
    return None
