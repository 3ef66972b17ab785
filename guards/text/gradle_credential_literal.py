"""IDG263: a repository or signing credential written as a literal into a Gradle build script."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from ..secrets.values import quoted_value_is_secret
from ..secrets.words import is_secret_name
from ..text_support import TextContext, TextGuard

# `password = '...'`, `ext['signing.password'] = "..."`, `signing.password=...` (gradle.properties style).
_ASSIGNMENT = re.compile(
    r"""^\s*(?:ext\s*\[\s*['"](?P<ext>[\w.-]+)['"]\s*\]|(?:ext\.)?(?P<name>[\w.]+))\s*=\s*(?P<value>.+?)\s*(?://.*)?$"""
)
_QUOTED = r"""(?:'([^'\\]*)'|"([^"\\$]*)")"""
# The whole value is one literal, or a literal fallback: `findProperty('x') ?: '...'`, `.getOrElse('...')`.
_LITERAL = re.compile(rf"^{_QUOTED}$")
_FALLBACK = re.compile(rf"(?:\?:\s*{_QUOTED}\s*$)|(?:\.getOrElse\(\s*{_QUOTED}\s*\)\s*$)")


def _last_word(name: str) -> str:
    return name.rsplit(".", 1)[-1]


class GradleCredentialLiteral(TextGuard):
    """
    ## What it does
    Finds credentials written as literals into Gradle build scripts
    (`*.gradle`): `password = '...'` in a repository's `credentials` block,
    `ext['signing.password'] = '...'`, and literal fallbacks such as
    `project.findProperty('releasePassword') ?: '...'` or
    `providers.environmentVariable('TOKEN').getOrElse('...')`, under any name
    that is a credential (`password`, `token`, `secretKey`, `apiKey`).
    Empty fallbacks (`getOrElse('')`) and interpolated strings are fine.

    ## Why is this bad?
    Build scripts are committed, copied between projects and printed in CI
    logs. A fallback password "for local builds" is the production password
    the day the property is missing, and it publishes or signs artifacts as
    the release account.

    ## Example
    ```groovy
    credentials {
        username = 'ci-publisher'
        password = project.findProperty('releasePassword') ?: 'fallback-pass'
    }
    ```

    ## Use instead
    ```groovy
    credentials(PasswordCredentials)  // reads releasesUsername / releasesPassword from the environment
    ```
    """

    id = "IDG263"
    name = "gradle-credential-literal"
    title = "Credential written into a Gradle build script"
    languages = ("gradle",)
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-259"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["secrets", "password"],
        urls=["https://docs.gradle.org/current/userguide/declaring_repositories.html#sec:handling_credentials"],
    )
    VALID = [
        Valid(
            """
            credentials {
                username = repoUser.getOrElse('')
                password = repoToken.getOrElse('')
            }
            """
        ),
        Valid(
            """
            credentials(PasswordCredentials)
            """
        ),
        Valid(
            """
            password = project.findProperty('releasePassword')
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            credentials {
                username = 'ci'
                password = 'not-a-real-pw-1'
            }
            """,
            line=3,
        ),
        Invalid(
            """
            password = project.findProperty('releasePassword') ?: 'fallback-pass-2'
            """,
            line=1,
        ),
        Invalid(
            """
            ext['signing.password'] = 'fixture-signing-3'
            """,
            line=1,
        ),
    ]

    def check(self, ctx: TextContext) -> list[Finding]:
        findings = []
        for number, line in enumerate(ctx.text.splitlines(), start=1):
            match = _ASSIGNMENT.match(line)
            if not match:
                continue
            name = match.group("ext") or match.group("name") or ""
            if not is_secret_name(_last_word(name)):
                continue
            value = match.group("value")
            literal = _LITERAL.match(value) or _FALLBACK.search(value)
            if not literal:
                continue
            text = next((g for g in literal.groups() if g is not None), "")
            if not quoted_value_is_secret(text):
                continue
            findings.append(
                self.finding(
                    ctx,
                    number,
                    f"`{name}` is given a literal value in the build script"
                    + (" as a fallback" if literal.re is _FALLBACK else "")
                    + ": the credential is committed with the build.",
                    fix="Read it from Gradle properties or the environment with no fallback "
                    "(`credentials(PasswordCredentials)`, `providers.gradleProperty(...)`).",
                )
            )
        return findings
