"""The warm hook server: `idguard hook` answers through it with exactly the in-process output, falls back
when there is none or it is stale, denies when it hangs or answers garbage, and is never used unsafely.

Every test runs the real console script in a temporary git repository with its own short socket
directory, and stops every server it started (found by its `--root` in /proc, or its own status).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from idguard.server.audit.open import open_audit_log
from idguard.server.hook import client as hook_client
from idguard.server.hook import server as hook_server
from test_hook import GRANT, PLAIN, UNVERIFIED_JWT, pre_tool_use, reviewed

IDGUARD = str(Path(sys.executable).with_name("idguard"))
STARTUP_SECONDS = 30.0

pytestmark = pytest.mark.skipif(
    not hasattr(socket, "AF_UNIX") or not Path("/proc/self").exists(),
    reason="needs Unix sockets and /proc to find the servers it starts",
)


def server_pids(root: Path) -> list[int]:
    """Processes running `idguard.server.hook.server --root ROOT` (started by a hook, so found by their command line)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"idguard.server.hook.server" in argv and str(root).encode() in argv:
            pids.append(int(entry.name))
    return pids


def wait_for(condition, seconds: float = STARTUP_SECONDS):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds} s: {condition}")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A git repository, a private socket directory short enough for AF_UNIX, and the server on; stops its servers."""
    monkeypatch.delenv("IDGUARD_WORKSPACE", raising=False)
    root = (tmp_path / "repo").resolve()
    (root / ".git").mkdir(parents=True)
    sockets = tempfile.mkdtemp(prefix="igs-", dir="/tmp")  # mkdtemp makes it 0700
    monkeypatch.setenv(hook_client.SOCKET_DIR_ENV, sockets)
    monkeypatch.setenv(hook_client.ENABLE_ENV, "1")
    monkeypatch.setenv(hook_client.IDLE_ENV, "120")
    yield root
    for pid in server_pids(root):
        os.kill(pid, signal.SIGKILL)
    shutil.rmtree(sockets, ignore_errors=True)


def hook(
    repo: Path, payload: dict | str, *args: str, cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess:
    raw = payload if isinstance(payload, str) else json.dumps(payload)
    return subprocess.run(
        [IDGUARD, "hook", "claude-code", *args],
        input=raw,
        capture_output=True,
        text=True,
        cwd=cwd or repo,
        env=os.environ | env,
        timeout=60,
    )


def in_process(repo: Path, payload: dict | str, *args: str, cwd: Path | None = None) -> tuple[str, str, int]:
    out = hook(repo, payload, *args, cwd=cwd, IDGUARD_HOOK_SERVER="0")
    return out.stdout, out.stderr, out.returncode


def served(repo: Path) -> int:
    answer = hook_client.status(str(repo))
    assert answer is not None and answer["status"] == "ok", answer
    return answer["requests"]


def start_server(repo: Path) -> int:
    """Make a hook call start the server and wait until it answers; its pid."""
    hook(repo, pre_tool_use(repo, "Read", {"file_path": str(repo / "x.py")}))
    wait_for(lambda: hook_client.status(str(repo)))
    (pid,) = server_pids(repo)
    return pid


def test_first_call_decides_in_process_and_starts_the_server_that_answers_the_next(repo: Path) -> None:
    payload = pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": GRANT})
    expected = in_process(repo, payload)
    assert "has no idguard review tag" in json.loads(expected[0])["hookSpecificOutput"]["permissionDecisionReason"]
    assert server_pids(repo) == []

    first = hook(repo, payload)
    assert (first.stdout, first.stderr, first.returncode) == expected
    assert len(server_pids(repo)) == 1  # started before the in-process decision ended
    wait_for(lambda: hook_client.status(str(repo)))
    before = served(repo)

    second = hook(repo, payload)
    assert (second.stdout, second.stderr, second.returncode) == expected
    assert served(repo) == before + 1
    socket_file = Path(hook_client.socket_path(str(repo)))
    assert socket_file.stat().st_mode & 0o777 == 0o600
    assert Path(os.environ[hook_client.SOCKET_DIR_ENV]).stat().st_mode & 0o777 == 0o700


def test_warm_answers_are_byte_identical_to_in_process(repo: Path, secrets_now: dict[str, str]) -> None:
    (repo / "app").mkdir()
    (repo / "app" / "existing.py").write_text(PLAIN, encoding="utf-8")
    tagged, _ = reviewed(repo, "app/roles.py", GRANT)
    cases: list[tuple[dict | str, tuple[str, ...], Path]] = [
        (pre_tool_use(repo, "Write", {"file_path": str(repo / "auth.py"), "content": UNVERIFIED_JWT}), (), repo),
        (pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": GRANT}), (), repo),
        (pre_tool_use(repo, "Write", {"file_path": "app/roles.py", "content": tagged}), (), repo),
        (pre_tool_use(repo, "Write", {"file_path": "app/other_roles.py", "content": tagged}), (), repo),
        (pre_tool_use(repo, "Write", {"file_path": str(repo / "calc.py"), "content": PLAIN}), (), repo),
        (
            pre_tool_use(
                repo,
                "Edit",
                {"file_path": str(repo / "app" / "existing.py"), "old_string": "missing", "new_string": "x"},
            ),
            (),
            repo,
        ),
        (pre_tool_use(repo, "Write", {"file_path": str(repo / ".idguard" / "policy.toml"), "content": "x"}), (), repo),
        (pre_tool_use(repo, "Bash", {"command": "idguard review approve r1"}), (), repo),
        (
            {
                "hook_event_name": "UserPromptSubmit",
                "cwd": str(repo),
                "prompt": f"deploy with {secrets_now['github_token']}",
            },
            ("--event", "user-prompt-submit"),
            repo,
        ),
        ("{not json", (), repo),
        # No cwd in the payload: the hook's own working directory decides where a relative path lands.
        (
            {
                "hook_event_name": "PreToolUse",
                "tool_name": "Write",
                "tool_input": {"file_path": "roles.py", "content": tagged},
            },
            (),
            repo / "app",
        ),
    ]
    expected = [in_process(repo, payload, *args, cwd=cwd) for payload, args, cwd in cases]
    # Allowed: the tagged write (twice: by absolute cwd and by the hook's own cwd) and plain code; the rest deny.
    assert [out == "" for out, _, _ in expected] == [False, False, True, False, True] + [False] * 5 + [True]
    assert secrets_now["github_token"] not in "".join(out for out, _, _ in expected)
    start_server(repo)
    before = served(repo)
    for (payload, args, cwd), want in zip(cases, expected, strict=True):
        got = hook(repo, payload, *args, cwd=cwd)
        assert (got.stdout, got.stderr, got.returncode) == want, payload
    # Shell commands are always decided by the hook process itself (the backstop for an impostor server).
    shell = sum(1 for payload, _, _ in cases if isinstance(payload, dict) and payload.get("tool_name") == "Bash")
    assert shell == 1 and served(repo) == before + len(cases) - shell


def test_the_hook_environment_reaches_the_decision(repo: Path, tmp_path: Path) -> None:
    # IDGUARD_WORKSPACE names the workspace although the payload's cwd is elsewhere; the server was started
    # without it, so only a forwarded environment gives the in-process answer.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    payload = pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": GRANT}) | {
        "cwd": str(elsewhere)
    }
    start_server(repo)
    before = served(repo)
    cold = hook(repo, payload, IDGUARD_HOOK_SERVER="0", IDGUARD_WORKSPACE=str(repo))
    warm = hook(repo, payload, IDGUARD_WORKSPACE=str(repo))
    assert "roles.py is identity-related" in cold.stdout
    assert (warm.stdout, warm.stderr, warm.returncode) == (cold.stdout, cold.stderr, cold.returncode)
    assert served(repo) == before + 1


def test_a_warm_call_loads_neither_the_engine_nor_the_hook_module(repo: Path) -> None:
    start_server(repo)
    payload = json.dumps(pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": GRANT}))
    probe = (
        "import sys\nfrom idguard.server.cli.main import main\ncode = main(['hook', 'claude-code'])\n"
        "heavy = [m for m in ('libcst', 'pydantic', 'idguard.server.hook.decide', 'idguard.guards.engine') if m in sys.modules]\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    before = served(repo)
    out = subprocess.run(
        [sys.executable, "-c", probe], input=payload, capture_output=True, text=True, cwd=repo, timeout=60
    )
    assert out.stderr.strip() == "0 []"
    assert json.loads(out.stdout)["hookSpecificOutput"]["permissionDecision"] == "deny"
    assert served(repo) == before + 1


def test_concurrent_calls_are_all_answered(repo: Path) -> None:
    start_server(repo)
    payloads = [
        pre_tool_use(repo, "Write", {"file_path": str(repo / f"roles_{n}.py"), "content": GRANT}) for n in range(6)
    ]
    results: list[subprocess.CompletedProcess] = []
    threads = [threading.Thread(target=lambda p=p: results.append(hook(repo, p))) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    reasons = sorted(json.loads(r.stdout)["hookSpecificOutput"]["permissionDecisionReason"][:11] for r in results)
    assert reasons == [f"roles_{n}.py " for n in range(6)]
    from idguard.server.workspace import Workspace

    assert open_audit_log(Workspace(repo)).verify().ok


def test_the_code_stamp_covers_every_file_of_the_folders_it_watches(tmp_path: Path) -> None:
    module = tmp_path / "pkg" / "guard.py"
    module.parent.mkdir()
    module.write_text("x = 1\n")
    (module.parent / "__pycache__").mkdir()
    before = hook_client.code_stamp([str(tmp_path)], [])
    (module.parent / "__pycache__" / "guard.cpython-311.pyc").write_bytes(b"compiled")
    assert hook_client.code_stamp([str(tmp_path)], []) == before  # bytecode is not code
    os.utime(module, ns=(module.stat().st_atime_ns, time.time_ns() + 10**9))
    assert hook_client.code_stamp([str(tmp_path)], []) != before  # same content, newer mtime: an edit or reinstall


def test_a_server_whose_code_changed_answers_stale_and_the_hook_decides_itself(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A folder only this test's server watches: touching idguard's own modules would make every warm server of
    # the other test workers stale too.
    watched = tmp_path / "plugins"
    watched.mkdir()
    module = watched / "extra_guard.py"
    module.write_text("x = 1\n")
    monkeypatch.setenv(hook_client.STAMP_DIRS_ENV, str(watched))
    pid = start_server(repo)
    payload = pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": GRANT})
    expected = in_process(repo, payload)
    # Same content, newer mtime: what an edit or a reinstall looks like to the server.
    os.utime(module, ns=(module.stat().st_atime_ns, time.time_ns() + 10**9))
    answer = hook(repo, payload)
    assert (answer.stdout, answer.stderr, answer.returncode) == expected
    wait_for(lambda: pid not in server_pids(repo))
    # The next call finds no server, decides in-process again and starts a fresh one.
    wait_for(lambda: hook(repo, payload).stdout == expected[0] and hook_client.status(str(repo)))
    assert pid not in server_pids(repo)


FAKE_SERVER = """
import socket, sys, time
path, reply = sys.argv[-1], REPLY
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
listener.bind(path)
listener.listen(4)
print("ready", flush=True)
held = []
while True:
    conn, _ = listener.accept()
    if reply is None:
        held.append(conn)  # keep it open, say nothing
    else:
        conn.recv(1 << 20)
        conn.sendall(reply)
        conn.close()
"""


def fake_server(repo: Path, reply: bytes | None, tmp_path: Path) -> subprocess.Popen:
    """A broken server that passes the client's identity check: the interpreter and command line of the real
    one (`python -P -m idguard.server.hook.server --root ROOT`), with a module of the same name placed first on
    PYTHONPATH, bound to the repository's socket; it answers `reply`, or never answers (None)."""
    package = tmp_path / "fake" / "idguard" / "server"
    package.mkdir(parents=True)
    (package.parent / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "hook").mkdir()
    (package / "hook" / "__init__.py").write_text("")
    code = FAKE_SERVER.replace("REPLY", repr(reply)).replace("sys.argv[-1]", repr(hook_client.socket_path(str(repo))))
    (package / "hook" / "server.py").write_text(code)
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "fake"))
    proc = subprocess.Popen(hook_client.server_command(str(repo)), env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


@pytest.mark.parametrize("reply", [None, b"garbage", b'{"status": "ok", "stdout": 1}', b'{"status": "ok"}'])
def test_a_hung_or_garbled_server_means_deny(repo: Path, reply: bytes | None, tmp_path: Path) -> None:
    fake = fake_server(repo, reply, tmp_path)
    try:
        plain_write = pre_tool_use(repo, "Write", {"file_path": str(repo / "calc.py"), "content": PLAIN})
        started = time.monotonic()
        answer = hook(repo, plain_write, IDGUARD_HOOK_TIMEOUT="1.5")
        elapsed = time.monotonic() - started
        assert server_pids(repo) == [fake.pid]  # a server answered (badly): none is started behind it
    finally:
        fake.kill()
        fake.wait()
    decision = json.loads(answer.stdout)["hookSpecificOutput"]
    assert answer.returncode == 0 and decision["permissionDecision"] == "deny"
    assert "ran out of time" in decision["permissionDecisionReason"]
    assert elapsed < 10


def test_a_socket_held_by_another_program_is_not_trusted(repo: Path) -> None:
    """Any process of the user can bind the socket and answer "allow": the hook checks who answers (the
    interpreter and command line of its own server) and, for anything else, decides in-process."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(hook_client.socket_path(str(repo)))
    listener.listen(4)
    sent: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            sent.append(conn.recv(1 << 20))
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    payload = pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": GRANT})
    try:
        answer = hook(repo, payload)
    finally:
        listener.close()
    assert (answer.stdout, answer.stderr, answer.returncode) == in_process(repo, payload)
    assert sent == [b""]  # connected, checked, and told nothing
    assert server_pids(repo) == []  # and no server is started over it


def test_socket_directory_open_to_others_is_not_used(repo: Path) -> None:
    os.chmod(os.environ[hook_client.SOCKET_DIR_ENV], 0o755)
    payload = pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": GRANT})
    answer = hook(repo, payload)
    assert (answer.stdout, answer.stderr, answer.returncode) == in_process(repo, payload)
    assert server_pids(repo) == []
    assert os.listdir(os.environ[hook_client.SOCKET_DIR_ENV]) == []


def test_socket_directory_that_is_a_symlink_is_not_used(repo: Path, tmp_path: Path) -> None:
    target = os.environ[hook_client.SOCKET_DIR_ENV]
    link = target + "-link"
    os.symlink(target, link)
    try:
        assert hook_client.socket_path(str(repo)) is not None
        os.environ[hook_client.SOCKET_DIR_ENV] = link
        assert hook_client.socket_dir() is None and hook_client.socket_path(str(repo)) is None
    finally:
        os.environ[hook_client.SOCKET_DIR_ENV] = target
        os.unlink(link)


def test_opt_out_never_starts_a_server(repo: Path) -> None:
    for tool, tool_input in (
        ("Write", {"file_path": str(repo / "roles.py"), "content": GRANT}),
        ("Read", {"file_path": str(repo / "roles.py")}),
    ):
        answer = hook(repo, pre_tool_use(repo, tool, tool_input), IDGUARD_HOOK_SERVER="0")
        assert answer.returncode == 0
    assert server_pids(repo) == []
    # Only the record of which process runs hooks (review approve refuses to run beneath it).
    assert os.listdir(os.environ[hook_client.SOCKET_DIR_ENV]) == ["assistants.json"]


def test_idle_server_exits_and_removes_its_socket(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(hook_client.IDLE_ENV, "1")
    pid = start_server(repo)
    wait_for(lambda: pid not in server_pids(repo), seconds=15)
    assert not Path(hook_client.socket_path(str(repo))).exists()


def test_client_root_lookup_matches_the_workspace(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from idguard.server.workspace import find_root

    (repo / "a" / "b").mkdir(parents=True)
    for start in (repo, repo / "a" / "b", repo.parent):
        assert hook_client.repository_root(str(start)) == str(find_root(start))
    monkeypatch.setenv("IDGUARD_WORKSPACE", str(repo / "a"))
    assert hook_client.repository_root(str(repo)) == str(find_root(repo)) == str(repo / "a")


def test_a_decision_past_the_policy_limit_is_denied_and_ends_the_server(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from idguard.server.hook import decide as hooks
    from idguard.server.hook.answers import timeout_answer

    (repo / ".idguard").mkdir()
    (repo / ".idguard" / "policy.toml").write_text("[limits]\nguard_timeout_seconds = 0.2\n", encoding="utf-8")
    release = threading.Event()

    def stuck_run_hook(*args, **kwargs) -> int:  # noqa: ANN002, ANN003 - an engine that never finishes
        release.wait(30)
        return 0

    monkeypatch.setattr(hooks, "run_hook", stuck_run_hook)
    monkeypatch.chdir(repo)
    server = hook_server.HookServer(str(repo), str(repo / "unused.sock"), idle_seconds=60)
    exits: list[int] = []
    server.exit_process = exits.append
    payload = json.dumps(pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": GRANT}))
    request = {"cwd": str(repo), "payload": payload, "client": "claude-code", "event": None, "env": {}, "umask": 0o22}
    threads_before = set(threading.enumerate())
    started = time.monotonic()
    try:
        answer = server.decide_with_deadline(request, limit=20.0)
        elapsed = time.monotonic() - started
    finally:
        release.set()
        for thread in set(threading.enumerate()) - threads_before:
            thread.join(5)
    # The policy's 0.2 s plus the hook's 1.5 s overhead, not the hook's 20 s: as the in-process watchdog.
    assert 1.5 < elapsed < 5
    assert answer == {
        "status": "ok",
        "stdout": json.dumps(timeout_answer("PreToolUse")) + "\n",
        "stderr": "",
        "exit": 0,
    }
    assert server.stopping.is_set() and exits == [0]


def test_warm_answers_for_cursor_codex_and_gemini_are_byte_identical(repo: Path, secrets_now: dict[str, str]) -> None:
    def call(client: str, payload: dict, **env: str) -> tuple[str, str, int]:
        out = subprocess.run(
            [IDGUARD, "hook", client],
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            cwd=repo,
            env=os.environ | env,
            timeout=60,
        )
        return out.stdout, out.stderr, out.returncode

    cursor = {"conversation_id": "c1", "generation_id": "g1", "workspace_roots": [str(repo)]}
    cases = [
        (
            "cursor",
            {
                **cursor,
                "hook_event_name": "beforeMCPExecution",
                "tool_name": "write_file",
                "tool_input": json.dumps({"path": str(repo / "roles.py"), "content": GRANT}),
            },
        ),
        (
            "cursor",
            {
                **cursor,
                "hook_event_name": "beforeReadFile",
                "file_path": str(repo / ".env"),
                "content": f"TOKEN={secrets_now['github_token']}\n",
            },
        ),
        ("cursor", {**cursor, "hook_event_name": "beforeSubmitPrompt", "prompt": "add a test"}),
        (
            "gemini",
            {
                "session_id": "s",
                "cwd": str(repo),
                "hook_event_name": "BeforeTool",
                "tool_name": "write_file",
                "tool_input": {"file_path": str(repo / "roles.py"), "content": GRANT},
            },
        ),
        (
            "gemini",
            {
                "session_id": "s",
                "cwd": str(repo),
                "hook_event_name": "BeforeTool",
                "tool_name": "write_file",
                "tool_input": {"file_path": str(repo / "calc.py"), "content": PLAIN},
            },
        ),
        (
            "codex",
            {
                **pre_tool_use(
                    repo,
                    "apply_patch",
                    {
                        "command": "*** Begin Patch\n*** Add File: roles.py\n"
                        + "".join("+" + line + "\n" for line in GRANT.splitlines())
                        + "*** End Patch"
                    },
                ),
                "model": "gpt-5-codex",
            },
        ),
    ]
    expected = [call(client, payload, IDGUARD_HOOK_SERVER="0") for client, payload in cases]
    assert [json.loads(out) if out else None for out, _, _ in expected][2:5:2] == [{"continue": True}, {}]
    start_server(repo)
    before = served(repo)
    for (client, payload), want in zip(cases, expected, strict=True):
        assert call(client, payload) == want, (client, payload)
    assert served(repo) == before + len(cases)
