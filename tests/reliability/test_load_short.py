"""A 5-second run of benchmarks/load.py: concurrent MCP clients over streamable HTTP against a real server
subprocess; zero errors and exactly one audit entry per audited call, with an intact chain."""

from __future__ import annotations

import load


def test_five_seconds_of_concurrent_clients_lose_nothing():
    report = load.run(seconds=5, clients=10, seed=3)
    assert report["errors"] == 0, report["error_samples"]
    assert report["calls"] > 0
    assert report["audit"]["chain_ok"], report["audit"]["chain_reason"]
    assert report["audit"]["found"] == report["audit"]["expected"]
    assert set(report["latency_ms_by_tool"]) >= {"redact_prompt", "check_code", "guard_change"}
    assert "Traceback" not in report["server_log_tail"]


def test_workers_killed_at_the_time_limit_under_load_lose_nothing():
    report = load.run(seconds=6, clients=8, seed=4, hostile=0.1)
    assert report["errors"] == 0, report["error_samples"]
    assert report["hostile"]["stopped_at_time_limit"] >= 1
    assert report["hostile"]["not_blocked"] == 0
    assert report["audit"]["chain_ok"] and report["audit"]["found"] == report["audit"]["expected"]
