"""Load test: `idguard serve --transport http` under many concurrent MCP clients.

Starts the server as a subprocess on a loopback port with a throw-away workspace, runs
`--clients` MCP clients (streamable HTTP) that make a mix of tool calls for `--seconds`,
then stops the server and reports throughput, latency percentiles (p50/p95/p99), errors,
and whether the audit log holds exactly one entry per audited call (counted per event
type in `.idguard/state/audit.sqlite3`) with an intact hash chain.

    python benchmarks/load.py --seconds 60 --clients 50
    python benchmarks/load.py --seconds 5 --clients 10 --json
    python benchmarks/load.py --seconds 30 --clients 20 --hostile 0.05
    python benchmarks/load.py --team --seconds 60 --clients 100            # two team-server replicas, PostgreSQL
    python benchmarks/load.py --team --seconds 60 --clients 100 --chaos    # SIGKILL a replica, restart PostgreSQL

`--hostile F` makes a fraction F of the calls check a YAML alias bomb that runs into the time
limit (the workspace policy sets limits.guard_timeout_seconds = 0.5): workers are killed and
replaced while other clients keep calling, and those calls must still get a blocking verdict.

Loopback only; every loop is bounded by the deadline; the script stops by itself.
Secret-shaped values are generated at run time and never written to the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import sqlite3
import string
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import anyio
from idguard.server.audit.open import open_audit_log
from mcp import Client

IDGUARD = str(Path(sys.executable).with_name("idguard"))
LOOPBACK = "127.0.0.1"
STARTUP_SECONDS = 60

SAFE_TOKEN_CODE = """import os

import jwt


def read_token(token):
    return jwt.decode(token, os.environ["KEY"], algorithms=["RS256"], audience="api", issuer="https://idp")
"""
UNVERIFIED = 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n'
PLAIN = "def add(a, b):\n    return a + b\n"
ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{n}: &{n} [{','.join(['*' + p] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi", strict=False)]
    + ["kind: ClusterRole", "rules: *i", ""]
)
HOSTILE_TIMEOUT_SECONDS = 0.5

# tool -> the audit event it must write (None: not audited).
AUDIT_EVENT = {
    "redact_prompt": "redact",
    "check_code": "check",
    "guard_change": "guard_change",
    "review_status": "review_status",
    "list_guards": None,
    "explain_guard": None,
}


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)
    ok_calls: Counter = field(default_factory=Counter)
    stopped_at_limit: int = 0
    hostile_not_blocked: int = 0

    def record(self, tool: str, seconds: float, error: str | None) -> None:
        self.latencies.setdefault(tool, []).append(seconds)
        if error is None:
            self.ok_calls[tool] += 1
        else:
            self.errors[tool] += 1
            if len(self.error_samples) < 5:
                self.error_samples.append(f"{tool}: {error[:200]}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def make_workspace(parent: Path, hostile: bool) -> Path:
    root = parent / "workspace"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "config", "user.email", "load@example.com"], check=True)
    if hostile:
        (root / ".idguard").mkdir()
        (root / ".idguard" / "policy.toml").write_text(f"[limits]\nguard_timeout_seconds = {HOSTILE_TIMEOUT_SECONDS}\n")
    return root


def start_server(root: Path, port: int, log: Path) -> subprocess.Popen:
    env = os.environ | {"IDGUARD_LOG_LEVEL": "WARNING"}
    env.pop("IDGUARD_HTTP_TOKEN", None)
    with log.open("wb") as stderr:
        proc = subprocess.Popen(
            [
                IDGUARD,
                "serve",
                "--transport",
                "http",
                "--host",
                LOOPBACK,
                "--port",
                str(port),
                "--workspace",
                str(root),
                "--quiet",
            ],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
        )
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {log.read_text(errors='replace')[-500:]}")
        try:
            with socket.create_connection((LOOPBACK, port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.05)  # polling for the port to open
    proc.kill()
    raise RuntimeError(f"server did not open port {port} within {STARTUP_SECONDS} s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def _secret(rng: random.Random) -> str:
    alnum = string.ascii_letters + string.digits
    return "gh" + "p_" + "".join(rng.choice(alnum) for _ in range(36))


def next_call(rng: random.Random, review_ids: list[str], client_index: int, hostile: float) -> tuple[str, dict]:
    if rng.random() < hostile:
        return "check_code", {"code": ALIAS_BOMB, "path": "k8s/rbac.yaml"}
    roll = rng.random()
    if roll < 0.25:
        return "redact_prompt", {"text": f"deploy with {_secret(rng)} and tell ops\n" * rng.randint(1, 5)}
    if roll < 0.55:
        code, path = rng.choice(
            [(SAFE_TOKEN_CODE, "auth/tokens.py"), (UNVERIFIED, "auth/verify.py"), (PLAIN, "app/math.py")]
        )
        return "check_code", {"code": code, "path": path}
    if roll < 0.75:
        path = f"auth/client_{client_index}_{rng.randint(0, 9)}.py"
        return "guard_change", {"path": path, "content": SAFE_TOKEN_CODE, "intent": "verify access tokens"}
    if roll < 0.85 and review_ids:
        return "review_status", {"review_id": rng.choice(review_ids)}
    if roll < 0.95:
        return "list_guards", {}
    return "explain_guard", {"guard_id": rng.choice(["IDG101", "IDG001", "IDG000", "IDG002"])}


async def client_loop(url: str, index: int, deadline: float, stats: Stats, seed: int, hostile: float) -> None:
    rng = random.Random(seed * 1000 + index)
    review_ids: list[str] = []
    async with Client(url) as client:
        while time.monotonic() < deadline:
            tool, args = next_call(rng, review_ids, index, hostile)
            started = time.perf_counter()
            error = None
            try:
                result = await client.call_tool(tool, args)
                if result.is_error:
                    error = result.content[0].text if result.content else "error result"
                elif tool == "guard_change" and result.structured_content.get("review_id"):
                    review_ids.append(result.structured_content["review_id"])
                elif tool == "check_code" and args["code"] is ALIAS_BOMB:
                    data = result.structured_content
                    stats.stopped_at_limit += any("guard_timeout_seconds" in f["message"] for f in data["findings"])
                    stats.hostile_not_blocked += data["verdict"] != "block"
            except Exception as exc:  # noqa: BLE001 - a benchmark counts every failure
                error = f"{type(exc).__name__}: {exc}"
            stats.record(tool, time.perf_counter() - started, error)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def audit_counts(db: Path) -> tuple[Counter, bool, str | None]:
    from idguard.server.workspace import Workspace

    with sqlite3.connect(db) as conn:
        counts = Counter(dict(conn.execute("SELECT event, COUNT(*) FROM audit GROUP BY event").fetchall()))
    verdict = open_audit_log(Workspace(db.parents[2])).verify()
    return counts, verdict.ok, verdict.reason


async def run_clients(url: str, clients: int, seconds: float, seed: int, hostile: float = 0.0) -> tuple[Stats, float]:
    stats = Stats()
    started = time.monotonic()
    deadline = started + seconds
    async with anyio.create_task_group() as group:
        for index in range(clients):
            group.start_soon(client_loop, url, index, deadline, stats, seed, hostile)
    return stats, time.monotonic() - started


def run(seconds: float = 60, clients: int = 50, seed: int = 1, hostile: float = 0.0) -> dict:
    with tempfile.TemporaryDirectory(prefix="idguard-load-") as tmp:
        root = make_workspace(Path(tmp), hostile > 0)
        port = free_port()
        log = Path(tmp) / "server.log"
        proc = start_server(root, port, log)
        try:
            stats, elapsed = anyio.run(run_clients, f"http://{LOOPBACK}:{port}/mcp", clients, seconds, seed, hostile)
        finally:
            stop_server(proc)
        counts, chain_ok, chain_reason = audit_counts(root / ".idguard" / "state" / "audit.sqlite3")
        server_log = log.read_text(errors="replace")

    all_latencies = [v for values in stats.latencies.values() for v in values]
    expected = Counter()
    for tool, event in AUDIT_EVENT.items():
        if event is not None and stats.ok_calls[tool]:
            expected[event] += stats.ok_calls[tool]
    total = sum(len(v) for v in stats.latencies.values())
    return {
        "clients": clients,
        "seconds": round(elapsed, 2),
        "calls": total,
        "throughput_per_second": round(total / elapsed, 1) if elapsed else 0.0,
        "errors": sum(stats.errors.values()),
        "errors_by_tool": dict(stats.errors),
        "hostile": {
            "share": hostile,
            "stopped_at_time_limit": stats.stopped_at_limit,
            "not_blocked": stats.hostile_not_blocked,
        },
        "error_samples": stats.error_samples,
        "latency_ms": {
            "p50": round(percentile(all_latencies, 0.50) * 1000, 1),
            "p95": round(percentile(all_latencies, 0.95) * 1000, 1),
            "p99": round(percentile(all_latencies, 0.99) * 1000, 1),
            "max": round(max(all_latencies, default=0.0) * 1000, 1),
        },
        "latency_ms_by_tool": {
            tool: {
                "calls": len(v),
                "p50": round(percentile(v, 0.5) * 1000, 1),
                "p99": round(percentile(v, 0.99) * 1000, 1),
            }
            for tool, v in sorted(stats.latencies.items())
        },
        "audit": {
            "expected": dict(expected),
            "found": dict(counts),
            "exact": counts == expected,
            "chain_ok": chain_ok,
            "chain_reason": chain_reason,
        },
        "server_log_tail": server_log[-1000:],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hostile", type=float, default=0.0, help="fraction of calls that run into the time limit")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument("--team", action="store_true", help="team-server replicas on a throwaway PostgreSQL store")
    parser.add_argument("--replicas", type=int, default=2, help="with --team: how many replicas")
    parser.add_argument("--chaos", action="store_true", help="with --team: SIGKILL a replica, restart PostgreSQL")
    args = parser.parse_args(argv)
    if args.team:
        from load_team import print_report, run_team

        if not (0 < args.seconds <= 3600 and 0 < args.clients <= 500 and 0 < args.replicas <= 8):
            parser.error("--seconds must be in (0, 3600], --clients in (0, 500] and --replicas in (0, 8]")
        team_report = run_team(args.seconds, args.clients, args.replicas, args.chaos)
        if args.json:
            print(json.dumps(team_report, indent=2))
        else:
            print_report(team_report)
        return 0 if team_report["ok"] else 1
    if not (0 < args.seconds <= 3600 and 0 < args.clients <= 500 and 0 <= args.hostile <= 1):
        parser.error("--seconds must be in (0, 3600], --clients in (0, 500] and --hostile in [0, 1]")
    report = run(args.seconds, args.clients, args.seed, args.hostile)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        lat = report["latency_ms"]
        audit = report["audit"]
        print(
            f"{report['clients']} clients, {report['seconds']} s: {report['calls']} calls, "
            f"{report['throughput_per_second']} calls/s, {report['errors']} errors"
        )
        print(f"latency ms: p50 {lat['p50']}  p95 {lat['p95']}  p99 {lat['p99']}  max {lat['max']}")
        for tool, row in report["latency_ms_by_tool"].items():
            print(f"  {tool:14} {row['calls']:6} calls  p50 {row['p50']:8} ms  p99 {row['p99']:8} ms")
        print(
            f"audit: exactly one entry per audited call: {audit['exact']} "
            f"(expected {audit['expected']}, found {audit['found']}); chain intact: {audit['chain_ok']}"
        )
        if args.hostile:
            hostile = report["hostile"]
            print(
                f"hostile calls stopped at the time limit: {hostile['stopped_at_time_limit']}, "
                f"not blocked: {hostile['not_blocked']}"
            )
        for sample in report["error_samples"]:
            print(f"  error: {sample}")
    ok = (
        report["errors"] == 0
        and report["audit"]["exact"]
        and report["audit"]["chain_ok"]
        and report["hostile"]["not_blocked"] == 0
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
