"""IDG219: a managed Redis cache that accepts clients without authentication."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.cloudformation import is_false, is_true
from .support.guard import ConfigContext, ConfigGuard


class RedisAuthDisabled(ConfigGuard):
    """
    ## What it does
    Finds managed Redis caches that let clients in without credentials:
    ElastiCache replication groups with `transit_encryption_enabled = false`
    (`TransitEncryptionEnabled: false`; Redis AUTH and RBAC need in-transit
    encryption) or with neither an `auth_token` nor `user_group_ids`, and
    Google Memorystore instances without `auth_enabled = true`. Memcached
    and Valkey serverless caches are not checked.

    ## Why is this bad?
    Redis without AUTH answers every host that reaches its port: session
    stores, tokens and queues are readable and writable by any workload in the
    network, and a compromised pod can rewrite sessions to impersonate users.

    ## Example
    ```hcl
    resource "aws_elasticache_replication_group" "sessions" {
      engine                     = "redis"
      transit_encryption_enabled = false
    }
    ```

    ## Use instead
    ```hcl
    resource "aws_elasticache_replication_group" "sessions" {
      engine                     = "redis"
      transit_encryption_enabled = true
      auth_token                 = data.aws_secretsmanager_secret_version.redis.secret_string
    }
    ```
    """

    id = "IDG219"
    name = "redis-auth-disabled"
    title = "Managed Redis without authentication"
    meta = GuardMeta(
        cwe=["CWE-306"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["password"],
        see_also=[
            "AWS Foundational Security Best Practices ElastiCache.6",
        ],
        urls=["https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/auth.html"],
    )
    languages = ("terraform", "json", "yaml")
    VALID = [
        Valid(
            """
            resource "aws_elasticache_replication_group" "r" {
              transit_encryption_enabled = true
              auth_token = var.redis_auth
            }
            """
        ),
        Valid(
            """
            resource "google_redis_instance" "r" {
              name = "cache"
              auth_enabled = true
            }
            """
        ),
        Valid(
            """
            resource "aws_elasticache_replication_group" "r" {
              transit_encryption_enabled = true
              user_group_ids = [aws_elasticache_user_group.app.id]
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "aws_elasticache_replication_group" "r" {
              engine = "redis"
              transit_encryption_enabled = false
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "google_redis_instance" "r" {
              name = "cache"
            }
            """,
            line=1,
        ),
        Invalid(
            """
            resource "aws_elasticache_replication_group" "r" {
              transit_encryption_enabled = true
            }
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        places = [
            (
                b.labels[0],
                b.line,
                b.get("engine"),
                b.get("transit_encryption_enabled"),
                b.line_of("transit_encryption_enabled"),
                b.get("auth_token") or b.get("user_group_ids"),
            )
            for b in ctx.terraform_resources("aws_elasticache_replication_group")
        ] + [
            (
                r.type,
                r.line,
                r.properties.get("Engine"),
                r.properties.get("TransitEncryptionEnabled"),
                r.properties.line_of("TransitEncryptionEnabled"),
                r.properties.get("AuthToken") or r.properties.get("UserGroupIds"),
            )
            for r in ctx.cfn_resources("AWS::ElastiCache::ReplicationGroup")
        ]
        findings = []
        for kind, line, engine, transit, transit_line, credentials in places:
            if engine is not None and "redis" not in str(engine).lower() and "valkey" not in str(engine).lower():
                continue
            if is_false(transit) or (transit is None and not credentials):
                findings.append(
                    self.finding(
                        ctx,
                        transit_line if transit is not None else line,
                        f"`{kind}` without in-transit encryption cannot require Redis AUTH: any host that reaches "
                        "the port can read and write the cache.",
                        fix="Set `transit_encryption_enabled = true` with an `auth_token` or RBAC `user_group_ids`.",
                    )
                )
            elif not credentials:
                findings.append(
                    self.finding(
                        ctx,
                        line,
                        f"`{kind}` has neither an `auth_token` nor `user_group_ids`: clients connect without "
                        "credentials.",
                        fix="Set an `auth_token` from a secret store, or RBAC `user_group_ids`.",
                    )
                )
        for block in ctx.terraform_resources("google_redis_instance"):
            if not is_true(block.get("auth_enabled")) and not getattr(block.get("auth_enabled"), "expr", False):
                findings.append(
                    self.finding(
                        ctx,
                        block.line_of("auth_enabled"),
                        "Memorystore for Redis without `auth_enabled = true`: any client in the network connects "
                        "without credentials.",
                        fix="Set `auth_enabled = true` and read the AUTH string from Secret Manager.",
                    )
                )
        return findings
