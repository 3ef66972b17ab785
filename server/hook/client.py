"""The hook's side of the warm hook server: find it, check it is ours, ask it, start it.

A fresh `idguard hook` process spends most of its time importing libcst, pydantic and
the guards before it looks at the file (hundreds of milliseconds on every edit). Like
dmypy or eslint_d, the hook command first asks a warm server (hook/server.py) over a Unix
socket, and the server answers with exactly what the in-process hook would print. No
server, or a server whose code changed since it started ("stale"): the hook decides
in-process and starts a server for the next call. A server that does not answer in
time, or answers garbage, is a deny.

Security: the socket lives in a per-user directory (mode 0700, owned by the user,
checked before every use) as a 0600 file named after a hash of the repository root;
both ends check the other's uid with SO_PEERCRED where the OS has it. There is no
network socket.

Imported by every hook call: its top level uses only os, sys, json and socket, and the
few standard modules a path needs are imported where that path starts.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from typing import Any

PROTOCOL_VERSION = 1
ENABLE_ENV = "IDGUARD_HOOK_SERVER"  # "0" = always decide in-process, never start a server
SOCKET_DIR_ENV = "IDGUARD_HOOK_SOCKET_DIR"
IDLE_ENV = "IDGUARD_HOOK_SERVER_IDLE"
STAMP_DIRS_ENV = "IDGUARD_HOOK_STAMP_DIRS"  # more folders whose change makes a warm server stale (os.pathsep list)  # seconds without a request before the server exits
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
