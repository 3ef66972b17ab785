"""The warm hook server: one process per user and repository that keeps the engine loaded for `idguard hook`.

It runs the same `run_hook` (hook/decide.py) on the payload a hook sends (hook/client.py), in the hook's
working directory and with the hook's `IDGUARD_*`/git environment, and answers with exactly what the
in-process hook would print. It never logs or stores payloads. Started as
`python -m idguard.server.hook.server --root ROOT` by the client; only that process imports this module,
so its imports are at the top, except the engine's, which `warm` times itself.
"""

from __future__ import annotations

import argparse
import faulthandler
import fcntl
import gc
import importlib.util
import io
import json
import os
import signal
import socket
import sqlite3
import sys
import threading
import time
from pathlib import Path
from typing import Any

from .answers import timeout_answer
from .client import (
    FORWARDED_ENV_NAMES,
    FORWARDED_ENV_PREFIXES,
    IDLE_ENV,
    IDLE_SECONDS,
    MAX_HELD_AUDIT_LOGS,
    NOT_FORWARDED,
    PACKAGE_DIR,
    PROTOCOL_VERSION,
    STAMP_DIRS_ENV,
    _files_stamp,
    _forwarded_env,
    _interpreter,
    _paths_stamp,
    _receive_all,
    code_stamp,
    peer_uid,
    socket_path,
)
from .clients import CLIENTS


class HookServer:
    """Answers hook requests for one repository with the loaded engine; decisions run one at a time."""

    def __init__(self, root: str, path: str, idle_seconds: float) -> None:

        self.root = root
        self.path = path
        self.idle_seconds = idle_seconds
        self.decision_lock = threading.Lock()  # audit log, review store, os.environ/cwd: one decision at a time
        self.state_lock = threading.Lock()
        self.requests = 0
        self.last_activity = 0.0
        self.stopping = threading.Event()
        self.listener: socket.socket | None = None
        self.socket_inode = 0
        self.audit_connections: dict[str, tuple[object, int]] = {}
        self.handlers: set = set()  # connection threads, joined before the process ends
        self.exit_process = os._exit  # how a wedged server ends: no clean-up can wait for the stuck decision
        self.lock_fd: int | None = None
        self.started_stamp: tuple = ()
        self.stamp_inputs: tuple[list[str], list[str]] = ([], [])

    # -------------------------------------------------- start-up

    def take_lock(self) -> bool:
        """One server per repository: the lock file beside the socket, held for the server's lifetime."""

        fd = os.open(self.path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self.lock_fd = fd
        return True

    def warm(self) -> None:
        """Import the engine and every guard and run them once, so the first request pays nothing."""

        directories = [PACKAGE_DIR]
        spec = importlib.util.find_spec("idguard.guards")
        if spec is not None and spec.submodule_search_locations:
            directories.extend(spec.submodule_search_locations)
        # Folders of plug-in guards (or a deployment marker) whose change must restart the server too.
        directories.extend(d for d in os.environ.get(STAMP_DIRS_ENV, "").split(os.pathsep) if d)
        # Stamp idguard's files before importing them, so an edit made while the engine loads counts as a change.
        files_before_import = _files_stamp(directories)

        from idguard.guards.engine import check_code
        from idguard.guards.registry import load_guards
        from idguard.guards.secrets import find_secrets

        load_guards()
        check_code(
            "import jwt\n\n\ndef user(token, key):\n    return jwt.decode(token, key, algorithms=['RS256'])\n",
            "warm.py",
        )
        check_code("roles:\n  - admin\n", "warm.yaml")
        find_secrets("warm-up")
        module_files = sorted(
            {
                os.path.dirname(str(module.__file__))
                for name in ("libcst", "pydantic", "pydantic_core", "detect_secrets", "yaml", "hcl2")
                if (module := sys.modules.get(name)) is not None and getattr(module, "__file__", None)
            }
        )
        self.stamp_inputs = (directories, module_files)
        self.started_stamp = files_before_import + _paths_stamp([os.path.realpath(sys.executable), *module_files])

        # The engine's modules live as long as the server: keep them out of every collection, and collect
        # less often (each decision makes tens of thousands of short-lived syntax-tree objects).
        gc.collect()
        gc.freeze()
        gc.set_threshold(50_000, 50, 50)

    def bind(self) -> None:

        try:
            os.unlink(self.path)  # we hold the lock, so a socket file left here belongs to a dead server
        except FileNotFoundError:
            pass
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_umask = os.umask(0o177)  # the socket is created 0600, with no moment of wider access
        try:
            listener.bind(self.path)
        finally:
            os.umask(old_umask)
        os.chmod(self.path, 0o600)
        self.socket_inode = os.stat(self.path).st_ino
        listener.listen(32)
        listener.settimeout(1.0)
        self.listener = listener
        self.last_activity = time.monotonic()

    # -------------------------------------------------- serving

    def serve_forever(self) -> None:

        assert self.listener is not None
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                with self.state_lock:
                    idle = time.monotonic() - self.last_activity
                if idle > self.idle_seconds or not os.path.isdir(self.root) or self._socket_replaced():
                    self.stop()
                continue
            except OSError:
                if self.stopping.is_set():
                    break
                raise
            with self.state_lock:
                self.last_activity = time.monotonic()
            self._start_handler(conn)
        # Hooks that connected before the socket file went are answered (stale: they decide themselves),
        # and decisions in progress finish (their audit entries included) before the process ends.
        self.listener.setblocking(False)
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                break
            conn.setblocking(True)
            self._start_handler(conn)
        self.listener.close()
        for handler in list(self.handlers):
            handler.join(60)

    def _start_handler(self, conn: socket.socket) -> None:

        handler = threading.Thread(target=self.handle, args=(conn,), daemon=True)
        with self.state_lock:
            self.handlers = {h for h in self.handlers if h.is_alive()} | {handler}
        handler.start()

    def _socket_replaced(self) -> bool:
        """True when our socket file was removed or replaced: clients can no longer reach this server."""
        try:
            return os.stat(self.path).st_ino != self.socket_inode
        except OSError:
            return True

    def stop(self) -> None:
        """Stop taking requests: the socket file and the lock go first, so the next hook starts a new server."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        try:
            if self.socket_inode and os.stat(self.path).st_ino == self.socket_inode:
                os.unlink(self.path)
        except OSError:
            pass
        if self.lock_fd is not None:
            os.close(self.lock_fd)
            self.lock_fd = None

    def handle(self, conn: socket.socket) -> None:
        try:
            with conn:
                if peer_uid(conn) not in (None, os.getuid()):
                    return  # another user: no answer at all
                conn.settimeout(10.0)  # a client that never finishes its request cannot hold a thread for ever
                try:
                    request = json.loads(_receive_all(conn))
                except (OSError, ValueError):
                    return
                answer = self.answer(request)
                try:
                    conn.sendall(json.dumps(answer).encode("utf-8", "surrogatepass"))
                except OSError:
                    return
        except Exception:  # noqa: BLE001 - one bad connection must not end the server; nothing is logged
            return

    def answer(self, request: object) -> dict[str, Any]:
        stale = {"status": "stale"}
        if not isinstance(request, dict) or request.get("v") != PROTOCOL_VERSION:
            return stale
        if request.get("op") == "status":
            with self.state_lock:
                return {"status": "ok", "pid": os.getpid(), "root": self.root, "requests": self.requests}
        if request.get("op") != "hook" or self.stopping.is_set():
            return stale
        if request.get("python") != _interpreter() or request.get("package") != PACKAGE_DIR:
            return stale  # another interpreter or installation: it decides in-process
        if code_stamp(*self.stamp_inputs) != self.started_stamp:
            self.stop()
            return stale
        limit = request.get("limit")
        if not isinstance(limit, (int, float)) or limit <= 0:
            return stale
        if not self.decision_lock.acquire(timeout=float(limit)):
            return stale  # busy past the hook's limit: deciding in-process is still correct
        try:
            if self.stopping.is_set():
                return stale
            return self.decide_with_deadline(request, float(limit))
        finally:
            self.decision_lock.release()

    def decide_with_deadline(self, request: dict[str, Any], limit: float) -> dict[str, Any]:
        """Run the decision; past the deadline answer the watchdog's deny and end the server (a wedged engine).

        The deadline starts at the hook's limit and, as in-process, shrinks to the policy's
        `limits.guard_timeout_seconds` plus the hook's overhead once the decision has read the policy.
        """

        result: dict[str, Any] = {"deadline": time.monotonic() + limit}
        worker = threading.Thread(target=self._decide, args=(request, result), daemon=True)
        # If native code holds the interpreter so that not even this thread runs, end the process.
        faulthandler.dump_traceback_later(limit + 5, exit=True, file=_devnull())
        worker.start()
        while worker.is_alive() and (remaining := result["deadline"] - time.monotonic()) > 0:
            worker.join(min(remaining, 0.1))  # returns as soon as the decision ends
        faulthandler.cancel_dump_traceback_later()
        if worker.is_alive():
            self.stop()
            threading.Timer(0.5, self.exit_process, args=(0,)).start()  # after this answer is sent
            event = request.get("event") or "PreToolUse"
            return {"status": "ok", "stdout": json.dumps(timeout_answer(event)) + "\n", "stderr": "", "exit": 0}
        answer = result.get("answer") or {"status": "stale"}  # the server's own failure: the hook decides itself
        if answer.get("status") == "ok":
            with self.state_lock:
                self.requests += 1
        return answer

    def _tighten_to_policy(self, payload: str, result: dict[str, Any]) -> None:

        # idguard's own modules load after warm() has stamped them (an edit meanwhile counts as a change).
        from ..policy import load_policy
        from .decide import HOOK_OVERHEAD_SECONDS

        workspace = _payload_workspace(payload)
        if workspace is None:
            return
        try:
            seconds = load_policy(workspace).limits.guard_timeout_seconds + HOOK_OVERHEAD_SECONDS
        except Exception:  # noqa: BLE001 - a broken policy is the decision's to report (it denies)
            return
        result["deadline"] = min(result["deadline"], time.monotonic() + seconds)

    def _hold_audit_log(self, payload: str) -> None:
        """Keep a connection open to the audit database this decision wrote (at most a few).

        Every append opens and closes its own connection; when the last connection to a WAL database
        closes, SQLite checkpoints and deletes the WAL, about a third of a warm deny. Held open here, it
        does not: the WAL is checkpointed as it grows, as SQLite does for any long-lived reader.
        """

        workspace = _payload_workspace(payload)
        if workspace is None:
            return
        database = workspace.audit_db
        try:
            inode = os.stat(database).st_ino
        except OSError:
            return
        held = self.audit_connections.get(str(database))
        if held is not None and held[1] == inode:
            return
        if held is not None:
            held[0].close()  # type: ignore[attr-defined]  # a sqlite3 connection, held as object to keep sqlite3 unimported
        elif len(self.audit_connections) >= MAX_HELD_AUDIT_LOGS:
            return
        try:
            connection = sqlite3.connect(database, check_same_thread=False)
            connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        except sqlite3.Error:
            return
        self.audit_connections[str(database)] = (connection, inode)

    def _decide(self, request: dict[str, Any], result: dict[str, Any]) -> None:
        """`run_hook` as the hook process would run it: its payload, working directory, environment and umask."""

        from .decide import run_hook

        saved_cwd = os.getcwd()
        try:
            os.chdir(request["cwd"])
        except (OSError, TypeError, ValueError, KeyError):
            result["answer"] = {"status": "stale"}  # cannot stand where the hook stands: it decides itself
            return
        env = request.get("env")
        env = env if isinstance(env, dict) else {}
        saved_env = _swap_env({k: v for k, v in env.items() if isinstance(k, str) and isinstance(v, str)})
        umask = request.get("umask")
        saved_umask = os.umask(umask) if isinstance(umask, int) and 0 <= umask <= 0o777 else None
        try:
            payload = request.get("payload")
            client, event = request.get("client"), request.get("event")
            if (
                not isinstance(payload, str)
                or client not in CLIENTS
                or event not in (None, "PreToolUse", "UserPromptSubmit")
            ):
                result["answer"] = {"status": "stale"}
                return
            if event != "UserPromptSubmit":
                self._tighten_to_policy(payload, result)
            stdout, stderr = io.StringIO(), io.StringIO()
            code = run_hook(io.StringIO(payload), stdout, stderr, client=client, forced_event=event)
            result["answer"] = {"status": "ok", "stdout": stdout.getvalue(), "stderr": stderr.getvalue(), "exit": code}
            self._hold_audit_log(payload)
        finally:
            if saved_umask is not None:
                os.umask(saved_umask)
            _swap_env(saved_env)
            os.chdir(saved_cwd)


_devnull_file = None


def _devnull():
    global _devnull_file
    if _devnull_file is None:
        _devnull_file = open(os.devnull, "w")  # noqa: SIM115 - faulthandler needs it open for the process lifetime
    return _devnull_file


def _payload_workspace(payload: str):  # noqa: ANN202 - a Workspace, imported only in the server
    """The workspace a PreToolUse decision on `payload` works in (as decide.py finds it), or None."""

    from ..workspace import Workspace, find_root

    try:
        data = json.loads(payload)
        if not isinstance(data, dict):
            return None
        event = data.get("hook_event_name") or data.get("hookEventName") or ""
        if str(event).replace("_", "").lower() == "userpromptsubmit":
            return None
        return Workspace(find_root(Path(data.get("cwd") or os.getcwd())))
    except Exception:  # noqa: BLE001 - no workspace to speak of: nothing to tighten or hold
        return None


def _swap_env(wanted: dict[str, str]) -> dict[str, str]:
    """Make the forwarded part of os.environ equal `wanted`; return what it was (to swap back)."""
    previous = _forwarded_env()
    for name in previous.keys() - wanted.keys():
        del os.environ[name]
    for name, value in wanted.items():
        if (name.startswith(FORWARDED_ENV_PREFIXES) or name in FORWARDED_ENV_NAMES) and name not in NOT_FORWARDED:
            os.environ[name] = value
    return previous


def serve(root: str, idle_seconds: float) -> int:
    """Run the server for `root` until idle, stale or replaced; 0 also when another server already runs."""
    if not hasattr(socket, "AF_UNIX"):
        return 1
    path = socket_path(root)
    if path is None:
        return 1
    server = HookServer(root, path, idle_seconds)
    if not server.take_lock():
        return 0

    signal.signal(signal.SIGTERM, lambda _signum, _frame: server.stop())
    os.chdir("/")
    server.warm()
    if server.stopping.is_set():
        return 0
    server.bind()
    server.serve_forever()
    return 0


def main(argv: list[str] | None = None) -> int:

    parser = argparse.ArgumentParser(prog="python -m idguard.server.hook.server", description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help="the repository root this server answers for")
    parser.add_argument(
        "--idle",
        type=float,
        default=float(os.environ.get(IDLE_ENV, IDLE_SECONDS)),
        help=f"exit after this many seconds without a request (default {IDLE_SECONDS}, env {IDLE_ENV})",
    )
    args = parser.parse_args(argv)
    return serve(os.path.realpath(args.root), args.idle)


if __name__ == "__main__":
    sys.exit(main())
