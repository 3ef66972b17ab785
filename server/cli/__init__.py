"""The `idguard` command line: `main.py` dispatches to one module per sub-command."""
