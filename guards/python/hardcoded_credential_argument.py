"""IDG102: a credential passed as a string literal to a client, connection or auth call."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.credential_literals import QuietInTests, literal_string, looks_like_credential, passes_literal_string
from .support.words import secret_kind

_CREDENTIAL_KINDS = frozenset({"password", "secret", "api_key", "key", "token", "credential"})
# Positional credential slots of well-known constructors: call-name suffix -> index.
_POSITIONAL_SECRET = {
    "HTTPBasicAuth": 1,
    "HTTPDigestAuth": 1,
    "ClientSecretCredential": 2,
    "UsernamePasswordCredential": 2,  # (client_id, username, password)
    "BasicAuth": 1,
    "PlainCredentials": 1,
}
# Positional password slots of client libraries, by qualified-name prefix: redis `Redis(host, port, db, password)`,
# ftplib `FTP(host, user, passwd)`, ldap3 `Connection(server, user, password)`, MySQLdb `connect(host, user, passwd)`.
_QUALIFIED_POSITIONAL_SECRET = {
    "redis.Redis": 3,
    "redis.StrictRedis": 3,
    "redis.client.Redis": 3,
    "redis.asyncio.Redis": 3,
    "redis.asyncio.StrictRedis": 3,
    "ftplib.FTP": 2,
    "ftplib.FTP_TLS": 2,
    "ldap3.Connection": 2,
    "MySQLdb.connect": 2,
    "MySQLdb.Connect": 2,
    "pymysql.connect": 2,
    "mysql.connector.connect": 2,
}
_DICT_CREDENTIAL_KINDS = frozenset({"password", "api_key", "token", "credential"})
_AUTH_SCHEMES = ("bearer ", "token ", "basic ", "apikey ", "api-key ")

_CONFIG_SETTERS = frozenset({"update", "setdefault", "dict"})


def _is_auth_tuple(arg: cst.Arg) -> bool:
    """`auth=(user, password)`, as requests and httpx take it."""
    return arg.keyword is not None and arg.keyword.value == "auth" and isinstance(arg.value, cst.Tuple)


class HardcodedCredentialArgument(QuietInTests):
    """
    ## What it does
    Finds credentials written as string literals into calls: cloud clients
    (`boto3.client(..., aws_secret_access_key="...")`, `boto3.Session(...)`,
    Azure `ClientSecretCredential(tenant, client, "...")`), database and cache
    connections (`psycopg2.connect(password="...")`, `redis.Redis(password=...)`),
    OAuth clients (`client_secret="..."`), HTTP auth (`HTTPBasicAuth("u", "...")`,
    `auth=("u", "...")`), `server.login(user, "...")`, and credential entries of
    dict literals (Django `DATABASES = {... "PASSWORD": "..."}`, an
    `"Authorization": "Bearer ..."` header). Any value counts, not
    only secret-shaped ones; placeholders, key-file paths, secret-manager
    references and public key material do not. Test code is skipped.

    ## Why is this bad?
    The credential is in every clone, fork, backup and build log, and rotating
    it needs a code change. Low-entropy values ("admin", "postgres") that a
    secret scanner ignores are the easiest to guess.

    ## Example
    ```python
    s3 = boto3.client("s3", aws_access_key_id=KEY_ID, aws_secret_access_key="...")
    ```

    ## Use instead
    ```python
    s3 = boto3.client("s3")  # credentials from the role / environment / SSO profile
    ```
    """

    id = "IDG102"
    name = "hardcoded-credential-argument"
    title = "Hard-coded credential passed to a call"
    meta = GuardMeta(
        cwe=["CWE-798"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01", "PR.DS-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["secrets"],
    )
    VALID = [
        Valid(
            """
            import os, redis
            cache = redis.Redis("cache.internal", 6379, 2, os.environ["REDIS_PASSWORD"])
            """
        ),
        Valid(
            """
            import redis
            cache = redis.Redis("cache.internal", 6379, 2)
            """
        ),
        Valid(
            """
            import boto3
            s3 = boto3.client("s3", region_name="eu-west-1")
            """
        ),
        Valid(
            """
            import psycopg2
            conn = psycopg2.connect(host=h, user="app", password=os.environ["DB_PASSWORD"])
            """
        ),
        Valid(
            """
            oauth.register("github", client_id=CLIENT_ID, client_secret=settings.GITHUB_SECRET, token_endpoint_auth_method="client_secret_post")
            """
        ),
        Valid(
            """
            client = Client(token_type="Bearer", private_key="keys/service.pem", api_key_header="X-API-Key")
            """
        ),
        Valid(
            """
            sm.get_secret_value(SecretId="prod/db")
            """
        ),
        Valid(
            """
            errors = {"password": "This field is required.", "token_type": "bearer"}
            labels = {"password": "Password"}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import boto3
            s3 = boto3.client("s3", aws_access_key_id=KEY_ID, aws_secret_access_key="not-a-real-secret")
            """,
            line=2,
        ),
        Invalid(
            """
            import psycopg2
            conn = psycopg2.connect(host="db", user="app", password="postgres")
            """,
            line=2,
        ),
        Invalid(
            """
            import redis
            cache = redis.Redis("cache.internal", 6379, 2, "c4che-pass")
            """,
            line=2,
        ),
        Invalid(
            """
            from ftplib import FTP
            ftp = FTP("files.internal", "deploy", "deploy-pass")
            """,
            line=2,
        ),
        Invalid(
            """
            from requests.auth import HTTPBasicAuth
            r = requests.get(url, auth=HTTPBasicAuth("svc", "hunter2"))
            """,
            line=2,
        ),
        Invalid(
            """
            r = requests.post(TOKEN_URL, auth=("client", "s3cr3t"), data=form)
            """,
            line=1,
        ),
        Invalid(
            """
            from azure.identity import ClientSecretCredential
            cred = ClientSecretCredential(TENANT, CLIENT_ID, "shh-its-a-secret")
            """,
            line=2,
        ),
        Invalid(
            """
            DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "USER": "app", "PASSWORD": "app-db-pass"}}
            """,
            line=1,
        ),
        Invalid(
            """
            resp = requests.get(URL, headers={"Authorization": "Bearer static-service-token-123"})
            """,
            line=1,
        ),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        if not passes_literal_string(node) and not any(_is_auth_tuple(arg) for arg in node.args):
            return  # nothing written into the code is passed: no need to resolve the callee's name
        name = self.ctx.call_name(node) or ""
        last = name.rsplit(".", 1)[-1]
        if last in _CONFIG_SETTERS:
            return  # `app.config.update(SECRET_KEY=...)` is a settings write: IDG103 reports it
        for arg in node.args:
            if arg.keyword is None:
                continue
            keyword = arg.keyword.value
            if keyword == "auth" and isinstance(arg.value, cst.Tuple) and len(arg.value.elements) == 2:
                if looks_like_credential(literal_string(self.ctx, arg.value.elements[1].value)):
                    self._report(arg.value.elements[1].value, "auth tuple password")
                continue
            if secret_kind(keyword) in _CREDENTIAL_KINDS and looks_like_credential(literal_string(self.ctx, arg.value)):
                self._report(arg.value, f"`{keyword}=`")
        index = _POSITIONAL_SECRET.get(last)
        if index is None:
            index = _QUALIFIED_POSITIONAL_SECRET.get(name)
        if index is None and last == "login" and len([a for a in node.args if a.keyword is None]) == 2:
            index = 1
        if index is not None:
            value = self.ctx.positional(node, index)
            if looks_like_credential(literal_string(self.ctx, value)):
                assert value is not None
                self._report(value, f"argument {index + 1} of `{last}`")

    def visit_DictElement(self, node: cst.DictElement) -> None:
        # DATABASES = {"default": {"PASSWORD": "postgres"}}, headers={"Authorization": "Bearer abc..."}
        key = self.ctx.string_value(node.key)
        if key is None or secret_kind(key) not in _DICT_CREDENTIAL_KINDS:
            return
        value = literal_string(self.ctx, node.value)
        if value is None or any(c.isspace() for c in value.strip()) and not value.lower().startswith(_AUTH_SCHEMES):
            return  # "This field is required." is a message, not a password
        for scheme in _AUTH_SCHEMES:
            if value.lower().startswith(scheme):
                value = value[len(scheme) :]
        if looks_like_credential(value) and value.replace(" ", "_").lower() != key.replace("-", "_").lower():
            self._report(node.value, f"`{key}` entry")

    def _report(self, node: cst.CSTNode, where: str) -> None:
        self.report(
            node,
            f"A credential is written into the code ({where}).",
            fix="Remove it, rotate it, and load it at run time: an IAM role / workload identity, "
            '`os.environ["..."]`, or your secrets manager.',
        )
