"""Judgement of candidate values: is this a credential or just text?

The format detectors (prefix-anchored tokens, PEM blocks) need little of this;
keyword assignments (`password = ...`) and context-only detectors need all of
it: a credential-like name, and a value that is neither a placeholder, a
reference to where the secret lives, code, nor an ordinary word or number.
Names are judged in `words.py`, the vocabulary the Python guards share.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .words import PLURALS, credential_name_kind, identifier_words, is_secret_name

# "Fill this in" values: templates, masks, and words docs use instead of a value.
_PLACEHOLDER = re.compile(
    r"""^(?:
        <[^<>]{0,80}> | \[[^\[\]]{0,80}\] | \(\s*\w{0,40}\s*\)
        | \$\{\{.{0,200}\}\} | \$\{.{0,200}\} | \$\([^)]{0,200}\) | \{\{.{0,200}\}\} | \{%.{0,200}%\} | \{[A-Za-z_][\w.]{0,80}(?:![rsa])?(?::[^{}]{0,20})?\}
        | %\(\w{1,80}\)s | %s | %[A-Z_][A-Z0-9_]{0,80}% | \$[A-Za-z_][A-Za-z0-9_]{0,80} | @@?\w{1,80}@? | :[A-Za-z_]\w{0,80}
        | [xX*#.•_-]{3,} | [xX]+[-_xX]*
        | (?i:(?:your|my|some|the|an?|enter|insert|put|add|replace|set)[\s_-].{0,60}
              | .{0,40}(?:here|goes[\s_-]here|example\w{0,20}|placeholder|redacted|changeme|change[\s_-]me|replace[\s_-]?me|dummy|fake|sample)
              | changeme\w{0,10} | change[_-]?me | redacted | placeholder | example | dummy | fake | sample | none | null | nil | nan | true | false
              | yes | no | on | off | todo | tbd | fixme | secret | secrets | password | passwd | passphrase | token | tokens | key | apikey | api[_-]?key
              | test | testing | foo | bar | baz | qux | bearer | basic | digest | token\s | undefined | string | str | bytes | int | required | optional
              | env | default | hidden | masked | unset | empty | omitted | not[_-]?set | n/?a | auto | bot | ssws | mac | header | body | query
              | uri | url | form | json | jwt | oauth2? | pass | pwd | user | username | public | private | prompt
              | enabled? | disabled? | always | never | strict | lax | internal | external | local | global | managed | manual
              | generated | random | inherit | system | file | vault | kms | ssm | keychain | keyring | store)
    )$""",
    re.VERBOSE,
)

# Where a secret is kept, not the secret: environment and secret-manager look-ups, files, cloud references.
# Three patterns, each tried only where it can match (a search of every position for anchored alternatives
# costs more than all the rest of a value's judgement).
_REFERENCE_LOOKUP = re.compile(
    r"\b(?:os\.environ|os\.getenv|getenv|process\.env|import\.meta\.env|System\.getenv|Environment\.GetEnvironmentVariable"
    r"|ENV\[|env\(|config\(|settings\.|secrets\.|vault\(|keyring\.|getpass)"
)
_REFERENCE_START = re.compile(
    r"""(?:arn:aws|projects/|vault:|ref\+|/run/secrets|/var/run/secrets|/etc/|file:|env:|ssm:|secretsmanager:|azurekeyvault
           |keyvault:|op://|gcp:|sm://)
        | @Microsoft\.KeyVault | !(?:Ref|Sub|GetAtt|ImportValue|vault) | \{\{\s*resolve: | \(\(.{0,80}\)\)$""",
    re.VERBOSE,
)
# A key or config file, matched on the value's last path segment.
_REFERENCE_FILE = re.compile(
    r"[\w.-]{1,100}\.(?:pem|key|crt|cer|p12|pfx|json|der|jks|keystore|txt|env|ya?ml|toml|ini|cfg)$"
)

# Code, not a literal: calls, indexing, member access, operators between names (at the start), or `=>`.
_CODE_START = re.compile(
    r"[A-Za-z_$][\w.$]*\s*[(\[]|(?:self|cls|this|os|settings|config|env|request|req|ctx|args|opts|options|props|params)\."
    r"|\w+(?:\.\w+)+$|\w+\s+(?:[+|&?]|\|\||&&|or|and)\s|(?:await|new|lambda|function|fn|async)\b"
)

# Code, not a value, in any language: a bracketed expression (`(CLIENT_ID, CLIENT_SECRET)`, `{x.strip() for ...}`,
# `[*tokens, token]`), a call or a call chain (`token).first(`), names joined by `+` (`pwd+salt`).
_CODE_SHAPE = re.compile(r"^[(\[{]|\w\)|[)\]}][.(\[]|\w\($|^[A-Za-z_]+(?:\+[A-Za-z_]+)+$")
_CODE_SHAPE_CHARS = re.compile(r"[()\[\]{}+]")
"""A value without one of these characters has no code shape."""

# camelCase / PascalCase names (`userPassword`, `SecretStr`): words, not random characters.
_WORDS_IN_CASE = re.compile(r"^[A-Za-z][a-z]+(?:[A-Z][a-z]+)*(?:[A-Z]{1,4})?$")
_WHITESPACE = re.compile(r"\s")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_NUMBER_OR_DURATION = re.compile(r"^-?\d+(?:\.\d+)?(?:[smhdwkKMGT]|ms|min|mins|days?|hours?|bytes|kb|mb|gb|%)?$")
_URL_WITHOUT_PASSWORD = re.compile(
    r"^[a-z][a-z0-9+.-]{1,20}://(?:[^\s:@/]{1,256}@)?[^\s:@/]*(?:[/:?#]|$)(?!.*:[^@/\s]*@)", re.I
)
_LONG_DIGITS = re.compile(r"^\d{20,}$")
_PATH = re.compile(r"^(?:~|\.{1,2})?/[\w./-]*$|^[A-Za-z]:\\")
_HASH_LIKE = re.compile(
    r"^(?:sha(?:1|224|256|384|512)[:-]|md5[:-]|\$(?:2[abxy]?|5|6|argon2id?|pbkdf2[\w-]*|scrypt)\$)",
    re.I,
)


# Eight identical filler characters in a row: a masked or documented shape (`sk_live_xxxxxxxx`), not a key.
FILLER = re.compile(r"([xX*0.#•])\1{7}")


_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_HEX_PREFIX = re.compile(r"^(?:0[xX]|\\x|#)")


def is_low_entropy_constant(value: str) -> bool:
    """`0xeeeeeeee...`, `"abababab..."`, `ghp_` + one repeated letter, `0xdeadbeef` repeated: a constant or
    a mask, not a key. Long values only (twelve characters or more after a `0x` prefix), with under 2 bits
    of entropy per character (a random value of that length has well over 3) or a repeated hex word."""
    body = _HEX_PREFIX.sub("", value, count=1)
    if len(body) < 12:
        return False
    if shannon_entropy(body) < 2.0:
        return True
    # A hex word repeated (`0xdeadbeefdeadbeef...`, `cafebabe` * 4): a marker constant.
    return all(c in _HEX_DIGITS for c in body) and any(
        len(body) >= 3 * unit and body == (body[:unit] * (len(body) // unit + 1))[: len(body)] for unit in range(1, 9)
    )


def shannon_entropy(value: str) -> float:
    if not value:
        return 0.0
    total = len(value)
    # Counter counts in C; the sum runs once per distinct character, not per character.
    return math.log2(total) - sum(c * math.log2(c) for c in Counter(value).values()) / total


def is_placeholder(value: str) -> bool:
    stripped = value.strip().strip("\"'`")
    return not stripped or _PLACEHOLDER.match(stripped) is not None


_WORD_PATH = re.compile(r"^[a-z]+(?:[-_][a-z]+)*(?:/[a-z]+(?:[-_][a-z]+)*)+$")


def is_secret_manager_path(value: str) -> bool:
    """Lowercase words joined by `/` (`cobalt/orders/replica-reader`, `export/vendor-api-token`): the name a
    secret manager keeps a secret under, not the secret."""
    return _WORD_PATH.match(value) is not None


def is_reference(value: str) -> bool:
    return (
        _REFERENCE_START.match(value) is not None
        or _REFERENCE_FILE.match(value.rpartition("/")[2]) is not None
        or _REFERENCE_LOOKUP.search(value) is not None
    )


def quoted_value_is_secret(value: str, passphrase_allowed: bool = False) -> bool:
    """A quoted literal under a credential-like name: anything but placeholders, references, code and prose."""
    if len(value) < 4 or len(value) > 8192 or is_placeholder(value) or is_reference(value) or FILLER.search(value):
        return False
    if is_low_entropy_constant(value):
        return False
    if (_NUMBER_OR_DURATION.match(value) and not _LONG_DIGITS.match(value)) or _URL_WITHOUT_PASSWORD.match(value):
        return False  # a number or a duration is a setting; twenty digits and more are a numeric key
    if _PATH.match(value):
        return False
    if _HASH_LIKE.match(value) or value.startswith(
        ("-----BEGIN PUBLIC", "-----BEGIN CERTIFICATE", "ssh-rsa ", "ssh-ed25519 ")
    ):
        return False
    if not passphrase_allowed and _WHITESPACE.search(value):
        return False
    if len(set(value)) < 3 or ("\\" in value and len(_ESCAPE.sub("e", value)) < 4):
        return False  # `"aaaa"`; `b"\\xd1\\x91"` is two bytes written as escapes, not eight characters
    return True


_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.)")


_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]{2}")


def looks_like_code_name(value: str) -> bool:
    """`RSAPrivateKeyWithSerialization`, `JWTBearerToken`, `Ed25519PrivateKey`, `OneLogin_Saml2_Auth`: a class
    or type name made of words, not random characters (`xKqPzRtYw` has one-letter "words")."""
    if len(value) > 80 or not _CAPITALISED_WORD.search(value) or not _IDENTIFIER.match(value):
        return False
    words = [w for w in identifier_words(value) if not w.isdigit()]
    return len(words) >= 2 and all(len(w) >= 2 for w in words) and sum(len(w) >= 3 for w in words) * 2 >= len(words)


def is_field_name(value: str, name: str) -> bool:
    """`"password2"` beside `"password1"`, `"_password_reset_token"` under `RESET_SESSION_TOKEN`,
    `"refreshToken"`: an identifier that names a credential field (or shares a word with the name it is
    assigned to) is the name of a thing, not its value. Hyphens (`"my-secret-key"`) and real digits
    (`"password123"`) keep a value a value."""
    if not _IDENTIFIER_VALUE.match(value):
        return False
    value_words = [w for w in identifier_words(value) if not (w.isdigit() and len(w) == 1)]
    return all(w.isalpha() for w in value_words) and (
        is_secret_name(value) or bool(set(value_words) & set(identifier_words(name)))
    )


def bare_value_is_secret(value: str, config_line: bool = False) -> bool:
    """An unquoted value (env files, YAML, INI, shell): must look like a literal, not a name or an expression.

    `config_line`: the assignment is a whole line of an env/YAML/INI file (`DB_PASSWORD=mysecretpassword`),
    where a plain word is a value rather than a variable name."""
    if not quoted_value_is_secret(value) or value.endswith(".") and is_placeholder(value.rstrip(".")):
        return False  # `:param token: REQUIRED.` is a docstring, not a token
    if _CODE_START.match(value) or "=>" in value or value.endswith((":", ",")):
        return False
    if _CODE_SHAPE_CHARS.search(value) and _CODE_SHAPE.search(value):
        return False
    identifier = _IDENTIFIER.match(value) is not None
    type_name = identifier and looks_like_code_name(value)
    code_name = identifier and ("_" in value or (_WORDS_IN_CASE.match(value) and not value.islower()) or type_name)
    if config_line and len(value) >= 6 and not value.isupper() and not code_name:
        return True  # `request_password`, `token: SecretStr` stay names even alone on a line
    if _IDENTIFIER.match(value):
        # `password = new_password`, `token: Token`: names. A long random-looking run is still a credential.
        has_digit = any(c.isdigit() for c in value)
        mixed = any(c.isupper() for c in value) and any(c.islower() for c in value)
        if "_" in value and not has_digit:
            return False
        if not has_digit and not (
            mixed and len(value) >= 8 and not _WORDS_IN_CASE.match(value) and shannon_entropy(value) >= 3.0
        ):
            return False
        if type_name:
            return False  # `Ed25519PrivateKey`, `OneLogin_Saml2_Auth`: type names
    return True


_GENERIC_VALUE = re.compile(r"[A-Za-z0-9+/=_\-]{20,512}")
_UUID_SHAPE = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")


def generic_value_is_secret(value: str, name: str) -> bool:
    """A literal under a name that holds a credential only when its value is one (`KEY_0`, `client_id`,
    `words.is_generic_key_name`): a long random-looking run of token characters, not a UUID, a constant
    or a name. A client id is public, unless it is as long as a secret (64 hex, or 48 random characters)."""
    if not _GENERIC_VALUE.fullmatch(value) or _UUID_SHAPE.fullmatch(value) or is_low_entropy_constant(value):
        return False
    if looks_like_code_name(value):
        return False  # `key: PKCS12PrivateKeyTypes | None`: a type, not a key
    classes = sum((any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value)))
    entropy = shannon_entropy(value)
    if identifier_words(name)[-1] in ("id", "clientid"):
        hex_only = all(c in _HEX_DIGITS for c in value)
        return (hex_only and len(value) >= 64) or (len(value) >= 48 and classes == 3 and entropy >= 4.5)
    return classes >= 2 and any(c.isdigit() for c in value) and entropy >= 3.5 and not code_shaped_value(value)


def value_is_strongly_random(value: str) -> bool:
    """A word in prose after "password"/"token" that can only be a credential: letters and digits mixed, random."""
    value = value.rstrip(".,;:!?)")
    return (
        len(value) >= 8
        and any(c.isdigit() for c in value)
        and any(c.isalpha() for c in value)
        and shannon_entropy(value) >= 3.0
        and not _HASH_LIKE.match(value)
        and not _URL_WITHOUT_PASSWORD.match(value)
        and not _PATH.match(value)
        and bare_value_is_secret(value)
    )


def looks_random(value: str, min_entropy: float = 3.0) -> bool:
    """A token-shaped run that is not hex-only, not a placeholder and has enough entropy."""
    return not is_placeholder(value) and shannon_entropy(value) >= min_entropy and len(set(value)) >= 8


_SNAKE_NAME = re.compile(r"^_*[a-z][a-z0-9]*(?:_+[a-z0-9]+)+_*$")
_IDENTIFIER_VALUE = re.compile(r"^_*[A-Za-z][A-Za-z0-9]*(?:_+[A-Za-z0-9]+)*_*$")
_DOTTED_PATH = re.compile(r"^[A-Za-z_][\w]*(?:(?:\.|::?)[A-Za-z_]\w*)+$")
# Regular expressions: a class, a group construct, an escape class or a counted repetition.
_REGEX_SHAPE = re.compile(r"\(\?[:=!<P]|\\[dwsbDWSB]|\[\^?[A-Za-z0-9]-[A-Za-z0-9]|\][*+?{]|\{\d+,\d*\}|\.\*|\)[*+?]")
# A word or words (`"async"`, `"NOTPROVIDED"`, `"--raw-control-chars"`, `"_messages"`): a keyword, a
# sentinel or an option, not a token or key (a word can be a weak password, so passwords keep them).
_PLAIN_WORDS = re.compile(r"^(?:-{1,2}|_+)?[A-Za-z]+(?:[-_.][A-Za-z]+)*$")
_TEMPLATE = re.compile(r"\{[\w.\[\]!:]{0,80}\}|%(?:\(\w{1,80}\))?[sdr]\b|\$\{[\w.]{1,80}\}")
_SECRET_PATH = re.compile(r"^[a-z0-9][a-z0-9._-]*(?:/[a-z0-9._-]+)+/?$")
_AUTH_SCHEME_PREFIX = re.compile(r"^(?i:bearer|basic|token|apikey|api-key|digest)\s+")


def code_shaped_value(value: str) -> bool:
    """A literal that is code or the name of something, whatever position it is in: a module path
    (`myapp.hashers.Argon2`), a template (`"{user}:{password}"`, `"%s"`), a secret-manager path
    (`"prod/billing/db"`), a snake_case name without digits (`"refresh_token"`, `"_auth_user_id"`)."""
    if _DOTTED_PATH.match(value) or _TEMPLATE.search(value) or _SECRET_PATH.match(value) or looks_like_regex(value):
        return True
    return bool(_SNAKE_NAME.match(value)) and not any(c.isdigit() for c in value.strip("_"))


def looks_like_regex(value: str) -> bool:
    """`r"[-!#$%&'*+.^_`|~0-9a-zA-Z]+"`, `"(?:key|pwd|password)"`, `"-py(?P<pyver>[^-]+)"`: a pattern."""
    return _REGEX_SHAPE.search(value) is not None


_WEAK_PASSWORD_WORDS = frozenset({"password", "passwd", "pass", "secret", "pwd"})


def code_literal_is_secret(value: str, name: str | None = None, strict: bool = False, slot: bool = False) -> bool:
    """Whether a string literal found in a credential position (named `name`) holds a credential.

    The value is judged, not its place: placeholders, references (env look-ups, key files, secret-manager
    paths), numbers, URLs without a password, hashes, public keys, prose and code-like values (module
    paths, snake_case identifiers such as the grant type `"refresh_token"`, templates such as
    `"Bearer {}"`) are not credentials. `strict` (an element of a list under a credential name, a test
    file) also requires a long random-looking value: `COMMON_PASSWORDS = {"admin123", ...}` is a deny list.
    `slot` (a password argument or a comparison) accepts even the words "password" and "secret". Plain
    words count for passwords only (`"postgres"` is a weak password; `token == "async"` is a lexer).
    """
    value = _AUTH_SCHEME_PREFIX.sub("", value.strip(), count=1)
    words = identifier_words(name or "")
    if slot and not strict and value.lower() in _WEAK_PASSWORD_WORDS and credential_name_kind(name) == "password":
        return True  # `if password == "password"`, `connect(password="secret")`: a placeholder word used as one
    if not quoted_value_is_secret(value, passphrase_allowed="passphrase" in words):
        return False
    if code_shaped_value(value):
        return False
    if _PLAIN_WORDS.match(value) and credential_name_kind(name) != "password":
        return False  # `if token == "async"` in a lexer, `csrf_token == "NOTPROVIDED"`: keywords and sentinels
    if words and words[-1] in PLURALS:
        strict = True  # `summary["tokens"] = "revoked"`: one word for many credentials is a status or a label
    if _IDENTIFIER_VALUE.match(value):
        value_words = [w for w in identifier_words(value) if not (w.isdigit() and len(w) == 1)]
        if all(w.isalpha() for w in value_words) and (is_secret_name(value) or set(value_words) & set(words)):
            return False  # `"password2"` beside `"password1"`, `"refreshToken"`: a field name, not its value
    if strict:
        classes = sum(
            (any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value))
        )
        return len(value) >= 16 and shannon_entropy(value) >= 3.5 and classes >= 2
    return True
