"""Run checks in worker processes with a hard time limit.

A check runs in a separate process so that (1) hostile input that makes a
parser or a regular expression run for ever cannot hang the server: past
`limits.guard_timeout_seconds` the worker is killed and replaced, and the file
gets a blocking IDG000 finding (fail closed); (2) checks use every core
instead of sharing one interpreter lock.

Each worker is a process with a pipe; a free worker takes one task at a time.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection

from idguard.guards.models import FileResult
from idguard.guards.policy import Policy

# A worker says STARTED when it takes a task, so the time limit covers the task alone: a fresh
# worker first imports every guard, which may take seconds on a busy machine.
STARTED = "started"
START_SECONDS = 60.0
# The result's trip through the pipe, on top of the guard limit.
GRACE_SECONDS = 0.5


@dataclass(frozen=True)
class CheckTask:
    code: str
    path: str | None
    language: str | None
    policy_json: str
    key: bytes | None


@dataclass(frozen=True)
class RedactTask:
    text: str
    policy_json: str
    key: bytes


class RedactionIncomplete(Exception):
    """Redaction did not finish (time limit, worker crash); nothing is returned (fail closed)."""


def _worker_main(conn: Connection) -> None:
    from idguard.guards import check_code, load_guards
    from idguard.guards.policy import Policy
    from idguard.guards.secrets import redact

    load_guards()
    policies: dict[str, Policy] = {}
    while True:
        try:
            task: CheckTask | RedactTask | None = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            conn.send(STARTED)
        except (OSError, ValueError):
            return
        try:
            policy = policies.get(task.policy_json)
            if policy is None:
                policy = policies[task.policy_json] = Policy.model_validate_json(task.policy_json)
            if isinstance(task, RedactTask):
                result: object = redact(task.text, task.key, policy)
            else:
                result = check_code(task.code, path=task.path, language=task.language, policy=policy, key=task.key)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails closed
            result = ("error", type(exc).__name__)
        try:
            conn.send(result)
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, ctx: multiprocessing.context.BaseContext) -> None:
        parent, child = ctx.Pipe()
        self.conn = parent
        self.process = ctx.Process(target=_worker_main, args=(child,), daemon=True, name="idguard-check")  # type: ignore[attr-defined]  # multiprocessing's stubs: the spawn context has Process; a failed task is a (kind, message) tuple
        self.process.start()
        child.close()

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.join(timeout=5)
        finally:
            self.conn.close()


def incomplete_result(task: CheckTask, message: str, policy: Policy) -> FileResult:
    from idguard.guards.engine import incomplete_finding
    from idguard.guards.languages import detect_language

    finding = incomplete_finding(
        task.path, message, "Split or simplify the file; idguard blocks what it cannot check in time.", policy
    )
    return FileResult(
        path=task.path,
        language=detect_language(task.path, task.language, ""),
        identity_related=True,
        categories=[],
        verdict="block",
        findings=[finding],
    )


class CheckPool:
    """A fixed set of worker processes; `check` is safe to call from many threads."""

    def __init__(self, workers: int | None = None) -> None:
        self.size = max(1, workers or os.cpu_count() or 1)
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._started = 0
        self._closed = False

    def _acquire(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise RuntimeError("check pool is closed")
            if self._idle.empty() and self._started < self.size:
                self._started += 1
                return _Worker(self._ctx)
        return self._idle.get()

    def _replace(self, worker: _Worker) -> None:
        # Start the replacement now: a thread already waiting in `_acquire` only ever sees idle workers.
        worker.kill()
        with self._lock:
            if not self._closed:
                try:
                    self._idle.put(_Worker(self._ctx))
                    return
                except OSError:
                    pass
            self._started -= 1

    def _exchange(self, worker: _Worker, task: CheckTask | RedactTask, limit: float) -> object | None:
        """Run `task` on `worker`: its result, or None when it ran past `limit` (the worker is then replaced).

        Raises EOFError or OSError when the worker dies or never starts the task.
        """
        worker.conn.send(task)
        if not worker.conn.poll(START_SECONDS) or worker.conn.recv() != STARTED:
            raise EOFError("the worker did not start the task")
        if not worker.conn.poll(limit + GRACE_SECONDS):
            self._replace(worker)
            return None
        return worker.conn.recv()

    def check(
        self, code: str, path: str | None, language: str | None, policy: Policy, key: bytes | None = None
    ) -> FileResult:
        task = CheckTask(code, path, language, policy.model_dump_json(), key)
        limit = policy.limits.guard_timeout_seconds
        worker = self._acquire()
        try:
            result = self._exchange(worker, task, limit)
            if result is None:
                return incomplete_result(
                    task, f"Checking took longer than {limit} s (limits.guard_timeout_seconds); it was stopped.", policy
                )
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            return incomplete_result(task, "The check worker died while checking this file.", policy)
        self._idle.put(worker)
        if isinstance(result, FileResult):
            return result
        return incomplete_result(task, f"The check failed ({result[1]}); the file was not fully checked.", policy)  # type: ignore[index]  # multiprocessing's stubs: the spawn context has Process; a failed task is a (kind, message) tuple

    def redact(self, text: str, policy: Policy, key: bytes):
        """`redact(text)` in a worker: a pathological input cannot hold the server past the time limit."""
        from idguard.guards.secrets import RedactionResult

        limit = policy.limits.guard_timeout_seconds
        worker = self._acquire()
        try:
            result = self._exchange(worker, RedactTask(text, policy.model_dump_json(), key), limit)
            if result is None:
                raise RedactionIncomplete(
                    f"redaction took longer than {limit} s (limits.guard_timeout_seconds) and was stopped; "
                    "no text is returned. Send a shorter text."
                )
        except (EOFError, OSError):
            self._replace(worker)
            raise RedactionIncomplete("the redaction worker died; no text is returned") from None
        self._idle.put(worker)
        if isinstance(result, RedactionResult):
            return result
        raise RedactionIncomplete(f"redaction failed ({result[1]}); no text is returned")  # type: ignore[index]  # multiprocessing's stubs: the spawn context has Process; a failed task is a (kind, message) tuple

    def close(self) -> None:
        with self._lock:
            self._closed = True
        while not self._idle.empty():
            worker = self._idle.get_nowait()
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.kill()

    def __enter__(self) -> CheckPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
