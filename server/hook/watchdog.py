"""A deadline for short-lived commands that must fail closed (the IDE hook).

Past the deadline a timer thread writes the command's deny answer and exits
0; if native code holds the interpreter so the thread cannot run, faulthandler
ends the process with status 1 two seconds later (the hook command's
`|| exit 2` turns that into a block).
"""

from __future__ import annotations

import faulthandler
import json
import os
import sys
import threading
import time
from typing import Any

_lock = threading.Lock()
_timer: threading.Timer | None = None
_answer: dict[str, Any] | None = None
_devnull = None


def arm(seconds: float, answer: dict[str, Any]) -> None:
    """Start (or restart) the deadline `seconds` from now; `answer` is printed as JSON when it passes."""
    global _timer, _answer, _devnull
    with _lock:
        if _timer is not None:
            _timer.cancel()
        _answer = answer
        started = time.monotonic()
        _timer = threading.Timer(seconds, _expire, args=(seconds, started))
        _timer.daemon = True
        _timer.start()
        if _devnull is None:
            _devnull = open(os.devnull, "w")  # noqa: SIM115 - stays open for faulthandler until exit
        faulthandler.dump_traceback_later(seconds + 2, exit=True, file=_devnull)


def tighten(seconds: float) -> None:
    """Re-arm with a shorter deadline (counted from now), keeping the same answer; never lengthens it."""
    with _lock:
        timer, answer = _timer, _answer
    if timer is None or answer is None or seconds >= timer.interval:
        return
    arm(seconds, answer)


def _expire(seconds: float, started: float) -> None:
    try:
        sys.stdout.write(json.dumps(_answer) + "\n")
        sys.stdout.flush()
    finally:
        os._exit(0)
