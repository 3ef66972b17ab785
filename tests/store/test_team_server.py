"""The team server: two stateless replicas of `idguard serve --transport http --team` on one PostgreSQL store,
serving two repositories from their git folders, with per-token identities. Real processes, real MCP clients
over streamable HTTP, real git.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client
from pg_support import IDGUARD, Cluster, env_with, free_port, git

pytestmark = pytest.mark.anyio

GRANT = "def grant_role(user, role):\n    user.roles.append(role)\n    user.save()\n"
TOKENS = (
    "import datetime\nimport os\n\nimport jwt\n\n\ndef mint(user_id):\n"
    "    now = datetime.datetime.now(datetime.UTC)\n"
    '    claims = {"sub": user_id, "exp": now + datetime.timedelta(minutes=30)}\n'
    '    return jwt.encode(claims, os.environ["KEY"], algorithm="HS256")\n'
)


@pytest.fixture
def anyio_backend():
    return "asyncio"


def _mirror(tmp: Path, name: str, policy: str) -> tuple[str, Path, Path]:
    """A repository whose protected branch holds `policy`, and a bare mirror of it (what the server reads)."""
    identity = f"example.com/acme/{name}-{secrets.token_hex(3)}"
    work = tmp / f"{name}-work"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    git(work, "config", "user.email", "dev@example.com")
    git(work, "config", "user.name", "Dev")
    (work / ".idguard").mkdir()
    (work / ".idguard" / "policy.toml").write_text(f'repository = "{identity}"\n{policy}')
    (work / "README.md").write_text("demo\n")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "base")
    mirror = tmp / f"{name}.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(mirror)], check=True, capture_output=True)
    return identity, work, mirror


@contextmanager
def _replicas(tmp: Path, url: str, team_toml: Path, count: int = 2):
    procs, ports = [], []
    for n in range(count):
        port = free_port()
        env = env_with(url, HOME=str(tmp / f"home{n}"), XDG_CACHE_HOME=str(tmp / f"cache{n}"))
        procs.append(
            subprocess.Popen(
                [*IDGUARD, "serve", "--transport", "http", "--team", str(team_toml), "--port", str(port)],
                cwd=tmp,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=open(tmp / f"replica{n}.log", "w"),  # noqa: SIM115 - closed with the process
            )
        )
        ports.append(port)
    try:
        for proc, port in zip(procs, ports, strict=True):
            deadline = time.monotonic() + 60
            while True:
                assert proc.poll() is None, (tmp / f"replica{ports.index(port)}.log").read_text()
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    assert time.monotonic() < deadline, "replica did not start"
                    time.sleep(0.1)
        yield ports, procs
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture
def team(tmp_path: Path, shared_database: str):
    a, a_work, a_git = _mirror(tmp_path, "alpha", "")
    b, b_work, b_git = _mirror(tmp_path, "beta", "[limits]\nmax_access_token_ttl_seconds = 600\n")
    alice, bob = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    key = tmp_path / "fingerprint.key"
    key.write_text(secrets.token_hex(32) + "\n")
    toml = tmp_path / "team.toml"
    toml.write_text(
        f'fingerprint_key_file = "{key}"\n\n'
        f'[[repository]]\nname = "{a}"\ngit = "{a_git}"\nref = "refs/heads/main"\n\n'
        f'[[repository]]\nname = "{b}"\ngit = "{b_git}"\n\n'
        f'[[token]]\nidentity = "alice@acme.example"\nsha256 = "{hashlib.sha256(alice.encode()).hexdigest()}"\n\n'
        f'[[token]]\nidentity = "bob@acme.example"\nsha256 = "{hashlib.sha256(bob.encode()).hexdigest()}"\n'
        f'repositories = ["{a}"]\n'
    )
    with _replicas(tmp_path, shared_database, toml) as (ports, procs):
        yield {
            "a": a,
            "b": b,
            "b_work": b_work,
            "b_git": b_git,
            "alice": alice,
            "bob": bob,
            "ports": ports,
            "procs": procs,
            "url": shared_database,
        }


async def _call(port: int, token: str | None, header: str | None, tool: str, **arguments):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if header:
        headers["Idguard-Repository"] = header
    url = f"http://127.0.0.1:{port}/mcp"
    async with (
        create_mcp_http_client(headers=headers) as http,
        Client(streamable_http_client(url, http_client=http)) as client,
    ):
        result = await client.call_tool(tool, arguments)
    text = result.content[0].text if result.content else ""
    return result.is_error, (json.loads(text) if not result.is_error else text)


def _rows(cluster: Cluster, url: str, sql: str, *params) -> list[tuple]:
    with cluster.admin(url.rsplit("/", 1)[1]) as conn:
        return conn.execute(sql, params).fetchall()


async def test_replicas_share_records_and_chains_and_record_the_token_identity(team, pg_cluster: Cluster):
    port1, port2 = team["ports"]
    error, result = await _call(
        port1, team["alice"], team["a"], "guard_change", path="app/roles.py", content=GRANT, intent="grant roles"
    )
    assert not error, result
    assert result["verdict"] == "review"
    review_id = result["review_id"]
    assert result["review_record_path"] == f".idguard/reviews/{review_id}.json"
    record = json.loads(result["review_record"])
    assert record["id"] == review_id and record["author"]["email"] == "alice@acme.example"
    # The other replica has never seen this review: it answers from the shared store.
    error, status = await _call(port2, team["alice"], team["a"], "review_status", review_id=review_id)
    assert not error, status
    assert status["status"] == "pending" and status["path"] == "app/roles.py"
    rows = _rows(
        pg_cluster,
        team["url"],
        "SELECT event, actor, review_id FROM audit WHERE repo = %s ORDER BY seq",
        team["a"],
    )
    assert [r[0] for r in rows] == ["guard_change", "review_status"]
    assert all(r[1].startswith("mcp:alice@acme.example via ") for r in rows)
    stored = _rows(pg_cluster, team["url"], "SELECT record FROM reviews WHERE repo = %s", team["a"])
    assert [json.loads(r[0])["id"] for r in stored] == [review_id]
    # Nothing of the review was written next to either replica.
    assert not list(Path(team["b_git"]).parent.glob("**/.idguard/reviews/*.json"))


async def test_each_repository_gets_the_policy_of_its_protected_branch(team):
    port1, port2 = team["ports"]
    _, in_a = await _call(port1, team["alice"], team["a"], "check_code", code=TOKENS, path="app/tokens.py")
    _, in_b = await _call(port2, team["alice"], team["b"], "check_code", code=TOKENS, path="app/tokens.py")
    assert [f["guard_id"] for f in in_a["findings"]] == []
    assert [f["guard_id"] for f in in_b["findings"]] == ["IDG116"]
    # The protected branch of beta moves: the replicas follow it (the resolved commit is kept 5 s at most).
    work = team["b_work"]
    (work / ".idguard" / "policy.toml").write_text(f'repository = "{team["b"]}"\n')
    git(work, "commit", "-qam", "raise the limit")
    git(work, "push", "-q", str(team["b_git"]), "main")
    time.sleep(5.5)
    for port in (port1, port2):
        _, again = await _call(port, team["alice"], team["b"], "check_code", code=TOKENS, path="app/tokens.py")
        assert again["findings"] == []


async def test_requests_that_name_no_known_repository_or_token_are_refused(team):
    port = team["ports"][0]
    error, text = await _call(port, team["alice"], None, "check_code", code=GRANT)
    assert error and "Idguard-Repository" in text
    error, text = await _call(port, team["alice"], "example.com/acme/other", "check_code", code=GRANT)
    assert error and "does not serve" in text
    error, text = await _call(port, team["bob"], team["b"], "check_code", code=GRANT)
    assert error and "bob@acme.example may not use" in text
    error, text = await _call(port, team["alice"], team["a"], "check_code", code=GRANT, repository=team["b"])
    assert error and "different repositories" in text
    error, text = await _call(
        port,
        team["alice"],
        team["a"],
        "guard_change",
        path="app/roles.py",
        content="",
        intent="x",
        edits=[{"old_string": "a", "new_string": "b"}],
    )
    assert error and "whole new content" in text
    with pytest.raises(Exception):  # noqa: B017 - the HTTP 401 surfaces as a transport error
        await _call(port, secrets.token_urlsafe(32), team["a"], "check_code", code=GRANT)
    with pytest.raises(Exception):  # noqa: B017
        await _call(port, None, team["a"], "check_code", code=GRANT)


async def test_a_replica_fails_closed_while_the_store_is_down_and_recovers(team, pg_cluster: Cluster):
    port = team["ports"][1]
    pg_cluster.pg_ctl("stop", "-m", "fast")
    try:
        error, text = await _call(port, team["alice"], team["a"], "check_code", code=GRANT, path="app/r.py")
        assert error and "audit store" in text and pg_cluster.password not in text
    finally:
        pg_cluster.pg_ctl("start")
    error, result = await _call(port, team["alice"], team["a"], "check_code", code=GRANT, path="app/r.py")
    assert not error, result


def test_the_team_server_refuses_to_start_without_a_store_or_with_a_bad_config(tmp_path: Path):
    toml = tmp_path / "team.toml"
    toml.write_text('[[repository]]\nname = "x"\ngit = "nowhere"\n')
    out = subprocess.run(
        [*IDGUARD, "serve", "--transport", "http", "--team", str(toml)],
        cwd=tmp_path,
        env=env_with(None),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2 and "no [[token]]" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_the_example_team_toml_is_complete_but_for_its_secret_file():
    from idguard.server.mcp.team import TeamConfigError, load_team_config

    example = Path(__file__).resolve().parents[2] / "examples" / "team-server" / "team.toml"
    with pytest.raises(TeamConfigError) as refused:  # everything before the key file parsed and checked
        load_team_config(example)
    assert "fingerprint_key_file /run/secrets/idguard_fingerprint_key: unreadable" in str(refused.value)
