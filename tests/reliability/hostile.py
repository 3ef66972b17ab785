"""Hostile inputs shared by the MCP, CLI and hook tests, built at run time."""

from __future__ import annotations

from idguard.guards.secrets.detectors import DETECTORS

# Tests write this policy: a tight time limit keeps the suite fast, a 1 MB size limit makes "10 MB" too big.
TIMEOUT_SECONDS = 1.0
MAX_BYTES = 1_000_000
POLICY_TOML = f"[limits]\nguard_timeout_seconds = {TIMEOUT_SECONDS}\nmax_file_bytes = {MAX_BYTES}\n"
# The worker's grace (start a replacement, pipe round trip) plus slack for a loaded 2-core CI machine.
DEADLINE_SECONDS = TIMEOUT_SECONDS + 2.0 + 4.0

TEN_MB = "x = 1\n" * (10 * 1024 * 1024 // 6)

BILLION_LAUGHS_YAML = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(f"{n}: &{n} [{','.join(['*' + p] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi", strict=False)),
        "kind: ClusterRole",
        "rules: *i",
        "",
    ]
)

# (name, content, path): each must give an error or a verdict other than pass, in time.
IDENTITY_CASES: list[tuple[str, str, str]] = [
    ("empty", "", "auth/tokens.py"),
    ("nul bytes", "import jwt\x00\x00 = 1\n", "auth/tokens.py"),
    ("binary as text", "".join(chr(b) for b in range(256)) * 50, "auth/tokens.py"),
    ("control characters", "\x1b[2J\x07\x08" * 1000, "auth/tokens.py"),
    ("one long line", "token = '" + "a" * 900_000 + "'\n", "auth/tokens.py"),
    ("deep parentheses", "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n", "auth/tokens.py"),
    ("deep lists", "x = " + "[" * 3000 + "]" * 3000 + "\n", "auth/tokens.py"),
    ("long operator chain", "x = " + "+".join(["a"] * 20000) + "\n", "auth/tokens.py"),
    ("lambda chain", "x = " + "lambda: " * 3000 + "1\n", "auth/tokens.py"),
    ("deep attribute chain", "import jwt\nx = jwt" + ".a" * 50000 + "\n", "auth/tokens.py"),
    ("deep JSON", "[" * 100_000 + "]" * 100_000, "iam/policy.json"),
    ("deep JSON objects", '{"a":' * 50_000 + "1" + "}" * 50_000, "iam/policy.json"),
    ("YAML billion laughs", BILLION_LAUGHS_YAML, "k8s/rbac.yaml"),
    ("deep YAML", "rules: " + "[" * 50_000 + "]" * 50_000 + "\n", "k8s/rbac.yaml"),
    ("YAML recursive alias", "rules: &r\n  - *r\nkind: ClusterRole\n", "k8s/rbac.yaml"),
    ("deep Terraform", 'resource "aws_iam_policy" "p" {\n policy = ' + "[" * 20000 + "]" * 20000 + "\n}\n", "iam.tf"),
    ("unknown language", "grant admin role to the service account token", "auth/grant.zzz"),
    ("invalid TOML policy", "[limits\nguard_timeout_seconds = ", ".idguard/policy.toml"),
]


def detector_attacks(size: int = 300_000) -> list[tuple[str, str]]:
    """For every detector: long runs of each of its anchors and of the characters its regex repeats.

    A regex that backtracks catastrophically takes seconds to hours on these.
    """
    attacks: list[tuple[str, str]] = []
    for index, detector in enumerate(DETECTORS):
        for anchor in detector.anchors or ("",):
            attacks.append((f"{detector.kind}#{index}: {anchor!r} then letters", anchor + "aA0" * (size // 3)))
            attacks.append(
                (f"{detector.kind}#{index}: {anchor!r} repeated", (anchor + " ") * (size // (len(anchor) + 1)))
            )
    attacks += [
        ("keyword then long bare value", "password=" + "a" * size),
        ("keyword repeated", "password " * (size // 9)),
        ("keyword with escaped quotes", 'password="' + "\\a" * (size // 2)),
        ("url userinfo colons", "a://" + "b" * 250 + ":" * size),
        ("urls without @", ("x://" + "a" * 250 + ":") * (size // 255)),
        ("authorization headers", "authorization: bearer " * (size // 22)),
        ("PEM header then body", "-----BEGIN RSA " + "PRIVATE KEY-----" + "A" * size),
        ("PEM headers repeated", ("-----BEGIN RSA " + "PRIVATE KEY-----" + "A" * 100) * (size // 131)),
        ("xml tags", "<password>" * (size // 10)),
        ("ampersands", "token=" + "&a" * (size // 2)),
        ("colons", "secret:" * (size // 7)),
    ]
    return attacks
