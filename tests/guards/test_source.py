"""The engine reads source as its runtime does: NUL bytes, declared encodings and compatibility identifiers
can make CPython, Node or bash run code a UTF-8 reading does not show."""

from __future__ import annotations

import pytest
from idguard.guards import check_code
from idguard.guards.source import declared_encoding, nfkc_identifiers

UNVERIFIED = "claims = jwt.decode(token, options={'verify_signature': False})\n"


@pytest.mark.parametrize(
    "declaration, expected",
    [
        ("# -*- coding: utf-7 -*-\n", "utf-7"),
        ("#!/usr/bin/env python\n# vim: set fileencoding=unicode_escape :\n", "unicode_escape"),
        ("\n# coding=latin-1\n", "latin-1"),
        ("x = 1\n# coding: utf-7\n", None),  # line 2 counts only after a blank or comment line
        ("# nothing declared\n", None),
    ],
)
def test_declared_encoding_follows_pep_263(declaration: str, expected: str | None):
    assert declared_encoding(declaration + "x = 1\n") == expected


@pytest.mark.parametrize("declaration", ["# -*- coding: utf-7 -*-", "# coding: unicode_escape", "# coding: bogus"])
def test_a_declared_encoding_idguard_does_not_read_blocks(declaration: str):
    result = check_code(f"{declaration}\nx = 1\n", path="app/util.py")
    assert result.verdict == "block"
    assert [(f.guard_id, f.line) for f in result.findings][0] == ("IDG000", 1)


@pytest.mark.parametrize("declaration", ["# -*- coding: utf-8 -*-", "# coding: latin-1", "# coding=ascii"])
def test_utf8_ascii_and_latin1_declarations_are_read(declaration: str):
    assert check_code(f"{declaration}\nx = 1\n", path="app/util.py").verdict == "pass"


def test_nul_bytes_are_analysed_without_them_and_block():
    code = "// \0 a NUL in a comment\nconst jwt = require('jsonwebtoken');\n"
    result = check_code(code, path="src/session.js")
    assert result.verdict == "block" and result.identity_related
    assert [(f.guard_id, f.line) for f in result.findings] == [("IDG000", 1)]
    python = check_code("import jwt\n# \0\n" + UNVERIFIED, path="app/claims.py")
    assert {f.guard_id for f in python.findings} == {"IDG000", "IDG101"}


def test_fullwidth_identifiers_are_the_names_python_runs():
    assert nfkc_identifiers("import ｊｗｔ\nｊｗｔ.decode('ｊｗｔ')\n") == "import jwt\njwt.decode('ｊｗｔ')\n"
    result = check_code("import ｊｗｔ\n" + UNVERIFIED.replace("jwt", "ｊｗｔ"), path="app/claims.py")
    assert result.identity_related and "token" in result.categories
    assert [(f.guard_id, f.line) for f in result.findings] == [("IDG101", 2)]
