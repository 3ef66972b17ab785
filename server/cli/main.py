"""The `idguard` command line.

Each sub-command lives in its own module of this package exposing
`register(subparsers)`; modules import their heavy dependencies inside the
command function so that light commands (the IDE hook runs on every edit)
start fast. Exit codes: 0 ok, 1 a check failed (block, gate failure), 2 usage
or input error. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

COMMAND_MODULES = (
    "idguard.server.cli.serve",
    "idguard.server.cli.check",
    "idguard.server.cli.redact",
    "idguard.server.cli.guards",
    "idguard.server.cli.review",
    "idguard.server.cli.gate",
    "idguard.server.cli.tests",
    "idguard.server.cli.audit",
    "idguard.server.cli.evidence",
    "idguard.server.cli.store",
    "idguard.server.cli.hook",
    "idguard.server.cli.init",
    "idguard.server.cli.doctor",
    "idguard.server.cli.policy",
)


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""

    exit_code = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="idguard",
        description="Govern AI-written identity code: redact secrets, check identity guards, "
        "require signed human review.",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # a command not built yet
            raise
        module.register(subparsers)
    return parser


class _VersionAction(argparse.Action):
    """Looks the version up only when asked: the IDE hook starts on every edit."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"idguard {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("idguard")
    except PackageNotFoundError:
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = None
    if arguments[:1] == ["hook"]:
        from .hook import parse_fast  # the IDE hook runs on every edit: skip importing every command

        args = parse_fast(arguments[1:])
    if args is None:
        args = build_parser().parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`idguard check . | head`): stop quietly, as a shell tool does, and keep
        # Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except CliError as exc:
        print(f"idguard: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("idguard: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback (it could quote input)
        from ..errors import describe

        print(f"idguard: error: {describe(exc)}", file=sys.stderr)
        return 2
    return int(code or 0)


if __name__ == "__main__":
    # `python -m idguard.server.cli.main`: run the package's module, not this `__main__` copy, so the
    # commands' `from .main import CliError` is the class caught above.
    from idguard.server.cli.main import main as package_main

    sys.exit(package_main())
