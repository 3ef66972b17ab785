"""`idguard redact [--format text|json]`: redact secrets from stdin to stdout."""

from __future__ import annotations

import argparse
import json
import os
import sys

from ..audit.open import open_audit_log


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("redact", help="replace secrets in stdin with placeholders")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..policy import load_policy
    from ..workers import CheckPool, RedactionIncomplete
    from ..workspace import Workspace
    from .main import CliError

    workspace = Workspace.for_reading()
    policy = load_policy(workspace)
    limit = policy.limits.max_file_bytes
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise CliError(f"stdin is larger than the limit of {limit} bytes (limits.max_file_bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CliError(f"stdin is not UTF-8 text (undecodable byte at offset {exc.start})") from None
    # In a worker under limits.guard_timeout_seconds: pathological input must not hang the command.
    # Outside an initialised workspace nothing is kept: a one-off key, no audit entry, no `.idguard/`.
    key = workspace.fingerprint_key() if workspace.initialised else os.urandom(32)
    try:
        with CheckPool(1) as pool:
            result = pool.redact(text, policy, key)
    except RedactionIncomplete as exc:
        raise CliError(str(exc)) from None
    if workspace.initialised:
        open_audit_log(workspace).append(
            "redact",
            "cli:redact",
            {"count": result.count, "kinds": result.kinds(), "fingerprints": [f.fingerprint for f in result.findings]},
        )
    if args.format == "json":
        print(json.dumps(result.model_dump(mode="json") | {"count": result.count}, indent=2))
    else:
        sys.stdout.write(result.redacted)
        if result.count:
            print(
                f"idguard: redacted {result.count} secret(s): "
                + ", ".join(f"{k} x{n}" for k, n in result.kinds().items()),
                file=sys.stderr,
            )
    return 0
