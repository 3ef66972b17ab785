"""A throwaway PostgreSQL cluster for the shared-store tests: initdb + pg_ctl in a temporary folder.

Session-scoped (one cluster per test worker): a free port on 127.0.0.1 with password (SCRAM) authentication,
the unix socket in the temporary folder, stopped and removed at the end. PostgreSQL is a real component of
these tests: without it they fail, never skip (`.ci/run` installs it). As root, initdb refuses to run, so
the cluster runs as the unprivileged user `nobody` (`runuser`).
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pg_support import Cluster, free_port, git, pg_bin


@pytest.fixture(scope="session")
def pg_cluster():
    bindir = pg_bin()
    # In memory where there is a tmpfs: a cluster's thousands of small files are slow to write and remove.
    shm = Path("/dev/shm")
    base = Path(tempfile.mkdtemp(prefix="idguard-pg-", dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None))
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

    run(
        str(bindir / "initdb"),
        "-D",
        str(data),
        "-U",
        "idguard",
        "--pwfile",
        str(pwfile),
        "-E",
        "UTF8",
        "--locale=C",
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "--no-sync",
    )
    pwfile.unlink()
    port = free_port()
    options = (
        f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c max_connections=60"
    )
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "30", "-o", options, "start")
    try:
        control = [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "30", "-o", options]
        yield Cluster("127.0.0.1", port, "idguard", password, sockets, control)
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            cwd=base,
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def empty_store_url(pg_cluster: Cluster) -> str:
    """A fresh database of the cluster, with no schema yet."""
    return pg_cluster.url(pg_cluster.new_database())


@pytest.fixture(scope="session")
def shared_database(pg_cluster: Cluster) -> str:
    """One migrated database the tests share, as an organisation's repositories do (one chain per repository)."""
    from idguard.server.audit.postgres import Database

    url = pg_cluster.url(pg_cluster.new_database())
    Database(url).migrate()
    return url


@pytest.fixture
def store_url(shared_database: str) -> str:
    return shared_database


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A real git repository with one commit and `.idguard/` set up (an origin remote)."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "dev@example.com")
    git(root, "config", "user.name", "Dev")
    git(root, "remote", "add", "origin", f"git@example.com:acme/{tmp_path.name}-{secrets.token_hex(3)}.git")
    (root / ".idguard").mkdir()
    (root / ".gitignore").write_text(".idguard/state/\n")
    (root / "README.md").write_text("demo\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root
