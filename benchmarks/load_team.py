"""Load test of the team server: replicas of `idguard serve --transport http --team` on one PostgreSQL store.

Run through `benchmarks/load.py --team` (see its help). It starts a throwaway PostgreSQL cluster (initdb +
pg_ctl in a temporary folder, a free loopback port; as root the cluster runs as `nobody`), three repositories
as bare git mirrors, `--replicas` team-server replicas, and `--clients` MCP clients over streamable HTTP that
call `guard_change` and `check_code` for `--seconds` across the three repositories, each call carrying a
unique key (the intent, or the path) so that every audit entry can be traced to the call that made it.

With `--chaos`, a replica is killed with SIGKILL a third of the way in (and started again two seconds later
on the same port) and PostgreSQL is restarted two thirds of the way in. Calls that fail meanwhile are not
acknowledged; the check is then that no *acknowledged* call lost its audit entry, that no call was written
twice, and that every chain verifies. Without `--chaos` the run must also have zero errors.

Loopback only; every loop is bounded by the deadline. Tokens and keys are made at run time.
"""

from __future__ import annotations

import glob
import hashlib
import os
import pwd
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import anyio

IDGUARD = str(Path(sys.executable).with_name("idguard"))
LOOPBACK = "127.0.0.1"
REVIEW_CODE = "def grant_role(user, role):\n    user.roles.append(role)\n    user.save()\n"
PLAIN = "def add(a, b):\n    return a + b\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode}")
        try:
            with socket.create_connection((LOOPBACK, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)  # polling for the port to open
    raise RuntimeError(f"nothing listened on port {port} within {seconds} s")


@dataclass
class Postgres:
    """A throwaway cluster; `restart()` is the mid-run restart of `--chaos`."""

    base: Path
    port: int
    password: str
    control: list[str]

    @classmethod
    def start(cls, base: Path) -> Postgres:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
        bindir = Path(found[-1]).parent if found else Path(shutil.which("initdb") or "initdb").resolve().parent
        as_user: list[str] = []
        data, sockets, pwfile = base / "data", base / "sockets", base / "pw"
        sockets.mkdir()
        password = secrets.token_urlsafe(18)
        pwfile.write_text(password + "\n")
        if os.geteuid() == 0:  # initdb refuses root
            user = pwd.getpwnam("nobody")
            for path in (base, sockets, pwfile):
                os.chown(path, user.pw_uid, user.pw_gid)
            as_user = ["runuser", "-u", "nobody", "--"]
        os.chmod(pwfile, 0o600)
        subprocess.run(
            [*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "idguard", "--pwfile", str(pwfile)]
            + ["-E", "UTF8", "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"],
            check=True,
            capture_output=True,
            cwd=base,
        )
        port = free_port()
        options = f"-p {port} -k {sockets} -c listen_addresses={LOOPBACK} -c max_connections=200"
        control = [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "pg.log"), "-w", "-o", options]
        subprocess.run([*control, "start"], check=True, capture_output=True, cwd=base)
        return cls(base, port, password, control)

    def url(self) -> str:
        return f"postgresql://idguard:{self.password}@{LOOPBACK}:{self.port}/postgres"

    def restart(self) -> None:
        subprocess.run([*self.control, "-m", "fast", "restart"], check=True, capture_output=True, cwd=self.base)

    def stop(self) -> None:
        subprocess.run([*self.control, "-m", "immediate", "stop"], capture_output=True, cwd=self.base)


def make_mirror(tmp: Path, name: str) -> tuple[str, Path]:
    identity = f"example.com/acme/{name}"
    work = tmp / f"{name}-work"
    work.mkdir()
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.email", "load@example.com"],
        ["config", "user.name", "Load"],
    ):
        subprocess.run(["git", "-C", str(work), *args], check=True)
    (work / ".idguard").mkdir()
    (work / ".idguard" / "policy.toml").write_text(f'repository = "{identity}"\n')
    (work / "README.md").write_text("load\n")
    subprocess.run(["git", "-C", str(work), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(work), "commit", "-q", "-m", "base"], check=True)
    mirror = tmp / f"{name}.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(mirror)], check=True, capture_output=True)
    return identity, mirror


@dataclass
class Replica:
    port: int
    env: dict[str, str]
    args: list[str]
    log: Path
    proc: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as stderr:
            self.proc = subprocess.Popen(self.args, stdout=subprocess.DEVNULL, stderr=stderr, env=self.env)
        wait_for_port(self.port, self.proc)

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@dataclass
class Outcome:
    acknowledged: dict[str, str] = field(default_factory=dict)  # key -> repository
    failed: dict[str, str] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)


def _describe(exc: BaseException) -> str:
    """The innermost error of an exception group (anyio's task groups wrap a refused connection twice)."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return f"{type(exc).__name__}: {exc}"


async def client_loop(ports: list[int], tokens: list[str], repos: list[str], index: int, deadline: float, out: Outcome):
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client
    from mcp.shared._httpx_utils import create_mcp_http_client

    rng = random.Random(index)
    n = 0
    while time.monotonic() < deadline:
        repo = repos[(index + n) % len(repos)]
        port = ports[index % len(ports)]
        headers = {"Authorization": f"Bearer {tokens[index % len(tokens)]}", "Idguard-Repository": repo}
        try:
            async with (
                create_mcp_http_client(headers=headers) as http,
                Client(streamable_http_client(f"http://{LOOPBACK}:{port}/mcp", http_client=http)) as client,
            ):
                while time.monotonic() < deadline:
                    n += 1
                    key = f"c{index}-n{n}"
                    roll = rng.random()
                    if roll < 0.6:
                        tool, args = "guard_change", {"path": "app/math.py", "content": PLAIN, "intent": key}
                    elif roll < 0.8:
                        tool, args = "guard_change", {"path": "app/roles.py", "content": REVIEW_CODE, "intent": key}
                    else:
                        tool, args = "check_code", {"code": PLAIN, "path": f"load/{key}.py"}
                    started = time.perf_counter()
                    try:
                        result = await client.call_tool(tool, args)
                        error = (result.content[0].text if result.content else "error") if result.is_error else None
                    except Exception as exc:  # noqa: BLE001 - a benchmark counts every failure
                        error = _describe(exc)
                    out.latencies.append(time.perf_counter() - started)
                    if error is None:
                        out.acknowledged[key] = repo
                    else:
                        out.failed[key] = repo
                        out.errors[tool] += 1
                        if len(out.samples) < 8:
                            out.samples.append(f"{tool}: {error[:160]}")
                        break  # reconnect: the replica may be gone
                    if n % 7 == 0:
                        break  # move to the next repository on a new connection now and then
        except Exception as exc:  # noqa: BLE001 - connection refused while a replica is down
            out.errors["connect"] += 1
            if len(out.samples) < 8:
                out.samples.append(f"connect: {_describe(exc)[:160]}")
            await anyio.sleep(0.2)


def run_team(seconds: float, clients: int, replicas: int = 2, chaos: bool = False) -> dict:
    from idguard.server.audit.postgres import Database, shared_log

    with tempfile.TemporaryDirectory(prefix="idguard-load-team-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o711)  # the cluster's user (nobody, when run as root) must reach its folder
        pg_dir = tmp / "pg"
        pg_dir.mkdir()
        pg = Postgres.start(pg_dir)
        try:
            url = pg.url()
            Database(url).migrate()
            repos = [make_mirror(tmp, name) for name in ("api", "billing", "console")]
            tokens = [secrets.token_urlsafe(32) for _ in range(4)]
            key = tmp / "fingerprint.key"
            key.write_text(secrets.token_hex(32))
            lines = [f'fingerprint_key_file = "{key}"']
            lines += [f'[[repository]]\nname = "{name}"\ngit = "{git}"' for name, git in repos]
            lines += [
                f'[[token]]\nidentity = "dev{n}@acme.example"\nsha256 = "{hashlib.sha256(t.encode()).hexdigest()}"'
                for n, t in enumerate(tokens)
            ]
            team = tmp / "team.toml"
            team.write_text("\n\n".join(lines) + "\n")
            env = {k: v for k, v in os.environ.items() if not k.startswith(("IDGUARD_", "PG"))}
            env.update(IDGUARD_STORE_URL=url, IDGUARD_LOG_LEVEL="WARNING")
            nodes = []
            for n in range(replicas):
                port = free_port()
                args = [IDGUARD, "serve", "--transport", "http", "--team", str(team), "--port", str(port), "--quiet"]
                node_env = env | {"XDG_CACHE_HOME": str(tmp / f"cache{n}")}
                nodes.append(Replica(port, node_env, args, tmp / f"replica{n}.log"))
            for node in nodes:
                node.start()
            out = Outcome()
            events: list[str] = []
            started = time.monotonic()

            async def chaos_task() -> None:
                await anyio.sleep(seconds / 3)
                await anyio.to_thread.run_sync(nodes[0].kill)
                events.append(f"{time.monotonic() - started:.1f} s: replica 0 killed (SIGKILL)")
                await anyio.sleep(2)
                await anyio.to_thread.run_sync(nodes[0].start)
                events.append(f"{time.monotonic() - started:.1f} s: replica 0 started again")
                await anyio.sleep(max(0.0, started + 2 * seconds / 3 - time.monotonic()))
                await anyio.to_thread.run_sync(pg.restart)
                events.append(f"{time.monotonic() - started:.1f} s: PostgreSQL restarted")

            async def main() -> None:
                deadline = started + seconds
                async with anyio.create_task_group() as group:
                    if chaos:
                        group.start_soon(chaos_task)
                    for index in range(clients):
                        group.start_soon(
                            client_loop, [n.port for n in nodes], tokens, [r for r, _ in repos], index, deadline, out
                        )

            anyio.run(main)
            elapsed = time.monotonic() - started
            for node in nodes:
                node.stop()
            return _report(url, repos, out, elapsed, clients, replicas, chaos, events, shared_log)
        finally:
            pg.stop()


def _report(url, repos, out: Outcome, elapsed, clients, replicas, chaos, events, shared_log) -> dict:
    written: Counter = Counter()
    chains = {}
    for name, _ in repos:
        log = shared_log(url, name)
        for entry in log.entries():
            if entry.event == "guard_change":
                written[str(entry.data.get("intent"))] += 1
            elif entry.event == "check":
                written[(entry.path or "").removeprefix("load/").removesuffix(".py")] += 1
        verdict = log.verify()
        chains[name] = {"ok": verdict.ok, "entries": verdict.entries, "reason": verdict.reason}
    lost = sorted(k for k in out.acknowledged if written[k] == 0)
    duplicated = sorted(k for k, count in written.items() if count > 1)
    unknown = sorted(k for k in written if k not in out.acknowledged and k not in out.failed)
    failed_but_written = sum(1 for k in out.failed if written[k])
    ordered = sorted(out.latencies)

    def pct(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000, 1) if ordered else 0.0

    errors = sum(out.errors.values())
    ok = not lost and not duplicated and not unknown and all(c["ok"] for c in chains.values())
    if not chaos:
        ok = ok and errors == 0
    return {
        "mode": "team",
        "replicas": replicas,
        "repositories": len(repos),
        "clients": clients,
        "seconds": round(elapsed, 1),
        "chaos": events,
        "acknowledged_calls": len(out.acknowledged),
        "throughput_per_second": round(len(out.acknowledged) / elapsed, 1) if elapsed else 0.0,
        "errors": errors,
        "errors_by_kind": dict(out.errors),
        "error_samples": out.samples,
        "latency_ms": {"p50": pct(0.5), "p95": pct(0.95), "p99": pct(0.99)},
        "audit": {
            "entries_traced": sum(written.values()),
            "acknowledged_lost": len(lost),
            "duplicated": len(duplicated),
            "not_from_any_call": len(unknown),
            "failed_calls_written_anyway": failed_but_written,
            "chains": chains,
        },
        "ok": ok,
    }


def print_report(report: dict) -> None:
    audit = report["audit"]
    lat = report["latency_ms"]
    print(
        f"team: {report['replicas']} replicas, {report['repositories']} repositories, {report['clients']} clients, "
        f"{report['seconds']} s: {report['acknowledged_calls']} acknowledged calls "
        f"({report['throughput_per_second']}/s), {report['errors']} errors {report['errors_by_kind']}"
    )
    print(f"latency ms: p50 {lat['p50']}  p95 {lat['p95']}  p99 {lat['p99']}")
    for event in report["chaos"]:
        print(f"  {event}")
    print(
        f"audit: {audit['entries_traced']} entries traced to calls; acknowledged but lost {audit['acknowledged_lost']}, "
        f"written twice {audit['duplicated']}, from no call {audit['not_from_any_call']}, "
        f"failed calls written anyway {audit['failed_calls_written_anyway']}"
    )
    for name, chain in audit["chains"].items():
        print(
            f"  chain {name}: {'verifies' if chain['ok'] else 'BROKEN: ' + str(chain['reason'])} ({chain['entries']})"
        )
    for sample in report["error_samples"]:
        print(f"  error: {sample}")
