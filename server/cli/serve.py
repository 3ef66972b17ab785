"""`idguard serve`: the MCP server over stdio (default, for IDEs) or streamable HTTP."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="serve MCP over stdio (default) or streamable HTTP")
    parser.add_argument("--transport", choices=("stdio", "http"), default="stdio")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workspace", help="workspace root (default: git top level of the current folder)")
    parser.add_argument("--token-file", help="file holding the bearer token required by the HTTP transport")
    parser.add_argument(
        "--team",
        metavar="TEAM_TOML",
        help="serve many repositories over HTTP as a stateless team-server replica (docs/team-server.md)",
    )
    parser.add_argument("--quiet", action="store_true", help="do not print the set-up banner")
    parser.set_defaults(func=run)


def banner(transport: str, host: str, port: int) -> str:
    if transport == "stdio":
        claude = "claude mcp add idguard -- idguard serve"
        vscode = json.dumps(
            {"servers": {"idguard": {"type": "stdio", "command": "idguard", "args": ["serve"]}}}, indent=2
        )
        where = "MCP over stdio"
    else:
        url = f"http://{host}:{port}/mcp"
        claude = f"claude mcp add --transport http idguard {url}"
        vscode = json.dumps({"servers": {"idguard": {"type": "http", "url": url}}}, indent=2)
        where = f"MCP over streamable HTTP at {url}"
    return (
        f"idguard: serving {where}\n"
        f"Add it to Claude Code:\n  {claude}\n"
        f"Add it to VS Code (.vscode/mcp.json):\n{vscode}\n"
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .main import CliError

    root = Path(args.workspace).resolve() if args.workspace else None
    if root is not None and not root.is_dir():
        raise CliError(f"--workspace {args.workspace}: not a folder")
    if args.transport == "http" and not (0 < args.port < 65536):
        raise CliError(f"--port {args.port}: expected 1-65535")

    from ..mcp.app import build_server
    from ..policy import load_policy
    from ..workspace import Workspace

    if args.team:
        return _serve_team(args)

    # Fail here, in one line naming the file and key: inside the server's lifespan a broken policy
    # surfaces as an exception group (stdio) or a uvicorn traceback (HTTP).
    load_policy(Workspace(root) if root is not None else Workspace.discover())
    server = build_server(root)
    if not args.quiet and sys.stderr.isatty():
        print(banner(args.transport, args.host, args.port), file=sys.stderr)
    elif not args.quiet and args.transport == "http":
        print(f"idguard: serving MCP over streamable HTTP at http://{args.host}:{args.port}/mcp", file=sys.stderr)
    if args.transport == "stdio":
        server.run("stdio")
        return 0
    return _serve_http(server, args)


def _serve_team(args: argparse.Namespace) -> int:
    from ..audit.postgres import configured_url
    from ..mcp.app import build_server
    from ..mcp.team import TeamConfigError, check_repositories, load_team_config
    from .main import CliError

    if args.transport != "http":
        raise CliError("--team serves over HTTP: add --transport http")
    if args.workspace:
        raise CliError("--team serves the repositories team.toml lists: drop --workspace")
    try:
        config = load_team_config(args.team)
        check_repositories(config)
    except TeamConfigError as exc:
        raise CliError(str(exc)) from None
    if not configured_url(None):
        raise CliError("the team server keeps no local state: set IDGUARD_STORE_URL to the shared PostgreSQL store")
    server = build_server(team=config)
    if not args.quiet:
        names = ", ".join(sorted(config.repositories))
        print(f"idguard: team server at http://{args.host}:{args.port}/mcp for {names}", file=sys.stderr)
    return _serve_http(server, args, config)


def _serve_http(server, args: argparse.Namespace, team=None) -> int:
    import anyio
    import uvicorn

    from ..mcp.http_auth import HttpSecurityError, http_security, load_token
    from .main import CliError

    try:
        security, protect = http_security(args.host, args.port, load_token(args.token_file), team)
    except HttpSecurityError as exc:
        raise CliError(str(exc)) from None
    app = server.streamable_http_app(
        stateless_http=True, json_response=True, transport_security=security, host=args.host
    )
    config = uvicorn.Config(protect(app), host=args.host, port=args.port, log_level="warning", lifespan="on")
    anyio.run(uvicorn.Server(config).serve)
    return 0
