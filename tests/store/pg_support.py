"""Helpers of the shared-store tests: the PostgreSQL binaries, a cluster's URLs, the CLI in a subprocess."""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import string
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
IDGUARD = [str(Path(sys.executable).parent / "idguard")]  # the installed command, as users run it


def pg_bin() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    pytest.fail(
        "PostgreSQL is required by tests/store (initdb not found): install the postgresql package (.ci/run does it)",
        pytrace=False,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    host: str
    port: int
    user: str
    password: str
    socket_dir: Path
    control: list[str] | None = None  # pg_ctl -D DATA, run as the cluster's user
    counter: int = 0

    def pg_ctl(self, *args: str) -> None:
        assert self.control is not None
        subprocess.run([*self.control, *args], check=True, capture_output=True, timeout=60, cwd=self.socket_dir.parent)

    def url(self, dbname: str, password: str | None = None, port: int | None = None) -> str:
        return f"postgresql://{self.user}:{password or self.password}@{self.host}:{port or self.port}/{dbname}"

    def admin(self, dbname: str = "postgres"):
        import psycopg

        return psycopg.connect(
            host=str(self.socket_dir), port=self.port, user=self.user, dbname=dbname, autocommit=True
        )

    def new_database(self) -> str:
        self.counter += 1
        name = f"t{os.getpid()}_{self.counter}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def env_with(url: str | None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IDGUARD_STORE", "PG"))}
    env.pop("IDGUARD_WORKSPACE", None)
    env.pop("CI", None)
    env.pop("GITHUB_ACTIONS", None)
    env["IDGUARD_HOOK_SERVER"] = "0"
    if url is not None:
        env["IDGUARD_STORE_URL"] = url
    env.update(extra)
    return env


def idguard(
    root: Path, url: str | None, *args: str, stdin: str | None = None, **extra: str
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*IDGUARD, *args],
        cwd=root,
        env=env_with(url, **extra),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_time_password() -> str:
    """A password-shaped value made now (never a literal in a file)."""
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(12)) + "#" + secrets.token_hex(4)
