"""Turn exceptions into one-line messages that are safe to show (no secrets, no traceback)."""

from __future__ import annotations


def describe(exc: BaseException) -> str:
    from .audit.log import AuditError
    from .mcp.service import InputRejected
    from .mcp.team import RepositoryRefused, TeamConfigError
    from .policy import PolicyError
    from .review.store import ReviewNotFound
    from .workers import RedactionIncomplete
    from .workspace import WorkspaceError

    if isinstance(exc, BaseExceptionGroup):
        # anyio task groups (the server lifespan) wrap the real failure, e.g. a PolicyError at start-up.
        return "; ".join(dict.fromkeys(describe(inner) for inner in exc.exceptions))
    safe = (PolicyError, WorkspaceError, ReviewNotFound, AuditError, InputRejected, RedactionIncomplete)
    if isinstance(exc, (*safe, RepositoryRefused, TeamConfigError)):
        return str(exc)
    if isinstance(exc, OSError):
        name = f" {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or type(exc).__name__}{name}"
    # Other messages may quote the input, which may hold a secret: name the type only.
    return f"internal error ({type(exc).__name__}); please report it"
