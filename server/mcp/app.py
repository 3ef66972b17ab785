"""The idguard MCP server: thin tools over `service.py`, state built once in the lifespan.

No tool approves, rejects, edits policy or deletes audit data: those are
human acts through the CLI (docs/architecture.md, principle 3).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, cast

from idguard.guards.models import FileResult
from mcp.server import MCPServer
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.mcpserver.prompts.base import UserMessage
from mcp_types import ToolAnnotations
from pydantic import Field

from ..errors import describe
from ..policy import load_policy
from ..review.store import Author, ReviewNotFound
from ..workspace import Workspace
from . import service
from .http_auth import TOKEN_SCOPE_KEY
from .state import ServerState
from .team import TeamConfig, TeamState, TeamToken

INSTRUCTIONS = """\
idguard governs identity code: role grants, RBAC, invitations, SSO, token minting \
and verification, API keys, service accounts, onboarding and offboarding, IAM and RBAC configuration.
Rules for the assistant:
1. Before you write or edit any identity code, call `guard_change` with the file path, the full new \
content (or, for a change to part of an existing file, `edits` with empty content) and your intent. If the \
verdict is `block`, fix every finding and call it again; never write blocked content. If the verdict is \
`review`, write `tagged_content` exactly as returned, as the whole file (it carries the review tag), and tell \
the user that a named human must approve it with `idguard review approve <id>`.
2. Never put secrets (keys, tokens, passwords, private keys) in code or configuration: read them at run \
time from the environment or a secrets manager. Pass text the user pasted through `redact_prompt` before \
you reason over it or quote it.
3. Deleting identity code is an access change too: before you delete or rename away such a file, call \
`guard_change(path, content="", intent, delete=true)`. On `review`, delete the file and tell the user that a \
named human must approve the deletion with `idguard review approve <id>`; on `pass`, just delete it.
4. When `guard_change` returns `tests_needed`, write tests in the same change that run each listed unit and each of its failure paths (the deny, the raise, the failed expiry or revocation check, the error handler), not only the success path.
5. Use `check_code` to check existing code, `explain_guard` to understand a finding.
6. You cannot approve reviews; do not try to edit files under .idguard/approvals/.
"""

WORKFLOW_PROMPT = """\
You are making an identity-related change: {task}

Follow the guarded identity-change workflow:
1. Redact: pass any pasted configuration, logs or snippets through `redact_prompt` first.
2. Draft the change with least privilege, short-lived credentials, verified tokens, fail-closed \
authorization, complete deprovisioning and no secrets in code.
3. Call `guard_change(path, content, intent)` for every file you will write (or \
`guard_change(path, "", intent, edits=[...])` to change part of an existing file).
4. On `block`: fix each finding (use `explain_guard` for details) and call `guard_change` again.
5. On `review`: write `tagged_content` exactly, as the whole file, then tell the user the review id and that approval is \
`idguard review approve <id>` by someone other than the author. Write tests for every unit and failure path in \
`tests_needed` (deny, raise, expiry and revocation failures, error handlers) in the same change.
6. To delete or rename away an identity file, call `guard_change(path, "", intent, delete=true)` first; on \
`review`, delete it and tell the user the deletion needs the same approval.
"""

READ_ONLY = ToolAnnotations(readOnlyHint=True, destructiveHint=False, idempotentHint=True, openWorldHint=False)


def _state(ctx: Context, repository: str | None = None) -> ServerState:
    """The state the request acts on: the server's one workspace, or on the team server the repository the
    request names (`Idguard-Repository` header or the `repository` argument)."""
    held = ctx.request_context.lifespan_context  # the SDK types lifespan_context loosely; our lifespan yields it
    if isinstance(held, TeamState):
        request = ctx.request_context.request
        return held.resolve(getattr(request, "headers", None), repository, _token(ctx))
    return cast(ServerState, held)


def _token(ctx: Context) -> TeamToken | None:
    request = ctx.request_context.request
    scope = getattr(request, "scope", None) or {}
    token = scope.get(TOKEN_SCOPE_KEY)
    return token if isinstance(token, TeamToken) else None


def _actor(ctx: Context) -> str:
    try:
        params = ctx.session.client_params
    except Exception:  # noqa: BLE001 - stateless HTTP requests may carry no session info
        params = None
    info = getattr(params, "client_info", None) if params is not None else None
    client = f"{info.name}/{info.version}" if info is not None else "unknown-client"
    token = _token(ctx)
    if token is not None:  # the team server: who holds the token, then which client they use
        return f"mcp:{token.identity} via {client}"
    return f"mcp:{client}"


def _tool_error(exc: Exception) -> ToolError:
    return ToolError(describe(exc))


def build_server(root: Path | None = None, workers: int | None = None, team: TeamConfig | None = None) -> MCPServer:
    """The MCP server for the workspace at `root` (default: discovered from the environment), or with `team`
    the team server for the repositories team.toml lists (server/mcp/team.py).

    Checks run in `workers` processes (default: one per core) with a hard time limit.
    """

    @asynccontextmanager
    async def lifespan(_: MCPServer) -> AsyncIterator[ServerState | TeamState]:
        state: ServerState | TeamState = (
            TeamState.open(team, workers) if team is not None else ServerState.open(root, workers)
        )
        try:
            yield state
        finally:
            state.close()

    server = MCPServer(
        name="idguard",
        title="idguard: identity-code guard",
        instructions=INSTRUCTIONS,
        version=_version(),
        lifespan=lifespan,
        log_level=os.environ.get("IDGUARD_LOG_LEVEL", "INFO").upper(),  # type: ignore[arg-type]  # FastMCP checks the level name at run time
    )

    @server.tool(
        title="Redact secrets from text",
        description="Replace every credential in `text` with a placeholder such as [[SECRET:github_token:1]] "
        "before the text is reasoned over or quoted. Returns the redacted text and, per secret, its kind, "
        "placeholder, line and a keyed fingerprint; never the value.",
        annotations=ToolAnnotations(
            readOnlyHint=True, destructiveHint=False, idempotentHint=False, openWorldHint=False
        ),
    )
    def redact_prompt(
        text: Annotated[str, Field(description="text the user pasted or the assistant will send")],
        ctx: Context,
        repository: Annotated[
            str | None,
            Field(
                description="team server only: the repository, e.g. github.com/acme/api (or set the Idguard-Repository header)"
            ),
        ] = None,
    ) -> service.RedactPromptResult:
        try:
            return service.redact_prompt(_state(ctx, repository), text, _actor(ctx))
        except Exception as exc:
            raise _tool_error(exc) from None

    @server.tool(
        title="Check code against identity guards",
        description="Check source or configuration against idguard's identity guards. Returns whether it is "
        "identity-related, its categories, the verdict (pass / review / block) and findings with fix hints.",
        annotations=READ_ONLY,
    )
    def check_code(
        code: Annotated[str, Field(description="the file content to check")],
        ctx: Context,
        path: Annotated[
            str | None, Field(description="workspace-relative path, used for language and classification")
        ] = None,
        language: Annotated[str | None, Field(description="language override, e.g. python, yaml, terraform")] = None,
        repository: Annotated[
            str | None,
            Field(
                description="team server only: the repository, e.g. github.com/acme/api (or set the Idguard-Repository header)"
            ),
        ] = None,
    ) -> FileResult:
        try:
            return service.check_code(_state(ctx, repository), code, path, language, _actor(ctx))
        except Exception as exc:
            raise _tool_error(exc) from None

    @server.tool(
        title="Guard an identity change before writing it",
        description="Call before writing, editing or deleting identity code. Redacts, checks and decides: `block` "
        "returns the findings to fix and no content; `review` records a review and returns `tagged_content` (the "
        "content with its review tag line) to write exactly as returned; `pass` means not identity-related. To "
        "change part of an existing file, pass `edits` (old_string/new_string/replace_all, applied in order to the "
        "file as it is now) and empty `content`; `tagged_content` is then the whole new file. To "
        "delete (or rename away) a file, pass `delete: true` and empty `content`: deleting identity code records a "
        "deletion review (verdict `review`: delete the file; a human must approve); deleting other files passes.",
        annotations=ToolAnnotations(
            readOnlyHint=False, destructiveHint=False, idempotentHint=False, openWorldHint=False
        ),
    )
    def guard_change(
        path: Annotated[str, Field(description="workspace-relative path of the file to write")],
        content: Annotated[
            str, Field(description="the full new content of the file (empty with edits or delete=true)")
        ],
        intent: Annotated[str, Field(description="what the change is for, in one or two sentences")],
        ctx: Context,
        delete: Annotated[
            bool, Field(description="delete the file instead of writing it (content must be empty)")
        ] = False,
        edits: Annotated[
            list[service.StringEdit] | None,
            Field(description="edits to the file as it is now, instead of the full content (content must be empty)"),
        ] = None,
        repository: Annotated[
            str | None,
            Field(
                description="team server only: the repository, e.g. github.com/acme/api (or set the Idguard-Repository header)"
            ),
        ] = None,
    ) -> service.GuardChangeResult:
        try:
            state = _state(ctx, repository)
            token = _token(ctx)  # on the team server the author is who holds the token, never a checkout's git user
            email = token.identity if token is not None else state.workspace.git_user_email()
            author = Author(client=_actor(ctx).removeprefix("mcp:"), email=email)
            return service.guard_change(state, path, content, intent, author, _actor(ctx), delete=delete, edits=edits)
        except Exception as exc:
            raise _tool_error(exc) from None

    @server.tool(
        title="Status of a review",
        description="pending, approved, rejected, or stale (the file changed since it was tagged or approved).",
        annotations=READ_ONLY,
    )
    def review_status(
        review_id: Annotated[str, Field(description="the review id, IGR-...")],
        ctx: Context,
        repository: Annotated[
            str | None,
            Field(
                description="team server only: the repository, e.g. github.com/acme/api (or set the Idguard-Repository header)"
            ),
        ] = None,
    ) -> service.ReviewStatusResult:
        try:
            return service.review_status(_state(ctx, repository), review_id, _actor(ctx))
        except ReviewNotFound as exc:
            raise ToolError(str(exc)) from None
        except Exception as exc:
            raise _tool_error(exc) from None

    @server.tool(title="List identity guards", description="The guard catalogue.", annotations=READ_ONLY)
    def list_guards() -> service.GuardList:
        return service.list_guards()

    @server.tool(
        title="Explain a guard",
        description="One guard's documentation: what it finds, why it is bad, an example and the fix.",
        annotations=READ_ONLY,
    )
    def explain_guard(guard_id: Annotated[str, Field(description="e.g. IDG101")]) -> service.GuardExplanation:
        try:
            return service.explain_guard(guard_id)
        except KeyError as exc:
            raise ToolError(str(exc.args[0])) from None

    @server.resource("idguard://policy", name="policy", title="Effective idguard policy", mime_type="application/json")
    def policy_resource() -> str:
        # Static resources get no context; the policy file is small, read it afresh.
        workspace = Workspace(root.resolve()) if root is not None else Workspace.discover()
        return load_policy(workspace).model_dump_json(indent=2)

    @server.resource("idguard://guards", name="guards", title="Guard catalogue", mime_type="application/json")
    def guards_resource() -> str:
        return service.list_guards().model_dump_json(indent=2)

    @server.prompt(
        name="guarded_identity_change",
        title="Guarded identity change",
        description="The workflow for writing identity code under idguard.",
    )
    def guarded_identity_change(task: str) -> list[UserMessage]:
        return [UserMessage(WORKFLOW_PROMPT.format(task=task))]

    return server


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("idguard")
    except PackageNotFoundError:
        return "0"
