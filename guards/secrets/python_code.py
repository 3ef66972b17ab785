"""The Python front end of `code.find_code_secrets`: the string literals of a module and their positions.

Built on the standard library's `ast` (a C parser, and the engine parses every
Python file with it anyway: `parse_python` keeps the last tree for it), never on
libcst, so a prompt or a text file does not load the Python guard machinery.

A literal is in a credential position when it is (directly, through `or`/`if`
alternatives, `.encode()`, `SecretStr(...)`, or a module constant it is bound
to) assigned to, passed as a keyword or a known password argument to, compared
with, stored under, returned by, or the default of something whose name is a
credential's (`values.credential_name_kind`). Docstrings and dictionary /
subscript keys are not values; enum members and items of `Literal[...]` are
never credential positions; elements of a list, tuple or set under a credential
name count only when random-looking (a deny list of common passwords is not a
credential).
"""

from __future__ import annotations

import ast
import re

from .code import CodeLiteral, register_front_end
from .values import credential_name_kind, split_name

_last_parse: tuple[str, ast.Module | BaseException] | None = None


def parse_python(code: str) -> ast.Module:
    """`ast.parse(code)`, keeping the last result (or exception) so the engine and this front end parse once."""
    global _last_parse
    cached = _last_parse
    if cached is None or cached[0] is not code and cached[0] != code:
        try:
            result: ast.Module | BaseException = ast.parse(code)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            result = exc
        _last_parse = cached = (code, result)
    if isinstance(cached[1], BaseException):
        raise cached[1]
    return cached[1]


_ENUM_BASES = ("Enum", "Flag", "Choices")
_SECRET_WRAPPERS = frozenset({"SecretStr", "SecretBytes", "Secret", "bytes", "str", "bytearray"})
_RESHAPING = frozenset({"encode", "decode", "strip", "rstrip", "lstrip", "lower", "upper", "casefold",
                        "get_secret_value"})
_LOOKUPS = frozenset({"get", "getlist", "getenv", "pop", "get_cookie", "getheader"})
_COMPARES = frozenset({"compare_digest", "constant_time_compare", "safe_str_cmp", "secure_compare", "timingsafe_equal",
                       "strings_equal"})
_SETTERS = frozenset({"setdefault", "set", "get", "getenv", "putenv", "setenv", "put", "setattr", "add", "add_header",
                      "pop", "setitem"})
# Positional password slots: callee's last name -> index of the password argument.
_PASSWORD_SLOTS = {
    "HTTPBasicAuth": 1, "HTTPDigestAuth": 1, "HTTPProxyAuth": 1, "BasicAuth": 1, "DigestAuth": 1,
    "PlainCredentials": 1, "UsernamePasswordCredentials": 1, "ClientSecretCredential": 2,
    "UsernamePasswordCredential": 2, "FTP": 2, "FTP_TLS": 2, "pass_": 0,
}
_BIND_CALLS = frozenset({"simple_bind_s", "simple_bind", "bind_s", "bind"})
_CONNECT_WORDS = frozenset({"connect", "connection", "login", "bind", "authenticate", "auth"})
_USER_WORDS = frozenset({"user", "username", "login", "dn", "uid", "principal", "account", "email", "who", "binddn",
                         "userid", "usr"})
_MYSQL_MODULES = ("pymysql.", "MySQLdb.", "mysql.connector.", "mysql.", "aiomysql.")
_DN_OR_ADDRESS = re.compile(r"@|^(?:cn|uid|ou|dc)=", re.I)


def _last_name(func: ast.expr) -> str:
    if type(func) is ast.Attribute:
        return func.attr
    if type(func) is ast.Name:
        return func.id
    return ""


def _dotted(func: ast.expr) -> str:
    parts = []
    while type(func) is ast.Attribute:
        parts.append(func.attr)
        func = func.value
    if type(func) is ast.Name:
        parts.append(func.id)
    return ".".join(reversed(parts))


def _str_const(node: ast.AST | None) -> str | None:
    if type(node) is ast.Constant and type(node.value) is str:
        return node.value
    return None


def expression_name(node: ast.expr | None) -> str | None:
    """The name a value is known by: `password`, `self.password` -> password, `form["password"]`,
    `request.form.get("password", "")` and `getattr(user, "password")` -> password, `password.strip()`
    -> password."""
    for _ in range(8):
        kind = type(node)
        if kind is ast.Name:
            return node.id  # type: ignore[union-attr]
        if kind is ast.Attribute:
            return node.attr  # type: ignore[union-attr]
        if kind is ast.Subscript:
            return _str_const(node.slice)  # type: ignore[union-attr]
        if kind is not ast.Call:
            return None
        func, args = node.func, node.args  # type: ignore[union-attr]
        last = _last_name(func)
        if type(func) is ast.Attribute and last in _RESHAPING:
            node = func.value
        elif last in _LOOKUPS and args:
            return _str_const(args[0])
        elif last == "getattr" and len(args) >= 2:
            return _str_const(args[1])
        elif last in ("str", "bytes") and args:
            node = args[0]
        else:
            return None
    return None


def _is_user(node: ast.expr) -> bool:
    name = expression_name(node)
    if name is not None and _USER_WORDS.intersection(split_name(name)):
        return True
    value = _str_const(node)
    return value is not None and _DN_OR_ADDRESS.search(value) is not None


class _Scan:
    def __init__(self, text: str) -> None:
        self.text = text
        self.strings: list[ast.Constant | ast.JoinedStr] = []
        self.not_values: set[int] = set()
        self.marks: dict[int, tuple[str, str, bool]] = {}
        self.deferred: list[tuple[str, str, str, bool]] = []
        self.constants: dict[str, ast.Constant] = {}
        self.rebound: set[str] = set()

    # -- credential positions ------------------------------------------------------------------------
    def mark(self, node: ast.expr | None, name: str, where: str, strict: bool = False) -> None:
        for _ in range(6):
            kind = type(node)
            if kind is ast.Constant:
                if type(node.value) in (str, bytes):  # type: ignore[union-attr]
                    self.marks.setdefault(id(node), (name, where, strict))
                return
            if kind is ast.BoolOp:
                for value in node.values:  # type: ignore[union-attr]
                    self.mark(value, name, where, strict)
                return
            if kind is ast.IfExp:
                self.mark(node.body, name, where, strict)  # type: ignore[union-attr]
                node = node.orelse  # type: ignore[union-attr]
                continue
            if kind in (ast.Tuple, ast.List, ast.Set):
                for element in node.elts:  # type: ignore[union-attr]
                    self.mark(element, name, where, True)
                return
            if kind is ast.Dict:
                for value in node.values:  # type: ignore[union-attr]
                    self.mark(value, name, where, True)
                return
            if kind is ast.Call:
                func = node.func  # type: ignore[union-attr]
                if type(func) is ast.Attribute and func.attr in _RESHAPING:
                    node = func.value
                    continue
                if _last_name(func) in _SECRET_WRAPPERS and node.args:  # type: ignore[union-attr]
                    node = node.args[0]  # type: ignore[union-attr]
                    continue
                return
            if kind is ast.Name:
                self.deferred.append((node.id, name, where, strict))  # type: ignore[union-attr]
            return

    def mark_named(self, target_name: str | None, value: ast.expr | None, where: str) -> None:
        if target_name is None or value is None or credential_name_kind(target_name) is None:
            return
        words = split_name(target_name)
        if words and words[-1] in ("auth", "credentials", "creds") and type(value) is ast.Tuple and len(value.elts) == 2:
            self.mark(value.elts[1], "password", where)  # `session.auth = ("svc", "...")`: (user, password)
            return
        self.mark(value, target_name, where)

    def target_name(self, target: ast.expr) -> str | None:
        kind = type(target)
        if kind is ast.Name:
            return target.id  # type: ignore[union-attr]
        if kind is ast.Attribute:
            return target.attr  # type: ignore[union-attr]
        if kind is ast.Subscript:
            return _str_const(target.slice)  # type: ignore[union-attr]
        if kind is ast.Starred:
            return self.target_name(target.value)  # type: ignore[union-attr]
        return None

    def assign(self, target: ast.expr, value: ast.expr | None) -> None:
        if type(target) in (ast.Tuple, ast.List) and type(value) in (ast.Tuple, ast.List):
            if len(target.elts) == len(value.elts):  # type: ignore[union-attr]
                for t, v in zip(target.elts, value.elts):  # type: ignore[union-attr]
                    self.assign(t, v)
            return
        name = self.target_name(target)
        if name is not None and credential_name_kind(name) is not None:
            shown = _dotted(target) or name if type(target) is ast.Attribute else name
            self.mark_named(name, value, f"assigned to `{shown[:80]}`")

    def call(self, node: ast.Call) -> None:
        args = node.args
        last = _last_name(node.func)
        for keyword in node.keywords:
            if keyword.arg is not None:
                self.mark_named(keyword.arg, keyword.value, f"passed as `{keyword.arg}=`")
        if not args:
            return
        positional = [a for a in args if type(a) is not ast.Starred]
        if len(positional) != len(args):
            return  # `f(*xs, "...")`: positions are unknown
        if last in _COMPARES and len(args) >= 2:
            for mine, other in ((args[0], args[1]), (args[1], args[0])):
                if _str_const(mine) is not None or type(mine) is ast.Constant and type(mine.value) is bytes:
                    shown = expression_name(other) or last
                    self.mark(mine, expression_name(other) or "secret", f"compared with `{shown}` by `{last}`")
            return
        if last in _SETTERS:
            for first, second in zip(args, args[1:]):
                name = _str_const(first)
                if name is not None and credential_name_kind(name) is not None:
                    how = "the fallback for" if last in _LOOKUPS else "stored under"
                    self.mark(second, name, f"{how} `{name[:60]}`")
        index = _PASSWORD_SLOTS.get(last)
        if index is None and last == "login" and len(args) == 2:
            index = 1
        if index is None and last in _BIND_CALLS and len(args) >= 2:
            index = 1
        if index is None and last == "connect" and len(args) >= 3 and _dotted(node.func).startswith(_MYSQL_MODULES):
            index = 2
        if index is not None and index < len(args):
            self.mark(args[index], "password", f"passed to `{last}` as its password")
            return
        if _CONNECT_WORDS.intersection(split_name(last)):
            for before, value in zip(args, args[1:]):
                if _is_user(before) and type(value) in (ast.Constant, ast.Name):
                    self.mark(value, "password", f"passed to `{last}` after the user name")

    def compare(self, node: ast.Compare) -> None:
        if len(node.ops) != 1 or type(node.ops[0]) not in (ast.Eq, ast.NotEq):
            return
        left, right = node.left, node.comparators[0]
        for literal, other in ((right, left), (left, right)):
            if type(literal) is ast.Constant or type(literal) is ast.Name:
                name = expression_name(other)
                if name is not None and credential_name_kind(name) is not None and type(other) is not ast.Constant:
                    self.mark(literal, name, f"compared with `{name}`")

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        arguments = node.args
        positional = [*arguments.posonlyargs, *arguments.args]
        for param, default in zip(positional[len(positional) - len(arguments.defaults):], arguments.defaults):
            self.mark_named(param.arg, default, f"the default of `{param.arg}`")
        for param, default in zip(arguments.kwonlyargs, arguments.kw_defaults):
            if default is not None:
                self.mark_named(param.arg, default, f"the default of `{param.arg}`")

    # -- the walk ----------------------------------------------------------------------------------------
    def run(self, tree: ast.Module) -> None:
        stack: list[tuple[ast.AST, str | None, bool]] = [(tree, None, False)]
        counts: dict[str, int] = {}
        while stack:
            node, function, enum_body = stack.pop()
            kind = type(node)
            if kind is ast.Constant:
                if type(node.value) in (str, bytes):  # type: ignore[attr-defined]
                    self.strings.append(node)  # type: ignore[arg-type]
                continue
            if kind is ast.JoinedStr:
                self.strings.append(node)  # type: ignore[arg-type]
                for part in node.values:  # type: ignore[attr-defined]
                    if type(part) is ast.FormattedValue:
                        stack.append((part, function, False))
                continue
            if kind is ast.Expr:
                if type(node.value) is ast.Constant:  # type: ignore[attr-defined]
                    self.not_values.add(id(node.value))  # type: ignore[attr-defined]  # docstrings, bare strings
            elif kind is ast.Assign:
                targets = node.targets  # type: ignore[attr-defined]
                for target in targets:
                    if type(target) is ast.Name:
                        counts[target.id] = counts.get(target.id, 0) + 1
                        if len(targets) == 1 and type(node.value) is ast.Constant:  # type: ignore[attr-defined]
                            self.constants[target.id] = node.value  # type: ignore[attr-defined]
                    if not enum_body:
                        self.assign(target, node.value)  # type: ignore[attr-defined]
            elif kind is ast.AnnAssign:
                if node.value is not None and not enum_body:  # type: ignore[attr-defined]
                    self.assign(node.target, node.value)  # type: ignore[attr-defined]
                if type(node.target) is ast.Name:  # type: ignore[attr-defined]
                    counts[node.target.id] = counts.get(node.target.id, 0) + 1  # type: ignore[attr-defined]
            elif kind is ast.AugAssign or kind is ast.For or kind is ast.AsyncFor:
                target = node.target  # type: ignore[attr-defined]
                if type(target) is ast.Name:
                    counts[target.id] = counts.get(target.id, 0) + 2
            elif kind is ast.NamedExpr:
                self.assign(node.target, node.value)  # type: ignore[attr-defined]
            elif kind is ast.Call:
                self.call(node)  # type: ignore[arg-type]
            elif kind is ast.Compare:
                self.compare(node)  # type: ignore[arg-type]
            elif kind is ast.Dict:
                for key, value in zip(node.keys, node.values):  # type: ignore[attr-defined]
                    name = _str_const(key)
                    if key is not None and type(key) is ast.Constant:
                        self.not_values.add(id(key))
                    if name is not None:
                        self.mark_named(name, value, f"stored under `{name[:60]}`")
            elif kind is ast.Subscript:
                if type(node.slice) is ast.Constant:  # type: ignore[attr-defined]
                    self.not_values.add(id(node.slice))  # type: ignore[attr-defined]
            elif kind is ast.Return:
                if function is not None and node.value is not None:  # type: ignore[attr-defined]
                    self.mark_named(function, node.value, f"returned by `{function}`")  # type: ignore[attr-defined]
            elif kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
                self.function(node)  # type: ignore[arg-type]
                stack.extend((child, node.name, False) for child in ast.iter_child_nodes(node))  # type: ignore[attr-defined]
                continue
            elif kind is ast.Lambda:
                self.function(node)  # type: ignore[arg-type]
                stack.extend((child, None, False) for child in ast.iter_child_nodes(node))
                continue
            elif kind is ast.ClassDef:
                is_enum = any(
                    _last_name(base).endswith(_ENUM_BASES) for base in node.bases  # type: ignore[attr-defined]
                )
                body = {id(statement) for statement in node.body} if is_enum else ()  # type: ignore[attr-defined]
                stack.extend((child, None, id(child) in body) for child in ast.iter_child_nodes(node))
                continue
            stack.extend((child, function, False) for child in ast.iter_child_nodes(node))
        for name, position, where, strict in self.deferred:
            constant = self.constants.get(name)
            if constant is not None and counts.get(name) == 1:
                self.mark(constant, position, where, strict)

    # -- offsets -----------------------------------------------------------------------------------------
    def literals(self) -> list[CodeLiteral]:
        text = self.text
        line_starts = [0]
        line_starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        lines: list[str] | None = None

        def offset(lineno: int, col: int) -> int:
            nonlocal lines
            start = line_starts[lineno - 1]
            end = line_starts[lineno] if lineno < len(line_starts) else len(text)
            line = text[start:end]
            if not line.isascii():
                col = len(line.encode("utf-8", "surrogatepass")[:col].decode("utf-8", "replace"))
            return start + col

        found = []
        for node in self.strings:
            if node.end_lineno is None or node.end_col_offset is None:
                continue
            start = offset(node.lineno, node.col_offset)
            end = offset(node.end_lineno, node.end_col_offset)
            body_start, body_end = _body(text, start, end)
            value = node.value if type(node) is ast.Constant else None
            if type(value) is bytes:
                value = value.decode("latin-1")
            mark = self.marks.get(id(node))
            found.append(
                CodeLiteral(
                    start, end, body_start, body_end, value,
                    is_value=id(node) not in self.not_values,
                    name=mark[0] if mark else None, where=mark[1] if mark else None, strict=mark[2] if mark else False,
                )
            )
        return found


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_OPENING = re.compile(r"[A-Za-z]{0,2}(\"\"\"|'''|\"|')")


def _body(text: str, start: int, end: int) -> tuple[int, int]:
    """The span between the first opening quote and the last closing quote of a literal."""
    opening = _OPENING.match(text, start, end)
    if opening is None:
        return start, end
    quote = opening.group(1)
    body_end = end - len(quote) if text.startswith(quote, end - len(quote)) else end
    return opening.end(), max(opening.end(), body_end)


def python_literals(text: str) -> list[CodeLiteral] | None:
    try:
        tree = parse_python(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    scan = _Scan(text)
    try:
        scan.run(tree)
    except RecursionError:
        return None
    return scan.literals()


register_front_end("python", python_literals)
