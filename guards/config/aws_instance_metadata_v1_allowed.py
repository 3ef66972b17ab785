"""IDG217: an EC2 instance or launch template that still answers IMDSv1 (no session token)."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.cloudformation import CfnResource
from .support.guard import ConfigContext, ConfigGuard
from .support.parse import LDict
from .support.terraform import first_block

_WRITTEN = "`http_tokens = optional`"
_DEFAULTED = "no `http_tokens`: the default is optional"
_TF_TYPES = ("aws_instance", "aws_launch_template", "aws_launch_configuration", "aws_spot_instance_request")


def _tf_has_role(block: LDict) -> bool:
    return block.get("iam_instance_profile") not in (None, "", [])


def _cfn_data(resource: CfnResource) -> LDict:
    data = resource.properties.get("LaunchTemplateData")
    return data if isinstance(data, LDict) else resource.properties


class AwsInstanceMetadataV1Allowed(ConfigGuard):
    """
    ## What it does
    Finds EC2 instances, launch templates and launch configurations (Terraform
    and CloudFormation) whose instance metadata service accepts IMDSv1:
    `http_tokens = "optional"` (`HttpTokens: optional`), or no
    `metadata_options` at all (the API default is `optional`). High when the
    instance has an instance profile (a role whose credentials IMDS serves),
    low without one; `http_endpoint = "disabled"` is fine. A value the file
    does not resolve (a variable without a default) is low: unknown, reviewed.

    ## Why is this bad?
    IMDSv1 answers any plain GET from the instance. A server-side request
    forgery in the application (a URL fetcher, an image proxy, an XML parser)
    reads `169.254.169.254/latest/meta-data/iam/security-credentials/` and
    returns the role's credentials to the attacker, as in the Capital One
    breach. IMDSv2 requires a session token obtained with a PUT, which SSRF
    rarely can send.

    ## Example
    ```hcl
    resource "aws_instance" "web" {
      iam_instance_profile = aws_iam_instance_profile.web.name
      metadata_options {
        http_tokens = "optional"
      }
    }
    ```

    ## Use instead
    ```hcl
    resource "aws_instance" "web" {
      iam_instance_profile = aws_iam_instance_profile.web.name
      metadata_options {
        http_tokens                 = "required"
        http_put_response_hop_limit = 1
      }
    }
    ```
    """

    id = "IDG217"
    name = "aws-instance-metadata-v1-allowed"
    title = "EC2 instance metadata accepts IMDSv1"
    meta = GuardMeta(
        cwe=["CWE-918", "CWE-522"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["service_account"],
        see_also=[
            "AWS Foundational Security Best Practices EC2.8",
        ],
        urls=["https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html"],
    )
    languages = ("terraform", "json", "yaml")
    VALID = [
        Valid(
            """
            resource "aws_instance" "web" {
              iam_instance_profile = "web"
              metadata_options {
                http_tokens = "required"
              }
            }
            """
        ),
        Valid(
            """
            resource "aws_instance" "mirror" {
              metadata_options {
                http_endpoint = "disabled"
              }
            }
            """
        ),
        Valid(
            """
            resource "aws_launch_template" "t" {
              iam_instance_profile {
                name = "web"
              }
              metadata_options {
                http_endpoint = "enabled"
                http_tokens = "required"
              }
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "aws_instance" "web" {
              iam_instance_profile = "web"
              metadata_options {
                http_tokens = "optional"
              }
            }
            """,
            line=4,
        ),
        Invalid(
            """
            resource "aws_launch_template" "nodes" {
              iam_instance_profile {
                name = "render"
              }
            }
            """,
            line=1,
        ),
        Invalid(
            """
            resource "aws_launch_configuration" "workers" {
              iam_instance_profile = aws_iam_instance_profile.w.name
              metadata_options {
                http_endpoint = "enabled"
              }
            }
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for block in ctx.terraform_resources(*_TF_TYPES):
            options = first_block(block.get("metadata_options"))
            findings += self._judge(
                ctx,
                block.labels[0],
                _tf_has_role(block),
                block.line,
                None if options is None else (options.get("http_endpoint"), options.get("http_tokens")),
                options.line_of("http_tokens") if options is not None else block.line,
            )
        for resource in ctx.cfn_resources("AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"):
            data = _cfn_data(resource)
            options = data.get("MetadataOptions")
            options = options if isinstance(options, LDict) else None
            findings += self._judge(
                ctx,
                resource.type,
                data.get("IamInstanceProfile") is not None,
                resource.line,
                None if options is None else (options.get("HttpEndpoint"), options.get("HttpTokens")),
                options.line_of("HttpTokens") if options is not None else resource.line,
            )
        return findings

    def _judge(
        self, ctx: ConfigContext, kind: str, has_role: bool, line: int, options: tuple | None, tokens_line: int
    ) -> list[Finding]:
        endpoint, tokens = options if options is not None else (None, None)
        if str(endpoint or "").lower() == "disabled" or str(tokens or "").lower() == "required":
            return []
        if tokens is not None and getattr(tokens, "expr", False):
            # A reference the module does not resolve: unknown, so reviewed, never judged safe.
            return [
                self.finding(
                    ctx,
                    tokens_line,
                    f"`{kind}` takes `http_tokens` from `{tokens}`, which this file does not resolve: IMDSv1 may "
                    "be allowed.",
                    fix='Set `http_tokens = "required"` here, or make sure every caller passes "required".',
                    severity=Severity.low,
                )
            ]
        written = tokens is not None
        role = "its role's credentials" if has_role else "instance credentials"
        return [
            self.finding(
                ctx,
                tokens_line if written else line,
                f"`{kind}` accepts IMDSv1 ({_WRITTEN if written else _DEFAULTED}):"
                f" an SSRF in the workload can read {role} from the metadata service.",
                fix='Set `metadata_options { http_tokens = "required" }` (CloudFormation `HttpTokens: required`).',
                severity=Severity.high if has_role else Severity.low,
            )
        ]
