"""What the server builds once at start-up and every tool reaches through the context."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from idguard.guards.policy import Policy

from ..audit.log import AuditLog
from ..audit.open import open_audit_log
from ..policy import load_policy
from ..review.store import ReviewStore
from ..workers import CheckPool
from ..workspace import Workspace


@dataclass
class ServerState:
    workspace: Workspace
    policy: Policy
    key: bytes
    audit: AuditLog
    reviews: ReviewStore
    pool: CheckPool
    detached: bool = False  # a team-server repository: no working tree, records live in the shared store
    repository: str | None = None  # the repository a team-server request named

    @classmethod
    def open(cls, root: Path | None = None, workers: int | None = None) -> ServerState:
        workspace = Workspace(root.resolve()) if root is not None else Workspace.discover()
        return cls(
            workspace=workspace,
            policy=load_policy(workspace),
            key=workspace.fingerprint_key(),
            audit=open_audit_log(workspace),
            reviews=ReviewStore(workspace),
            pool=CheckPool(workers),
        )

    def close(self) -> None:
        self.pool.close()
