"""Checks in worker processes: hard time limit, crash recovery, fail closed."""

from __future__ import annotations

import os
import signal

from idguard.guards.policy import Limits, Policy
from idguard.server.workers import CheckPool

UNVERIFIED = 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n'


def test_pool_checks_and_matches_the_engine():
    with CheckPool(1) as pool:
        result = pool.check(UNVERIFIED, "auth/t.py", None, Policy())
    assert result.verdict == "block"
    assert [f.guard_id for f in result.findings] == ["IDG101"]


def test_a_check_over_the_time_limit_blocks_and_the_pool_recovers():
    slow = "def f():\n" + "    x = a.b(c, d=e[1])\n" * 60000
    tight = Policy(limits=Limits(guard_timeout_seconds=0.1))
    with CheckPool(1) as pool:
        result = pool.check(slow, "auth/big.py", None, tight)
        assert result.verdict == "block"
        assert result.findings[0].guard_id == "IDG000"
        assert "guard_timeout_seconds" in result.findings[0].message
        after = pool.check(UNVERIFIED, "auth/t.py", None, Policy())
    assert after.verdict == "block" and after.findings[0].guard_id == "IDG101"


def test_a_worker_that_dies_fails_closed_and_is_replaced():
    with CheckPool(1) as pool:
        pool.check("x = 1\n", "a.py", None, Policy())
        worker = pool._idle.queue[0]
        os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.join(5)
        died = pool.check("import jwt\n", "auth/t.py", None, Policy())
        again = pool.check("import jwt\n", "auth/t.py", None, Policy())
    assert died.verdict == "block" and "died" in died.findings[0].message
    assert again.verdict == "review"
