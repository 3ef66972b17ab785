"""IDG001 on parsed code: literal values in credential positions, each reported once where it is.

Secret-shaped values are built at run time; none is committed.
"""

from __future__ import annotations

import random
import string

import pytest
from idguard.guards import check_code
from idguard.guards.policy import Policy, SecretsPolicy
from idguard.guards.secrets import find_secrets, fingerprint, redact
from idguard.guards.secrets.code import CodeLiteral, find_code_secrets, register_front_end
from idguard.server.hook.decide import decide_user_prompt

KEY = b"test-installation-key"
RNG = random.Random(12)
ALNUM = string.ascii_letters + string.digits
GITHUB = "gh" + "p_" + "".join(RNG.choice(ALNUM) for _ in range(36))
PEM = (
    "-----BEGIN RSA "
    + "PRIVATE KEY-----\\n"
    + "\\n".join("".join(RNG.choice(ALNUM + "+/") for _ in range(64)) for _ in range(6))
    + "\\n-----END RSA "
    + "PRIVATE KEY-----"
)
PASSWORD = "Qv7" + "".join(RNG.choice(ALNUM) for _ in range(9)) + "!x"


def idg001(code: str, path: str = "app/service.py") -> list[tuple[int, int]]:
    return [(f.line, f.column) for f in check_code(code, path=path).findings if f.guard_id == "IDG001"]


@pytest.mark.parametrize(
    "code",
    [
        "def access_token_url(self):\n    return self.setting('ACCESS_TOKEN_URL')\n",
        "if self._secret_fallbacks is None:\n    self._secret_fallbacks = fallbacks\n",
        'def f():\n    """Send password=hunter2Xk9mQ2 and token: abc123def456ghi789 to the server."""\n',
        "# password = 'Zq8vT2mLx9RkWp' was the old value\nx = 1\n",
        'form = {"grant_type": "refresh_token", "token_type_hint": "access_token", "password": password}\n',
        'GRANT_TYPE_PASSWORD = "password"\nREFRESH_GRANT = "refresh_token"\n',
        "r = requests.post(url, auth=(CLIENT_ID, CLIENT_SECRET))\n",
        'class Grant(str, Enum):\n    PASSWORD = "password"\n    SECRET = "client_secret_basic"\n',
        'Kind = Literal["access_token", "refresh_token"]\n',
        'RESULTS = ["pass", "fail", "skip"]\nGRANT_TYPES = ("token", "authorization_code", "refresh_token")\n',
        'COMMON_PASSWORDS = {"password", "123456", "qwerty", "letmein", "welcome1", "admin123"}\n',
        "if new_password == current_password or password != form.get('confirm_password'):\n    pass\n",
        'password = os.environ.get("DB_PASSWORD", "")\ntoken = request.headers["Authorization"]\n',
        'SECRET_NAME = os.environ.get("BILLING_DB_SECRET", "prod/billing/db")\n',
        'link = f"{settings.SITE_URL}/reset?token={signer.dumps(user.pk)}"\n',
        'INTERNAL_RESET_SESSION_TOKEN = "_password_reset_token"\nPASSWORD_RESET_TEMPLATE = "password_reset.html"\n',
        'summary["tokens"] = "revoked"\nSESSION_COOKIE_DOMAIN = ".example.com"\n',
        'fields = ("username", "usable_password", "password1", "password2")\n',
        'header = f"Bearer {token}"\nPASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]\n',
        'if token == "async":\n    pass\nelif csrf_token == "NOTPROVIDED":\n    pass\n',
        'TOKEN_PAT = r"[-!#$%&\'*+.^_`|~0-9a-zA-Z]+"\nkey_or_pass = r"(?:key|pwd|password|pass|token)"\n',
        'tokens = {"root": [(r"(true|false)\\b", Keyword), (r"\\d+", Number, "state-with-long-name2")]}\n',
        'LEXER_TOKENS = {"string-single-pop2": [1], "adl14_code_constraint": [2]}\n',
        'sql = "SELECT id FROM users WHERE token = :token AND password = %s"\n',
        "msg = '<%s token: \"%s...\">' % (kind, value)\n",
    ],
)
def test_code_that_only_mentions_credentials_is_not_a_secret(code: str):
    assert idg001(code) == []


@pytest.mark.parametrize(
    ("code", "position"),
    [
        (f'DB_PASSWORD = "{PASSWORD}"\n', (1, 15)),
        (f'if password == "{PASSWORD}":\n    grant()\n', (1, 16)),
        (f'if request.form.get("password") != "{PASSWORD}":\n    abort(401)\n', (1, 36)),
        (f'conn = psycopg2.connect(host="db", user="app", password="{PASSWORD}")\n', (1, 57)),
        (f'r = redis.Redis(host="cache", password="{PASSWORD}")\n', (1, 40)),
        (f's.login("ops@example.com", "{PASSWORD}")\n', (1, 28)),
        (f'conn = ldap3.Connection(server, BIND_DN, "{PASSWORD}", auto_bind=True)\n', (1, 42)),
        (f'r = requests.get(url, auth=("svc", "{PASSWORD}"))\n', (1, 36)),
        (f'DATABASES = {{"default": {{"USER": "app", "PASSWORD": "{PASSWORD}"}}}}\n', (1, 53)),
        (f'def connect(host, password="{PASSWORD}"):\n    pass\n', (1, 28)),
        (f'def get_api_key():\n    return "{PASSWORD}"\n', (2, 12)),
        (f'SMTP_PASS = "{PASSWORD}"\n', (1, 13)),
        (f'PW = "{PASSWORD}"\n\ndef check(password):\n    return password == PW\n', (1, 6)),
        (f'os.environ.setdefault("API_TOKEN", "{PASSWORD}")\n', (1, 36)),
        (f'settings.api_key = SecretStr("{PASSWORD}")\n', (1, 30)),
        ('if username == "admin" and password == "password":\n    grant()\n', (1, 40)),
        ('conn.simple_bind_s("cn=admin,dc=example,dc=org", "secret")\n', (1, 50)),
        ('API_KEYS = {"f3c9a1e7b25d4086a9e1c7f3b2d8e604": "alice"}\n', (1, 13)),
        (f'class Settings(BaseModel):\n    api_key: str = Field("{PASSWORD}", env="API_KEY")\n', (2, 26)),
        (f'@click.option("--db-password", default="{PASSWORD}")\ndef main(db_password):\n    pass\n', (1, 40)),
        (f'pw = os.environ.get("DB_PASSWORD") or "{PASSWORD}"\n', (1, 39)),
        (f'SECRET = base64.b64decode("{PASSWORD}").decode()\n', (1, 27)),
    ],
)
def test_a_literal_in_a_credential_position_is_reported_at_its_column(code: str, position: tuple[int, int]):
    assert idg001(code) == [position]
    [finding] = [f for f in check_code(code, path="app/service.py").findings if f.guard_id == "IDG001"]
    assert PASSWORD not in finding.message and PASSWORD not in (finding.fix or "")


def test_known_formats_are_secrets_anywhere_even_in_comments_and_docstrings():
    code = (
        f'"""Deploy with {GITHUB}."""\n'
        f"# token: {GITHUB}\n"
        f'KEY = """{PEM}"""\n'
        f"client = Github(auth=Token(value))  # was {GITHUB}\n"
    )
    assert [line for line, _ in idg001(code)] == [1, 2, 3, 4]


def test_value_formats_count_inside_literals_not_in_documentation():
    url = f"postgresql://app:{PASSWORD}@db.internal/app"
    assert idg001(f'DSN = "{url}"\n') == [(1, 8 + len("postgresql://app:"))]
    assert idg001(f'OPTS = "host=db user=app password={PASSWORD} sslmode=require"\n') == [(1, 35)]
    assert idg001(f'def f():\n    """Connect with {url}"""\n') == []
    assert idg001('def f():\n    """Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW"""\n') == []


def test_each_literal_is_reported_once_not_every_repetition():
    code = f'DB_PASSWORD = "{PASSWORD}"\nlog.info("rotating {PASSWORD} soon")\nBACKUP = "{PASSWORD}"\n# {PASSWORD}\n'
    assert idg001(code) == [(1, 15)]
    # The redactor still replaces every copy of a detected value (the text scan marks the copies).
    assert sum(m.repeated for m in find_secrets(code)) == 3
    assert PASSWORD not in redact(code, KEY).redacted


def test_test_files_report_only_random_values_and_formats():
    fixture = 'client.login(username="admin", password="s3cret-Pass")\n'
    random_key = 'API_KEY = "f3c9a1e7b25d4086a9e1c7f3b2d8e604"\n'
    assert idg001(fixture, path="tests/test_login.py") == []
    assert idg001(fixture, path="app/login.py") == [(1, 41)]
    assert idg001(random_key, path="tests/test_client.py") == [(1, 11)]
    assert idg001(f'TOKEN = "{GITHUB}"\n', path="tests/conftest.py") == [(1, 10)]  # formats: the value's column


def test_columns_are_characters_on_non_ascii_and_crlf_lines():
    code = f'# ünïcödé\r\nlabel = "héllo"; DB_PASSWORD = "{PASSWORD}"\r\n'
    assert idg001(code) == [(2, 32)]


def test_unparseable_python_falls_back_to_the_text_scan():
    code = f'def broken(:\n    DB_PASSWORD = "{PASSWORD}"\n'
    assert find_code_secrets(code, "python") is None
    assert [line for line, _ in idg001(code)] == [2]


def test_the_policy_applies_in_code_too():
    code = f'DB_PASSWORD = "{PASSWORD}"\nTOKEN = "{GITHUB}"\n'
    by_path = Policy(secrets=SecretsPolicy(allow_paths=["app/fixtures/*"]))
    by_regex = Policy(secrets=SecretsPolicy(allow_regexes=["^Qv7"]))
    by_fingerprint = Policy(secrets=SecretsPolicy(allow_fingerprints=[fingerprint(GITHUB, KEY)]))
    assert find_code_secrets(code, "python", by_path, "app/fixtures/seed.py") == []
    assert [m.line for m in find_code_secrets(code, "python", by_regex)] == [2]
    assert [m.line for m in find_code_secrets(code, "python", by_fingerprint, key=KEY)] == [1]


def test_another_language_plugs_in_a_front_end():
    """A front end only lists literals; the judgement is shared."""

    def toy(text: str) -> list[CodeLiteral]:
        start = text.index('"')
        end = text.index('"', start + 1) + 1
        return [
            CodeLiteral(
                start,
                end,
                start + 1,
                end - 1,
                text[start + 1 : end - 1],
                name="dbPassword",
                where="assigned to `dbPassword`",
            )
        ]

    register_front_end("toylang", toy)
    found = find_code_secrets(f'let dbPassword = "{PASSWORD}"', "toylang")
    assert [(m.kind, m.column, m.where) for m in found] == [("password", 18, "assigned to `dbPassword`")]
    assert find_code_secrets('let label = "x"', "unknownlang") is None


@pytest.mark.parametrize(
    "prompt",
    [
        'Why does my check `status == "pass"` fail when results = ["pass", "fail", "skip"]?',
        'GRANT_TYPES = ("token", "authorization_code", "refresh_token") and Literal["access_token", "refresh_token"]',
        "auth=(CLIENT_ID, CLIENT_SECRET) is passed to requests.post; request.credential = credential",
        "log.debug(f'Fetch request token: {request_token!r}') and q.filter_by(access_token=token).first()",
        '@sensitive_variables("password1", "password2") and PRIVATE_KEY_CLS = RSAPrivateKeyWithSerialization',
    ],
)
def test_prompts_about_ordinary_code_are_not_blocked(prompt: str):
    assert find_secrets(prompt) == []
    assert decide_user_prompt({"prompt": prompt}).allow


def test_prompts_with_credentials_are_still_blocked():
    decision = decide_user_prompt({"prompt": f"my db password is {PASSWORD} and the token is {GITHUB}"})
    assert not decision.allow and "github_token" in decision.reason and PASSWORD not in decision.reason


def test_a_plain_pytest_file_is_not_blocked():
    code = (
        "import pytest\n\n"
        '@pytest.mark.parametrize("status", ["pass", "fail", "skip"])\n'
        "def test_status(status, report):\n"
        '    assert report(status).status in ("pass", "fail", "skip")\n\n'
        "def test_login(client):\n"
        '    response = client.login(username="alice", password="s3cret-Alice!")\n'
        '    assert response.json()["token_type"] == "bearer"\n'
    )
    result = check_code(code, path="tests/test_login.py")
    assert [f for f in result.findings if f.guard_id == "IDG001"] == [] and result.verdict != "block"
