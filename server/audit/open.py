"""Which audit log a workspace writes to, and which repository it is for the shared store.

Above the workspace, the policy and both stores, so none of them needs the others: the workspace knows
paths, the policy reads files, the stores append entries, and this module chooses among them.
"""

from __future__ import annotations

import socket

from .. import git
from ..policy import repository_policy
from ..workspace import Workspace
from .log import AuditLog
from .postgres import configured_url, shared_log, store_key


def open_audit_log(workspace: Workspace) -> AuditLog:
    """The workspace's audit log: this repository's chain in the shared store when one is configured
    (`IDGUARD_STORE_URL`, else the policy's `[store] url`: docs/store.md), else the SQLite log under
    `.idguard/state/`, keyed with the installation key."""
    url = configured_url(workspace)
    if url:
        return shared_log(url, repository_identity(workspace), store_key())
    return AuditLog(workspace.audit_db, key=workspace.fingerprint_key())


def repository_identity(workspace: Workspace) -> str:
    """Which repository this is, for the shared store: the policy's `repository`, else the origin remote's
    normalised URL (`host/owner/name`, credentials dropped), else `root:<root commit>`, else
    `path:<host name>:<folder>` (a repository with neither a remote nor a commit yet)."""
    identity = git.repository_identity(workspace.root, repository_policy(workspace).repository)
    if identity:
        return identity
    try:
        out = git.run(workspace.root, "rev-list", "--max-parents=0", "HEAD")
        roots = sorted(out.stdout.split()) if out.returncode == 0 else []
    except git.GitError:
        roots = []
    if roots:
        return f"root:{roots[0]}"
    return f"path:{socket.gethostname()}:{workspace.root}"
