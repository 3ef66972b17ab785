"""IDG262: a Bicep parameter for a secret declared without `@secure()`."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from ..secrets.words import identifier_words, is_secret_name
from .support.guard import ConfigContext, ConfigGuard
from .support.parse import LDict, LStr

# The name of a secret's location or metadata, not the secret (`adminPasswordSecretName`, `keyVaultUri`).
_METADATA_WORDS = {"id", "name", "uri", "url", "path", "ref", "version", "length", "expiry", "type"}


class BicepSecretParameterNotSecure(ConfigGuard):
    """
    ## What it does
    Finds Bicep `param` declarations named like credentials (`adminPassword`,
    `clientSecret`, `storageAccountKey`, `sasToken`) of type `string` or
    `object` without the `@secure()` decorator, and `@secure()` parameters
    with a literal default value.

    ## Why is this bad?
    Without `@secure()` the value is stored in plain text in the deployment
    history of the resource group, shown in the portal and returned by
    `az deployment show` to anyone with read access, long after the
    deployment.

    ## Example
    ```bicep
    param adminPassword string
    ```

    ## Use instead
    ```bicep
    @secure()
    param adminPassword string
    ```
    """

    id = "IDG262"
    name = "bicep-secret-parameter-not-secure"
    title = "Bicep secret parameter without @secure()"
    meta = GuardMeta(
        cwe=["CWE-532", "CWE-312"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["secrets"],
        urls=["https://learn.microsoft.com/en-us/azure/azure-resource-manager/bicep/parameters#secure-parameters"],
    )
    languages = ("bicep",)
    VALID = [
        Valid(
            """
            @secure()
            param adminPassword string
            """
        ),
        Valid(
            """
            param adminUsername string = 'ops'
            """
        ),
        Valid(
            """
            @description('Name of the Key Vault secret holding the password')
            param adminPasswordSecretName string
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            param adminPassword string
            """,
            line=1,
        ),
        Invalid(
            """
            @description('Client secret of the app registration')
            param clientSecret string
            """,
            line=2,
        ),
        Invalid(
            """
            param storageAccountKey string = ''
            """,
            line=1,
        ),
        Invalid(
            """
            @secure()
            param adminPassword string = 'hunter2-vm'
            """,
            line=2,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for document in ctx.documents:
            parameters = document.get("parameters") if isinstance(document, LDict) else None
            if not isinstance(parameters, LDict):
                continue
            for name, parameter in parameters.items():
                if not isinstance(parameter, LDict):
                    continue
                default = parameter.get("defaultValue")
                if parameter.get("secure") and isinstance(default, LStr) and not default.expr and default.strip():
                    findings.append(
                        self.finding(
                            ctx,
                            parameter.line_of("defaultValue"),
                            f"Secure parameter `{name}` has a literal default: the secret is written in the file.",
                            fix="Remove the default; pass the value at deployment from Key Vault (`getSecret`).",
                        )
                    )
                    continue
                if parameter.get("secure"):
                    continue
                words = identifier_words(name)
                kind = str(parameter.get("type", "")).strip()
                if not words or words[-1] in _METADATA_WORDS or kind not in ("string", "object"):
                    continue
                if is_secret_name(name):
                    findings.append(
                        self.finding(
                            ctx,
                            parameters.line_of(name),
                            f"Parameter `{name}` holds a secret but is not `@secure()`: its value stays readable "
                            "in the deployment history.",
                            fix="Add `@secure()` above the parameter.",
                        )
                    )
        return findings
