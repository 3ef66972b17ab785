"""A throwaway PostgreSQL cluster for the shared-store tests: initdb + pg_ctl in a temporary folder.

Session-scoped (one cluster per test worker): a free port on 127.0.0.1 with password (SCRAM) authentication,
the unix socket in the temporary folder, stopped and removed at the end. PostgreSQL is a real component of
these tests: without it they fail, never skip (`.ci/run` installs it). As root, initdb refuses to run, so
the cluster runs as the unprivileged user `nobody` (`runuser`).
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
IDGUARD = [sys.executable, "-m", "idguard.server.cli.main"]


def pg_bin() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    pytest.fail("PostgreSQL is required by tests/store (initdb not found): install the postgresql package "
                "(.ci/run does it)", pytrace=False)


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
    counter: int = 0

    def url(self, dbname: str, password: str | None = None, port: int | None = None) -> str:
        return (f"postgresql://{self.user}:{password or self.password}@{self.host}:{port or self.port}/{dbname}")

    def admin(self, dbname: str = "postgres"):
        import psycopg

        return psycopg.connect(host=str(self.socket_dir), port=self.port, user=self.user, dbname=dbname,
                               autocommit=True)

    def new_database(self) -> str:
        self.counter += 1
        name = f"t{os.getpid()}_{self.counter}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name


@pytest.fixture(scope="session")
def pg_cluster():
    bindir = pg_bin()
    base = Path(tempfile.mkdtemp(prefix="idguard-pg-"))
    data, sockets, log = base / "data", base / "sockets", base / "server.log"
    sockets.mkdir()
    password = secrets.token_urlsafe(18)
    pwfile = base / "pw"
    pwfile.write_text(password + "\n")
    as_user: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("nobody")
        for path in (base, sockets, pwfile):
            os.chown(path, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "nobody", "--"]
    os.chmod(pwfile, 0o600)

    def run(*command: str) -> None:
        out = subprocess.run([*as_user, *command], cwd=base, capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            detail = out.stderr.strip() or out.stdout.strip()
            if log.exists():
                detail += "\n" + log.read_text(errors="replace")[-2000:]
            pytest.fail(f"{Path(command[0]).name} failed: {detail}", pytrace=False)

    run(str(bindir / "initdb"), "-D", str(data), "-U", "idguard", "--pwfile", str(pwfile), "-E", "UTF8",
        "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync")
    pwfile.unlink()
    port = free_port()
    options = (f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
               "-c full_page_writes=off -c max_connections=60")
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "30", "-o", options, "start")
    try:
        yield Cluster("127.0.0.1", port, "idguard", password, sockets)
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], cwd=base,
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def store_url(pg_cluster: Cluster) -> str:
    """A fresh database of the cluster (no schema yet)."""
    return pg_cluster.url(pg_cluster.new_database())


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A real git repository with one commit and `.idguard/` set up (an origin remote)."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "dev@example.com")
    git(root, "config", "user.name", "Dev")
    git(root, "remote", "add", "origin", f"git@example.com:acme/{tmp_path.name}.git")
    (root / ".idguard").mkdir()
    (root / ".gitignore").write_text(".idguard/state/\n")
    (root / "README.md").write_text("demo\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


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


def idguard(root: Path, url: str | None, *args: str, stdin: str | None = None,
            **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([*IDGUARD, *args], cwd=root, env=env_with(url, **extra), input=stdin,
                          capture_output=True, text=True, timeout=120)
