"""Judgement several Go guards share: JWT libraries, secret names, request input, log calls.

Names are judged by their words with the vocabulary every front end uses (`guards/secrets/words.py`), so a
`refreshToken` is a secret in every language and a `tokenType` in none.
"""

from __future__ import annotations

from ...secrets.words import identifier_words, secret_kind
from .context import GoContext
from .tree import Node

# golang-jwt and its ancestors: the same API (Parse, ParseWithClaims, NewWithClaims, MapClaims, Keyfunc).
GOLANG_JWT = (
    "github.com/golang-jwt/jwt",
    "github.com/dgrijalva/jwt-go",
    "github.com/form3tech-oss/jwt-go",
)
JWX_JWT = ("github.com/lestrrat-go/jwx/jwt", "github.com/lestrrat-go/jwx/v2/jwt", "github.com/lestrrat-go/jwx/v3/jwt")
OIDC = ("github.com/coreos/go-oidc/oidc", "github.com/coreos/go-oidc")

_REQUEST_CALLS = frozenset(
    {
        "FormValue",
        "PostFormValue",
        "PathValue",
        "Query",
        "DefaultQuery",
        "PostForm",
        "DefaultPostForm",
        "Param",
        "Params",
        "QueryParam",
        "GetHeader",
        "GetQuery",
        "GetPostForm",
        "URLParam",
        "QueryArray",
        "PostFormArray",
        "QueryMap",
        "FormParams",
        "QueryParams",
    }
)
_BIND_CALLS = frozenset(
    {
        "Decode",
        "Unmarshal",
        "Bind",
        "BindJSON",
        "ShouldBind",
        "ShouldBindJSON",
        "ShouldBindQuery",
        "BodyParser",
        "ShouldBindWith",
        "BindQuery",
    }
)
_REQUEST_ROOTS = ("r", "req", "request", "c", "ctx", "e")
LOG_METHODS = frozenset(
    {
        "Print",
        "Printf",
        "Println",
        "Fatal",
        "Fatalf",
        "Fatalln",
        "Panic",
        "Panicf",
        "Debug",
        "Debugf",
        "Debugw",
        "Info",
        "Infof",
        "Infow",
        "Warn",
        "Warnf",
        "Warnw",
        "Warning",
        "Warningf",
        "Error",
        "Errorf",
        "Errorw",
        "DebugContext",
        "InfoContext",
        "WarnContext",
        "ErrorContext",
        "Log",
        "Msg",
        "Msgf",
        "Trace",
        "Tracef",
    }
)
_LOGGER_WORDS = frozenset({"log", "logger", "logging", "zap", "sugar", "slog", "logrus", "zerolog", "lg", "l"})


def jwt_member(ctx: GoContext, call: Node) -> str | None:
    """The golang-jwt function or method a call reaches (`Parse`, `ParseWithClaims`, `NewParser.Parse`,
    `NewWithClaims`, `Token.SignedString` is not reachable this way), or None."""
    return ctx.calls_package(call, *GOLANG_JWT)


def uses_golang_jwt(ctx: GoContext) -> bool:
    return ctx.imports_path(*GOLANG_JWT)


def jwt_alias(ctx: GoContext) -> set[str]:
    """The local names golang-jwt is imported under (`jwt`, `jwtlib`)."""
    return {name for name, path in ctx.imports.items() if path.startswith(GOLANG_JWT)}


def name_of(ctx: GoContext, node: Node | None) -> str:
    """The name an expression is known by: `token`, `req.Password` -> `Password`, `m["api_key"]` -> `api_key`,
    `r.FormValue("password")` -> `password`, `r.Header.Get("X-API-Key")` -> `X-API-Key`, `req.GetToken()` ->
    `Token`, `[]byte(secret)` -> `secret`, `os.Getenv("API_KEY")` -> `API_KEY`."""
    node = ctx.unwrap(node)
    if node is None:
        return ""
    kind = node.type
    if kind == "identifier":
        return ctx.text(node)
    if kind == "selector_expression":
        return ctx.text(node.child_by_field_name("field"))
    if kind == "index_expression":
        return ctx.string_value(node.child_by_field_name("index")) or name_of(ctx, node.child_by_field_name("operand"))
    if kind in ("type_conversion_expression",):
        return name_of(ctx, node.child_by_field_name("operand"))
    if kind == "unary_expression":
        return name_of(ctx, node.child_by_field_name("operand"))
    if kind == "call_expression":
        function = node.child_by_field_name("function")
        callee = ctx.text(function)
        last = ctx.last_name(callee)
        args = ctx.args(node)
        if callee in ("string", "[]byte") and len(args) == 1:
            return name_of(ctx, args[0])
        if args:
            key = ctx.string_value(args[-1] if last == "URLParam" else args[0], follow=False)
            if key is not None and (last in _REQUEST_CALLS or last in ("Get", "Getenv", "LookupEnv", "Values")):
                return key
        if last.startswith("Get") and len(last) > 3 and not args:
            return last[3:]
        return last
    return ""


def secret_name_kind(name: str) -> str | None:
    """What kind of secret a name holds (`password`, `token`, `secret`, `api_key`, `signature`...), or None."""
    if not name:
        return None
    lowered = name.lower().replace("_", "").replace("-", "")
    if lowered in ("pass", "pw", "pwd", "passwd", "pword"):
        return "password"  # Go's short names: `user, pass string`
    if lowered in ("tok", "rawtoken", "authheader", "bearertoken", "bearer"):
        return "token"
    return secret_kind(name.replace("-", "_"))


def words(name: str) -> set[str]:
    return set(identifier_words(name.replace("-", "_").replace("/", "_").replace(" ", "_")))


def function_words(ctx: GoContext, node: Node) -> set[str]:
    """The words of the names of every function enclosing `node` (a method's receiver type included)."""
    found: set[str] = set()
    function = ctx.enclosing_function(node)
    while function is not None:
        found |= words(ctx.function_name(function).replace(".", "_"))
        function = ctx.enclosing_function(function)
    return found


def bound_inputs(ctx: GoContext, function: Node | None) -> set[str]:
    """Variables a request body, query or form is decoded into in `function` (`json.NewDecoder(r.Body).Decode(&in)`,
    `c.ShouldBindJSON(&req)`, `json.Unmarshal(body, &req)`), and a gRPC handler's request message (`req` of
    `func (s *srv) SetRole(ctx context.Context, req *pb.SetRoleRequest)`)."""
    if function is None:
        return set()
    key = f"bound_inputs:{function.id}"
    cached = ctx.shared.get(key)
    if cached is not None:
        return cached
    found: set[str] = set()
    for call in ctx.descendants(function, ("call_expression",)):
        last = ctx.last_name(ctx.call_name(call))
        if last not in _BIND_CALLS:
            continue
        if (
            last == "Decode"
            and "Body" not in ctx.text(call.child_by_field_name("function"))
            and "NewDecoder" not in ctx.call_name(call)
        ):
            continue
        for arg in ctx.args(call):
            if arg.type == "unary_expression" and ctx.text(arg).startswith("&"):
                found.add(ctx.text(arg.child_by_field_name("operand")))
            elif arg.type == "identifier" and last != "Unmarshal":
                found.add(ctx.text(arg))
    params = ctx.parameters(function)
    if len(params) >= 2 and params[0][1].endswith("context.Context") and params[1][1].startswith("*"):
        type_text = params[1][1]
        if "Request" in type_text or "Req" in type_text or "." in type_text:
            found.add(params[1][0])
    ctx.shared[key] = found
    return found


def is_request_input(ctx: GoContext, node: Node | None, depth: int = 3) -> bool:
    """`r.FormValue("role")`, `r.URL.Query().Get("role")`, `r.Header.Get("X-Role")`, gin/echo/fiber `c.Query`,
    `chi.URLParam(r, "role")`, `body.Role` of a decoded body, `req.GetRole()` of a gRPC request; through
    variables bound to them."""
    node = ctx.unwrap(node)
    if node is None or depth == 0:
        return False
    if node.type == "call_expression":
        function = node.child_by_field_name("function")
        name = ctx.call_name(node)
        last = ctx.last_name(name)
        text = ctx.text(function)
        root = text.split(".", 1)[0]
        if last in _REQUEST_CALLS and (root in _REQUEST_ROOTS or "URLParam" in last):
            return True
        if last == "Get" and (
            ".Header." in text + "." or "Query()" in text or "URL.Query" in text or text.endswith("Header.Get")
        ):
            return root in _REQUEST_ROOTS
        if last in ("TrimSpace", "ToLower", "Split", "Fields", "Atoi", "ParseBool", "Title"):
            args = ctx.args(node)
            return bool(args) and is_request_input(ctx, args[0], depth)
        if function is not None and function.type == "selector_expression":
            operand = function.child_by_field_name("operand")
            if last.startswith("Get") and operand is not None and operand.type == "identifier":
                return ctx.text(operand) in bound_inputs(ctx, ctx.enclosing_function(node))
        return False
    if node.type == "selector_expression":
        operand = ctx.unwrap(node.child_by_field_name("operand"))
        while operand is not None and operand.type == "selector_expression":
            operand = ctx.unwrap(operand.child_by_field_name("operand"))
        if operand is not None and operand.type == "identifier":
            return ctx.text(operand) in bound_inputs(ctx, ctx.enclosing_function(node))
        return False
    if node.type == "index_expression":
        operand = ctx.unwrap(node.child_by_field_name("operand"))
        if operand is not None and "mux.Vars" in ctx.text(operand):
            return True
        return is_request_input(ctx, operand, depth - 1)
    if node.type == "identifier":
        binding = ctx.binding_of(node)
        if binding is not None and binding.value is not None:
            return is_request_input(ctx, binding.value, depth - 1)
    return False


def is_log_call(ctx: GoContext, call: Node) -> bool:
    """`log.Printf`, `slog.Info`, `logger.Info` (zap), `s.log.Debugw`, `logrus.WithField(...).Info`, `fmt.Println`."""
    name = ctx.call_name(call)
    last = ctx.last_name(name)
    if name in ("fmt.Println", "fmt.Printf", "fmt.Print"):
        return True
    if last not in LOG_METHODS:
        return False
    head = name.rsplit(".", 1)[0] if "." in name else ""
    if head in ("log", "log/slog", "go.uber.org/zap", "github.com/sirupsen/logrus"):
        return True
    receiver_words = words(head.replace(".", "_"))
    if receiver_words & _LOGGER_WORDS:
        return True
    return "WithField" in head or "With." in head or ".With" in head or "Logger" in head or "L()" in ctx.text(call)
