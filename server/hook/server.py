"""The warm hook server: one process per user and repository that keeps the engine loaded for `idguard hook`.

A fresh `idguard hook` process spends most of its time importing libcst, pydantic and
the guards before it looks at the file (hundreds of milliseconds on every edit). Like
dmypy or eslint_d, the hook command first asks a warm server over a Unix socket, and
the server answers with exactly what the in-process hook would print: it runs the same
`hooks.run_hook` on the same payload, in the hook's working directory and with the
hook's `IDGUARD_*`/git environment. No server, or a server whose code changed since it
started ("stale"): the hook decides in-process as before and starts a server for the
next call. A server that does not answer in time, or answers garbage, is a deny.

Security: the socket lives in a per-user directory (mode 0700, owned by the user,
checked before every use) as a 0600 file named after a hash of the repository root;
both ends check the other's uid with SO_PEERCRED where the OS has it. The server never
logs or stores payloads. There is no network socket.

This module is imported by every hook call, so its top level uses only os, sys, json
and socket; the server part imports what it needs inside its functions.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from typing import Any

from .clients import CLIENTS

PROTOCOL_VERSION = 1
ENABLE_ENV = "IDGUARD_HOOK_SERVER"  # "0" = always decide in-process, never start a server
SOCKET_DIR_ENV = "IDGUARD_HOOK_SOCKET_DIR"
IDLE_ENV = "IDGUARD_HOOK_SERVER_IDLE"  # seconds without a request before the server exits
IDLE_SECONDS = 15 * 60
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
# macOS limits a Unix socket path to 104 bytes, Linux to 108.
MAX_SOCKET_PATH_BYTES = 100
MAX_HELD_AUDIT_LOGS = 8
# The environment the decision may read (workspace discovery, git identity, CI detection); the
# server applies the hook's values for the request. Nothing else of the hook's environment is sent.
FORWARDED_ENV_PREFIXES = ("IDGUARD_", "GIT_")
FORWARDED_ENV_NAMES = ("HOME", "XDG_CONFIG_HOME", "CI", "GITHUB_ACTIONS", "GITHUB_ACTOR")
NOT_FORWARDED = (ENABLE_ENV, SOCKET_DIR_ENV, IDLE_ENV)
# The whole `idguard.server` package (this file is in its `hook/` subpackage).
PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class NoServer(Exception):
    """No usable server for this repository (none running, stale, or not allowed): decide in-process."""


class BadAnswer(Exception):
    """The server was asked and did not answer properly in time: the hook must deny (fail closed)."""


class Impostor(NoServer):
    """Something else holds the server's socket: decide in-process, and start no server over it."""


# ---------------------------------------------------------------- where the socket is


def enabled() -> bool:
    """Not opted out, and the platform has Unix sockets and user ids (else: always in-process)."""
    return os.environ.get(ENABLE_ENV, "1") != "0" and hasattr(socket, "AF_UNIX") and hasattr(os, "getuid")


def repository_root(cwd: str) -> str:
    """The workspace root as `workspace.find_root` finds it, with os.path only (no pathlib, no idguard)."""
    configured = os.environ.get("IDGUARD_WORKSPACE")
    if configured:
        return os.path.realpath(configured)
    start = os.path.realpath(cwd)
    candidate = start
    while True:
        if os.path.exists(os.path.join(candidate, ".git")) or os.path.isdir(os.path.join(candidate, ".idguard")):
            return candidate
        parent = os.path.dirname(candidate)
        if parent == candidate:
            return start
        candidate = parent


def socket_dir() -> str | None:
    """The per-user socket directory, created 0700; None when it is not ours alone (then no server is used)."""
    import stat

    path = os.environ.get(SOCKET_DIR_ENV)
    if not path:
        runtime = os.environ.get("XDG_RUNTIME_DIR")
        path = os.path.join(runtime, "idguard") if runtime and os.path.isabs(runtime) else f"/tmp/idguard-{os.getuid()}"
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return path


def socket_path(root: str) -> str | None:
    """The server socket for the repository at `root`, or None when no safe, short enough path exists."""
    import hashlib

    directory = socket_dir()
    if directory is None:
        return None
    name = hashlib.sha256(root.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    path = os.path.join(directory, name + ".sock")
    return path if len(path.encode("utf-8", "surrogateescape")) <= MAX_SOCKET_PATH_BYTES else None


def peer_credentials(sock: socket.socket) -> tuple[int, int] | None:
    """(pid, uid) of the process at the other end of a Unix socket; None where the OS does not say (not Linux)."""
    if not hasattr(socket, "SO_PEERCRED"):
        return None
    import struct

    size = struct.calcsize("3i")
    pid, uid, _gid = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, size))
    return pid, uid


def peer_uid(sock: socket.socket) -> int | None:
    """The uid of the process at the other end of a Unix socket; None where the OS does not say (not Linux)."""
    credentials = peer_credentials(sock)
    return credentials[1] if credentials else None


def server_command(root: str) -> list[str]:
    """The exact command line a hook starts its server with (the client checks the peer runs it)."""
    return [sys.executable, "-P", "-m", "idguard.server.hook.server", "--root", root]


def impostor_reason(pid: int, root: str) -> str | None:
    """Why the process `pid` behind the socket is not the server a hook starts, or None when it is.

    Checked on every call (Linux /proc): the same interpreter binary and exactly the server's command line. Any
    process of the same user could bind the socket and answer "allow"; this makes that take more than binding,
    and the in-process backstop (shell commands, PostToolUse, Stop) notices a replaced socket in any case.
    """
    proc = f"/proc/{pid}"
    if not os.path.isdir(proc):
        return None if not os.path.isdir("/proc/self") else "the peer process is gone"
    try:
        exe = os.path.realpath(f"{proc}/exe")
        with open(f"{proc}/cmdline", "rb") as handle:
            argv = [a.decode("utf-8", "surrogateescape") for a in handle.read().split(b"\0") if a]
    except OSError:
        return "the peer process cannot be inspected"
    expected = server_command(root)
    if exe != os.path.realpath(sys.executable) or not argv or os.path.realpath(argv[0]) != exe:
        return "the peer runs another program"
    if argv[1:] != expected[1:]:
        return "the peer is not idguard's hook server for this repository"
    return None


def _lock_is_held(lock_path: str) -> bool:
    """True while a server for this socket holds its lock file (starting up or serving)."""
    import fcntl

    try:
        fd = os.open(lock_path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


# ---------------------------------------------------------------- client


def _forwarded_env() -> dict[str, str]:
    return {
        name: value
        for name, value in os.environ.items()
        if (name.startswith(FORWARDED_ENV_PREFIXES) or name in FORWARDED_ENV_NAMES) and name not in NOT_FORWARDED
    }


def _receive_all(sock: socket.socket) -> bytes:
    chunks, size = [], 0
    while chunk := sock.recv(1 << 16):
        size += len(chunk)
        if size > MAX_MESSAGE_BYTES:
            raise ValueError("message too large")
        chunks.append(chunk)
    return b"".join(chunks)


def _request_root(raw: str) -> tuple[str, str]:
    """(the hook's working directory, the repository root that picks the server)."""
    cwd = os.getcwd()
    try:
        payload = json.loads(raw)
    except ValueError:
        payload = None
    start = payload.get("cwd") if isinstance(payload, dict) else None
    # Only the choice of server depends on this; the server re-reads cwd from the payload as decide.py does.
    root = repository_root(start if isinstance(start, str) and start and "\0" not in start else cwd)
    return cwd, root


def ask(raw: str, client: str, forced_event: str | None, limit_seconds: float) -> tuple[str, str, int]:
    """Have the repository's warm server decide: (stdout, stderr, exit code).

    Raises NoServer when there is none to ask (decide in-process), BadAnswer when the server
    was asked but did not answer properly (deny). Past `limit_seconds` the hook's watchdog denies.
    """
    if not enabled():
        raise NoServer("disabled")
    try:
        cwd, root = _request_root(raw)
        path = socket_path(root)
    except Exception:  # noqa: BLE001 - e.g. a working directory that no longer exists: decide in-process
        raise NoServer("cannot locate the socket") from None
    if path is None:
        raise NoServer("no private socket directory")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        # The hook's watchdog, armed for `limit_seconds`, answers first; this only stops a wait without end.
        sock.settimeout(limit_seconds + 1.0)
        try:
            sock.connect(path)
            credentials = peer_credentials(sock)
        except OSError:
            raise NoServer("not running") from None
        if credentials is not None:
            if credentials[1] != os.getuid():
                raise NoServer("socket owned by another user")
            if impostor_reason(credentials[0], root) is not None:
                raise Impostor(impostor_reason(credentials[0], root) or "impostor")
        request = json.dumps(
            {
                "v": PROTOCOL_VERSION,
                "op": "hook",
                "client": client,
                "event": forced_event,
                "cwd": cwd,
                "env": _forwarded_env(),
                "umask": _current_umask(),
                "python": _interpreter(),
                "package": PACKAGE_DIR,
                "limit": limit_seconds,
                "payload": raw,
            }
        ).encode("utf-8", "surrogatepass")
        if len(request) > MAX_MESSAGE_BYTES:
            raise NoServer("payload larger than the server takes")
        try:
            sock.sendall(request)
            sock.shutdown(socket.SHUT_WR)
            answer = json.loads(_receive_all(sock))
        except (OSError, ValueError) as exc:
            raise BadAnswer(type(exc).__name__) from None
    finally:
        sock.close()
    if not isinstance(answer, dict):
        raise BadAnswer("not an object")
    if answer.get("status") == "stale":
        raise NoServer("stale")
    stdout, stderr, code = answer.get("stdout"), answer.get("stderr"), answer.get("exit")
    if (
        answer.get("status") != "ok"
        or not isinstance(stdout, str)
        or not isinstance(stderr, str)
        or not isinstance(code, int)
        or isinstance(code, bool)
    ):
        raise BadAnswer("malformed answer")
    return stdout, stderr, code


def _interpreter() -> list[str]:
    """The interpreter and the environment (venv) it runs in: a server serves only hooks that run the same."""
    return [os.path.realpath(sys.executable), sys.prefix]


def _current_umask() -> int:
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def status(root: str, timeout: float = 5.0) -> dict[str, Any] | None:
    """The server's own report (pid, requests served, code stamp age), or None if none answers."""
    path = socket_path(root)
    if path is None:
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(path)
        sock.sendall(json.dumps({"v": PROTOCOL_VERSION, "op": "status"}).encode())
        sock.shutdown(socket.SHUT_WR)
        answer = json.loads(_receive_all(sock))
    except (OSError, ValueError):
        return None
    finally:
        sock.close()
    return answer if isinstance(answer, dict) else None


def start_in_background(raw: str) -> None:
    """Start a server for the hook's repository, detached, unless one is running or starting. Never raises."""
    try:
        if not enabled():
            return
        _cwd, root = _request_root(raw)
        path = socket_path(root)
        if path is None or _lock_is_held(path + ".lock"):
            return
        import subprocess

        subprocess.Popen(
            server_command(root),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd="/",
            start_new_session=True,
            close_fds=True,
        )
    except Exception:  # noqa: BLE001 - the hook's answer never depends on the server starting
        return


# ---------------------------------------------------------------- server


def code_stamp(directories: list[str], paths: list[str]) -> tuple:
    """What the server's behaviour depends on: every file under `directories` (idguard's packages), the
    interpreter and `paths` (the dependencies' folders), as (name, mtime, size).

    Any change (an edit, `pip install -U`, a new venv) makes the server stale: it answers so and exits.
    """
    return _files_stamp(directories) + _paths_stamp([os.path.realpath(sys.executable), *paths])


def _files_stamp(directories: list[str]) -> tuple:
    entries: list[tuple] = []
    for top in directories:
        for folder, subfolders, files in os.walk(top):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(files):
                try:
                    info = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                entries.append((folder, name, info.st_mtime_ns, info.st_size))
    return tuple(entries)


def _paths_stamp(paths: list[str]) -> tuple:
    entries: list[tuple] = []
    for path in paths:
        try:
            info = os.stat(path)
            entries.append((path, info.st_mtime_ns, info.st_size))
        except OSError:
            entries.append((path, None, None))
    return tuple(entries)


class HookServer:
    """Answers hook requests for one repository with the loaded engine; decisions run one at a time."""

    def __init__(self, root: str, path: str, idle_seconds: float) -> None:
        import threading

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
        import fcntl

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
        import importlib.util

        directories = [PACKAGE_DIR]
        spec = importlib.util.find_spec("idguard.guards")
        if spec is not None and spec.submodule_search_locations:
            directories.extend(spec.submodule_search_locations)
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
        import gc

        # The engine's modules live as long as the server: keep them out of every collection, and collect
        # less often (each decision makes tens of thousands of short-lived syntax-tree objects).
        gc.collect()
        gc.freeze()
        gc.set_threshold(50_000, 50, 50)

    def bind(self) -> None:
        import time

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
        import time

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
        import threading

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
        import faulthandler
        import threading
        import time

        from ..cli.hook import timeout_answer

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
        import time

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
        import sqlite3

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
        import io

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
    from pathlib import Path

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
    import signal

    signal.signal(signal.SIGTERM, lambda _signum, _frame: server.stop())
    os.chdir("/")
    server.warm()
    if server.stopping.is_set():
        return 0
    server.bind()
    server.serve_forever()
    return 0


def main(argv: list[str] | None = None) -> int:
    import argparse

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
