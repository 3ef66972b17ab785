"""The Python front end of `code.find_code_secrets`: the string literals of a module and their positions.

One module because it is one pass over one tree: splitting the position rules from the walk would make
every rule a call across modules on the hottest path of secret detection.

Built on the standard library's `ast` (a C parser, and the engine parses every
Python file with it anyway: `parse_python` keeps the last tree for it), never on
libcst, so a prompt or a text file does not load the Python guard machinery.

A literal is in a credential position when it is (directly, through `or`/`if`
alternatives, `.encode()`, `SecretStr(...)`, or a module constant it is bound
to) assigned to, passed as a keyword or a known password argument to, compared
with, stored under, returned by, or the default of something whose name is a
credential's (`words.credential_name_kind`). Docstrings and dictionary /
subscript keys are not values; enum members and items of `Literal[...]` are
never credential positions; elements of a list, tuple or set under a credential
name count only when random-looking (a deny list of common passwords is not a
credential).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from typing import Any

from .front_end import CodeLiteral
from .words import credential_name_kind, identifier_words, is_generic_key_name

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
_SECRET_WRAPPERS = frozenset(
    {
        "SecretStr",
        "SecretBytes",
        "Secret",
        "bytes",
        "str",
        "bytearray",
        "b64decode",
        "urlsafe_b64decode",
        "decodebytes",
        "unhexlify",
        "fromhex",
    }
)
# Calls that declare a default: pydantic/attrs/dataclass fields, FastAPI parameters, click/typer options.
_DEFAULT_DECLARATIONS = frozenset(
    {"Field", "field", "ib", "attrib", "Option", "Argument", "Query", "Header", "Cookie", "Form", "Body", "Param"}
)
_DEFAULT_KEYWORDS = ("default", "fallback")
_RESHAPING = frozenset(
    {"encode", "decode", "strip", "rstrip", "lstrip", "lower", "upper", "casefold", "get_secret_value"}
)
_LOOKUPS = frozenset({"get", "getlist", "getenv", "pop", "get_cookie", "getheader"})
_COMPARES = frozenset(
    {"compare_digest", "constant_time_compare", "safe_str_cmp", "secure_compare", "timingsafe_equal", "strings_equal"}
)
_SETTERS = frozenset(
    {"setdefault", "set", "get", "getenv", "putenv", "setenv", "put", "setattr", "add", "add_header", "pop", "setitem"}
)
# Positional password slots: callee's last name -> index of the password argument.
_PASSWORD_SLOTS = {
    "HTTPBasicAuth": 1,
    "HTTPDigestAuth": 1,
    "HTTPProxyAuth": 1,
    "BasicAuth": 1,
    "DigestAuth": 1,
    "PlainCredentials": 1,
    "UsernamePasswordCredentials": 1,
    "ClientSecretCredential": 2,
    "UsernamePasswordCredential": 2,
    "FTP": 2,
    "FTP_TLS": 2,
    "pass_": 0,
}
_BIND_CALLS = frozenset({"simple_bind_s", "simple_bind", "bind_s", "bind"})
_CONNECT_WORDS = frozenset({"connect", "connection", "login", "bind", "authenticate", "auth"})
_USER_WORDS = frozenset(
    {"user", "username", "login", "dn", "uid", "principal", "account", "email", "who", "binddn", "userid", "usr"}
)
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
            return node.id  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        if kind is ast.Attribute:
            return node.attr  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        if kind is ast.Subscript:
            return _str_const(node.slice)  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        if kind is not ast.Call:
            return None
        func, args = node.func, node.args  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
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
    if name is not None and _USER_WORDS.intersection(identifier_words(name)):
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

    # -- credential positions ------------------------------------------------------------------------
    def mark(self, node: ast.expr | None, name: str, where: str, strict: bool = False, depth: int = 0) -> None:
        """Mark the literal(s) `node` puts in the credential position `name`. Elements of a collection
        count only when random-looking (`strict`), and only one level down (pairs in a list of pairs):
        deeper literals are data, such as a lexer's table of token patterns."""
        for _ in range(6):
            kind = type(node)
            if kind is ast.Constant:
                if type(node.value) in _STRING_TYPES:  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                    self.marks.setdefault(id(node), (name, where, strict))
                return
            if kind is ast.BoolOp:
                for value in node.values:  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                    self.mark(value, name, where, strict, depth)
                return
            if kind is ast.IfExp:
                self.mark(node.body, name, where, strict, depth)  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                node = node.orelse  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                continue
            if kind in (ast.Tuple, ast.List, ast.Set, ast.Dict):
                if depth >= 2:
                    return
                # `API_KEYS = {"<key>": "alice"}`: under a credential name, a random-looking key is one too.
                elements = [*node.keys, *node.values] if kind is ast.Dict else node.elts  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                for element in elements:
                    if element is not None:
                        self.mark(element, name, where, True, depth + 1)
                return
            if kind is ast.Call:
                func = node.func  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                if type(func) is ast.Attribute and func.attr in _RESHAPING:
                    node = func.value
                    continue
                last = _last_name(func)
                if last in _SECRET_WRAPPERS and node.args:  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                    node = node.args[0]  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                    continue
                if last in _DEFAULT_DECLARATIONS:  # `api_key: str = Field("dev-key")`, `typer.Option("admin")`
                    default = next((k.value for k in node.keywords if k.arg == "default"), None)  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                    node = default if default is not None else node.args[0] if node.args else None  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                    continue
                return
            if kind is ast.Name:
                self.deferred.append((node.id, name, where, strict))  # type: ignore[union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            return

    def mark_named(self, target_name: str | None, value: ast.expr | None, where: str) -> None:
        if target_name is None or value is None:
            return
        if credential_name_kind(target_name) is None and not is_generic_key_name(target_name):
            return
        words = identifier_words(target_name)
        if (
            words
            and words[-1] in ("auth", "credentials", "creds")
            and type(value) is ast.Tuple
            and len(value.elts) == 2
        ):
            self.mark(value.elts[1], "password", where)  # `session.auth = ("svc", "...")`: (user, password)
            return
        self.mark(value, target_name, where)

    def target_name(self, target: ast.expr) -> str | None:
        kind = type(target)
        if kind is ast.Name:
            return target.id  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        if kind is ast.Attribute:
            return target.attr  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        if kind is ast.Subscript:
            return _str_const(target.slice)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        if kind is ast.Starred:
            return self.target_name(target.value)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        return None

    def assign(self, target: ast.expr, value: ast.expr | None) -> None:
        if type(target) in (ast.Tuple, ast.List) and type(value) in (ast.Tuple, ast.List):
            if len(target.elts) == len(value.elts):  # type: ignore[attr-defined, union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                for t, v in zip(target.elts, value.elts, strict=False):  # type: ignore[attr-defined, union-attr]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                    self.assign(t, v)
            return
        name = self.target_name(target)
        if name is not None and (credential_name_kind(name) is not None or is_generic_key_name(name)):
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
        defaults = [k.value for k in node.keywords if k.arg in _DEFAULT_KEYWORDS]
        if defaults:
            # `add_argument("--db-password", default="...")`, `config.get("db", "password", fallback="...")`
            for arg in args:
                option = _str_const(arg)
                if option is not None and credential_name_kind(option.lstrip("-")) is not None:
                    for default in defaults:
                        self.mark(default, option.lstrip("-"), f"the default of `{option[:60]}`")
                    break
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
            for first, second in zip(args, args[1:], strict=False):
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
        if _CONNECT_WORDS.intersection(identifier_words(last)):
            for before, value in zip(args, args[1:], strict=False):
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
        for param, default in zip(
            positional[len(positional) - len(arguments.defaults) :], arguments.defaults, strict=False
        ):
            self.mark_named(param.arg, default, f"the default of `{param.arg}`")
        for param, kw_default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=False):
            if kw_default is not None:
                self.mark_named(param.arg, kw_default, f"the default of `{param.arg}`")

    # -- the walk ----------------------------------------------------------------------------------------
    # Statements are walked recursively (they carry the enclosing function's name and whether a class
    # body holds enum members); expressions with one flat loop that skips `Load`/`Store` contexts.
    def run(self, tree: ast.Module) -> None:
        self.counts: dict[str, int] = {}
        self.statements(tree.body, None, False)
        for name, position, where, strict in self.deferred:
            constant = self.constants.get(name)
            if constant is not None and self.counts.get(name) == 1:
                self.mark(constant, position, where, strict)

    def count(self, target: ast.expr, weight: int = 1) -> None:
        if type(target) is ast.Name:
            self.counts[target.id] = self.counts.get(target.id, 0) + weight

    def statements(self, body: list[ast.stmt], function: str | None, enum_body: bool) -> None:
        expressions = self.expressions
        for node in body:
            kind = type(node)
            if kind is ast.Expr:
                value = node.value  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                if type(value) is ast.Constant:
                    self.not_values.add(id(value))  # docstrings and other bare strings: text, not values
                expressions(value)
            elif kind is ast.Assign:
                targets, value = node.targets, node.value  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                for target in targets:
                    self.count(target)
                    if type(target) is ast.Name and len(targets) == 1 and type(value) is ast.Constant:
                        self.constants[target.id] = value
                    if not enum_body:
                        self.assign(target, value)
                    expressions(target)
                expressions(value)
            elif kind is ast.AnnAssign:
                self.count(node.target)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                if node.value is not None and not enum_body:  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                    self.assign(node.target, node.value)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                expressions(node.target)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                expressions(node.annotation)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                if node.value is not None:  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                    expressions(node.value)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            elif kind is ast.Return:
                value = node.value  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                if value is not None:
                    if function is not None:
                        self.mark_named(function, value, f"returned by `{function}`")
                    expressions(value)
            elif kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
                self.function(node)  # type: ignore[arg-type]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                for decorator in node.decorator_list:  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                    expressions(decorator)
                expressions(node.args)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                if node.returns is not None:  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                    expressions(node.returns)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                self.statements(node.body, node.name, False)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            elif kind is ast.ClassDef:
                is_enum = any(_last_name(base).endswith(_ENUM_BASES) for base in node.bases)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                for child in (*node.decorator_list, *node.bases, *node.keywords):  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                    expressions(child)
                self.statements(node.body, None, is_enum)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
            else:
                if kind is ast.AugAssign or kind is ast.For or kind is ast.AsyncFor:
                    self.count(node.target, 2)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                # Compound statements: their expressions, then their bodies.
                for field in node._fields:
                    value = getattr(node, field)
                    if type(value) is list:
                        if value and isinstance(value[0], ast.stmt):
                            self.statements(value, function, False)
                        else:
                            for item in value:
                                self.clause(item, function)
                    elif isinstance(value, ast.AST):
                        expressions(value)

    def clause(self, node: object, function: str | None) -> None:
        """An except handler, match case or with item: its expressions and its body."""
        if isinstance(node, (ast.ExceptHandler, ast.match_case)):
            for field in node._fields:
                value = getattr(node, field)
                if field == "body":
                    self.statements(value, function, False)
                elif isinstance(value, ast.AST):
                    self.expressions(value)
        elif isinstance(node, ast.AST):
            self.expressions(node)

    def expressions(self, root: ast.AST) -> None:
        stack = [root]
        pop, push, extend = stack.pop, stack.append, stack.extend
        strings = self.strings
        handlers = _HANDLERS
        while stack:
            node = pop()
            kind = type(node)
            if kind is ast.Name:
                continue
            if kind is ast.Constant:
                if type(node.value) in _STRING_TYPES:  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                    strings.append(node)  # type: ignore[arg-type]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                continue
            if kind is ast.Attribute:
                push(node.value)  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                continue
            if kind is ast.JoinedStr:
                strings.append(node)  # type: ignore[arg-type]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                for part in node.values:  # type: ignore[attr-defined]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                    if type(part) is ast.FormattedValue:
                        push(part.value)
                continue
            handler = handlers.get(kind)
            if handler is not None:
                handler(self, node)
            fields = _CHILD_FIELDS.get(kind)
            for field in fields if fields is not None else _child_fields(kind):
                value = getattr(node, field)
                if type(value) is list:
                    extend(item for item in value if item is not None)
                elif value is not None:
                    push(value)

    def dict_display(self, node: ast.Dict) -> None:
        for key, value in zip(node.keys, node.values, strict=False):
            if type(key) is ast.Constant:
                self.not_values.add(id(key))
                name = key.value
                if type(name) is str:
                    self.mark_named(name, value, f"stored under `{name[:60]}`")

    def subscript(self, node: ast.Subscript) -> None:
        if type(node.slice) is ast.Constant:
            self.not_values.add(id(node.slice))

    def named_expression(self, node: ast.NamedExpr) -> None:
        self.assign(node.target, node.value)

    def bool_operation(self, node: ast.BoolOp) -> None:
        """`os.environ.get("DB_PASSWORD") or "..."`: the literal stands in for the credential looked up."""
        if type(node.op) is not ast.Or:
            return
        for value in node.values:
            name = expression_name(value) if type(value) is not ast.Constant else None
            if name is not None and credential_name_kind(name) is not None:
                for other in node.values:
                    if type(other) is ast.Constant:
                        self.mark(other, name, f"the fallback for `{name[:60]}`")
                return

    # -- offsets -----------------------------------------------------------------------------------------
    def literals(self) -> list[CodeLiteral]:
        text = self.text
        if "\r" in text:
            line_starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        else:
            line_starts = [0]
            position = text.find("\n")
            while position >= 0:
                line_starts.append(position + 1)
                position = text.find("\n", position + 1)
        ascii_only = text.isascii()

        def offset(lineno: int, col: int) -> int:
            start = line_starts[lineno - 1]
            if not ascii_only:
                end = line_starts[lineno] if lineno < len(line_starts) else len(text)
                line = text[start:end]
                if not line.isascii():
                    col = len(line.encode("utf-8", "surrogatepass")[:col].decode("utf-8", "replace"))
            return start + col

        marks, not_values = self.marks, self.not_values
        found = []
        for node in self.strings:
            end_lineno, end_col = node.end_lineno, node.end_col_offset
            if end_lineno is None or end_col is None:
                continue
            start = offset(node.lineno, node.col_offset)
            end = offset(end_lineno, end_col)
            body_start, body_end = _body(text, start, end)
            value: Any = node.value if type(node) is ast.Constant else None  # str, bytes or a number
            if type(value) is bytes:
                value = value.decode("latin-1")
            mark = marks.get(id(node))
            if (
                mark is not None
                and "r" in text[start:body_start].lower()
                and _PATTERN_CHARACTERS.intersection(value or "")
            ):
                mark = None  # `r"[\\w.-]+"`: a raw string with pattern characters is a regular expression
            if mark is None:
                found.append(CodeLiteral(start, end, body_start, body_end, value, id(node) not in not_values))
            else:
                found.append(
                    CodeLiteral(
                        start,
                        end,
                        body_start,
                        body_end,
                        value,
                        id(node) not in not_values,
                        name=mark[0],
                        where=mark[1],
                        strict=mark[2],
                        slot=mark[1].startswith(("compared with", "passed")),
                    )
                )
        return found


_STRING_TYPES = (str, bytes)
_PATTERN_CHARACTERS = frozenset("\\|()[]{}^$*+?")
_HANDLERS: dict[type, Callable[[_Scan, Any], None]] = {
    ast.Call: _Scan.call,
    ast.Compare: _Scan.compare,
    ast.Dict: _Scan.dict_display,
    ast.Subscript: _Scan.subscript,
    ast.NamedExpr: _Scan.named_expression,
    ast.BoolOp: _Scan.bool_operation,
    ast.Lambda: _Scan.function,
}
_NO_CHILDREN = frozenset(
    {
        "ctx",
        "op",
        "ops",
        "id",
        "attr",
        "arg",
        "value_kind",
        "kind",
        "conversion",
        "type_comment",
        "level",
        "module",
        "name",
        "asname",
        "is_async",
        "simple",
        "kwd_attrs",
        "rest",
    }
)
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(kind: type) -> tuple[str, ...]:
    """The fields of an expression node type that may hold nodes (not contexts, operators or names)."""
    if not issubclass(kind, ast.AST) or kind is ast.MatchSingleton:
        fields: tuple[str, ...] = ()  # `case True:` holds a plain constant
    else:
        fields = tuple(f for f in kind._fields if f not in _NO_CHILDREN)
    _CHILD_FIELDS[kind] = fields
    return fields


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_OPENING = re.compile(r"[A-Za-z]{0,2}(\"\"\"|'''|\"|')")


def _body(text: str, start: int, end: int) -> tuple[int, int]:
    """The span between the first opening quote and the last closing quote of a literal."""
    first = text[start]
    if first == '"' or first == "'":
        quote = first * 3 if text.startswith(first * 3, start) and end - start >= 6 else first
        return start + len(quote), max(start + len(quote), end - len(quote) if text[end - 1] == first else end)
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
        return scan.literals()
    except Exception:  # noqa: BLE001 - a tree this front end cannot read is left to the text scan, never unchecked
        return None
