"""IDG227: a kubeconfig cluster entry that skips verifying the API server's certificate."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.cloudformation import is_true
from .support.guard import ConfigContext, ConfigGuard
from .support.parse import LDict
from .support.terraform import as_list


class KubeconfigSkipTlsVerify(ConfigGuard):
    """
    ## What it does
    Finds `insecure-skip-tls-verify: true` in the clusters of a kubeconfig
    (`kind: Config`), and `insecure = true` in the `kubernetes` and `helm`
    Terraform providers.

    ## Why is this bad?
    The client sends its credential (a bearer token, an exec plugin's token,
    a client certificate's handshake) to whatever answers at the server
    address. Anyone on the network path can impersonate the API server and
    collect the token, then use it against the real cluster.

    ## Example
    ```yaml
    kind: Config
    clusters:
      - name: prod
        cluster:
          server: https://k8s.example.internal:6443
          insecure-skip-tls-verify: true
    ```

    ## Use instead
    ```yaml
    kind: Config
    clusters:
      - name: prod
        cluster:
          server: https://k8s.example.internal:6443
          certificate-authority: /etc/pki/prod-ca.crt
    ```
    """

    id = "IDG227"
    name = "kubeconfig-skip-tls-verify"
    title = "Kubeconfig skips the API server's certificate check"
    meta = GuardMeta(
        cwe=["CWE-295"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.DS-02"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["token"],
        urls=["https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/"],
    )
    languages = ("yaml", "json", "terraform")  # kubeconfigs are YAML; the Terraform providers have `insecure`
    VALID = [
        Valid(
            """
            kind: Config
            clusters:
              - name: prod
                cluster:
                  server: https://k8s:6443
                  certificate-authority: /etc/ca.crt
            """
        ),
        Valid(
            """
            kind: Config
            clusters:
              - name: dev
                cluster:
                  server: https://k8s:6443
                  insecure-skip-tls-verify: false
            """
        ),
        Valid(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              annotations:
                insecure-skip-tls-verify: 'true'
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            kind: Config
            clusters:
              - name: prod
                cluster:
                  server: https://k8s:6443
                  insecure-skip-tls-verify: true
            """,
            line=6,
        ),
        Invalid(
            """
            {"kind": "Config", "clusters": [{"name": "p", "cluster": {"server": "https://k:6443", "insecure-skip-tls-verify": true}}]}
            """,
            line=1,
        ),
        Invalid(
            """
            apiVersion: v1
            kind: Config
            clusters:
              - name: a
                cluster:
                  server: https://a:6443
                  certificate-authority: /etc/a.crt
              - name: b
                cluster:
                  server: https://b:6443
                  insecure-skip-tls-verify: "true"
            """,
            line=11,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        places = []
        for document in ctx.documents:
            if not isinstance(document, LDict):
                continue
            if document.get("kind") == "Config":
                for entry in as_list(document.get("clusters")):
                    cluster = entry.get("cluster") if isinstance(entry, LDict) else None
                    if isinstance(cluster, LDict) and is_true(cluster.get("insecure-skip-tls-verify")):
                        places.append(cluster.line_of("insecure-skip-tls-verify"))
            for provider in as_list(document.get("provider")):
                if isinstance(provider, LDict) and provider.labels[:1] in (("kubernetes",), ("helm",)):
                    settings = provider if provider.labels[0] == "kubernetes" else _helm_kubernetes(provider)
                    if settings is not None and is_true(settings.get("insecure")):
                        places.append(settings.line_of("insecure"))
        return [
            self.finding(
                ctx,
                line,
                "The client does not verify the API server's certificate: anyone on the network path can "
                "impersonate the server and collect the credential it sends.",
                fix="Remove the setting and give the cluster's CA (`certificate-authority` or `-data`).",
            )
            for line in places
        ]


def _helm_kubernetes(provider: LDict) -> LDict | None:
    inner = as_list(provider.get("kubernetes"))
    return inner[0] if inner and isinstance(inner[0], LDict) else None
