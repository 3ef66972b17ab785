"""docs/getting-started.md: every ```sh block runs, in order, in a fresh temp folder; approvals at a terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from review_fixtures import ASSISTANT_VARIABLES, run_in_terminal

DOC = Path(__file__).resolve().parents[2] / "docs" / "getting-started.md"


def sh_blocks() -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```", DOC.read_text(), re.MULTILINE | re.DOTALL)


def test_getting_started_commands_run_as_written(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ASSISTANT_VARIABLES and k != "IDGUARD_WORKSPACE"}
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        IDGUARD_HOOK_SERVER="0",
        IDGUARD_HOOK_SOCKET_DIR=str(home / "run"),
        PATH=f"{Path(sys.executable).parent}:/usr/bin:/bin",
    )
    cwd = tmp_path
    blocks = sh_blocks()
    assert len(blocks) >= 6
    for block in blocks:
        for line in block.strip().splitlines():
            marker = tmp_path / "cwd"
            script = f"set -eo pipefail\n{line}\npwd > {marker}"
            if line.startswith("idguard review approve"):
                # A person at a terminal: the same pseudo-terminal the review tests use.
                # The shell only expands the words (the review id); idguard itself runs on the terminal.
                words = subprocess.run(
                    ["bash", "-c", f"set -- {line}; printf '%s\\0' \"$@\""],
                    cwd=cwd,
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.split("\0")[:-1]
                # Rita's own session: the hook run above recorded this test process as an assistant.
                out = run_in_terminal(words, cwd, {**env, "IDGUARD_HOOK_SOCKET_DIR": str(home / "rita-run")})
            else:
                out = subprocess.run(
                    ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
                )
                if out.returncode == 0:
                    cwd = Path(marker.read_text().strip())
            assert out.returncode == 0, (line, out.stdout[-2000:], out.stderr[-2000:])
    gate = subprocess.run(["idguard", "gate", "--base", "main"], cwd=cwd, env=env, capture_output=True, text=True)
    assert gate.returncode == 0 and (cwd / "auth/roles.py").read_text().startswith("#")
