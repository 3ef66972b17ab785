"""Secret redaction: idguard's `redact` against detect-secrets' default scan, on the same generated prompts.

The corpus (benchmarks/redaction_corpus.py) is generated at run time from a
fixed seed: prompts mixing secrets of every supported kind with near-miss
ordinary text. For each tool, in the same run:

- recall: share of secrets of which no 12-character run survives in the
  redacted text (a secret counts as leaked if any such run survives);
- kept: share of the non-secret characters whose fragment comes back verbatim,
  in order (a fragment touched by a false positive counts as lost entirely);
- throughput: MB of prompt text per second of redaction (best of `--runs`
  for idguard, best of two for detect-secrets, so both are warmed up).

detect-secrets runs as `detect-secrets scan` does, with its default settings
(all default plugins and filters) through `SecretsCollection.scan_file`, one
file per prompt (writing the file is not timed); every value it reports is
replaced in its line, which is how a redactor built on it would work. (Its
ad-hoc `scan_line` turns on eager search, which flags nearly every word, so it
is not the default behaviour.)

Encoded secrets (`--encoded`, 150 prompts by default, 0 for the plain corpus only): the same kind of
prompts whose secrets are written percent-encoded, as HTML entities, as JSON/JS escapes, inside escaped
JSON, with zero-width or fullwidth characters, cut by a line continuation, split over string literals,
wrapped over two lines, as a PEM body without its header or as base64 `Basic` credentials; each next to
ordinary text in the same encoding (a percent-encoded URL, an HTML page with entities, JSON with `\\u`
escapes of words, `Basic` of `user:` with no or a placeholder password). The secret piece is the encoded
text: it counts as leaked if any 12-character run of it survives.

Run: .venv/bin/python benchmarks/redaction.py [--prompts 600] [--encoded 150] [--runs 3] [--seed N] [--verbose]
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from idguard.guards.secrets import redact  # noqa: E402 - after the path line, like the import below
from redaction_corpus import ALNUM, B64, Gen, Prompt, build_corpus  # noqa: E402 - a sibling file, run as a script

KEY = b"benchmark-installation-key"
RUN = 12


Pieces = list[tuple[bool, str]]


def _github(g: Gen) -> str:
    return "gh" + "p_" + g.mixed(ALNUM, 36)


def _headerless_key(g: Gen) -> str:
    """The base64 body of a PKCS#1 RSA key (SEQUENCE, version 0, modulus ...), wrapped at 64 columns."""
    der = bytes.fromhex("308204a4" + "020100" + "0282010100") + bytes(g.rng.randrange(256) for _ in range(1180))
    body = base64.b64encode(der).decode()
    return "\n".join(body[i : i + 64] for i in range(0, len(body), 64))


def _encoded_samples(g: Gen) -> list[tuple[str, Callable[[], Pieces]]]:
    """(encoding, builder of the prompt's pieces): the encoded secret, with the text around it."""

    def pct() -> Pieces:
        encoded = "".join(f"%{ord(c):02X}" for c in _github(g))
        return [(False, "GET https://api.example.com/v1/repos?access="), (True, encoded), (False, "&page=2 HTTP/1.1")]

    def form() -> Pieces:
        password = g.password()
        encoded = "".join(c if c.isalnum() else f"%{ord(c):02X}" for c in password)
        return [(False, "POST /login\n\nusername=alice&password="), (True, encoded), (False, "&remember=1")]

    def entities() -> Pieces:
        encoded = "".join(f"&#x{ord(c):x};" for c in _github(g))
        return [(False, "<p>Your token: <code>"), (True, encoded), (False, "</code></p>")]

    def unicode_escapes() -> Pieces:
        encoded = "".join(f"\\u{ord(c):04x}" for c in _github(g))
        return [(False, '{"note": "'), (True, encoded), (False, '"}')]

    def hex_escapes() -> Pieces:
        encoded = "".join(f"\\x{ord(c):02x}" for c in _github(g))
        return [(False, "const t = '"), (True, encoded), (False, "';")]

    def escaped_json() -> Pieces:
        return [
            (False, '{"payload": "{\\"user\\": \\"alice\\", \\"password\\": \\"'),
            (True, g.password()),
            (False, '\\"}"}'),
        ]

    def zero_width() -> Pieces:
        token = _github(g)
        return [
            (False, "deploy with "),
            (True, token[:9] + "\u200b" + token[9:20] + "\u2060" + token[20:]),
            (False, " please"),
        ]

    def fullwidth() -> Pieces:
        token = _github(g)
        return [(False, "token = "), (True, "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in token))]

    def continuation() -> Pieces:
        token = _github(g)
        return [(False, 'TOKEN="'), (True, token[:20] + "\\\n" + token[20:]), (False, '"')]

    def literals() -> Pieces:
        token = _github(g)
        joiner = g.rng.choice(['" "', '" + "', '"\n    "'])
        return [(False, 'token = ("'), (True, token[:4] + joiner + token[4:]), (False, '")')]

    def wrapped() -> Pieces:
        token = _github(g)
        return [(False, "here is my token:\n"), (True, token[:20] + "\n" + token[20:]), (False, "\nthanks")]

    def headerless_pem() -> Pieces:
        return [(False, "my key:\n"), (True, _headerless_key(g)), (False, "\nthanks")]

    def basic() -> Pieces:
        value = base64.b64encode(f"deploy:{g.password()}".encode()).decode()
        return [(False, 'req.set("X-Upstream", "Basic '), (True, value), (False, '")')]

    return [
        (f.__name__, f)
        for f in (
            pct,
            form,
            entities,
            unicode_escapes,
            hex_escapes,
            escaped_json,
            zero_width,
            fullwidth,
            continuation,
            literals,
            wrapped,
            headerless_pem,
            basic,
        )
    ]


def _encoded_near_misses(g: Gen) -> list[str]:
    words = {"title": "Caf\u00e9 na\u00efve", "quote": 'he said "hi"', "token_type": "Bearer", "path": "a/b"}
    return [
        f"see https://www.example.com/search?q=hello%20world%21&lang=en%2DGB&id={g.chars('0123456789', 6)}",
        "<h1>Tom &amp; Jerry&trade;</h1><p>caf&eacute; &lt;3 &copy; 2024 &#x41;&#x42;&#x43; &#8212; the token "
        "&quot;refresh&quot; expires&hellip;</p>",
        json.dumps(words, ensure_ascii=True) + "\n" + json.dumps({"escaped": json.dumps(words)}).replace("/", "\\/"),
        "Authorization: Basic " + base64.b64encode(b"user:").decode(),
        'fetch(url, {headers: {"X-Upstream": "Basic ' + base64.b64encode(b"user:changeme").decode() + '"}})',
        'msg = "Hello, " + name + "!"\nlabel = "abc" "def"\nbuild_id: 20240101abcdef12\nstatus',
        "certificate body: " + g.chars(B64, 64),
    ]


def build_encoded_corpus(n_prompts: int, seed: int) -> list[Prompt]:
    """`n_prompts` prompts, each with one or two encoded secrets (every encoding in turn) and near-misses."""
    rng = random.Random(seed + 1)
    g = Gen(rng)
    prompts: list[Prompt] = []
    turn = 0
    for _ in range(n_prompts):
        samples = _encoded_samples(g)
        prompt = Prompt()
        blocks: list[tuple[str | None, Pieces]] = []
        for _ in range(rng.randint(1, 2)):
            name, build = samples[turn % len(samples)]
            turn += 1
            blocks.append((name, build()))
        for near_miss in rng.sample(_encoded_near_misses(g), rng.randint(1, 3)):
            blocks.append((None, [(False, near_miss)]))
        rng.shuffle(blocks)
        for name, pieces in blocks:
            if name is not None:
                prompt.kinds.append("encoded:" + name)
            prompt.pieces.extend(pieces)
            prompt.pieces.append((False, "\n"))
        prompts.append(prompt)
    return prompts


def leaked(secret: str, redacted: str, public_text: str = "") -> bool:
    """Any 12-character run of the secret in the redacted text, except runs that the prompt's non-secret
    text holds too (`-----BEGIN P` of a public key, the base64 of `-----BEGIN ` in a certificate)."""
    if len(secret) <= RUN:
        return secret in redacted
    runs = {secret[i : i + RUN] for i in range(len(secret) - RUN + 1)}
    return any(run in redacted and run not in public_text for run in runs)


def kept_characters(prompt: Prompt, redacted: str) -> tuple[int, int]:
    """Non-secret characters found verbatim and in order in the redacted text, out of all non-secret characters."""
    cursor = kept = total = 0
    for is_secret, text in prompt.pieces:
        if is_secret:
            continue
        for fragment in text.splitlines(keepends=True):
            total += len(fragment)
            found = redacted.find(fragment, cursor)
            if found >= 0:
                kept += len(fragment)
                cursor = found + len(fragment)
    return kept, total


def idguard_redact(text: str) -> str:
    return redact(text, KEY).redacted


def detect_secrets_redactor(workdir: Path) -> Callable[[str], str]:
    """detect-secrets as `detect-secrets scan` runs it: default plugins and filters, one file per prompt.

    The prompt is written to a file (untimed, cached per text); the scan and the replacement are timed."""
    from detect_secrets import SecretsCollection
    from detect_secrets.settings import default_settings

    files: dict[str, str] = {}

    def file_for(text: str) -> str:
        if text not in files:
            path = workdir / f"prompt{len(files)}.txt"
            path.write_text(text, encoding="utf-8")
            files[text] = str(path)
        return files[text]

    def redact_with_detect_secrets(text: str) -> str:
        path = file_for(text)
        started = time.perf_counter()
        collection = SecretsCollection()
        with default_settings():
            collection.scan_file(path)
        lines = text.splitlines(keepends=True)
        for found in collection[path]:
            if found.secret_value and 0 < found.line_number <= len(lines):
                index = found.line_number - 1
                lines[index] = lines[index].replace(found.secret_value, "[[SECRET]]")
        redact_with_detect_secrets.elapsed += time.perf_counter() - started
        return "".join(lines)

    redact_with_detect_secrets.elapsed = 0.0
    return redact_with_detect_secrets


def measure(name: str, redactor: Callable[[str], str], corpus: list[Prompt], runs: int, verbose: bool) -> dict:
    texts = [p.text for p in corpus]
    best = float("inf")
    outputs: list[str] = []
    for _ in range(runs):
        if hasattr(redactor, "elapsed"):
            redactor.elapsed = 0.0
        started = time.perf_counter()
        outputs = [redactor(t) for t in texts]
        best = min(best, getattr(redactor, "elapsed", None) or time.perf_counter() - started)
    secrets = leaks = kept = total = 0
    leaked_kinds: Counter[str] = Counter()
    for prompt, redacted in zip(corpus, outputs, strict=False):
        public_text = "\x00".join(text for is_secret, text in prompt.pieces if not is_secret)
        for secret in prompt.secrets:
            secrets += 1
            if leaked(secret, redacted, public_text):
                leaks += 1
                leaked_kinds[",".join(prompt.kinds)] += 1
        k, t = kept_characters(prompt, redacted)
        kept += k
        total += t
        if verbose and k < t:
            print(f"--- {name}: non-secret text changed in prompt with kinds {prompt.kinds}", file=sys.stderr)
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    result = {
        "tool": name,
        "recall": (secrets - leaks) / secrets,
        "kept": kept / total,
        "mb_per_s": megabytes / best,
        "secrets": secrets,
        "leaked": leaks,
        "seconds": best,
    }
    if verbose and leaked_kinds:
        print(f"--- {name}: leaks by prompt kinds: {dict(leaked_kinds.most_common(20))}", file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=600)
    parser.add_argument("--encoded", type=int, default=150, help="prompts with encoded secrets (0: none)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20250106, help="corpus seed (the default is the reported one)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    corpus = build_corpus(args.prompts, seed=args.seed) + build_encoded_corpus(args.encoded, seed=args.seed)
    size = sum(len(p.text.encode()) for p in corpus)
    kinds = {k for p in corpus for k in p.kinds}
    print(
        f"corpus: {len(corpus)} prompts, {size / 1e6:.2f} MB, {sum(len(p.secrets) for p in corpus)} secrets of {len(kinds)} kinds"
    )
    ours = measure("idguard", idguard_redact, corpus, args.runs, args.verbose)
    with tempfile.TemporaryDirectory() as workdir:
        theirs = measure("detect-secrets (default)", detect_secrets_redactor(Path(workdir)), corpus, 2, args.verbose)
    print(f"{'tool':<26} {'recall':>8} {'kept':>8} {'MB/s':>9} {'leaked':>7}")
    for r in (ours, theirs):
        print(
            f"{r['tool']:<26} {r['recall']:>8.4f} {r['kept']:>8.4f} {r['mb_per_s']:>9.3f} {r['leaked']:>4}/{r['secrets']}"
        )
    print(f"throughput ratio: {ours['mb_per_s'] / theirs['mb_per_s']:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
