"""Judgement several TypeScript/JavaScript guards share: JWT library calls, credential names, request input.

Names are judged by their words with the vocabulary the Python guards use (`guards/python/support/words.py`),
so a `refreshToken` is a secret in every language and a `tokenType` in none.
"""

from __future__ import annotations

from ...python.support.words import identifier_words, secret_kind
from .context import ScriptContext
from .tree import Node

JWT_MODULES = ("jsonwebtoken", "jose", "jwt-simple", "jws", "@nestjs/jwt", "fast-jwt", "jwt-decode", "express-jwt")
# What a call does, by the last part of its qualified name, for calls on a JWT module (or a Nest JwtService).
_JWT_OPERATIONS = {
    "verify": "verify",
    "verifyAsync": "verify",
    "jwtVerify": "verify",
    "compactVerify": "verify",
    "createVerifier": "verify",
    "decode": "decode",
    "decodeJwt": "decode",
    "decodeProtectedHeader": "header",
    "jwtDecode": "decode",
    "createDecoder": "decode",
    "sign": "sign",
    "signAsync": "sign",
    "createSigner": "sign",
    "encode": "sign",
}
REQUEST_ROOTS = ("req", "request", "ctx.request", "c.req", "event", "context.req")
REQUEST_PARTS = ("body", "query", "params", "headers", "cookies")


def jwt_call(ctx: ScriptContext, call: Node) -> tuple[str, str] | None:
    """(library, operation) for a JWT library call: `jwt.verify` (jsonwebtoken), `jose.jwtVerify`,
    `this.jwtService.sign` (NestJS), `jwtDecode(t)` (jwt-decode); None for anything else."""
    name = ctx.call_name(call)
    last = ctx.last_name(name)
    operation = _JWT_OPERATIONS.get(last)
    if operation is None:
        return None
    module = name.split(".", 1)[0] if "." in name else name
    for library in JWT_MODULES:
        if name == library or name.startswith(library + "."):
            return library, operation
    if name.startswith("jwt-decode") or name == "jwtDecode":
        return "jwt-decode", operation
    words = set(identifier_words(name.rsplit(".", 1)[0])) if "." in name else set()
    if words & {"jwt", "jwtservice"} or "jwt" in module.lower():
        return "jwt", operation
    return None


def name_of(ctx: ScriptContext, node: Node | None) -> str:
    """The name an expression is known by: `token`, `req.body.password` -> `password`, `user["apiKey"]` -> `apiKey`,
    `getToken()` -> `getToken`."""
    node = ctx.unwrap(node)
    if node is None:
        return ""
    kind = node.type
    if kind in ("identifier", "shorthand_property_identifier", "property_identifier"):
        return ctx.text(node)
    if kind == "member_expression":
        return ctx.text(node.child_by_field_name("property"))
    if kind == "subscript_expression":
        return ctx.string_value(node.child_by_field_name("index")) or ""
    if kind == "call_expression":
        return ctx.last_name(ctx.text(node.child_by_field_name("function")))
    return ""


def secret_name_kind(name: str) -> str | None:
    """What kind of secret a name holds (`password`, `token`, `secret`, `api_key`...), or None."""
    return secret_kind(name) if name else None


def is_request_input(ctx: ScriptContext, node: Node | None, depth: int = 3) -> bool:
    """`req.body.role`, `req.query.scope`, `request.body`, `ctx.request.body`, `body.role` of a destructured
    `const { body } = req`, a `@Body()` DTO parameter; through same-file constants."""
    node = ctx.unwrap(node)
    if node is None or depth == 0:
        return False
    text = ctx.text(node).replace("?.", ".").replace(" ", "")
    for root in REQUEST_ROOTS:
        for part in REQUEST_PARTS:
            prefix = f"{root}.{part}"
            if text == prefix or text.startswith((prefix + ".", prefix + "[")):
                return True
    if node.type in ("member_expression", "subscript_expression"):
        return is_request_input(ctx, node.child_by_field_name("object"), depth)
    if node.type == "call_expression":
        # `String(req.headers["x-scopes"]).split(",")`, `body.roles.map(...)`: still the client's value
        callee = node.child_by_field_name("function")
        if callee is not None and callee.type == "member_expression":
            return is_request_input(ctx, callee.child_by_field_name("object"), depth)
        if callee is not None and ctx.text(callee) in ("String", "Array.from", "JSON.parse", "Number", "Boolean"):
            return is_request_input(ctx, ctx.arg(node, 0), depth)
        return False
    if node.type == "identifier":
        name = ctx.text(node)
        if name in dto_parameters(ctx) or name in ("body", "dto", "input", "payload") and _from_request(ctx, name):
            return True
        bound = ctx.bindings.get(name)
        if bound is not None:
            return is_request_input(ctx, bound, depth - 1)
        return _destructured_from_request(ctx, name)
    return False


def _from_request(ctx: ScriptContext, name: str) -> bool:
    return name in dto_parameters(ctx) or _destructured_from_request(ctx, name)


def _destructured_from_request(ctx: ScriptContext, name: str) -> bool:
    table = ctx.shared.get("request_destructured")
    if table is None:
        table = set()
        ctx.shared["request_destructured"] = table  # filled below; a lookup while filling sees what is known so far
        for declarator in ctx.nodes("variable_declarator"):
            target, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
            if target is None or target.type != "object_pattern" or value is None:
                continue
            value_text = ctx.text(ctx.unwrap(value)).replace(" ", "")
            from_request = value_text in REQUEST_ROOTS or is_request_input(ctx, value, 1)
            if not from_request:
                continue
            for entry in ctx.descendants(target, ("shorthand_property_identifier_pattern", "identifier")):
                table.add(ctx.text(entry))
    return name in table


def dto_parameters(ctx: ScriptContext) -> set[str]:
    """Parameters decorated `@Body()`, `@Query()`, `@Param()` (NestJS): the client writes them."""
    found = ctx.shared.get("dto_parameters")
    if found is None:
        found = set()
        for decorator in ctx.nodes("decorator"):
            text = ctx.text(decorator)
            if text.startswith(("@Body", "@Query", "@Param", "@Headers")):
                parameter = decorator.parent
                pattern = parameter.child_by_field_name("pattern") if parameter is not None else None
                if pattern is not None:
                    found.add(ctx.text(pattern))
        ctx.shared["dto_parameters"] = found
    return found


def function_words(ctx: ScriptContext, node: Node) -> set[str]:
    """The words of the names of every function enclosing `node` (and of the class of a method)."""
    words: set[str] = set()
    function = ctx.enclosing_function(node)
    while function is not None:
        words.update(identifier_words(ctx.function_name(function).replace("/", " ").replace("-", " ")))
        if function.type == "method_definition":
            klass = function.parent.parent if function.parent is not None else None
            if klass is not None and klass.type in ("class_declaration", "class"):
                words.update(identifier_words(ctx.text(klass.child_by_field_name("name"))))
        function = ctx.enclosing_function(function)
    return words
