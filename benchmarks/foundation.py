"""Foundation figures: `check_code` latency on a 300-line identity module, and the
stdio server's start-up time next to a bare MCPServer with one tool.

Run: .venv/bin/python benchmarks/foundation.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import anyio
from mcp import Client
from mcp.client.stdio import StdioServerParameters

ROOT = Path(__file__).resolve().parents[1]
IDGUARD = str(Path(sys.executable).with_name("idguard"))

BARE_SERVER = textwrap.dedent(
    """
    from mcp.server import MCPServer

    server = MCPServer("bare")

    @server.tool()
    def echo(text: str) -> str:
        return text

    server.run("stdio")
    """
)


def identity_module(lines: int = 300) -> str:
    """A realistic identity module of about `lines` lines, built from the sample code."""
    parts = []
    for name in (
        "fixed/token_service.py",
        "fixed/invite_flow.py",
        "fixed/offboarding_job.py",
        "vulnerable/token_service.py",
        "vulnerable/invite_flow.py",
        "vulnerable/offboarding_job.py",
    ):
        body = (ROOT / "examples" / "identity" / name).read_text()
        tag = name.replace("/", "_").replace(".py", "")
        parts.append(body.replace("def ", f"def {tag}_"))
    text = "\n".join(parts)
    out = text.splitlines()
    while len(out) < lines:
        out += text.splitlines()
    return "\n".join(out[:lines]) + "\n"


def time_check(code: str, runs: int) -> list[float]:
    from idguard.guards import check_code, load_guards

    load_guards()
    check_code(code, path="auth/module.py")  # warm imports
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        check_code(code, path="auth/module.py")
        samples.append(time.perf_counter() - started)
    return samples


async def time_startup(params: StdioServerParameters) -> float:
    started = time.perf_counter()
    async with Client(params) as client:
        await client.list_tools()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    code = identity_module()
    samples = time_check(code, args.runs)
    print(
        f"check_code on a {code.count(chr(10))}-line identity module ({args.runs} runs): "
        f"median {statistics.median(samples) * 1000:.1f} ms, max {max(samples) * 1000:.1f} ms"
    )

    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_SERVER)
        idguard = StdioServerParameters(command=IDGUARD, args=["serve", "--workspace", tmp], env=dict(os.environ))
        plain = StdioServerParameters(command=sys.executable, args=[str(bare)], env=dict(os.environ))
        idg, base = [], []
        for _ in range(max(3, args.runs // 4)):
            idg.append(anyio.run(time_startup, idguard))
            base.append(anyio.run(time_startup, plain))
    print(
        f"stdio start-up to first tools/list: idguard median {statistics.median(idg) * 1000:.0f} ms, "
        f"bare MCPServer with one tool median {statistics.median(base) * 1000:.0f} ms "
        f"(ratio {statistics.median(idg) / statistics.median(base):.2f})"
    )


if __name__ == "__main__":
    main()
