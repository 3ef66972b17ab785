"""`idguard init` as a newcomer runs it: the real CLI in a subprocess, with and without the venv on PATH."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

IDGUARD = str(Path(sys.executable).with_name("idguard"))
BIN = str(Path(sys.executable).parent)


def run(
    cwd: Path, *args: str, path: str = "/usr/bin:/bin", home: Path | None = None, input: str | None = None
) -> subprocess.CompletedProcess:
    env = {
        "PATH": path,
        "HOME": str(home or cwd.parent / "home"),
        "IDGUARD_HOOK_SERVER": "0",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run([IDGUARD, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120, input=input)


def git_init(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    return folder


def test_init_writes_the_absolute_path_when_idguard_is_not_on_path(tmp_path: Path) -> None:
    repo = git_init(tmp_path / "repo")
    out = run(repo, "init")
    assert out.returncode == 0, out.stderr
    for rel in (".mcp.json", ".claude/settings.json", ".vscode/mcp.json", ".idguard/policy.toml"):
        assert f"created  {repo / rel}" in out.stdout
    assert f"the configuration runs {IDGUARD}" in out.stdout
    assert json.loads((repo / ".mcp.json").read_text())["mcpServers"]["idguard"]["command"] == IDGUARD
    assert json.loads((repo / ".vscode/mcp.json").read_text())["servers"]["idguard"]["command"] == IDGUARD
    settings = json.loads((repo / ".claude/settings.json").read_text())
    commands = {h["command"] for groups in settings["hooks"].values() for g in groups for h in g["hooks"]}
    assert commands == {f"{IDGUARD} hook claude-code || exit 2"}
    # The hook command works with an empty PATH beyond the system's: no `idguard: not found` block.
    payload = json.dumps(
        {
            "hook_event_name": "PreToolUse",
            "cwd": str(repo),
            "tool_name": "Write",
            "tool_input": {"file_path": str(repo / "notes.txt"), "content": "hello\n"},
        }
    )
    hook = subprocess.run(
        ["sh", "-c", commands.pop()],
        input=payload,
        capture_output=True,
        text=True,
        cwd=repo,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "IDGUARD_HOOK_SERVER": "0"},
        timeout=60,
    )
    assert hook.returncode == 0 and "not found" not in hook.stderr


def test_init_uses_the_bare_name_when_path_finds_this_executable_and_says_so(tmp_path: Path) -> None:
    repo = git_init(tmp_path / "repo")
    out = run(repo, "init", path=f"{BIN}:/usr/bin:/bin")
    assert out.returncode == 0, out.stderr
    assert f"`idguard` on PATH resolves to this executable ({IDGUARD})" in out.stdout
    assert json.loads((repo / ".mcp.json").read_text())["mcpServers"]["idguard"]["command"] == "idguard"
    # A later run without the venv on PATH points every entry at the absolute path instead.
    again = run(repo, "init")
    assert f"updated    {repo / '.mcp.json'}" in again.stdout
    assert json.loads((repo / ".mcp.json").read_text())["mcpServers"]["idguard"]["command"] == IDGUARD
    settings = json.loads((repo / ".claude/settings.json").read_text())
    assert len(settings["hooks"]["PreToolUse"]) == 1
    assert settings["hooks"]["PreToolUse"][0]["hooks"][0]["command"].startswith(IDGUARD)


def test_init_refuses_outside_a_git_work_tree_and_never_writes_above_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".claude").mkdir(parents=True)
    user_settings = home / ".claude" / "settings.json"
    user_settings.write_text('{"theme": "dark"}\n')
    plain = home / "project"
    plain.mkdir()
    out = run(plain, "init", home=home)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        f"idguard: error: {plain} is not inside a git work tree; run `git init` there first "
        "(idguard init writes only inside a repository)"
    ]
    assert not (plain / ".idguard").exists() and user_settings.read_text() == '{"theme": "dark"}\n'
    # A home folder that is a repository (dotfiles): init in a plain folder below it writes nothing, anywhere.
    git_init(home)
    out = run(plain, "init", home=home)
    assert out.returncode == 2 and f"{plain} is not the top level of its git repository ({home})" in out.stderr
    out = run(home, "init", home=home)
    assert out.returncode == 2 and "home folder" in out.stderr
    assert user_settings.read_text() == '{"theme": "dark"}\n' and not (home / ".idguard").exists()
    assert not (plain / ".idguard").exists() and not (plain / ".claude").exists()


def test_commands_outside_a_repository_say_so_and_create_nothing(tmp_path: Path) -> None:
    plain = tmp_path / "downloads"
    plain.mkdir()
    (plain / "app.py").write_text("print('hi')\n")
    for args in (("review", "list"), ("audit", "verify"), ("gate",), ("evidence",)):
        out = run(plain, *args)
        assert out.returncode == 2, (args, out.stdout, out.stderr)
        assert out.stderr.strip() == (
            f"idguard: error: {plain} is not inside a git repository: run idguard in a "
            "repository (`git init`, then `idguard init`), or set IDGUARD_WORKSPACE"
        ), args
        assert not (plain / ".idguard").exists(), args


def test_check_and_redact_read_any_folder_and_create_nothing(tmp_path: Path) -> None:
    plain = tmp_path / "downloads"
    plain.mkdir()
    (plain / "app.py").write_text("print('hi')\n")
    out = run(plain, "check", "app.py")
    assert out.returncode == 0, (out.stdout, out.stderr)
    out = run(plain, "redact", input="hello world\n")
    assert out.returncode == 0, (out.stdout, out.stderr)
    assert out.stdout == "hello world\n"
    assert not (plain / ".idguard").exists()


def test_init_points_to_docs_that_exist_in_the_installed_package(tmp_path: Path) -> None:
    repo = git_init(tmp_path / "repo")
    out = run(repo, "init")
    pointer = out.stdout.rsplit("hooks: ", 1)[1].strip().rstrip(".")
    assert Path(pointer).is_absolute() and Path(pointer).is_file(), pointer
    assert "PreToolUse" in Path(pointer).read_text()


def test_unknown_guard_id_in_policy_is_an_error_naming_it(tmp_path: Path) -> None:
    repo = git_init(tmp_path / "repo")
    (repo / ".idguard").mkdir()
    (repo / ".idguard/policy.toml").write_text('profile = "standard"\n[guards.IDG9999]\nseverity = "critical"\n')
    out = run(repo, "review", "list")
    assert out.returncode == 2
    assert "[guards.IDG9999]: no guard with id 'IDG9999'" in out.stderr and len(out.stderr.splitlines()) == 1
    (repo / ".idguard/policy.toml").write_text('profile = "standard"\n[guards.IDG101]\nseverity = "critical"\n')
    assert run(repo, "review", "list").returncode == 0
