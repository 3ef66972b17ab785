"""IDG405: a secret read from the environment with a literal fallback when it is unset."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.judge import secret_name_kind
from .support.tree import Node

_ENV_READS = ("os.Getenv", "os.LookupEnv", "syscall.Getenv")


class GoSecretEnvFallback(GoGuard):
    """
    ## What it does
    Finds secrets that fall back to a literal when the environment does not
    set them: `s := os.Getenv("JWT_SECRET"); if s == "" { s = "dev-secret" }`,
    `cmp.Or(os.Getenv("JWT_SECRET"), "dev")`, same-file helpers such as
    `getEnv("SESSION_KEY", "changeme")` (a function that reads `os.Getenv`),
    `viper.SetDefault("jwt.secret", "...")` and struct tags
    `env:"JWT_SECRET" envDefault:"..."`. Only names that say secret, key,
    token or password count; `PORT` with a default is fine.

    ## Why is this bad?
    A deployment that forgets the variable starts anyway, signing tokens or
    sessions with a key that is in the repository. Nobody notices, because
    everything works.

    ## Example
    ```go
    secret := os.Getenv("JWT_SECRET")
    if secret == "" {
        secret = "dev-secret"
    }
    ```

    ## Use instead
    ```go
    secret := os.Getenv("JWT_SECRET")
    if secret == "" {
        log.Fatal("JWT_SECRET must be set")
    }
    ```
    """

    id = "IDG405"
    name = "go-secret-env-fallback"
    title = "Secret with a literal fallback"
    fix_hint = "Fail at start-up when the secret is not set; never fall back to a value written in the code."
    triggers = ("env", "setdefault")
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-1188"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["token", "secrets"],
    )
    VALID = [
        Valid(
            """
            package config

            func jwtSecret() []byte {
                s := os.Getenv("JWT_SECRET")
                if s == "" {
                    log.Fatal("JWT_SECRET must be set")
                }
                return []byte(s)
            }
            """
        ),
        Valid(
            """
            package config

            func getEnv(key, fallback string) string {
                if v := os.Getenv(key); v != "" {
                    return v
                }
                return fallback
            }

            var addr = getEnv("LISTEN_ADDR", ":8080")
            """
        ),
        Valid(
            """
            package config

            type Config struct {
                Port      int    `env:"PORT" envDefault:"8080"`
                JWTSecret string `env:"JWT_SECRET,required"`
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package config

            func jwtSecret() []byte {
                secret := os.Getenv("JWT_SECRET")
                if secret == "" {
                    secret = "local-dev-secret"
                }
                return []byte(secret)
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package config

            func envOr(key, def string) string {
                if v, ok := os.LookupEnv(key); ok {
                    return v
                }
                return def
            }

            var sessionKey = envOr("SESSION_SECRET", "portal-session")
            """,
            line=10,
        ),
        Invalid(
            """
            package config

            type Config struct {
                Port      int    `env:"PORT" envDefault:"8080"`
                JWTSecret string `env:"JWT_SECRET" envDefault:"changeme-please"`
            }
            """,
            line=5,
        ),
        Invalid(
            """
            package config

            import "cmp"

            var apiToken = cmp.Or(os.Getenv("ADMIN_API_TOKEN"), "dev-token")
            """,
            line=5,
        ),
    ]

    def visit_if_statement(self, node: Node) -> None:
        condition = self.ctx.unwrap(node.child_by_field_name("condition"))
        if condition is not None and condition.type == "unary_expression":
            self._lookup_not_ok(node, condition)
            return
        if condition is None or condition.type != "binary_expression":
            return
        if self.ctx.text(condition.child_by_field_name("operator")) == "!=":
            self._default_overridden(node, condition)
            return
        if self.ctx.text(condition.child_by_field_name("operator")) != "==":
            return
        left, right = condition.child_by_field_name("left"), condition.child_by_field_name("right")
        if self.ctx.text(right) != '""':
            return
        variable = self.ctx.unwrap(left)
        if variable is None or variable.type != "identifier":
            return
        env_name = self._env_name(self.ctx.resolve_binding_value(variable))
        if env_name is None:
            return
        if secret_name_kind(env_name) is None and secret_name_kind(self.ctx.text(variable)) is None:
            return
        consequence = node.child_by_field_name("consequence")
        for assignment in self.ctx.descendants(consequence, ("assignment_statement",)) if consequence else []:
            targets = self.ctx.expressions(assignment.child_by_field_name("left"))
            values = self.ctx.expressions(assignment.child_by_field_name("right"))
            if len(targets) == 1 and len(values) == 1 and self.ctx.text(targets[0]) == self.ctx.text(variable):
                if self.ctx.bytes_literal(values[0]) is not None:
                    self.report(
                        values[0], f"`{env_name}` falls back to a literal when the environment does not set it."
                    )

    def _lookup_not_ok(self, node: Node, condition: Node) -> None:
        """`s, ok := os.LookupEnv("JWT_SECRET"); if !ok { s = "dev" }`."""
        flag = self.ctx.unwrap(condition.child_by_field_name("operand"))
        if flag is None or flag.type != "identifier":
            return
        binding = self.ctx.binding_of(flag)
        declaration = self._declaration_of(binding.start) if binding is not None else None
        if declaration is None:
            return
        left = self.ctx.expressions(declaration.child_by_field_name("left"))
        right = self.ctx.expressions(declaration.child_by_field_name("right"))
        if len(left) != 2 or len(right) != 1 or self.ctx.text(left[1]) != self.ctx.text(flag):
            return
        env_name = self._env_name(right[0])
        if env_name is None or secret_name_kind(env_name) is None and secret_name_kind(self.ctx.text(left[0])) is None:
            return
        self._literal_assigned(node.child_by_field_name("consequence"), self.ctx.text(left[0]), env_name)

    def _default_overridden(self, node: Node, condition: Node) -> None:
        """`secret := "dev"; if v := os.Getenv("JWT_SECRET"); v != "" { secret = v }`: the literal stays otherwise."""
        if self.ctx.text(condition.child_by_field_name("right")) != '""':
            return
        initializer = node.child_by_field_name("initializer")
        if initializer is None or initializer.type != "short_var_declaration":
            return
        right = self.ctx.expressions(initializer.child_by_field_name("right"))
        env_name = self._env_name(right[0]) if len(right) == 1 else None
        consequence = node.child_by_field_name("consequence")
        if env_name is None or consequence is None:
            return
        for assignment in self.ctx.descendants(consequence, ("assignment_statement",)):
            targets = self.ctx.expressions(assignment.child_by_field_name("left"))
            if len(targets) != 1 or targets[0].type != "identifier":
                continue
            if secret_name_kind(env_name) is None and secret_name_kind(self.ctx.text(targets[0])) is None:
                continue
            binding = self.ctx.binding_of(targets[0])
            default = binding.value if binding is not None else None
            if default is not None and self.ctx.bytes_literal(default) is not None and self.ctx.string_value(default):
                self.report(default, f"`{env_name}` falls back to a literal when the environment does not set it.")
        alternative = node.child_by_field_name("alternative")
        if alternative is not None:
            for assignment in self.ctx.descendants(alternative, ("assignment_statement",)):
                targets = self.ctx.expressions(assignment.child_by_field_name("left"))
                if len(targets) == 1:
                    self._literal_assigned(alternative, self.ctx.text(targets[0]), env_name)

    def _literal_assigned(self, block: Node | None, variable: str, env_name: str) -> None:
        for assignment in self.ctx.descendants(block, ("assignment_statement",)) if block is not None else []:
            targets = self.ctx.expressions(assignment.child_by_field_name("left"))
            values = self.ctx.expressions(assignment.child_by_field_name("right"))
            if len(targets) == 1 and len(values) == 1 and self.ctx.text(targets[0]) == variable:
                found = self.ctx.bytes_literal(values[0])
                if found is not None and found[0]:
                    self.report(
                        values[0], f"`{env_name}` falls back to a literal when the environment does not set it."
                    )

    def _declaration_of(self, start: int) -> Node | None:
        for declaration in self.ctx.nodes("short_var_declaration"):
            if declaration.start_byte <= start < declaration.end_byte:
                return declaration
        return None

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        last = self.ctx.last_name(name)
        args = self.ctx.args(node)
        if len(args) < 2:
            return
        if last == "Or" and name.startswith("cmp"):
            env_name = next((self._env_name(a) for a in args if self._env_name(a)), None)
            literal = next((a for a in args[1:] if self.ctx.string_value(a) is not None), None)
            if env_name and literal is not None and secret_name_kind(env_name) and self.ctx.string_value(literal):
                self.report(literal, f"`{env_name}` falls back to a literal when the environment does not set it.")
            return
        key = self.ctx.string_value(args[0])
        default = self.ctx.string_value(args[1])
        if key is None or not default or secret_name_kind(key.replace(".", "_")) is None:
            return
        if last == "SetDefault" or self._reads_env(node):
            self.report(args[1], f"`{key}` falls back to a literal when the environment does not set it.")

    def visit_field_declaration(self, node: Node) -> None:
        tag = node.child_by_field_name("tag")
        if tag is None:
            return
        text = self.ctx.text(tag)
        if "envDefault:" not in text:
            return
        env = _tag_value(text, "env").split(",")[0]
        default = _tag_value(text, "envDefault")
        names = [self.ctx.text(n) for n in node.children_by_field_name("name")]
        if default and (secret_name_kind(env) or any(secret_name_kind(n) for n in names)):
            self.report(tag, f"`{env or names[0]}` has a literal default (`envDefault`) for when it is not set.")

    def _env_name(self, node: Node | None) -> str | None:
        node = self.ctx.unwrap(node)
        if node is None or node.type != "call_expression":
            return None
        if self.ctx.call_name(node) in _ENV_READS:
            return self.ctx.string_value(self.ctx.arg(node, 0))
        return None

    def _reads_env(self, call: Node) -> bool:
        function = self.ctx.callee_function(call)
        if function is None:
            name = self.ctx.last_name(self.ctx.call_name(call)).lower()
            return "env" in name and name != "setenv"
        text = self.ctx.text(function)
        return any(read in text for read in _ENV_READS)


def _tag_value(tag: str, key: str) -> str:
    marker = f'{key}:"'
    start = tag.find(marker)
    if start < 0:
        return ""
    start += len(marker)
    end = tag.find('"', start)
    return tag[start:end] if end > start else ""
