"""Secret detection and redaction: every kind found and fully replaced, near-misses untouched, policy honoured.

All secret-shaped values are generated at run time (benchmarks/redaction_corpus.py); none is committed.
"""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from idguard.guards.policy import Policy, SecretPattern, SecretsPolicy
from idguard.guards.secrets import find_secrets, fingerprint, redact
from idguard.guards.secrets.detectors import DETECTORS
from idguard.guards.text.hardcoded_secret import HardcodedSecret, env_var_name
from idguard.guards.text.support import TextContext

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("idguard_redaction_corpus", ROOT / "benchmarks" / "redaction_corpus.py")
assert _spec is not None and _spec.loader is not None
corpus = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = corpus
_spec.loader.exec_module(corpus)

KEY = b"test-installation-key"


def _leaks(secret: str, redacted: str, public_text: str = "") -> list[str]:
    runs = {secret[i : i + 12] for i in range(max(1, len(secret) - 11))}
    return [r for r in runs if r in redacted and r not in public_text]


@pytest.mark.parametrize("kind", sorted(corpus.SECRET_KINDS))
def test_each_kind_is_detected_and_fully_redacted(kind: str):
    for seed in range(3):
        pieces = corpus.SECRET_KINDS[kind](corpus.Gen(random.Random(seed)))
        text = "".join(t for _, t in pieces)
        public = "\x00".join(t for is_secret, t in pieces if not is_secret)
        result = redact(text, KEY)
        for is_secret, value in pieces:
            if is_secret:
                assert not _leaks(value, result.redacted, public), f"{kind} survived: {result.redacted!r}"
            else:
                for fragment in value.splitlines():
                    assert (
                        fragment.strip() == ""
                        or fragment in result.redacted
                        or fragment in public
                        and any(fragment in line for line in result.redacted.splitlines())
                    ), f"{kind}: context {fragment!r} was changed"
        assert result.findings and all(f.placeholder.startswith("[[SECRET:") for f in result.findings)
        assert result.redacted.count("\n") == text.count("\n")


def test_near_misses_stay_untouched():
    gen = corpus.Gen(random.Random(11))
    for text in corpus._near_misses(gen):
        assert find_secrets(text) == [], text
        assert redact(text, KEY).redacted == text


@pytest.mark.parametrize(
    "text",
    [
        "sha = '" + "0123456789abcdef" * 2 + "01234567'\n",
        "image: nginx@sha256:" + "ab" * 32 + "\n",
        "uuid = 123e4567-e89b-12d3-a456-426614174000\n",
        '"integrity": "sha512-' + "A" * 40 + "b" * 46 + '=="\n',
        "API_KEY=<YOUR_API_KEY>\n",
        "password: ${{ secrets.DB_PASSWORD }}\n",
        'token = os.environ["GITHUB_TOKEN"]\n',
        "password: changeme\n",
        "api_key: xxxxxxxxxxxxxxxx\n",
        "password: '***'\n",
        "token_type = 'Bearer'\npassword_min_length = 12\nmax_tokens: 4096\n",
        "def login(password: str, token: Token) -> None:\n    check(password=password)\n",
        "The password must be rotated every 90 days; the token expires after one hour.\n",
        "AKIA" + "X" * 16 + " is the documented shape of an access key id\n",
    ],
)
def test_ordinary_text_and_placeholders_are_not_secrets(text: str):
    assert redact(text, KEY).redacted == text


def test_public_keys_and_certificates_are_not_secrets():
    gen = corpus.Gen(random.Random(5))
    for label in ("PUBLIC KEY", "CERTIFICATE", "RSA PUBLIC KEY"):
        block = "\n".join([corpus.BEGIN + label + "-----", *gen.pem_body(6), corpus.END + label + "-----"])
        assert find_secrets(block) == []


def test_private_key_without_end_line_is_still_redacted_whole():
    gen = corpus.Gen(random.Random(6))
    body = gen.pem_body(8)
    text = "my key:\n" + corpus.BEGIN + "RSA " + corpus.PRIV + "\n" + "\n".join(body)
    redacted = redact(text, KEY).redacted
    assert all(line not in redacted for line in body)


def test_placeholders_are_stable_per_value_and_every_occurrence_is_replaced():
    gen = corpus.Gen(random.Random(1))
    first, second = "gh" + "p_" + gen.mixed(corpus.ALNUM, 36), "gh" + "p_" + gen.mixed(corpus.ALNUM, 36)
    text = f"a={first}\nb={second}\nagain {first}\n"
    result = redact(text, KEY)
    assert result.redacted == (
        "a=[[SECRET:github_token:1]]\nb=[[SECRET:github_token:2]]\nagain [[SECRET:github_token:1]]\n"
    )
    assert [f.line for f in result.findings] == [1, 2, 3]
    assert result.findings[0].fingerprint == result.findings[2].fingerprint != result.findings[1].fingerprint
    assert first not in result.model_dump_json() and second not in result.model_dump_json()


def test_quotes_and_line_count_are_kept():
    gen = corpus.Gen(random.Random(2))
    password = gen.password()
    text = f"DB_PASSWORD = \"{password}\"\nkey = '{password}'\n" + gen.pem("EC ", 5) + "\nend\n"
    redacted = redact(text, KEY).redacted
    assert redacted.startswith("DB_PASSWORD = \"[[SECRET:password:1]]\"\nkey = '[[SECRET:password:1]]'\n")
    assert redacted.count("\n") == text.count("\n") and redacted.endswith("\nend\n")


def test_fingerprints_are_keyed():
    value = "s3cr3t-" + corpus.Gen(random.Random(3)).mixed(corpus.ALNUM, 20)
    assert fingerprint(value, KEY) == fingerprint(value, KEY)
    assert fingerprint(value, KEY) != fingerprint(value, b"another-installation")
    assert value not in fingerprint(value, KEY)


def test_allow_list_by_fingerprint_regex_and_path():
    gen = corpus.Gen(random.Random(4))
    known = "sk" + "_test_" + gen.mixed(corpus.ALNUM, 24)
    other = "sk" + "_test_" + gen.mixed(corpus.ALNUM, 24)
    text = f"STRIPE_A={known}\nSTRIPE_B={other}\n"
    by_fingerprint = Policy(secrets=SecretsPolicy(allow_fingerprints=[fingerprint(known, KEY)]))
    assert [text[m.start : m.end] for m in find_secrets(text, policy=by_fingerprint, key=KEY)] == [other]
    assert len(find_secrets(text, policy=by_fingerprint)) == 2  # without the key nothing can be matched
    by_regex = Policy(secrets=SecretsPolicy(allow_regexes=["^" + other[:14]]))
    assert [text[m.start : m.end] for m in find_secrets(text, policy=by_regex)] == [known]
    by_path = Policy(secrets=SecretsPolicy(allow_paths=["tests/fixtures/*"]))
    assert find_secrets(text, policy=by_path, path="tests/fixtures/stripe.env") == []
    assert len(find_secrets(text, policy=by_path, path="app/settings.env")) == 2


def test_extra_patterns_with_and_without_a_secret_group():
    internal = "ACME-" + corpus.Gen(random.Random(8)).chars(corpus.UPPER, 20)
    policy = Policy(
        secrets=SecretsPolicy(
            extra_patterns=[
                SecretPattern(name="acme_token", regex=r"ACME-[A-Z0-9]{20}"),
                SecretPattern(name="acme_pin", regex=r"pin code (?P<secret>\d{6})"),
            ]
        )
    )
    result = redact(f"use {internal} and pin code 493817 today\n", KEY, policy=policy)
    assert result.redacted == "use [[SECRET:acme_token:1]] and pin code [[SECRET:acme_pin:1]] today\n"


def test_hardcoded_secret_hint_names_the_assignment_not_the_value():
    value = "sk" + "_live_" + corpus.Gen(random.Random(9)).mixed(corpus.ALNUM, 24)
    text = f'STRIPE_KEY = "{value}"\n'
    [finding] = HardcodedSecret().check(
        TextContext(text=text, path="app/billing.py", language="python", policy=Policy())
    )
    assert 'os.environ["STRIPE_KEY"]' in finding.fix
    assert value not in finding.fix and value not in finding.message
    assert env_var_name("dbPassword", "password") == "DB_PASSWORD"
    assert env_var_name(None, "github_token") == "GITHUB_TOKEN"


def _adversarial_lines(detector) -> list[str]:
    anchor = detector.anchors[0] if detector.anchors else "M"
    size = 1_000_000
    return [
        (anchor + "a" * 50 + " ") * (size // (len(anchor) + 51)),
        anchor + "A1" * (size // 2),
        (anchor + '="' + "x/" * 30) * (size // (len(anchor) + 62)),
    ]


def test_every_detector_is_linear_on_a_megabyte_adversarial_line():
    slow = []
    for detector in DETECTORS:
        for line in _adversarial_lines(detector):
            started = time.perf_counter()
            for _ in detector.regex.finditer(line):
                pass
            elapsed = time.perf_counter() - started
            if elapsed > 1.0:
                slow.append((detector.kind, round(elapsed, 2)))
    assert slow == []


@pytest.mark.parametrize(
    "line",
    [
        "password=" * 120_000,
        'token: "' + "a" * 1_000_000,
        "secret_key_" * 90_000,
        ("api_key=" + "Ab1" * 20 + "&") * 15_000,
        "-----BEGIN " + "PRIVATE KEY-----" + "A" * 1_000_000 + "-----",
    ],
)
def test_whole_scan_stays_linear_on_adversarial_megabyte_lines(line: str):
    """No catastrophic backtracking: a line ten times longer takes about ten times longer, not a hundred.

    A ratio, not a wall-clock limit: both sizes run back to back, so a loaded machine slows both alike."""

    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            find_secrets(text)
            best = min(best, time.perf_counter() - started)
        return best

    small = seconds(line[: len(line) // 10])
    large = seconds(line)
    assert large < 40 * small + 0.05, (small, large)


# ---- properties ------------------------------------------------------------------------------------------------

_PLAIN = st.text(alphabet=st.characters(codec="ascii", exclude_characters="\r\x0b\x0c"), max_size=200)
_TOKEN_KINDS = [
    "github_classic",
    "stripe_live",
    "slack_token",
    "gitlab",
    "openai",
    "anthropic",
    "npm",
    "sendgrid",
    "vault",
    "huggingface",
    "google_api_key",
]
_MAKERS = {
    "github_classic": lambda g: "gh" + "p_" + g.mixed(corpus.ALNUM, 36),
    "stripe_live": lambda g: "sk" + "_live_" + g.mixed(corpus.ALNUM, 40),
    "slack_token": lambda g: "xo" + "xb-" + g.chars("0123456789", 12) + "-" + g.mixed(corpus.ALNUM, 24),
    "gitlab": lambda g: "gl" + "pat-" + g.mixed(corpus.ALNUM, 20),
    "openai": lambda g: "sk-" + "proj-" + g.mixed(corpus.ALNUM, 60),
    "anthropic": lambda g: "sk-" + "ant-api03-" + g.mixed(corpus.ALNUM, 90),
    "npm": lambda g: "np" + "m_" + g.mixed(corpus.ALNUM, 36),
    "sendgrid": lambda g: "S" + "G." + g.mixed(corpus.ALNUM, 22) + "." + g.mixed(corpus.ALNUM, 43),
    "vault": lambda g: "hv" + "s." + g.mixed(corpus.ALNUM, 40),
    "huggingface": lambda g: "h" + "f_" + g.mixed(corpus.ALNUM, 34),
    "google_api_key": lambda g: "AI" + "za" + g.mixed(corpus.ALNUM, 35),
}


@settings(max_examples=60, deadline=None)
@given(before=_PLAIN, after=_PLAIN, kind=st.sampled_from(_TOKEN_KINDS), seed=st.integers(0, 2**16))
def test_a_secret_inserted_anywhere_never_survives(before: str, after: str, kind: str, seed: int):
    secret = _MAKERS[kind](corpus.Gen(random.Random(seed)))
    text = before + " " + secret + " " + after
    redacted = redact(text, KEY).redacted
    assert not _leaks(secret, redacted, before + "\x00" + after)
    assert redacted.count("\n") == text.count("\n")


_PROSE = st.lists(
    st.sampled_from(
        [
            "the",
            "deploy",
            "failed",
            "with",
            "exit",
            "code",
            "1",
            "on",
            "node",
            "build",
            "cache",
            "ok",
            "retry",
            "in",
            "30s",
            "see",
            "logs",
            ".",
            ",",
            "\n",
            "user",
            "alice",
            "region",
            "eu-west-1",
            "version",
            "1.4.2",
            "status=200",
            "GET",
            "/api/v1/users",
            "port",
            "8080",
            "id",
            "42",
        ]
    ),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(words=_PROSE)
def test_text_without_secrets_comes_back_unchanged(words: list[str]):
    text = " ".join(words)
    assert redact(text, KEY).redacted == text


def test_importing_the_package_does_not_import_detect_secrets():
    code = "import sys, idguard.guards.secrets; assert 'detect_secrets' not in sys.modules, 'imported'; assert 'requests' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# ---- the benchmark's measures, on a smaller corpus with another seed ----------------------------------------

_bench_spec = importlib.util.spec_from_file_location("idguard_redaction_bench", ROOT / "benchmarks" / "redaction.py")
assert _bench_spec is not None and _bench_spec.loader is not None
bench = importlib.util.module_from_spec(_bench_spec)
sys.modules[_bench_spec.name] = bench
_bench_spec.loader.exec_module(bench)


def test_recall_and_kept_text_on_a_fresh_corpus(tmp_path: Path):
    prompts = corpus.build_corpus(130, seed=99)
    ours = bench.measure("idguard", bench.idguard_redact, prompts, 1, False)
    assert ours["recall"] >= 0.99 and ours["kept"] >= 0.99, ours
    # Everything detect-secrets' default scan removes, we remove too (it stays the reference for its formats).
    theirs_redact = bench.detect_secrets_redactor(tmp_path)
    for prompt in prompts[:60]:
        public = "\x00".join(t for is_secret, t in prompt.pieces if not is_secret)
        theirs, mine = theirs_redact(prompt.text), bench.idguard_redact(prompt.text)
        for secret in prompt.secrets:
            if not bench.leaked(secret, theirs, public):
                assert not bench.leaked(secret, mine, public), prompt.kinds


def test_leak_measure_counts_a_surviving_run_and_ignores_public_runs():
    secret = "abcdefghijklmnopqrstuvwxyz"
    assert bench.leaked(secret, "xx" + secret[5:17] + "yy")
    assert not bench.leaked(secret, "nothing here")
    assert not bench.leaked(secret, secret[:12], public_text=secret[:12])


_VALUE = corpus.Gen(random.Random(12)).mixed(corpus.ALNUM, 18)


@pytest.mark.parametrize(
    "template",
    [
        "docker login -u ci -p {v} registry.acme.io",
        "mysql -uroot -p{v} shop",
        "define('DB_PASSWORD', '{v}');",
        "DB_PASSWORD=mysecret{v}",
        "  password: {v} # prod",
        "Set-Cookie: session={v}{v}; HttpOnly",
        "my password is {v}",
        "kubectl create secret generic db --from-literal=password={v}",
        "Server=db;User ID=admin;Password={v};Encrypt=true",
        'api_key: str = "{v}"',
        "https://api.example.com/v1?x=1&api_key={v}",
    ],
)
def test_credentials_in_everyday_forms_are_redacted(template: str):
    text = template.format(v=_VALUE)
    assert _VALUE[:12] not in redact(text, KEY).redacted


@pytest.mark.parametrize(
    "text",
    [
        "docker run -p 8080:80 nginx\nmkdir -p build/out\ngcc -pthread x.c\n",
        "password=userPassword\ntoken: SecretStr\n    password = request_password\n",
        "log: session=cc88ba5a user=alice\n",
        "session = requests.Session()\nsession_id = 42\n",
    ],
)
def test_names_flags_and_short_ids_are_not_credentials(text: str):
    assert redact(text, KEY).redacted == text


def test_iam_statement_ids_are_not_session_ids():
    """`Sid` in an IAM policy names a statement; only a random-looking sid is a session id."""
    text = 'sid = "ManageOwnFunctions"\n{"Sid": "DenyInsecureTransport"}\n'
    assert find_secrets(text) == []
    session = "sid=" + "8f2k3j4h" + "5g6f7d8s9a0q\n"
    assert [m.kind for m in find_secrets(session)] == ["secret"]


@pytest.mark.parametrize(
    "text",
    [
        'secret_id = "cobalt/orders/replica-reader"\n',  # Terraform: a secret manager's name for the secret
        "DB_PASSWORD_SECRET_ID=lanternfish/worker/db\n",
        'password_secret_name: "payments/prod/db"\n',
        '        args: ["eks", "get-token", "--cluster-name", "marigold-dev", "--region", "us-west-2"]\n',
    ],
)
def test_where_a_secret_is_kept_and_flags_in_argument_lists_are_not_secrets(text: str):
    assert find_secrets(text) == []


def test_a_path_shaped_password_and_a_vault_secret_id_are_still_secrets():
    """Only lowercase words joined by `/` name a secret manager's entry; a UUID secret_id is AppRole's
    credential, and a password with a slash is a password when the name is not a reference."""
    approle = "secret_id = " + '"' + "3f2a9c1e-8b7d-4e6f-" + "a1b2-c3d4e5f60718" + '"\n'
    assert [m.kind for m in find_secrets(approle)] == ["secret"]
    assert [m.kind for m in find_secrets('password = "' + "Xk9/mQ2v/" + 'T7pL"\n')] == ["password"]
    assert [m.kind for m in find_secrets('password = "correct/horse"\n')] == ["password"]


def test_iam_actions_in_an_action_list_are_not_secrets():
    text = '        Action   = ["iam:CreateAccessKey", "iam:ListAccessKeys"]\n'
    assert find_secrets(text) == []
