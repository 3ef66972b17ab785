"""Finding positions come from idguard's offset-recording code generation
(`support.positions.module_positions`), a faster stand-in for libcst's
PositionProvider: it must give every node exactly the same range."""

from __future__ import annotations

import libcst as cst
import pytest
from idguard.guards.python.support.positions import module_positions
from idguard.guards.python.support.walk import TreeIndex
from libcst.metadata import MetadataWrapper, PositionProvider

SOURCES = {
    "plain": "import jwt\n\ndef f(token, key):\n    return jwt.decode(token, key, algorithms=['HS256'])\n",
    "no trailing newline": "x = 1\ny = {'a': [1, 2,\n      3]}",
    "crlf": "def f():\r\n    a = 1\r\n    return a\r\n",
    "lone cr": "a = 1\rb = 2\r",
    "decorators and comments": "# header\n\n@app.get('/x')  # route\n@login_required\nasync def view(request):\n    # body\n    return {'ok': True}\n",
    "semicolons and continuation": "a = 1; b = 2\nc = a + \\\n    b\n",
    "strings": 's = """line one\nline two"""\nt = f"{s!r:>10}" + r"\\d" + b"x".decode()\n',
    "tabs and unicode": "class Ä:\n\tdef m(self, é='ü'):\n\t\treturn é  # ü\n",
    "nested scopes": "def outer():\n    def inner(x):\n        return lambda y: x + y\n    class C:\n        z = [i for i in range(3) if i]\n    return inner, C\n",
    "compound": "try:\n    pass\nexcept (A, B) as e:\n    raise\nelse:\n    pass\nfinally:\n    pass\nwhile x:\n    break\nwith a as b, c:\n    pass\nif a:\n    pass\nelif b:\n    pass\nelse:\n    pass\nmatch p:\n    case [1, *rest]:\n        pass\n",
    "empty": "",
    "only comments": "# one\n# two\n",
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_node_has_the_position_libcst_gives_it(name: str) -> None:
    module = cst.parse_module(SOURCES[name])
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    actual = module_positions(module)
    nodes = TreeIndex(module).order
    assert nodes, "the index holds at least the module"
    mismatched = [(type(n).__name__, expected[n], actual[n]) for n in nodes if expected[n] != actual[n]]
    assert mismatched == []


def test_a_node_from_another_tree_has_no_position() -> None:
    positions = module_positions(cst.parse_module("x = 1\n"))
    stranger = cst.parse_expression("y")
    with pytest.raises(KeyError):
        positions[stranger]


def test_the_tree_index_finds_what_a_fresh_walk_finds() -> None:
    """Inside a guard pass, subtree walks and type searches read the file's TreeIndex;
    they must return exactly what walking the subtree afresh returns."""
    from idguard.guards.python.support import walk as ps

    module = cst.parse_module(SOURCES["nested scopes"] + SOURCES["compound"] + SOURCES["decorators and comments"])
    index = TreeIndex(module)
    kinds = [cst.Name, cst.Call, (cst.Assign, cst.AnnAssign), cst.BaseExpression, (cst.FunctionDef, cst.Lambda)]
    roots = [n for n in index.order if isinstance(n, (cst.Module, cst.FunctionDef, cst.ClassDef, cst.If, cst.Lambda))]
    assert len(roots) >= 6
    for root in roots:
        start, end = index.span(root)
        for into_scopes in (True, False):
            fresh = list(ps._walk_fresh(root, into_scopes))
            assert index.subtree(start, end, into_scopes) == fresh
            for kind in kinds:
                assert index.of_types(start, end, kind, into_scopes) == [n for n in fresh if isinstance(n, kind)]


def test_a_checked_file_leaves_no_tree_behind() -> None:
    """The server's worker processes check file after file: a guard pass must free the file's
    tree by reference counting alone (a cache holding a back reference to the context kept
    every tree alive through a WeakKeyDictionary, and later only the cycle collector freed it)."""
    import gc

    from idguard.guards import check_code

    code = (
        "from flask import request\n\n"
        "@app.post('/members')\n"
        "def add_member(org):\n"
        "    role = request.json['role']\n"
        "    org.members.append(Member(user=current_user(), role=role))\n"
        "    token = jwt.encode({'sub': 'x'}, key)\n"
        "    return token\n"
    )

    def live_modules() -> int:
        return sum(1 for o in gc.get_objects() if type(o) is cst.Module)

    check_code(code, "members.py")  # load every guard module first
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        before = live_modules()
        result = check_code(code, "members.py")
        assert result.identity_related and result.findings, "the sample must run the flow guards"
        assert live_modules() == before
    finally:
        if was_enabled:
            gc.enable()
