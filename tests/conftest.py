"""Shared test fixtures: an anyio backend, temporary workspaces, run-time secrets."""

from __future__ import annotations

import random
import string
import subprocess
from pathlib import Path

import pytest


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A real git repository in a temporary folder."""
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "config", "user.email", "author@example.com"], check=True)
    subprocess.run(["git", "-C", str(root), "config", "user.name", "Author"], check=True)
    return root


def generated_secrets(seed: int = 7) -> dict[str, str]:
    """Secret-shaped values built at run time (never committed), one per common kind."""
    rng = random.Random(seed)

    def chars(alphabet: str, n: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    alnum = string.ascii_letters + string.digits
    upper = string.ascii_uppercase + string.digits
    return {
        "github_token": "ghp" + "_" + chars(alnum, 36),
        "aws_access_key_id": "AKI" + "A" + chars(upper, 16),
        "stripe_key": "sk" + "_live_" + chars(alnum, 24),
        "slack_token": "xox"
        + "b-"
        + chars(string.digits, 11)
        + "-"
        + chars(string.digits, 12)
        + "-"
        + chars(alnum, 24),
        "password": chars(alnum, 10) + "#" + chars(alnum, 6),
    }


@pytest.fixture
def secrets_now() -> dict[str, str]:
    return generated_secrets()


@pytest.fixture(autouse=True, scope="session")
def _no_warm_hook_servers():
    """`idguard hook` run by tests decides in-process and starts no background server (no leaked processes).

    tests/server/test_hook_server.py turns the server on for its own subprocesses and stops what they start.
    """
    import os

    previous = os.environ.get("IDGUARD_HOOK_SERVER")
    os.environ["IDGUARD_HOOK_SERVER"] = "0"
    yield
    if previous is None:
        os.environ.pop("IDGUARD_HOOK_SERVER", None)
    else:
        os.environ["IDGUARD_HOOK_SERVER"] = previous
