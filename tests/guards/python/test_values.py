"""The value-following helpers the generic identity guards share (guards/python/support/values.py)."""

from __future__ import annotations

import libcst as cst
from idguard.guards.python.support import values as _values
from idguard.guards.python.support.context import PythonContext
from idguard.guards.python.support.guard import PythonGuard, run_python_guards


def _run(code: str, on_call, on_name=None):  # type: ignore[no-untyped-def]
    """Run `on_call(ctx, call)` for every call (and `on_name` for every name) inside a guard pass,
    where the file's tree index and the function stack are what the guards see."""
    seen: list[object] = []

    class Probe(PythonGuard):
        def visit_Call(self, node: cst.Call) -> None:
            result = on_call(self.ctx, node)
            if result is not None:
                seen.append(result)

        def visit_Name(self, node: cst.Name) -> None:
            if on_name is not None:
                result = on_name(self.ctx, node)
                if result is not None:
                    seen.append(result)

    run_python_guards(code, [Probe])
    return seen


def _named(name: str):  # type: ignore[no-untyped-def]
    def pick(ctx: PythonContext, call: cst.Call):  # type: ignore[no-untyped-def]
        func = call.func
        last = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        return call if last == name else None

    return pick


def test_value_uses_follow_a_returned_value_to_the_callers_keyword():
    code = (
        "import hashlib\n\n"
        "def _key_digest(raw):\n    return hashlib.sha256(raw.encode()).hexdigest()\n\n"
        "def issue(raw):\n    return ApiKey(hashed_key=_key_digest(raw))\n"
    )

    def uses(ctx, call):  # type: ignore[no-untyped-def]
        if _named("sha256")(ctx, call) is None:
            return None
        fn = ctx.current_function
        return [(u.kind, u.name) for u in _values.value_uses(ctx, call, fn)]

    [found] = _run(code, uses)
    assert ("return", "_key_digest") in found
    assert ("arg", "hashed_key") in found


def test_value_uses_see_through_local_variables_and_truncation():
    code = "import hashlib\n\ndef fp(secret):\n    digest = hashlib.sha256(secret.encode()).hexdigest()\n    return digest[:12]\n"

    def uses(ctx, call):  # type: ignore[no-untyped-def]
        if _named("sha256")(ctx, call) is None:
            return None
        return [(u.kind, u.truncated) for u in _values.value_uses(ctx, call, ctx.current_function)]

    [found] = _run(code, uses)
    assert ("assign", False) in found and ("return", True) in found


def test_bind_arguments_uses_defaults_and_skips_self():
    code = "class S:\n    def build(self, user, ttl=None):\n        pass\n\n    def go(self):\n        self.build(u)\n"

    def bound(ctx, call):  # type: ignore[no-untyped-def]
        fn = _values.local_callee(ctx, call)
        if fn is None:
            return None
        args = _values.bind_arguments(fn, call)
        return {k: (ctx.source(v) if v is not None else None) for k, v in args.items()}

    [found] = _run(code, bound)
    assert found == {"user": "u", "ttl": "None"}


def test_generated_secret_follows_tuple_unpacking_from_a_helper():
    code = (
        "import secrets\n\n"
        "def _issue(user):\n    raw = 'pk_' + secrets.token_urlsafe(30)\n    key = Key.objects.create(user=user)\n    return key, raw\n\n"
        "def view(request):\n    key, raw = _issue(request.user)\n    track(raw)\n    track(key.pk)\n"
    )

    def minted(ctx, call):  # type: ignore[no-untyped-def]
        if _named("track")(ctx, call) is None:
            return None
        return _values.generated_secret(ctx, call.args[0].value, ctx.current_function) or "-"

    assert _run(code, minted) == ["raw", "-"]


def test_definition_site_points_at_module_constants_only():
    code = "MODE = 0o666\n\ndef a(p):\n    os.chmod(p, MODE)\n\ndef b(p):\n    mode = 0o600\n    os.chmod(p, mode)\n"

    def site(ctx, call):  # type: ignore[no-untyped-def]
        if _named("chmod")(ctx, call) is None:
            return None
        found = _values.definition_site(ctx, call.args[1].value)
        return ctx.source(found) if found is not None else "-"

    assert _run(code, site) == ["0o666", "-"]
