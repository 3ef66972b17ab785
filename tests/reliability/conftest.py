"""Fixtures for the reliability tests: a workspace with a tight policy, and stray-process hygiene."""

from __future__ import annotations

from pathlib import Path

import pytest

from .hostile import POLICY_TOML


@pytest.fixture
def strict_workspace(workspace: Path) -> Path:
    """A git workspace whose policy sets a 1 s guard limit and a 1 MB size limit."""
    (workspace / ".idguard").mkdir()
    (workspace / ".idguard" / "policy.toml").write_text(POLICY_TOML, encoding="utf-8")
    return workspace
