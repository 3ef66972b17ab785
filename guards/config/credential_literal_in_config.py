"""IDG261: a password, key or token written as a literal into Terraform, CloudFormation or Kubernetes."""

from __future__ import annotations

from typing import Any, TypeGuard

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from ..secrets.values import is_secret_manager_path, quoted_value_is_secret
from ..secrets.words import identifier_words, is_secret_name
from .support.guard import ConfigContext, ConfigGuard
from .support.kubernetes import pod_specs
from .support.parse import LDict, LStr
from .support.terraform import as_list, blocks

# The credential's identifier or location, not the credential (`secret_id`, `password_arn`).
_METADATA_WORDS = {"id", "arn", "name", "path", "ref", "version", "length", "ttl", "policy", "rotation", "type"}


def _credential_key(name: str) -> bool:
    if ":" in name:  # an IAM condition key (`token.actions.githubusercontent.com:sub`)
        return False
    words = identifier_words(name)
    # `Sid` is an IAM statement id, not a session id.
    return bool(words) and words != ["sid"] and words[-1] not in _METADATA_WORDS and is_secret_name(name)


def _literal_secret(value: Any) -> TypeGuard[LStr]:
    if not isinstance(value, LStr) or value.expr or "${" in value:
        return False
    return quoted_value_is_secret(str(value)) and not is_secret_manager_path(str(value))


class CredentialLiteralInConfig(ConfigGuard):
    """
    ## What it does
    Finds credentials written as literals into infrastructure code: Terraform
    arguments named like credentials (`password`, `master_password`,
    `admin_password`, `secret_key`, `access_key`, `auth_token`,
    `client_secret` ...) of resources, providers, modules and Lambda
    `environment.variables`, `default`s of such variables, CloudFormation
    properties (`MasterUserPassword`, environment variables), Kubernetes
    ConfigMap and Secret entries and container `env` values.
    Any literal counts, including a human-chosen password a secret scanner
    finds too regular (IDG001 may report a secret-shaped one as well);
    references (`var.x`, `!Ref`, `{{resolve:...}}`) and placeholders are not
    reported.

    ## Why is this bad?
    The value ends up in the repository, its history, every clone and the
    Terraform state; rotating it means rewriting all of them. Anyone who can
    read the code can log in as the database or cloud account.

    ## Example
    ```hcl
    resource "aws_db_instance" "reports" {
      username = "reporting_admin"
      password = "hunter2-reports"
    }
    ```

    ## Use instead
    ```hcl
    resource "aws_db_instance" "reports" {
      username                    = "reporting_admin"
      manage_master_user_password = true
    }
    ```
    """

    id = "IDG261"
    name = "credential-literal-in-config"
    title = "Credential written into infrastructure code"
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-259"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01", "PR.DS-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["secrets", "password"],
    )
    languages = ("terraform", "json", "yaml")
    VALID = [
        Valid(
            """
            variable "vendor_api_token_secret" {
              description = "Secrets Manager name holding the vendor API token"
              default     = "export/vendor-api-token"
            }
            """
        ),
        Valid(
            """
            resource "aws_db_instance" "db" {
              username = "app"
              password = var.db_password
            }
            """
        ),
        Valid(
            """
            resource "aws_db_instance" "db" {
              username = "app"
              manage_master_user_password = true
            }
            """
        ),
        Valid(
            """
            data "aws_secretsmanager_secret_version" "s" {
              secret_id = "orders/replica-reader"
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "aws_db_instance" "db" {
              username = "app"
              password = "hunter2-orders"
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "azurerm_linux_virtual_machine" "vm" {
              admin_username = "ops"
              admin_password = "not-a-real-pw-1"
            }
            """,
            line=3,
        ),
        Invalid(
            """
            variable "db_password" {
              type = string
              default = "changeme-prod-7"
            }
            """,
            line=3,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        places: list[tuple[str, LStr]] = []
        for document in ctx.documents:
            if not isinstance(document, LDict):
                continue
            for block_type in ("resource", "data", "provider", "module"):
                for block in blocks(document.get(block_type)):
                    if block.block_type == block_type:  # a Terraform block, not a manifest's `data:`
                        places += _secret_values(block)
            for variable in blocks(document.get("variable")):
                default = variable.get("default")
                if variable.labels and _credential_key(variable.labels[0]) and _literal_secret(default):
                    places.append((variable.labels[0], default))
            resources = document.get("Resources")
            if isinstance(resources, LDict):
                places += _secret_values(resources)
                # CloudFormation parameters: a credential's `Default` is in the template (and `NoEcho` hides
                # only its echo in the console, not the template).
                parameters = document.get("Parameters")
                for name, parameter in parameters.items() if isinstance(parameters, LDict) else ():
                    default = parameter.get("Default") if isinstance(parameter, LDict) else None
                    if _credential_key(str(name)) and _literal_secret(default):
                        places.append((str(name), default))
        places += _kubernetes_values(ctx)
        return [
            self.finding(
                ctx,
                value.line,
                f"`{name}` is written into the configuration: the credential is in the repository and the state.",
                fix="Read it from a secret store (`manage_master_user_password`, Secrets Manager, Key Vault, "
                "a sensitive variable supplied by the pipeline).",
            )
            for name, value in places
        ]


def _secret_values(container: Any, depth: int = 0) -> list[tuple[str, LStr]]:
    found: list[tuple[str, LStr]] = []
    if depth > 12:
        return found
    if isinstance(container, LDict):
        for key, value in container.items():
            value = _joined(value)
            if _credential_key(str(key)) and _literal_secret(value):
                found.append((str(key), value))
            elif isinstance(value, (LDict, list)):
                found += _secret_values(value, depth + 1)
    elif isinstance(container, list):
        for item in container:
            found += _secret_values(item, depth + 1)
    return found


def _joined(value: Any) -> Any:
    """`!Join ["", ["mail-", "Q8vR2kLp9z"]]` (a YAML tag is not kept: a separator and a list of literals)
    as the one literal it makes; anything else as it is."""
    if (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], LStr)
        and not value[0].expr
        and isinstance(value[1], list)
        and value[1]
        and all(isinstance(part, LStr) and not part.expr and "${" not in part for part in value[1])
    ):
        return LStr(str(value[0]).join(str(part) for part in value[1]), value[1][0].line)
    return value


def _kubernetes_values(ctx: ConfigContext) -> list[tuple[str, LStr]]:
    """ConfigMap and Secret `data`/`stringData` entries, and container `env` name/value pairs."""
    found: list[tuple[str, LStr]] = []
    for obj in ctx.k8s_objects:
        if obj.get("kind") in ("ConfigMap", "Secret"):
            for section in ("data", "stringData"):
                entries = obj.get(section)
                if isinstance(entries, LDict):
                    found += [(str(k), v) for k, v in entries.items() if _credential_key(str(k)) and _literal_secret(v)]
    for spec in pod_specs(ctx.k8s_objects):
        for container in as_list(spec.get("containers")) + as_list(spec.get("initContainers")):
            for variable in as_list(container.get("env")) if isinstance(container, LDict) else []:
                if not isinstance(variable, LDict):
                    continue
                name, value = str(variable.get("name", "")), variable.get("value")
                if _credential_key(name) and _literal_secret(value):
                    found.append((name, value))
    return found
