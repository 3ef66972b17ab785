"""IDG132: an IAM policy document built in Python with `"Action": "*"` or an unscoped `"Resource": "*"`."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.words import literal_keys
from .support.guard import PythonGuard

_READ_ONLY_PREFIXES = ("get", "list", "describe", "head", "batchget", "lookup", "view", "search")


class IamPolicyWildcard(PythonGuard):
    """
    ## What it does
    Finds AWS IAM policy statements built as Python dicts (then passed through
    `json.dumps` to `put_role_policy`, `create_policy`, `put_user_policy`, or a
    variable) and CDK `iam.PolicyStatement(...)` calls that allow every action
    (`"Action": "*"`, `"s3:*"`, `"iam:*"`), use `NotAction` with `Allow`, or
    allow write actions on `"Resource": "*"`. Read-only actions on `"*"` (for
    example `ec2:DescribeInstances`, which has no resource scoping) are allowed.

    ## Why is this bad?
    A wildcard action makes the principal an administrator of that service (or
    of the account, for `"*"`); a write action on every resource lets one
    compromised workload change data and identities it has nothing to do with.

    ## Example
    ```python
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    iam.put_role_policy(RoleName=name, PolicyName="app", PolicyDocument=json.dumps(policy))
    ```

    ## Use instead
    ```python
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": f"arn:aws:s3:::{bucket}/*"}]}
    ```
    """

    id = "IDG132"
    name = "iam-policy-wildcard"
    title = "IAM policy allows every action or every resource"
    fix_hint = "Allow only the specific actions the workload calls, on the specific resource ARNs it uses."
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-732"],
        owasp_nhi=["NHI5", "NHI6"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["iam_policy", "service_account"],
        urls=["https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"],
    )
    VALID = [
        Valid(
            """
            stmt = {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": f"arn:aws:s3:::{bucket}/*"}
            """
        ),
        Valid(
            """
            stmt = {"Effect": "Allow", "Action": ["ec2:DescribeInstances", "sts:GetCallerIdentity"], "Resource": "*"}
            """
        ),
        Valid(
            """
            stmt = {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
            """
        ),
        Valid(
            """
            from aws_cdk import aws_iam as iam
            stmt = iam.PolicyStatement(actions=["dynamodb:GetItem"], resources=[table.table_arn])
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import json, boto3
            policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
            boto3.client("iam").put_role_policy(RoleName="app", PolicyName="p", PolicyDocument=json.dumps(policy))
            """,
            line=2,
        ),
        Invalid(
            """
            statement = {"Effect": "Allow", "Action": ["s3:*"], "Resource": "arn:aws:s3:::uploads/*"}
            """,
            line=1,
        ),
        Invalid(
            """
            ACTIONS = ["iam:PassRole", "s3:PutObject"]
            stmt = {"Effect": "Allow", "Action": ACTIONS, "Resource": "*"}
            """,
            line=2,
        ),
        Invalid(
            """
            from aws_cdk import aws_iam as iam
            stmt = iam.PolicyStatement(actions=["*"], resources=["*"])
            """,
            line=2,
        ),
        Invalid(
            """
            stmt = {"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}
            """,
            line=1,
        ),
    ]

    def _strings(self, expr: cst.BaseExpression | None, depth: int = 4) -> list[str] | None:
        if depth <= 0:
            return None
        expr = self.ctx.resolve(expr)
        text = self.ctx.string_value(expr)
        if text is not None:
            return [text]
        if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
            out: list[str] = []
            for element in expr.elements:
                inner = self._strings(element.value, depth - 1)
                if inner is None:
                    return None
                out += inner
            return out
        return None

    def _judge(
        self,
        node: cst.CSTNode,
        effect: str | None,
        actions: list[str] | None,
        not_action: bool,
        resources: list[str] | None,
    ) -> None:
        if effect is not None and effect.lower() != "allow":
            return
        if not_action:
            self.report(node, "`Allow` with `NotAction` grants every action except the listed ones.")
            return
        if actions is None:
            return
        wild = [a for a in actions if a == "*" or a.endswith(":*")]
        if wild:
            self.report(node, f"The statement allows every action ({', '.join(sorted(set(wild)))}).")
            return
        if resources is not None and "*" in resources:
            writes = [a for a in actions if not a.split(":", 1)[-1].lower().startswith(_READ_ONLY_PREFIXES)]
            if writes:
                self.report(
                    node,
                    f'Write actions ({", ".join(sorted(set(writes))[:3])}) are allowed on every resource (`"Resource": "*"`).',
                )

    def visit_Dict(self, node: cst.Dict) -> None:
        if not {"Action", "NotAction"} & literal_keys(node):
            return
        items = self.ctx.dict_items(node)
        if not items or not ({"Action", "NotAction"} & items.keys()):
            return
        effect = self.ctx.string_value(items["Effect"]) if "Effect" in items else None
        if "Effect" in items and effect is None:
            return  # computed effect: not judged
        actions = self._strings(items.get("Action")) if "Action" in items else None
        resources = self._strings(items.get("Resource")) if "Resource" in items else None
        self._judge(node, effect, actions, "NotAction" in items, resources)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not (
            isinstance(func, cst.Name)
            or isinstance(func, cst.Attribute)
            and func.attr.value.endswith("PolicyStatement")
        ):
            return  # cheap: only such a name or attribute can resolve to `...PolicyStatement`
        name = self.ctx.call_name(node) or ""
        if not name.endswith("PolicyStatement"):
            return
        effect_arg = self.ctx.kwarg(node, "effect")
        effect = None
        if effect_arg is not None:
            effect = "deny" if "DENY" in self.ctx.source(effect_arg).upper() else "allow"
        actions = self._strings(self.ctx.kwarg(node, "actions"))
        resources = self._strings(self.ctx.kwarg(node, "resources"))
        self._judge(node, effect, actions, self.ctx.kwarg(node, "not_actions") is not None, resources)
