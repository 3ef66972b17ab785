"""`idguard guards` lists the catalogue; `idguard guards explain ID` documents one guard."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("guards", help="list the guards, or explain one")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    sub = parser.add_subparsers(dest="guards_command")
    explain = sub.add_parser("explain", help="show one guard's documentation")
    explain.add_argument("guard_id", metavar="ID")
    explain.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from idguard.guards.registry import get_guard, load_guards

    from .main import CliError

    if getattr(args, "guards_command", None) == "explain":
        try:
            guard = get_guard(args.guard_id)
        except KeyError as exc:
            raise CliError(exc.args[0]) from None
        doc = guard.doc()
        print(
            doc.model_dump_json(indent=2) if args.format == "json" else doc.markdown(),
            end="\n" if args.format == "json" else "",
        )
        return 0
    guards = load_guards()
    if args.format == "json":
        import json

        print(json.dumps([g.doc().model_dump(mode="json") for g in guards.values()], indent=2))
        return 0
    for guard in guards.values():
        print(f"{guard.id}  {guard.meta.severity.value:<8}  {guard.name:<34} {guard.title}")
    return 0
