"""The README's guard catalogue is generated from the guard classes and must be current."""

from pathlib import Path

from idguard.server.mcp.catalogue import render_into

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_catalogue_is_current():
    text = README.read_text(encoding="utf-8")
    assert render_into(text) == text, (
        "README guard catalogue is stale: run `python -m idguard.server.mcp.catalogue README.md`"
    )
